//! The minijs lexer: `logos` tokens wrapped in a lexer that tracks the
//! context an LR parser cannot give (regex vs division, template nesting,
//! restricted productions, contextual keywords).

mod token;

pub use token::{Span, TemplatePart, Tok};
