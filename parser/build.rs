//! Generates the parser from `src/grammar.lalrpop`, then removes the
//! expected-token lists from the generated error reports.
//!
//! LALRPOP computes "expected tokens" by simulating the parser once per
//! terminal on every error, and automatic semicolon insertion goes through
//! an error at every missing semicolon: semicolon-free code paid that cost
//! at each line end (shared/PARSER.md, pitfall 2). minijs's diagnostics
//! name the token found, never the expected list, so the generated
//! `expected_tokens*` methods are replaced by empty lists. The build fails
//! loudly if the generated code no longer has the shape this expects
//! (LALRPOP is pinned to =0.23.2).

use std::path::Path;

const PATCHES: &[(&str, &str)] = &[
    (
        "            __expected_tokens(state)\n",
        "            { let _ = state; alloc::vec::Vec::new() }\n",
    ),
    (
        "            __expected_tokens_from_states(states, core::marker::PhantomData::<(&())>)\n",
        "            { let _ = states; alloc::vec::Vec::new() }\n",
    ),
];

fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
        .expect("the grammar must generate without conflicts");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = Path::new(&out).join("grammar.rs");
    let mut code = std::fs::read_to_string(&path).expect("generated grammar.rs");
    for (from, to) in PATCHES {
        if code.contains(to) {
            continue;
        }
        assert!(
            code.contains(from),
            "build.rs: the generated parser no longer contains {from:?}; update the patch"
        );
        code = code.replacen(from, to, 1);
    }
    std::fs::write(&path, code).expect("write patched grammar.rs");
}
