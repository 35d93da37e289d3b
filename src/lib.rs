//! The parts of the `minijs` command that are not the interpreter: the
//! REPL and its syntax highlighting.

pub mod highlight;
pub mod repl;
