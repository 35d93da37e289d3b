//! Parses any UTF-8 input as a script, a function body and a module: the
//! parser must return a tree or a SyntaxError, never panic or overflow
//! its stack. Runs on a thread with the CLI's stack size (the parser's
//! recursion is bounded by `parser::MAX_NESTING`, not by 8 MB).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "worker.rs"]
mod worker;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let src = src.to_string();
    worker::run(move || {
        for options in [
            parser::ParseOptions::default(),
            parser::ParseOptions {
                function_body: true,
                allow_new_target: true,
                ..Default::default()
            },
        ] {
            let _ = parser::parse(&src, &options);
        }
        let _ = parser::parse_module(&src);
    });
});
