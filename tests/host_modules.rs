//! The Node host modules (assert, buffer, events, fs, os, path, stream,
//! timers, util), one folder of programs each in `stdlib/js-tests/cases/`.
//! Each `X.js` runs under minijs from its folder; its stdout must equal
//! `X.out`, which `node stdlib/js-tests/run.js --regen` wrote from Node 20.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Cases known not to pass yet, with the reason. A listed case that starts
/// passing fails the test, so the list only shrinks.
const KNOWN_FAILING: &[(&str, &str)] = &[];

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("stdlib/js-tests/cases");
    let mut out = Vec::new();
    let Ok(modules) = std::fs::read_dir(&root) else {
        panic!("no cases in {}", root.display());
    };
    for module in modules.flatten() {
        let Ok(files) = std::fs::read_dir(module.path()) else {
            continue;
        };
        for f in files.flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "js") && p.with_extension("out").exists() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn name_of(case: &Path) -> String {
    let module = case
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file = case
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{module}/{file}")
}

#[test]
fn host_module_programs_print_what_node_prints() {
    let cases = cases();
    let modules: std::collections::BTreeSet<String> = cases
        .iter()
        .filter_map(|c| name_of(c).split('/').next().map(String::from))
        .collect();
    for m in [
        "assert", "buffer", "events", "fs", "os", "path", "stream", "timers", "util",
    ] {
        assert!(modules.contains(m), "no cases for {m}");
    }
    let mut failures = Vec::new();
    let mut passed = 0;
    for case in &cases {
        let name = name_of(case);
        let expected = std::fs::read_to_string(case.with_extension("out")).unwrap_or_default();
        let dir = case.parent().unwrap_or(Path::new("."));
        let out = Command::new(env!("CARGO_BIN_EXE_minijs"))
            .arg(case)
            .current_dir(dir)
            .output()
            .expect("run minijs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let ok = stdout == expected;
        let known = KNOWN_FAILING.iter().find(|(n, _)| *n == name);
        match (ok, known) {
            (true, None) => passed += 1,
            (false, Some(_)) => {}
            (true, Some((_, why))) => failures.push(format!(
                "{name} passes now: remove it from KNOWN_FAILING ({why})"
            )),
            (false, None) => failures.push(format!(
                "{name}\n--- expected\n{expected}--- got\n{stdout}--- stderr\n{}",
                String::from_utf8_lossy(&out.stderr)
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} host-module programs differ from Node:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(passed >= 70, "only {passed} cases ran");
}
