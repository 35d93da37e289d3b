//! The minijs lexer: `logos` tokens wrapped in a lexer that tracks the
//! context an LR parser cannot give (regex vs division, template nesting,
//! restricted productions, contextual keywords).
//!
//! - `raw.rs`: the logos scan (trivia, words, punctuators);
//! - `lexer.rs`: the [`Lexer`] wrapper and its context tracking;
//! - `ident.rs`, `number.rs`, `string.rs`, `regex.rs`: literals scanned by
//!   hand; `unicode.rs`: the ID_Start/ID_Continue tables;
//! - `trivia.rs`: [`gap_is_trivia`], [`line_col`], [`is_line_terminator`].

mod ident;
mod lexer;
mod number;
mod raw;
mod regex;
mod string;
mod token;
mod trivia;
mod unicode;

use std::cell::RefCell;

pub use lexer::Lexer;
pub use token::{Span, TemplatePart, Tok};
pub use trivia::{gap_is_trivia, is_line_terminator, line_col};

#[derive(Debug, Clone, PartialEq)]
pub struct LexError {
    pub span: Span,
    pub message: String,
    /// True when the input ended inside a string, template, comment or
    /// regular expression (the REPL asks for more input).
    pub incomplete: bool,
}

impl LexError {
    pub(crate) fn new(start: usize, end: usize, message: &str) -> LexError {
        LexError {
            span: Span::new(start, end),
            message: message.to_string(),
            incomplete: false,
        }
    }

    pub(crate) fn incomplete(self) -> LexError {
        LexError {
            incomplete: true,
            ..self
        }
    }
}

impl std::fmt::Display for LexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LexError {}

/// State shared between the lexer and the parser's grammar actions.
#[derive(Debug, Default)]
pub struct Context {
    pub module: bool,
    /// A script whose top level may `await` (the REPL): `await` is a
    /// keyword at the top level, as in a module.
    pub top_level_await: bool,
    /// Function contexts pushed/popped by the parser's actions when it
    /// enters/leaves function bodies. The top of the stack decides whether
    /// `yield`/`await` are keywords. Empty stack = top level: `yield` is
    /// never a keyword there; `await` is a keyword iff `module`.
    pub functions: RefCell<Vec<FunctionContext>>,
    /// Spans of legacy octal number literals (`010`, `08`, `09.5`) and of
    /// strings containing legacy octal escapes (`"\1"`, `"\08"`, `"\8"`,
    /// `"\9"`). The parser reports them as errors in strict code afterwards.
    pub legacy_octal: RefCell<Vec<Span>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FunctionContext {
    pub generator: bool,
    pub is_async: bool,
}
