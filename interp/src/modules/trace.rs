//! `--trace-modules`: one line on stderr for each step of module loading,
//! `[modules] resolve './a' from /abs/main.js -> /abs/a.js`, then `load`,
//! `link`, `evaluate start`, `evaluate end`, and for a circular `require`
//! the partial exports it returned. Built lazily: nothing is formatted
//! when the flag is off.

use crate::interp::Interp;

/// Whether `--trace-modules` is on.
pub fn enabled(interp: &Interp) -> bool {
    interp.modules.trace
}

/// Prints `[modules] <line>` to stderr when tracing.
pub fn log(interp: &Interp, line: impl FnOnce() -> String) {
    if interp.modules.trace {
        eprintln!("[modules] {}", line());
    }
}
