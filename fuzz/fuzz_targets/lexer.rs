//! Lexes any UTF-8 input to the end, as a script and as a module: the
//! lexer must return tokens or errors, never panic.
#![no_main]

use std::rc::Rc;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    for module in [false, true] {
        let ctx = Rc::new(lexer::Context {
            module,
            ..Default::default()
        });
        for item in lexer::Lexer::new(src, ctx) {
            if item.is_err() {
                break;
            }
        }
    }
});
