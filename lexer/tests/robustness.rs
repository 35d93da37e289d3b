//! Inputs that must not panic or overflow the stack, and the helpers the
//! parser uses for diagnostics and semicolon insertion.

mod common;

use common::*;
use lexer::Tok::*;
use lexer::{gap_is_trivia, is_line_terminator, line_col, Context, FunctionContext, Lexer};
use std::rc::Rc;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn contexts() -> Vec<Rc<Context>> {
    let generator = in_function(true, true);
    vec![Rc::new(Context::default()), module(), generator]
}

/// Lex to the end (or the first error) and check the token invariants.
fn lex_all(src: &str, ctx: Rc<Context>) {
    let mut last_end = 0;
    for r in Lexer::new(src, ctx) {
        match r {
            Ok((start, _, end)) => {
                assert!(start <= end && end <= src.len(), "{src:?}");
                assert!(start >= last_end || start == end, "{src:?}");
                assert!(src.is_char_boundary(start) && src.is_char_boundary(end));
                last_end = end;
            }
            Err(e) => {
                assert!(e.span.start <= e.span.end, "{src:?}");
                assert!(e.span.end as usize <= src.len(), "{src:?}: {e:?}");
                break;
            }
        }
    }
}

#[test]
fn random_bytes_do_not_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = rng.below(64);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let src = String::from_utf8_lossy(&bytes);
        for ctx in contexts() {
            lex_all(&src, ctx);
        }
    }
}

#[test]
fn random_js_fragments_do_not_panic() {
    const PIECES: &[&str] = &[
        "/",
        "/=",
        "*",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "`",
        "${",
        "\\",
        "\\u",
        "\\u{",
        "\\x",
        "'",
        "\"",
        "\n",
        "\r",
        "\r\n",
        "\u{2028}",
        " ",
        "a",
        "let",
        "async",
        "yield",
        "await",
        "of",
        "return",
        "if",
        "for",
        "function",
        "class",
        "extends",
        "=>",
        "?",
        "?.",
        ":",
        ";",
        ",",
        "0",
        "0x",
        "0b1",
        "08",
        "1_",
        "1e",
        ".",
        "..",
        "#",
        "#!",
        "<!--",
        "-->",
        "--",
        "++",
        "//",
        "/*",
        "*/",
        "é",
        "\u{A0}",
        "😀",
        "\u{FEFF}",
        "n",
        "_",
        "$",
        "u{110000}",
        "D800",
        "7",
        "\\0",
        "\\8",
        "=",
        "in",
        "else",
        "do",
        "}`",
        "`${",
        "[/",
        "]/g",
    ];
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let n = rng.below(24);
        let src: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        for ctx in contexts() {
            lex_all(&src, ctx);
        }
    }
}

#[test]
fn every_prefix_of_a_program_lexes_without_panic() {
    let program = "#!x\nlet a = `t${ {b: /r[/]e/g} }\\u{41}` / 2;\n\
                   async function* g() { yield\n 0x1_F; await b?.c ?? 1e-3 }\n\
                   'str\\x41\\u{1F600}\\0' <!-- html\n--> close\nclass C { #p = 08; static {} }";
    for end in 0..=program.len() {
        if program.is_char_boundary(end) {
            for ctx in contexts() {
                lex_all(&program[..end], ctx);
            }
        }
    }
}

#[test]
fn deep_nesting_is_iterative() {
    let n = 100_000;
    let src = "(".repeat(n);
    assert_eq!(toks(&src).len(), n);
    let src = format!("{}{}", "(".repeat(n), ")".repeat(n));
    let t = toks(&src);
    assert_eq!(t.len(), 2 * n);
    assert_eq!(t[2 * n - 1], RParen);
    let src = format!("x = {}{}", "{a:".repeat(n), "}".repeat(n));
    assert_eq!(toks(&src).len(), 2 + 4 * n);
    let src = format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert_eq!(toks(&src).len(), 2 * n);
    let src = format!("{}x{}", "`${".repeat(n), "}`".repeat(n));
    let t = toks(&src);
    assert_eq!(t.len(), 2 * n + 1);
    assert!(matches!(t[2 * n], TemplateTail(_)));
    let src = "function f() {".repeat(n);
    assert_eq!(toks(&src).len(), 5 * n);
}

#[test]
fn lex_errors_stop_the_stream() {
    let mut lexer = Lexer::new("a @ b", Rc::new(Context::default()));
    assert!(matches!(lexer.next(), Some(Ok(_))));
    assert!(matches!(lexer.next(), Some(Err(_))));
    assert!(lexer.next().is_none());
}

#[test]
fn gap_is_trivia_reports_newlines() {
    assert_eq!(gap_is_trivia(""), Some(false));
    assert_eq!(gap_is_trivia("  \t"), Some(false));
    assert_eq!(gap_is_trivia(" \n "), Some(true));
    assert_eq!(gap_is_trivia("\r"), Some(true));
    assert_eq!(gap_is_trivia("\u{2028}"), Some(true));
    assert_eq!(gap_is_trivia("\u{2029}"), Some(true));
    assert_eq!(gap_is_trivia("/* a */ // b"), Some(false));
    assert_eq!(gap_is_trivia("/* a\n */"), Some(true));
    assert_eq!(gap_is_trivia("// b\n"), Some(true));
    assert_eq!(gap_is_trivia("\u{A0}\u{FEFF}\u{3000}"), Some(false));
    assert_eq!(gap_is_trivia("<!-- x"), Some(false));
    assert_eq!(gap_is_trivia("\n--> x\n"), Some(true));
    assert_eq!(gap_is_trivia("a"), None);
    assert_eq!(gap_is_trivia(" ( "), None);
    assert_eq!(gap_is_trivia(" /* x"), None);
    assert_eq!(gap_is_trivia(" --> x"), None);
    assert_eq!(gap_is_trivia("\n @"), None);
}

#[test]
fn line_terminators() {
    for c in ['\n', '\r', '\u{2028}', '\u{2029}'] {
        assert!(is_line_terminator(c));
    }
    for c in [' ', '\t', '\u{B}', '\u{C}', '\u{85}', 'a'] {
        assert!(!is_line_terminator(c));
    }
}

#[test]
fn line_and_column() {
    let src = "ab\ncdé\r\nfg\rh\u{2028}ij";
    assert_eq!(line_col(src, 0), (1, 1, "ab"));
    assert_eq!(line_col(src, 1), (1, 2, "ab"));
    assert_eq!(line_col(src, 2), (1, 3, "ab"));
    assert_eq!(line_col(src, 3), (2, 1, "cdé"));
    // Columns count characters: `é` is two bytes.
    assert_eq!(line_col(src, 7), (2, 4, "cdé"));
    assert_eq!(line_col(src, 9), (3, 1, "fg"));
    assert_eq!(line_col(src, 12), (4, 1, "h"));
    assert_eq!(line_col(src, 16), (5, 1, "ij"));
    assert_eq!(line_col(src, 18), (5, 3, "ij"));
    // Out of range or inside a character: clamped, no panic.
    assert_eq!(line_col(src, 1000), (5, 3, "ij"));
    assert_eq!(line_col(src, 6), (2, 3, "cdé"));
    assert_eq!(line_col("", 5), (1, 1, ""));
    assert_eq!(line_col("\n", 1), (2, 1, ""));
}

#[test]
fn borrowed_context_does_not_panic() {
    let ctx = Rc::new(Context::default());
    let held = ctx.functions.borrow_mut();
    let held_octal = ctx.legacy_octal.borrow_mut();
    assert_eq!(toks_in("yield 010 '\\1'", ctx.clone()).len(), 3);
    drop((held, held_octal));
    ctx.functions.borrow_mut().push(FunctionContext {
        generator: true,
        is_async: false,
    });
    assert_eq!(toks_in("yield", ctx.clone()), vec![Yield]);
}
