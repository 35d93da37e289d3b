//! Numbers, strings, templates and regular expression literals.

mod common;

use common::*;
use lexer::Tok::{self, *};
use lexer::{Context, Lexer, Span, TemplatePart};
use std::rc::Rc;

#[test]
fn decimal_numbers() {
    assert_eq!(num_value("0"), 0.0);
    assert_eq!(num_value("42"), 42.0);
    assert_eq!(num_value("3.25"), 3.25);
    assert_eq!(num_value(".5"), 0.5);
    assert_eq!(num_value("5."), 5.0);
    assert_eq!(num_value("1e3"), 1000.0);
    assert_eq!(num_value("1E+3"), 1000.0);
    assert_eq!(num_value("2.5e-3"), 0.0025);
    assert_eq!(num_value("1.e2"), 100.0);
    assert_eq!(num_value(".5e1"), 5.0);
    assert_eq!(num_value("0.1"), 0.1);
    assert_eq!(num_value("0e5"), 0.0);
    assert_eq!(num_value("1e400"), f64::INFINITY);
    assert_eq!(num_value("1e-400"), 0.0);
    assert_eq!(num_value("9007199254740993"), 9007199254740992.0);
    assert_eq!(num_value("0.30000000000000004"), 0.30000000000000004);
    assert_eq!(
        num_value("123456789012345678901234567890"),
        1.2345678901234568e29
    );
}

#[test]
fn number_then_member_access() {
    assert_eq!(toks("1..toString"), vec![num(1.0), Dot, id("toString")]);
    assert_eq!(toks("1 .x"), vec![num(1.0), Dot, id("x")]);
    assert_eq!(toks("1.5.x"), vec![num(1.5), Dot, id("x")]);
    assert_eq!(toks("07.x"), vec![num(7.0), Dot, id("x")]);
    assert_eq!(toks("a[0]"), vec![id("a"), LBracket, num(0.0), RBracket]);
    assert_eq!(toks("1-2"), vec![num(1.0), Minus, num(2.0)]);
}

#[test]
fn radix_numbers() {
    assert_eq!(num_value("0x1F"), 31.0);
    assert_eq!(num_value("0XfF"), 255.0);
    assert_eq!(num_value("0o17"), 15.0);
    assert_eq!(num_value("0O7"), 7.0);
    assert_eq!(num_value("0b101"), 5.0);
    assert_eq!(num_value("0B1"), 1.0);
    assert_eq!(num_value("0x0"), 0.0);
    assert_eq!(num_value("0xFFFFFFFFFFFFFFFF"), 18446744073709551615.0);
    // 2^53 + 1 rounds to even; 2^53 + 3 rounds up.
    assert_eq!(num_value("0x20000000000001"), 9007199254740992.0);
    assert_eq!(num_value("0x20000000000003"), 9007199254740996.0);
    // Exactly halfway, but a later bit is set: rounds up.
    assert_eq!(
        num_value("0x200000000000010000000000000001"),
        num_value("0x20000000000002") * 2f64.powi(64)
    );
    assert_eq!(num_value(&format!("0x1{}", "0".repeat(300))), f64::INFINITY);
    assert_eq!(
        num_value(&format!("0b1{}", "0".repeat(1023))),
        2f64.powi(1023)
    );
    assert_eq!(
        num_value(&format!("0o{}", "7".repeat(30))),
        8f64.powi(30) - 1.0
    );
    assert_eq!(num_value("0x000000000000000000000001"), 1.0);
}

#[test]
fn numeric_separators() {
    assert_eq!(num_value("1_000_000"), 1e6);
    assert_eq!(num_value("1_0.0_1e1_0"), 10.01e10);
    assert_eq!(num_value("0x_F".replace("_F", "F_F").as_str()), 255.0);
    assert_eq!(num_value("0b1_0"), 2.0);
    assert_eq!(num_value("0o1_7"), 15.0);
    assert_eq!(num_value(".0_1"), 0.01);
    let trailing = "Numeric separators are not allowed at the end of numeric literals";
    assert_eq!(err("1_").message, trailing);
    assert_eq!(err("1_.5").message, trailing);
    assert_eq!(err("1e1_").message, trailing);
    assert_eq!(err("0x1_").message, trailing);
    assert_eq!(
        err("1__0").message,
        "Only one underscore is allowed as numeric separator"
    );
    assert_eq!(
        err("0_1").message,
        "Numeric separator can not be used after leading 0."
    );
    assert_eq!(
        err("01_1").message,
        "Numeric separator can not be used after leading 0."
    );
    assert_eq!(
        err("08_1").message,
        "Numeric separator can not be used after leading 0."
    );
    assert_eq!(err("0x_1").message, "Invalid or unexpected token");
    assert_eq!(err("1._5").message, "Invalid or unexpected token");
    assert_eq!(err("1e_5").message, "Invalid or unexpected token");
}

#[test]
fn legacy_octal_numbers() {
    let ctx = Rc::new(Context::default());
    assert_eq!(
        toks_in("017 08 09.5 0 0.5 7 00 08e1", ctx.clone()),
        vec![
            num(15.0),
            num(8.0),
            num(9.5),
            num(0.0),
            num(0.5),
            num(7.0),
            num(0.0),
            num(80.0)
        ]
    );
    assert_eq!(
        *ctx.legacy_octal.borrow(),
        vec![
            Span::new(0, 3),
            Span::new(4, 6),
            Span::new(7, 11),
            Span::new(20, 22),
            Span::new(23, 27)
        ]
    );
    assert_eq!(num_value("0777"), 511.0);
}

#[test]
fn number_errors() {
    for src in [
        "3in x", "3x", "0x", "0xg", "0b2", "0b12", "0o8", "1e", "1e+", "1.5e", "08a", "017x",
        "0x1g", "1\\u0061", "1é", "0b1é",
    ] {
        let e = err(src);
        assert_eq!(e.message, "Invalid or unexpected token", "{src}");
        assert_eq!(e.span.start, 0, "{src}");
        assert!(!e.incomplete);
    }
}

#[test]
fn bigint_literals() {
    for (src, digits) in [
        ("1n", "1"),
        ("0n", "0"),
        ("0x1Fn", "0x1F"),
        ("0b1n", "0b1"),
        ("0o7n", "0o7"),
        ("1_0n", "10"),
        ("0x1_fn", "0x1f"),
    ] {
        assert_eq!(toks(src), vec![Tok::BigInt(digits.into())], "{src}");
    }
    for src in [
        "1.5n", "01n", "08n", "1e3n", ".5n", "1nn", "1na", "0xn", "0b12n", "1.n",
    ] {
        assert_eq!(err(src).message, "Invalid or unexpected token", "{src}");
    }
    assert_eq!(
        err("1_n").message,
        "Numeric separators are not allowed at the end of numeric literals"
    );
}

#[test]
fn simple_strings() {
    assert_eq!(toks("'abc' \"def\""), vec![string("abc"), string("def")]);
    assert_eq!(toks("''"), vec![string("")]);
    assert_eq!(
        toks("\"it's\" 'say \"hi\"'"),
        vec![string("it's"), string("say \"hi\"")]
    );
    assert_eq!(str_value("'日本 😀'"), u16s("日本 😀"));
}

#[test]
fn string_escapes() {
    assert_eq!(
        str_value(r"'\n\t\r\b\f\v\0'"),
        u16s("\n\t\r\u{8}\u{c}\u{b}\0")
    );
    assert_eq!(str_value(r#"'\'\"\\'"#), u16s("'\"\\"));
    assert_eq!(str_value(r"'\x41\x7e\xFF'"), u16s("A~\u{FF}"));
    assert_eq!(
        str_value(r"'\u0041\u00e9\u{1F600}\u{0041}\u{000000000041}'"),
        u16s("Aé😀AA")
    );
    assert_eq!(str_value(r"'\a\c\q\$\`\é'"), u16s("acq$`é"));
    assert_eq!(str_value("'\\😀'"), u16s("😀"));
    assert_eq!(str_value(r"'\u{10FFFF}'"), u16s("\u{10FFFF}"));
}

#[test]
fn lone_surrogates_are_kept() {
    assert_eq!(&*str_value(r"'\uD800'"), &[0xD800]);
    assert_eq!(&*str_value(r"'a\uDC00b'"), &[0x61, 0xDC00, 0x62]);
    assert_eq!(&*str_value(r"'\u{D83D}\u{DE00}'"), &[0xD83D, 0xDE00]);
    assert_eq!(&*str_value(r"'\uDE00\uD83D'"), &[0xDE00, 0xD83D]);
}

#[test]
fn line_continuations() {
    assert_eq!(str_value("'a\\\nb'"), u16s("ab"));
    assert_eq!(str_value("'a\\\r\nb'"), u16s("ab"));
    assert_eq!(str_value("'a\\\rb'"), u16s("ab"));
    assert_eq!(str_value("'a\\\u{2028}b'"), u16s("ab"));
    assert_eq!(str_value("'a\\\u{2029}b'"), u16s("ab"));
    // Unescaped LS/PS are allowed in strings (ES2019).
    assert_eq!(
        str_value("'a\u{2028}b\u{2029}'"),
        u16s("a\u{2028}b\u{2029}")
    );
}

#[test]
fn legacy_octal_escapes() {
    let ctx = Rc::new(Context::default());
    let t = toks_in(
        r"'\1' '\08' '\8' '\9' '\0' 'ok' '\377\400' '\1234'",
        ctx.clone(),
    );
    assert_eq!(
        t,
        vec![
            Str(vec![1u16].into()),
            Str(vec![0u16, u16::from(b'8')].into()),
            string("8"),
            string("9"),
            string("\0"),
            string("ok"),
            Str(vec![0xFFu16, 0o40, u16::from(b'0')].into()),
            Str(vec![0o123u16, u16::from(b'4')].into()),
        ]
    );
    assert_eq!(
        *ctx.legacy_octal.borrow(),
        vec![
            Span::new(0, 4),
            Span::new(5, 10),
            Span::new(11, 15),
            Span::new(16, 20),
            Span::new(31, 41),
            Span::new(42, 49),
        ]
    );
}

#[test]
fn string_errors() {
    let e = err("'abc");
    assert_eq!(e.message, "Invalid or unexpected token");
    assert!(e.incomplete);
    assert!(err("'abc\\").incomplete);
    assert!(err("'a\\\n").incomplete);
    let e = err("'ab\ncd'");
    assert_eq!(e.message, "Invalid or unexpected token");
    assert!(!e.incomplete);
    assert!(!err("'ab\rcd'").incomplete);
    assert!(!err("'a\\tb\ncd'").incomplete);
    assert_eq!(err(r"'\x4'").message, "Invalid hexadecimal escape sequence");
    assert_eq!(
        err(r"'\xg0'").message,
        "Invalid hexadecimal escape sequence"
    );
    assert_eq!(err(r"'\u12'").message, "Invalid Unicode escape sequence");
    assert_eq!(
        err(r"'\u{110000}'").message,
        "Invalid Unicode escape sequence"
    );
    assert_eq!(err(r"'\u{}'").message, "Invalid Unicode escape sequence");
    assert_eq!(err(r"'\u{12'").message, "Invalid Unicode escape sequence");
}

fn template_parts(src: &str) -> Vec<Tok> {
    toks(src)
}

#[test]
fn templates_without_substitutions() {
    assert_eq!(template_parts("`abc`"), vec![NoSubstTemplate(part("abc"))]);
    assert_eq!(template_parts("``"), vec![NoSubstTemplate(part(""))]);
    assert_eq!(
        template_parts("`a$b{c}$`"),
        vec![NoSubstTemplate(part("a$b{c}$"))]
    );
    assert_eq!(
        template_parts("`line1\nline2`"),
        vec![NoSubstTemplate(part("line1\nline2"))]
    );
}

#[test]
fn templates_with_substitutions() {
    assert_eq!(
        toks("`a${x}b${y + 1}c`"),
        vec![
            TemplateHead(part("a")),
            id("x"),
            TemplateMiddle(part("b")),
            id("y"),
            Plus,
            num(1.0),
            TemplateTail(part("c")),
        ]
    );
    assert_eq!(
        toks("`${x}`"),
        vec![TemplateHead(part("")), id("x"), TemplateTail(part(""))]
    );
}

#[test]
fn nested_templates() {
    assert_eq!(
        toks("`a${ `b${c}d` }e`"),
        vec![
            TemplateHead(part("a")),
            TemplateHead(part("b")),
            id("c"),
            TemplateTail(part("d")),
            TemplateTail(part("e")),
        ]
    );
    assert_eq!(
        toks("`${ {a:1}.a }`"),
        vec![
            TemplateHead(part("")),
            LBrace,
            id("a"),
            Colon,
            num(1.0),
            RBrace,
            Dot,
            id("a"),
            TemplateTail(part("")),
        ]
    );
    assert_eq!(
        toks("`${ function(){ return {} } }x`"),
        vec![
            TemplateHead(part("")),
            Function,
            LParen,
            RParen,
            LBrace,
            Return,
            LBrace,
            RBrace,
            RBrace,
            TemplateTail(part("x")),
        ]
    );
    // A regex may start a substitution and follow one.
    assert_eq!(
        toks("`${/}/}`"),
        vec![
            TemplateHead(part("")),
            regex("}", ""),
            TemplateTail(part(""))
        ]
    );
    assert_eq!(
        toks("`${a}` / 2"),
        vec![
            TemplateHead(part("")),
            id("a"),
            TemplateTail(part("")),
            Slash,
            num(2.0)
        ]
    );
}

#[test]
fn template_escapes_and_raw() {
    let t = toks(r"`\n\x41\u{42}\`\${}`");
    assert_eq!(
        t,
        vec![NoSubstTemplate(TemplatePart {
            cooked: Some(u16s("\nAB`${}")),
            raw: u16s(r"\n\x41\u{42}\`\${}"),
        })]
    );
    // `\0` not followed by a digit is fine.
    assert_eq!(
        toks(r"`\0`"),
        vec![NoSubstTemplate(TemplatePart {
            cooked: Some(u16s("\0")),
            raw: u16s(r"\0")
        })]
    );
    // Line continuation: cooked drops it, raw keeps it.
    assert_eq!(
        toks("`a\\\nb`"),
        vec![NoSubstTemplate(TemplatePart {
            cooked: Some(u16s("ab")),
            raw: u16s("a\\\nb")
        })]
    );
    // Lone surrogates in the cooked value.
    assert_eq!(
        toks(r"`\uD800`"),
        vec![NoSubstTemplate(TemplatePart {
            cooked: Some(vec![0xD800u16].into()),
            raw: u16s(r"\uD800")
        })]
    );
}

#[test]
fn template_line_terminators_normalise() {
    assert_eq!(
        toks("`a\r\nb\rc\nd`"),
        vec![NoSubstTemplate(part("a\nb\nc\nd"))]
    );
    assert_eq!(
        toks("`a\\\r\nb\r`"),
        vec![NoSubstTemplate(TemplatePart {
            cooked: Some(u16s("ab\n")),
            raw: u16s("a\\\nb\n")
        })]
    );
    assert_eq!(toks("`\u{2028}`"), vec![NoSubstTemplate(part("\u{2028}"))]);
}

#[test]
fn invalid_template_escapes_have_no_cooked_value() {
    for (src, raw) in [
        (r"`\01`", r"\01"),
        (r"`\1`", r"\1"),
        (r"`\8`", r"\8"),
        (r"`\9`", r"\9"),
        (r"`\08`", r"\08"),
        (r"`\xg`", r"\xg"),
        (r"`\x4`", r"\x4"),
        (r"`\u12`", r"\u12"),
        (r"`\u{110000}`", r"\u{110000}"),
        (r"`\u{`", r"\u{"),
        (r"`\unicode`", r"\unicode"),
    ] {
        assert_eq!(
            toks(src),
            vec![NoSubstTemplate(TemplatePart {
                cooked: None,
                raw: u16s(raw)
            })],
            "{src}"
        );
    }
    // The substitution after an invalid escape is still found.
    assert_eq!(
        toks(r"`\u${x}\xz`"),
        vec![
            TemplateHead(TemplatePart {
                cooked: None,
                raw: u16s(r"\u")
            }),
            id("x"),
            TemplateTail(TemplatePart {
                cooked: None,
                raw: u16s(r"\xz")
            }),
        ]
    );
    // Legacy octal in templates is not recorded (it is a different error).
    let ctx = Rc::new(Context::default());
    toks_in(r"`\1`", ctx.clone());
    assert!(ctx.legacy_octal.borrow().is_empty());
}

#[test]
fn unterminated_templates_are_incomplete() {
    for src in ["`abc", "`a${b}c", "`a${b}c${d}e", "`\\", "`a\\u{"] {
        let e = err(src);
        assert!(e.incomplete, "{src}");
    }
    assert_eq!(err("`abc").message, "Unterminated template literal");
    // A `${` that is never closed: the parser reports the missing `}`.
    assert_eq!(toks("`a${b"), vec![TemplateHead(part("a")), id("b")]);
}

#[test]
fn regex_literals() {
    assert_eq!(toks("/abc/"), vec![regex("abc", "")]);
    assert_eq!(toks("/a/dgimsuy"), vec![regex("a", "dgimsuy")]);
    assert_eq!(toks("/a/v"), vec![regex("a", "v")]);
    assert_eq!(toks("/[/]/"), vec![regex("[/]", "")]);
    assert_eq!(toks(r"/a\/b/"), vec![regex(r"a\/b", "")]);
    assert_eq!(toks(r"/[\]/]/g"), vec![regex(r"[\]/]", "g")]);
    assert_eq!(toks("/=/"), vec![regex("=", "")]);
    assert_eq!(toks("/=a/g.x"), vec![regex("=a", "g"), Dot, id("x")]);
    assert_eq!(toks("/é😀/u"), vec![regex("é😀", "u")]);
    assert_eq!(
        toks("/a/g;/b/"),
        vec![regex("a", "g"), Semi, regex("b", "")]
    );
}

#[test]
fn regex_errors() {
    let e = err("/abc");
    assert_eq!(e.message, "Invalid regular expression: missing /");
    assert!(e.incomplete);
    assert!(err("/a\\").incomplete);
    assert!(err("/[/").incomplete);
    let e = err("/ab\nc/");
    assert_eq!(e.message, "Invalid regular expression: missing /");
    assert!(!e.incomplete);
    assert!(!err("/a\\\n/").incomplete);
    assert!(!err("/a\u{2028}/").incomplete);
    for src in ["/a/x", "/a/gg", "/a/uv", "/a/G", "/a/\\u0067", "/a/é"] {
        assert_eq!(
            err(src).message,
            "Invalid regular expression flags",
            "{src}"
        );
    }
}

#[test]
fn ten_megabyte_single_line_string() {
    let body = "x".repeat(10 * 1024 * 1024);
    let src = format!("s = '{body}';");
    let t = toks(&src);
    assert_eq!(t.len(), 4);
    assert!(matches!(&t[2], Str(s) if s.len() == body.len()));
    // And with an escape at the end (the general path).
    let src = format!("'{body}\\n'");
    assert_eq!(str_value(&src).len(), body.len() + 1);
    let src = format!("`{body}\\n`");
    let mut lexer = Lexer::new(&src, Rc::new(Context::default()));
    assert!(
        matches!(lexer.next(), Some(Ok((_, NoSubstTemplate(p), _))) if p.raw.len() == body.len() + 2)
    );
}
