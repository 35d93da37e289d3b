//! Words, punctuators, trivia and spans.

mod common;

use common::*;
use lexer::Tok::{self, *};

#[test]
fn every_punctuator() {
    let src = "{ } ( ) [ ] . ... ; , < > <= >= == != === !== + - * % ** ++ -- << >> >>> \
               & | ^ ! ~ && || ?? ? ?. : = += -= *= %= **= <<= >>= >>>= &= |= ^= &&= ||= ??= =>";
    let expected = vec![
        LBrace,
        RBrace,
        LParen,
        RParen,
        LBracket,
        RBracket,
        Dot,
        Ellipsis,
        Semi,
        Comma,
        Lt,
        Gt,
        LtEq,
        GtEq,
        EqEq,
        NotEq,
        EqEqEq,
        NotEqEq,
        Plus,
        Minus,
        Star,
        Percent,
        StarStar,
        PlusPlus,
        MinusMinus,
        Shl,
        Shr,
        UShr,
        Amp,
        Pipe,
        Caret,
        Bang,
        Tilde,
        AmpAmp,
        PipePipe,
        QuestionQuestion,
        Question,
        QuestionDot,
        Colon,
        Eq,
        PlusEq,
        MinusEq,
        StarEq,
        PercentEq,
        StarStarEq,
        ShlEq,
        ShrEq,
        UShrEq,
        AmpEq,
        PipeEq,
        CaretEq,
        AmpAmpEq,
        PipePipeEq,
        QuestionQuestionEq,
        Arrow,
    ];
    assert_eq!(toks(src), expected);
}

#[test]
fn slash_punctuators_after_values() {
    assert_eq!(toks("a / b"), vec![id("a"), Slash, id("b")]);
    assert_eq!(toks("a /= b"), vec![id("a"), SlashEq, id("b")]);
}

#[test]
fn longest_match_without_spaces() {
    assert_eq!(toks("a>>>=b"), vec![id("a"), UShrEq, id("b")]);
    assert_eq!(toks("a**=b"), vec![id("a"), StarStarEq, id("b")]);
    assert_eq!(
        toks("a--->b"),
        vec![id("a"), MinusMinus, Minus, Gt, id("b")]
    );
    assert_eq!(toks("a..b"), vec![id("a"), Dot, Dot, id("b")]);
    assert_eq!(toks("[...a]"), vec![LBracket, Ellipsis, id("a"), RBracket]);
    assert_eq!(toks("a=>b"), vec![id("a"), Arrow, id("b")]);
    assert_eq!(toks("a!==b"), vec![id("a"), NotEqEq, id("b")]);
}

#[test]
fn optional_chaining_before_digit_is_conditional() {
    assert_eq!(toks("a?.b"), vec![id("a"), QuestionDot, id("b")]);
    assert_eq!(
        toks("a?.[0]"),
        vec![id("a"), QuestionDot, LBracket, num(0.0), RBracket]
    );
    assert_eq!(
        toks("a?.5:1"),
        vec![id("a"), Question, num(0.5), Colon, num(1.0)]
    );
    assert_eq!(
        toks("a ? .5 : 1"),
        vec![id("a"), Question, num(0.5), Colon, num(1.0)]
    );
}

#[test]
fn reserved_words() {
    let words = "break case catch class const continue debugger default delete do else enum \
                 export extends false finally for function if import in instanceof new null \
                 return super switch this throw true try typeof var void while with";
    let expected = vec![
        Break, Case, Catch, Class, Const, Continue, Debugger, Default, Delete, Do, Else, Enum,
        Export, Extends, False, Finally, For, Function, If, Import, In, Instanceof, New, Null,
        Return, Super, Switch, This, Throw, True, Try, Typeof, Var, Void, While, With,
    ];
    // Separated by `;` so that no restricted production or context applies.
    let src = words.split(' ').collect::<Vec<_>>().join(";");
    let got: Vec<Tok> = toks(&src).into_iter().filter(|t| *t != Semi).collect();
    assert_eq!(got, expected);
}

#[test]
fn contextual_words() {
    assert_eq!(
        toks("get; set; static; of; as; from"),
        vec![Get, Semi, Set, Semi, Static, Semi, Of, Semi, As, Semi, From]
    );
    assert_eq!(
        toks("implements package yieldx letter asyncx"),
        vec![
            id("implements"),
            id("package"),
            id("yieldx"),
            id("letter"),
            id("asyncx")
        ]
    );
}

#[test]
fn words_after_dot_are_names() {
    assert_eq!(
        toks("a.if.get.let.yield.await.async.class"),
        vec![
            id("a"),
            Dot,
            id("if"),
            Dot,
            id("get"),
            Dot,
            id("let"),
            Dot,
            id("yield"),
            Dot,
            id("await"),
            Dot,
            id("async"),
            Dot,
            id("class"),
        ]
    );
    assert_eq!(toks("a?.return"), vec![id("a"), QuestionDot, id("return")]);
    assert_eq!(toks("a.\nnew"), vec![id("a"), Dot, id("new")]);
    assert_eq!(toks("a.\\u0069f"), vec![id("a"), Dot, id("if")]);
    // A property named `return` does not insert a semicolon.
    assert_eq!(
        toks("a.return\nb"),
        vec![id("a"), Dot, id("return"), id("b")]
    );
}

#[test]
fn identifiers() {
    assert_eq!(
        toks("$ _ a1 $x_y _0"),
        vec![id("$"), id("_"), id("a1"), id("$x_y"), id("_0")]
    );
    assert_eq!(toks("café π ℘x"), vec![id("café"), id("π"), id("℘x")]);
    assert_eq!(toks("日本語 = 1"), vec![id("日本語"), Eq, num(1.0)]);
    // Combining mark (Mn) and connector punctuation (Pc) continue a name.
    assert_eq!(
        toks("e\u{301} a\u{203F}b"),
        vec![id("e\u{301}"), id("a\u{203F}b")]
    );
    // ZWNJ / ZWJ continue a name.
    assert_eq!(toks("a\u{200C}b\u{200D}"), vec![id("a\u{200C}b\u{200D}")]);
    // A keyword followed by a non-ASCII letter is a name.
    assert_eq!(toks("ifé"), vec![id("ifé")]);
    // U+00A0 is whitespace, not part of the name.
    assert_eq!(toks("a\u{A0}b"), vec![id("a"), id("b")]);
}

#[test]
fn identifier_escapes() {
    assert_eq!(toks("\\u0061bc"), vec![id("abc")]);
    assert_eq!(toks("a\\u{62}c"), vec![id("abc")]);
    assert_eq!(toks("\\u{1D49C}"), vec![id("\u{1D49C}")]);
    assert_eq!(toks("\\u0024"), vec![id("$")]);
    assert_eq!(toks("x\\u{0000000062}"), vec![id("xb")]);
    assert_eq!(toks("ab\\u0063 d"), vec![id("abc"), id("d")]);
}

#[test]
fn identifier_escape_errors() {
    assert_eq!(err("\\u0030abc").message, "Invalid Unicode escape sequence"); // `0` cannot start
    assert_eq!(err("a\\u002D").message, "Invalid Unicode escape sequence"); // `-`
    assert_eq!(err("a\\x41").message, "Invalid Unicode escape sequence");
    assert_eq!(err("a\\u00").message, "Invalid Unicode escape sequence");
    assert_eq!(
        err("a\\u{110000}").message,
        "Invalid Unicode escape sequence"
    );
    assert_eq!(err("a\\uD800").message, "Invalid Unicode escape sequence");
    assert_eq!(err("\\").message, "Invalid Unicode escape sequence");
    assert_eq!(err("a\\u{}").message, "Invalid Unicode escape sequence");
}

#[test]
fn escaped_keywords() {
    assert_eq!(toks("v\\u0061r"), vec![EscapedKeyword("var".into())]);
    assert_eq!(toks("\\u{74}rue"), vec![EscapedKeyword("true".into())]);
    assert_eq!(toks("nul\\u006c"), vec![EscapedKeyword("null".into())]);
    assert_eq!(toks("\\u0065num"), vec![EscapedKeyword("enum".into())]);
    // Contextual words written with escapes are plain names.
    for w in [
        "l\\u0065t",
        "\\u0061sync",
        "yi\\u0065ld",
        "aw\\u0061it",
        "g\\u0065t",
        "st\\u0061tic",
        "o\\u0066",
        "\\u0061s",
        "fro\\u006d",
    ] {
        let t = toks(w);
        assert_eq!(t.len(), 1, "{w}");
        assert!(matches!(&t[0], Ident(_)), "{w}: {t:?}");
    }
    // Not a keyword: a longer name.
    assert_eq!(toks("v\\u0061rx"), vec![id("varx")]);
}

#[test]
fn private_names() {
    assert_eq!(toks("#x"), vec![PrivateName("x".into())]);
    assert_eq!(toks("this.#if"), vec![This, Dot, PrivateName("if".into())]);
    assert_eq!(toks("#\\u0061b"), vec![PrivateName("ab".into())]);
    assert_eq!(toks("#é in o"), vec![PrivateName("é".into()), In, id("o")]);
    assert_eq!(err("# x").message, "Invalid or unexpected token");
    assert_eq!(err("#1").message, "Invalid or unexpected token");
    assert_eq!(err("a #!b").message, "Invalid or unexpected token");
}

#[test]
fn invalid_characters() {
    for src in ["@", "a @ b", "\u{0}", "\u{7F}", "€", "a ¬ b", "\u{1}"] {
        let e = err(src);
        assert_eq!(e.message, "Invalid or unexpected token", "{src:?}");
        assert!(!e.incomplete);
    }
    let e = err("a @");
    assert_eq!((e.span.start, e.span.end), (2, 3));
}

#[test]
fn whitespace_of_every_kind() {
    let ws = "\t\u{B}\u{C} \u{A0}\u{1680}\u{2000}\u{2005}\u{200A}\u{202F}\u{205F}\u{3000}\u{FEFF}";
    assert_eq!(toks(&format!("{ws}a{ws}b{ws}")), vec![id("a"), id("b")]);
    assert_eq!(toks("\u{FEFF}x"), vec![id("x")]);
}

#[test]
fn comments() {
    assert_eq!(toks("a // c\nb"), vec![id("a"), id("b")]);
    assert_eq!(toks("a /* c */ b"), vec![id("a"), id("b")]);
    assert_eq!(
        toks("a /**/ b /***/ c /* * / */"),
        vec![id("a"), id("b"), id("c")]
    );
    assert_eq!(toks("// only"), vec![]);
    assert_eq!(toks("a //"), vec![id("a")]);
    let e = err("a /* never closed");
    assert_eq!(e.message, "Unterminated comment");
    assert!(e.incomplete);
    assert_eq!(err("/* a *").message, "Unterminated comment");
}

#[test]
fn hashbang_only_at_start() {
    assert_eq!(toks("#!/usr/bin/env node\nx"), vec![id("x")]);
    assert_eq!(toks("#!"), vec![]);
    assert!(err(" #!/x\n").message.contains("Invalid"));
}

#[test]
fn html_like_comments_in_scripts() {
    assert_eq!(toks("a <!-- b\nc"), vec![id("a"), id("c")]);
    assert_eq!(toks("a\n--> b\nc"), vec![id("a"), id("c")]);
    assert_eq!(toks("--> first line\nc"), vec![id("c")]);
    assert_eq!(toks("a /*\n*/ --> b\nc"), vec![id("a"), id("c")]);
    // Not at the start of a line: a decrement and a comparison.
    assert_eq!(toks("a --> b"), vec![id("a"), MinusMinus, Gt, id("b")]);
    // Modules have no HTML-like comments.
    assert_eq!(
        toks_in("a <!-- b", module()),
        vec![id("a"), Lt, Bang, MinusMinus, id("b")]
    );
    assert_eq!(
        toks_in("a\n--> b", module()),
        vec![id("a"), MinusMinusPrefix, Gt, id("b")]
    );
}

#[test]
fn spans_are_byte_offsets() {
    assert_eq!(
        spanned("ab  'é' /* x */ 12"),
        vec![(0, id("ab"), 2), (4, string("é"), 8), (17, num(12.0), 19),]
    );
    assert_eq!(spanned("a?.b")[1], (1, QuestionDot, 3));
    assert_eq!(spanned("x = /re/g;")[2], (4, regex("re", "g"), 9));
}
