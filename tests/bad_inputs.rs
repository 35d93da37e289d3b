//! The bad-input matrix (issue 11): programs and files that must never
//! crash minijs. Each case runs the built binary and checks stdout, the
//! exit code and a stderr excerpt against what `node` (v20) does; every
//! case also checks that minijs ended normally (no panic, no signal).
//!
//! The JS cases are `tests/bad_inputs/<name>.js` with `<name>.out` (stdout
//! of `node <name>.js`) and the exit code listed in `JS_CASES`. The cases
//! about files (missing, a directory, not UTF-8, empty, 100 MB, deeply
//! nested source) are generated here, in a temporary directory.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use common::TempDir;

/// Runs `minijs args...` in `dir` and checks that it ended by itself:
/// an exit code (no signal) and no Rust panic message.
fn minijs(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_minijs"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("failed to run minijs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code().is_some(),
        "minijs {args:?} was killed by a signal: {:?}\n{stderr}",
        out.status
    );
    assert!(
        !stderr.contains("panicked"),
        "minijs {args:?} panicked:\n{stderr}"
    );
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// (file, exit code of `node file`).
const JS_CASES: &[(&str, i32)] = &[
    ("recursion.js", 0),
    ("getters.js", 0),
    ("tostring.js", 0),
    ("log_getter.js", 0),
    ("array_length.js", 0),
    ("string_length.js", 0),
    ("json_nesting.js", 0),
    ("regex_backtracking.js", 0),
    ("exit_in_finally.js", 3),
    ("exit_listener_throws.js", 1),
    ("never_settles.js", 0),
    ("tla_never_settles.mjs", 13),
];

#[test]
fn js_cases_behave_as_in_node() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs");
    let mut failures = Vec::new();
    for (file, code) in JS_CASES {
        let start = Instant::now();
        let out = minijs(&dir, &[file]);
        let stem = file.rsplit_once('.').map_or(*file, |(s, _)| s);
        let want = std::fs::read_to_string(dir.join(format!("{stem}.out")))
            .unwrap_or_else(|e| panic!("{stem}.out: {e}"));
        if stdout(&out) != want || out.status.code() != Some(*code) {
            failures.push(format!(
                "{file}: exit {:?} (want {code})\n--- want\n{want}--- got\n{}--- stderr\n{}",
                out.status.code(),
                stdout(&out),
                stderr(&out)
            ));
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{file} took {:?}",
            start.elapsed()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_exit_listener_that_throws_is_reported_as_uncaught() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs");
    let out = minijs(&dir, &["exit_listener_throws.js"]);
    assert!(
        stderr(&out).contains("Error: from exit"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn tla_that_never_settles_exits_13_silently_as_node_20() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs");
    let out = minijs(&dir, &["tla_never_settles.mjs"]);
    assert_eq!(out.status.code(), Some(13));
    assert_eq!(stderr(&out), "");
}

/// A missing entry file and a directory without an index are Node's
/// `Cannot find module '<absolute path>'` with code MODULE_NOT_FOUND.
#[test]
fn missing_file_and_directory_entry_are_module_not_found() {
    let tmp = TempDir::new("entry");
    std::fs::create_dir(tmp.0.join("adir")).unwrap();
    for name in ["missing.js", "adir"] {
        let out = minijs(&tmp.0, &[name]);
        let err = stderr(&out);
        let abs = tmp.0.join(name);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(&format!("Cannot find module '{}'", abs.display())),
            "{name}: {err}"
        );
        assert!(err.contains("code: 'MODULE_NOT_FOUND'"), "{name}: {err}");
        assert!(err.contains("requireStack: []"), "{name}: {err}");
    }
    // A directory with an index.js runs it, as `node dir` does.
    std::fs::write(tmp.0.join("adir/index.js"), "console.log('index')").unwrap();
    let out = minijs(&tmp.0, &["adir"]);
    assert_eq!(
        (stdout(&out).as_str(), out.status.code()),
        ("index\n", Some(0))
    );
}

/// Bytes that are not UTF-8 read as U+FFFD, as Node decodes source: in a
/// comment or string they are harmless, in code a SyntaxError.
#[test]
fn non_utf8_source_decodes_with_replacement_characters() {
    let tmp = TempDir::new("utf8");
    let mut harmless = b"// \xff\xfe\nconsole.log('\x80'.length, '\xc3'.charCodeAt(0));\n".to_vec();
    std::fs::write(tmp.0.join("ok.js"), &harmless).unwrap();
    let out = minijs(&tmp.0, &["ok.js"]);
    assert_eq!(
        (stdout(&out).as_str(), out.status.code()),
        ("1 65533\n", Some(0))
    );
    harmless.splice(0..0, b"\xff = 1;\n".iter().copied());
    std::fs::write(tmp.0.join("bad.js"), &harmless).unwrap();
    let out = minijs(&tmp.0, &["bad.js"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("SyntaxError: Invalid or unexpected token"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn empty_file_runs_and_exits_0() {
    let tmp = TempDir::new("empty");
    std::fs::write(tmp.0.join("empty.js"), "").unwrap();
    let out = minijs(&tmp.0, &["empty.js"]);
    assert_eq!((stdout(&out).as_str(), out.status.code()), ("", Some(0)));
    assert_eq!(stderr(&out), "");
}

/// 100 MB of source: a comment and a string literal (node prints the same).
#[test]
fn hundred_megabyte_files_run() {
    let tmp = TempDir::new("big");
    let n = 100 << 20;
    let mut comment = String::with_capacity(n + 64);
    comment.push_str("// ");
    comment.extend(std::iter::repeat_n('x', n));
    comment.push_str("\nconsole.log('ok');\n");
    std::fs::write(tmp.0.join("comment.js"), &comment).unwrap();
    drop(comment);
    let mut literal = String::with_capacity(n + 64);
    literal.push_str("const s = \"");
    literal.extend(std::iter::repeat_n('a', n));
    literal.push_str("\";\nconsole.log(s.length);\n");
    std::fs::write(tmp.0.join("literal.js"), &literal).unwrap();
    drop(literal);
    for (file, want) in [("comment.js", "ok\n"), ("literal.js", "104857600\n")] {
        let start = Instant::now();
        let out = minijs(&tmp.0, &[file]);
        assert_eq!((stdout(&out).as_str(), out.status.code()), (want, Some(0)));
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{file}: {:?}",
            start.elapsed()
        );
    }
}

/// 100,000 nested parentheses, arrays, object literals and functions:
/// Node reports `RangeError: Maximum call stack size exceeded` and exits 1;
/// so does minijs (its parser stops at `parser::MAX_NESTING` brackets).
/// The same through `eval` and `new Function` is a catchable RangeError.
#[test]
fn deeply_nested_source_is_a_range_error() {
    let tmp = TempDir::new("nested");
    let n = 100_000;
    let sources = [
        (
            "parens.js",
            format!("var x = {}1{};", "(".repeat(n), ")".repeat(n)),
        ),
        (
            "arrays.js",
            format!("var x = {}{};", "[".repeat(n), "]".repeat(n)),
        ),
        (
            "objects.js",
            format!("var x = {}1{};", "{a:".repeat(n), "}".repeat(n)),
        ),
        (
            "functions.js",
            format!("{}{}", "function f(){".repeat(n), "}".repeat(n)),
        ),
    ];
    for (file, src) in &sources {
        std::fs::write(tmp.0.join(file), format!("{src}\nconsole.log('ran');\n")).unwrap();
        let out = minijs(&tmp.0, &[file]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert_eq!(stdout(&out), "", "{file}");
        assert!(
            stderr(&out).contains("RangeError: Maximum call stack size exceeded"),
            "{file}: {}",
            stderr(&out).chars().rev().take(300).collect::<String>()
        );
    }
    let via_eval = "const src = '('.repeat(100000) + '1' + ')'.repeat(100000);\n\
        for (const run of [() => eval(src), () => new Function(src)]) {\n\
          try { run(); } catch (e) { console.log(e.constructor.name, e.message); }\n\
        }\n";
    std::fs::write(tmp.0.join("eval.js"), via_eval).unwrap();
    let out = minijs(&tmp.0, &["eval.js"]);
    // node prints the same two lines.
    assert_eq!(
        stdout(&out),
        "RangeError Maximum call stack size exceeded\nRangeError Maximum call stack size exceeded\n"
    );
}

/// `--max-heap-size=MB`: a runaway allocation ends quickly with Node's
/// fatal message and exit code 134 (what a shell shows for Node's abort),
/// whether it allocates objects or only strings; a program whose garbage
/// exceeds the limit, but not its live data, runs to the end.
#[test]
fn heap_limit_ends_runaway_allocation() {
    let tmp = TempDir::new("heap");
    let runaway = [
        (
            "objects.js",
            "const a = []; while (true) a.push({ x: Math.random(), s: 'y' + Math.random() });",
        ),
        (
            "strings.js",
            "const a = []; let i = 0; while (true) a.push('y'.repeat(100) + i++);",
        ),
        (
            "closures.js",
            "let f = () => 0; for (;;) { const g = f; f = () => g() + 1; }",
        ),
    ];
    for (file, src) in runaway {
        std::fs::write(tmp.0.join(file), src).unwrap();
        let start = Instant::now();
        let out = minijs(&tmp.0, &["--max-heap-size=64", file]);
        assert_eq!(out.status.code(), Some(134), "{file}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(
                "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory"
            ),
            "{file}: {}",
            stderr(&out)
        );
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{file}: {:?}",
            start.elapsed()
        );
    }
    let churn = "let a = [];\n\
        for (let i = 0; i < 300000; i++) { a.push({ i, s: 'x'.repeat(100) }); if (a.length > 1000) a = []; }\n\
        console.log('done');\n";
    std::fs::write(tmp.0.join("churn.js"), churn).unwrap();
    let out = minijs(&tmp.0, &["--max-heap-size=32", "churn.js"]);
    assert_eq!(
        (stdout(&out).as_str(), out.status.code()),
        ("done\n", Some(0)),
        "{}",
        stderr(&out)
    );
}
