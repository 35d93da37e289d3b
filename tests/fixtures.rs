//! Golden-file tests: every `tests/fixtures/<feature>/<name>.js` runs under
//! `minijs`; its stdout must equal `<name>.out`, which was produced by
//! running `node` on the same file. Optional siblings:
//! `<name>.exit` (expected exit code, default 0) and `<name>.trace`
//! (expected stderr of `minijs --trace-context`, our own format).
//!
//! `MINIJS_REGEN_FIXTURES=1 cargo test --test fixtures` rewrites `.out`
//! from `node` and `.trace` from `minijs`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "js" || e == "mjs") {
            out.push(p);
        }
    }
}

fn run(bin: &str, args: &[&str], file: &Path) -> (String, String, i32) {
    let dir = file.parent().unwrap_or(Path::new("."));
    let out = Command::new(bin)
        .args(args)
        .arg(file)
        .current_dir(dir)
        .output()
        .expect("failed to run the interpreter");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n  expected: {w}\n  actual:   {g}", i + 1);
        }
    }
    format!(
        "expected {} lines, got {} lines",
        want.lines().count(),
        got.lines().count()
    )
}

#[test]
fn fixtures_match_node() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bin = env!("CARGO_BIN_EXE_minijs");
    let regen = std::env::var_os("MINIJS_REGEN_FIXTURES").is_some();
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(
        !files.is_empty(),
        "no fixtures found under {}",
        root.display()
    );
    let mut failures = Vec::new();
    for file in &files {
        let out_path = file.with_extension("out");
        let exit_path = file.with_extension("exit");
        let trace_path = file.with_extension("trace");
        if regen {
            let (stdout, _, code) = run("node", &[], file);
            std::fs::write(&out_path, stdout).expect("write .out");
            if code != 0 {
                std::fs::write(&exit_path, format!("{code}\n")).expect("write .exit");
            }
            if trace_path.exists() {
                let (_, stderr, _) = run(bin, &["--trace-context"], file);
                std::fs::write(&trace_path, stderr).expect("write .trace");
            }
        }
        let want = std::fs::read_to_string(&out_path).unwrap_or_default();
        let want_code: i32 = std::fs::read_to_string(&exit_path)
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0);
        let (got, stderr, code) = run(bin, &[], file);
        let name = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        if got != want {
            failures.push(format!(
                "{name}: stdout differs, {}",
                first_difference(&want, &got)
            ));
        } else if code != want_code {
            failures.push(format!(
                "{name}: exit code {code}, expected {want_code}\n{stderr}"
            ));
        }
        if trace_path.exists() {
            let want_trace = std::fs::read_to_string(&trace_path).unwrap_or_default();
            let (_, got_trace, _) = run(bin, &["--trace-context"], file);
            if got_trace != want_trace {
                failures.push(format!(
                    "{name}: --trace-context output differs, {}",
                    first_difference(&want_trace, &got_trace)
                ));
            }
        }
    }
    if !failures.is_empty() {
        panic!(
            "{} of {} fixtures failed:\n{}",
            failures.len(),
            files.len(),
            failures.join("\n")
        );
    }
}
