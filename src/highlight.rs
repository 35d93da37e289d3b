//! Syntax highlighting for the REPL, from minijs's own lexer: keywords,
//! strings and templates, numbers, regular expressions and comments get
//! the colours Node's `util.inspect` uses for the same kinds of value.

use std::rc::Rc;

use lexer::{Context, Lexer, Tok};

const RESET: &str = "\x1b[0m";
const KEYWORD: &str = "\x1b[35m"; // magenta
const STRING: &str = "\x1b[32m"; // green, as inspect shows strings
const NUMBER: &str = "\x1b[33m"; // yellow, as inspect shows numbers
const REGEX: &str = "\x1b[31m"; // red, as inspect shows regexps
const LITERAL: &str = "\x1b[1m"; // bold: null, true, false
const COMMENT: &str = "\x1b[90m"; // grey

fn colour_of(tok: &Tok) -> Option<&'static str> {
    use Tok::*;
    Some(match tok {
        Str(_) | NoSubstTemplate(_) | TemplateHead(_) | TemplateMiddle(_) | TemplateTail(_) => {
            STRING
        }
        Num(_) => NUMBER,
        Regex(..) => REGEX,
        Null | True | False => LITERAL,
        Break | Case | Catch | Class | Const | Continue | Debugger | Default | Delete | Do
        | Else | Enum | Export | Extends | Finally | For | Function | If | Import | In
        | Instanceof | New | Return | Super | Switch | This | Throw | ThrowNewline | Try
        | Typeof | Var | Void | While | With | Let | Yield | YieldNoArg | Await | Async
        | Static | Of => KEYWORD,
        _ => return None,
    })
}

/// `line` with ANSI colours. Text the lexer cannot read (an unterminated
/// string while it is being typed) keeps the colour of what it began as.
pub fn highlight(line: &str) -> String {
    let ctx = Rc::new(Context::default());
    let mut out = String::with_capacity(line.len() * 2);
    let mut at = 0;
    for item in Lexer::new(line, ctx) {
        let Ok((start, tok, end)) = item else {
            break;
        };
        if start < at || end > line.len() || start > end {
            break;
        }
        gap(&mut out, &line[at..start]);
        let text = &line[start..end];
        match colour_of(&tok) {
            Some(c) => {
                out.push_str(c);
                out.push_str(text);
                out.push_str(RESET);
            }
            None => out.push_str(text),
        }
        at = end;
    }
    let rest = &line[at..];
    if rest.trim_start().starts_with(['\'', '"', '`']) {
        out.push_str(STRING);
        out.push_str(rest);
        out.push_str(RESET);
    } else {
        gap(&mut out, rest);
    }
    out
}

/// Whitespace and comments between tokens.
fn gap(out: &mut String, text: &str) {
    match text.find("//").into_iter().chain(text.find("/*")).min() {
        Some(i) => {
            out.push_str(&text[..i]);
            out.push_str(COMMENT);
            out.push_str(&text[i..]);
            out.push_str(RESET);
        }
        None => out.push_str(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        let mut out = String::new();
        let mut skipping = false;
        for c in s.chars() {
            if c == '\x1b' {
                skipping = true;
            } else if skipping {
                skipping = c != 'm';
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn colours_keywords_strings_numbers_and_comments() {
        let src = "const s = 'hi' + 42; // note";
        let h = highlight(src);
        assert_eq!(plain(&h), src);
        assert!(h.contains("\x1b[35mconst\x1b[0m"));
        assert!(h.contains("\x1b[32m'hi'\x1b[0m"));
        assert!(h.contains("\x1b[33m42\x1b[0m"));
        assert!(h.contains("\x1b[90m// note\x1b[0m"));
    }

    #[test]
    fn unfinished_input_keeps_its_text() {
        for src in ["let s = 'unterminated", "`a${b", "/* open", "x = /re"] {
            assert_eq!(plain(&highlight(src)), src);
        }
    }
}
