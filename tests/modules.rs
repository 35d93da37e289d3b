//! Module graphs: every folder of `tests/module_graphs/` is a multi-file
//! program whose entry is `main.js` or `main.mjs`. Run with the `minijs`
//! binary from its own folder, its stdout must equal `expected.txt` and its
//! exit code `expected.exit` (0 when absent); both come from running `node`
//! on the same folder. A folder with a `trace.txt` is also run with
//! `--trace-modules`, and its stderr lines from the module loader, with the
//! folder's path written `<dir>`, must equal that file (our own format).
//!
//! `MINIJS_REGEN_MODULES=1 cargo test --test modules` rewrites
//! `expected.txt`/`expected.exit` from `node` (or `$NODE`) and `trace.txt`
//! from `minijs`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn graphs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/module_graphs")
}

fn graphs() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(graphs_dir())
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn entry(dir: &Path) -> &'static str {
    if dir.join("main.mjs").is_file() {
        "main.mjs"
    } else {
        "main.js"
    }
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(program: &str, args: &[&str], dir: &Path) -> Run {
    let out = Command::new(program)
        .args(args)
        .arg(entry(dir))
        .current_dir(dir)
        .stdin(Stdio::null())
        .output();
    match out {
        Ok(o) => Run {
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            code: o.status.code().unwrap_or(-1),
        },
        Err(e) => panic!("cannot run {program}: {e}"),
    }
}

/// The loader's trace lines, with the folder's path replaced by `<dir>`.
fn trace_lines(stderr: &str, dir: &Path) -> String {
    let dir = dir.display().to_string();
    stderr
        .lines()
        .filter(|l| l.starts_with("[modules] "))
        .map(|l| format!("{}\n", l.replace(&dir, "<dir>")))
        .collect()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_default()
}

#[test]
fn module_graphs() {
    let minijs = env!("CARGO_BIN_EXE_minijs");
    let regen = std::env::var_os("MINIJS_REGEN_MODULES").is_some();
    let node = std::env::var("NODE").unwrap_or_else(|_| "node".into());
    let mut failures = Vec::new();
    let graphs = graphs();
    assert!(!graphs.is_empty(), "no module graphs found");
    for dir in &graphs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let trace_file = dir.join("trace.txt");
        if regen {
            let r = run(&node, &[], dir);
            std::fs::write(dir.join("expected.txt"), &r.stdout).expect("write expected.txt");
            let exit = dir.join("expected.exit");
            if r.code == 0 {
                let _ = std::fs::remove_file(&exit);
            } else {
                std::fs::write(&exit, format!("{}\n", r.code)).expect("write expected.exit");
            }
            if trace_file.exists() {
                let t = run(minijs, &["--trace-modules"], dir);
                std::fs::write(&trace_file, trace_lines(&t.stderr, dir)).expect("write trace.txt");
            }
        }
        let want_out = read(&dir.join("expected.txt"));
        let want_code: i32 = read(&dir.join("expected.exit")).trim().parse().unwrap_or(0);
        let got = run(minijs, &[], dir);
        if got.stdout != want_out || got.code != want_code {
            failures.push(format!(
                "{name}: exit {} (want {want_code})\n--- expected stdout\n{want_out}--- got stdout\n{}--- stderr\n{}",
                got.code, got.stdout, got.stderr
            ));
        }
        if trace_file.exists() {
            let t = run(minijs, &["--trace-modules"], dir);
            let want = read(&trace_file);
            let got = trace_lines(&t.stderr, dir);
            if got != want {
                failures.push(format!(
                    "{name} (--trace-modules)\n--- expected\n{want}--- got\n{got}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} module graphs failed:\n\n{}",
        failures.len(),
        graphs.len(),
        failures.join("\n")
    );
}
