//! Runs any UTF-8 input that parses as a script, with the Node-style
//! globals and the event loop, under a step budget (100,000 calls and loop
//! iterations) and a heap limit (1 GB, counted by the heap-limit
//! allocator): the interpreter must finish, throw or stop at the budget,
//! never panic. `run.sh` closes the program's stdout (`-close_fd_mask=1`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "worker.rs"]
mod worker;

#[global_allocator]
static ALLOCATOR: interp::heap_limit::CountingAllocator = interp::heap_limit::CountingAllocator;

const STACK: usize = 1 << 30;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let src = src.to_string();
    worker::run(move || run(&src));
});

/// Regular expressions backtrack without a step limit (regress, like V8
/// without its backtrack limit): `/^(a+)+$/` on `'a'.repeat(36) + 'b'`
/// runs for hours by design, and the step budget cannot stop it. Inputs
/// that can build a regexp are left to the lexer and parser targets (this
/// target found exactly that hang in its first runs).
fn may_build_regexp(src: &str) -> bool {
    if ["RegExp", "match", "search"].iter().any(|w| src.contains(w)) {
        return true;
    }
    let ctx = std::rc::Rc::new(lexer::Context::default());
    lexer::Lexer::new(src, ctx).any(|t| matches!(t, Ok((_, lexer::Tok::Regex(..), _))))
}

fn run(src: &str) {
    if may_build_regexp(src) {
        return;
    }
    let Ok(program) = parser::parse(src, &parser::ParseOptions::default()) else {
        return;
    };
    interp::heap_limit::set_limit_mb(1024);
    let mut interp = interp::Interp::new(interp::InterpOptions::default());
    interp.set_stack_size(STACK);
    interp.step_budget = 100_000;
    // No file or network access (the permission model with nothing allowed).
    interp.permissions.enabled = true;
    stdlib::intrinsics::install(&mut interp);
    let options = stdlib::ProcessOptions {
        no_warnings: true,
        exec_argv: Vec::new(),
        test262: false,
    };
    if stdlib::install(&mut interp, &options).is_err() {
        return;
    }
    // `process.abort()` aborts by design, as in Node: not a finding.
    if let Ok(prelude) = parser::parse("delete process.abort;", &Default::default()) {
        let source = interp::execution_context::Source::new("prelude.js", "");
        let _ = interp.run_script(&prelude, source);
    }
    let source = interp::execution_context::Source::new("fuzz.js", src);
    if interp.run_script(&program, source).is_err() {
        return;
    }
    // The loop without waiting: what is due now, a bounded number of times
    // (a timer far in the future is not waited for).
    for _ in 0..20 {
        match interp::event_loop::run_due(&mut interp) {
            Ok(Some(_)) => {}
            _ => break,
        }
    }
}
