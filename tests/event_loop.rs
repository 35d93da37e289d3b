//! Event loop golden tests over `tests/fixtures/event_loop/`.
//!
//! Every `<name>.js` / `<name>.mjs` there runs under `minijs` with each
//! loop model that has an expected file:
//! - `<name>.out` (+ `<name>.exit`): the default `--loop=node`; produced by
//!   running `node` (v20) on the same file (`tests/fixtures.rs` checks it
//!   too, and regenerates it with `MINIJS_REGEN_FIXTURES=1`).
//! - `<name>.node10.out`, `<name>.browser.out`: `--loop=node10` and
//!   `--loop=browser`. Node 20 cannot produce these; they are derived by
//!   hand from the documented semantics, which each fixture's header
//!   explains.
//! - `<name>.looptrace`: the stderr of `minijs --trace-loop` (our own
//!   format); `MINIJS_REGEN_LOOP_TRACES=1 cargo test --test event_loop`
//!   rewrites these from minijs.
//!
//! A fixture whose header says `retry: timing` depends on two timers
//! falling in the same millisecond (as the same program does under Node);
//! it gets three attempts.
//!
//! The stderr formats Node users see (warnings, unhandled rejections) are
//! checked by the tests at the end.

use std::path::{Path, PathBuf};
use std::process::Command;

const MODELS: [&str; 2] = ["node10", "browser"];

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/event_loop");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "js" || e == "mjs"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(args: &[&str], file: &Path) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_minijs"))
        .args(args)
        .arg(file)
        .current_dir(file.parent().unwrap_or(Path::new(".")))
        .output()
        .unwrap_or_else(|e| panic!("cannot run minijs: {e}"));
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

fn sibling(file: &Path, suffix: &str) -> PathBuf {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    file.with_file_name(format!("{stem}{suffix}"))
}

fn expected_exit(file: &Path) -> i32 {
    std::fs::read_to_string(sibling(file, ".exit"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

fn attempts(file: &Path) -> usize {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    if text.contains("retry: timing") {
        3
    } else {
        1
    }
}

/// Runs `file` up to its number of attempts; `None` if one run matched,
/// else a description of the last mismatch.
fn check(
    file: &Path,
    args: &[&str],
    want: &str,
    want_code: i32,
    use_stderr: bool,
) -> Option<String> {
    let mut last = String::new();
    for _ in 0..attempts(file) {
        let r = run(args, file);
        let got = if use_stderr { &r.stderr } else { &r.stdout };
        if got == want && (use_stderr || r.code == want_code) {
            return None;
        }
        last = format!(
            "{} {}: exit {} (want {want_code})\n--- want\n{want}--- got\n{got}--- stderr\n{}",
            args.join(" "),
            file.display(),
            r.code,
            r.stderr
        );
    }
    Some(last)
}

#[test]
fn each_model_matches_its_expected_output() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in fixtures() {
        if let Ok(want) = std::fs::read_to_string(sibling(&file, ".out")) {
            checked += 1;
            failures.extend(check(&file, &[], &want, expected_exit(&file), false));
        }
        for model in MODELS {
            let Ok(want) = std::fs::read_to_string(sibling(&file, &format!(".{model}.out"))) else {
                continue;
            };
            checked += 1;
            let flag = format!("--loop={model}");
            failures.extend(check(&file, &[&flag], &want, expected_exit(&file), false));
        }
    }
    assert!(checked > 0, "no event loop fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn trace_loop_matches_golden() {
    let regen = std::env::var_os("MINIJS_REGEN_LOOP_TRACES").is_some();
    let mut failures = Vec::new();
    for file in fixtures() {
        let golden = sibling(&file, ".looptrace");
        if regen && golden.exists() {
            let r = run(&["--trace-loop"], &file);
            if let Err(e) = std::fs::write(&golden, r.stderr) {
                panic!("cannot write {}: {e}", golden.display());
            }
            continue;
        }
        let Ok(want) = std::fs::read_to_string(&golden) else {
            continue;
        };
        failures.extend(check(&file, &["--trace-loop"], &want, 0, true));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs a program given as text (written to a temporary file).
fn run_source(name: &str, source: &str, args: &[&str]) -> Run {
    let dir = std::env::temp_dir().join(format!("minijs-event-loop-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join(name);
    if let Err(e) = std::fs::write(&file, source) {
        panic!("cannot write {}: {e}", file.display());
    }
    let r = run(args, &file);
    let _ = std::fs::remove_file(&file);
    r
}

#[test]
fn unhandled_rejection_of_a_non_error_is_wrapped() {
    let r = run_source("reject_number.js", "Promise.reject(42);\n", &[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason \"42\"."),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("ERR_UNHANDLED_REJECTION"), "{}", r.stderr);
}

#[test]
fn unhandled_rejection_of_an_error_prints_its_stack() {
    let r = run_source(
        "reject_error.js",
        "Promise.reject(new Error('boom'));\n",
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("Error: boom\n    at "), "{}", r.stderr);
}

#[test]
fn test262_mode_ignores_unhandled_rejections() {
    let r = run_source(
        "reject_test262.js",
        "Promise.reject(1); print('after');\n",
        &["--test262"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "after\n");
}

#[test]
fn timeout_overflow_warns_and_uses_one_millisecond() {
    let src = "setTimeout(() => console.log('ran'), 2 ** 32);\n";
    let r = run_source("overflow.js", src, &[]);
    assert_eq!(r.stdout, "ran\n");
    let pid_free: String = r
        .stderr
        .lines()
        .map(|l| match l.find(") ") {
            Some(i) if l.starts_with("(node:") => format!("(node:PID){}", &l[i + 1..]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        pid_free,
        "(node:PID) TimeoutOverflowWarning: 4294967296 does not fit into a 32-bit signed integer.\n\
         Timeout duration was set to 1.\n\
         (Use `minijs --trace-warnings ...` to show where the warning was created)"
    );
    let quiet = run_source("overflow_quiet.js", src, &["--no-warnings"]);
    assert_eq!(quiet.stdout, "ran\n");
    assert_eq!(quiet.stderr, "");
}

#[test]
fn warnings_reach_listeners_on_the_next_tick() {
    let src = "process.on('warning', (w) => console.log('got', w.name, w.message, w.code));\n\
               process.emitWarning('careful', 'CustomWarning', 'X001');\n\
               console.log('sync');\n";
    let r = run_source("warning.js", src, &["--no-warnings"]);
    assert_eq!(r.stdout, "sync\ngot CustomWarning careful X001\n");
    assert_eq!(r.stderr, "");
}

#[test]
fn unknown_loop_model_is_a_usage_error() {
    let r = run_source("model.js", "1;\n", &["--loop=nope"]);
    assert_eq!(r.code, 9);
    assert!(
        r.stderr.contains("invalid value 'nope' for '--loop")
            && r.stderr.contains("node, node10, browser"),
        "{}",
        r.stderr
    );
}
