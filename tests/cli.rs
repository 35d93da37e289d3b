//! The `minijs` command line: how a program is given (file, `-e`, `-p`,
//! `-`, piped stdin), `process.argv`, and exit codes as Node's.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn minijs(args: &[&str], stdin: Option<&str>) -> Output {
    minijs_bytes(args, stdin.map(str::as_bytes))
}

fn minijs_bytes(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minijs"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run minijs");
    if let Some(mut input) = child.stdin.take() {
        if let Some(bytes) = stdin {
            input.write_all(bytes).expect("write stdin");
        }
    }
    child.wait_with_output().expect("minijs output")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn print_shows_the_value_as_console_log_does() {
    let o = minijs(&["-p", "[1, 2].map(x => x * 2)"], None);
    assert_eq!(stdout(&o), "[ 2, 4 ]\n");
    let o = minijs(&["-p", "'text'"], None);
    assert_eq!(stdout(&o), "text\n");
    // The loop still runs after the value is printed.
    let o = minijs(&["-p", "setTimeout(() => console.log('later')); 7"], None);
    assert_eq!(stdout(&o), "7\nlater\n");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn eval_gets_the_remaining_arguments() {
    let o = minijs(
        &["-e", "console.log(process.argv.slice(1))", "x", "--y"],
        None,
    );
    assert_eq!(stdout(&o), "[ 'x', '--y' ]\n");
}

#[test]
fn a_program_on_stdin_runs_as_stdin() {
    let program = "console.log(__filename, require('path').join('a', 'b'))";
    let o = minijs(&[], Some(program));
    assert_eq!(stdout(&o), "[stdin] a/b\n");
    let o = minijs(&["-", "one"], Some("console.log(process.argv.slice(1))"));
    assert_eq!(stdout(&o), "[ '-', 'one' ]\n");
}

#[test]
fn exit_codes_are_nodes() {
    assert_eq!(minijs(&["-e", "1"], None).status.code(), Some(0));
    let thrown = minijs(&["-e", "throw new Error('no')"], None);
    assert_eq!(thrown.status.code(), Some(1));
    assert!(stderr(&thrown).contains("Error: no"), "{}", stderr(&thrown));
    assert_eq!(
        minijs(&["-e", "process.exit(42)"], None).status.code(),
        Some(42)
    );
    let bad = minijs(&["--no-such-flag", "x.js"], None);
    assert_eq!(bad.status.code(), Some(9));
    assert!(stderr(&bad).contains("--no-such-flag"), "{}", stderr(&bad));
    let bad_model = minijs(&["--loop=fast", "-e", "1"], None);
    assert_eq!(bad_model.status.code(), Some(9));
    let missing = minijs(&["/no/such/file.js"], None);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("/no/such/file.js"));
}

#[test]
fn version_and_help() {
    let v = minijs(&["--version"], None);
    assert_eq!(v.status.code(), Some(0));
    assert_eq!(stdout(&v), format!("v{}\n", env!("CARGO_PKG_VERSION")));
    let h = minijs(&["--help"], None);
    assert_eq!(h.status.code(), Some(0));
    for flag in [
        "--trace-loop",
        "--loop",
        "--stack-size",
        "-p, --print",
        "Examples:",
    ] {
        assert!(stdout(&h).contains(flag), "help lacks {flag}");
    }
}

#[test]
fn stack_size_bounds_recursion_without_crashing() {
    let program = "let depth = 0; function f() { depth++; f() } \
                   try { f() } catch (e) { console.log(e instanceof RangeError, e.message) } \
                   console.log(depth > 50)";
    for size in ["64", "984", "20000"] {
        let o = minijs(&[&format!("--stack-size={size}"), "-e", program], None);
        assert_eq!(
            stdout(&o),
            "true Maximum call stack size exceeded\ntrue\n",
            "--stack-size={size}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn the_repl_reads_piped_input_with_i() {
    let input = b"{ a: 1 }\n{ let q = 1; q + 1 }\nlet v = await Promise.resolve(4); v * 2\n\
                  \xff\xfe not utf-8\nfunction f() { throw new Error('in f') }\nf()\n\
                  await new Promise(() => {})\n'still here'\nprocess.exit(3)\n";
    let o = minijs_bytes(&["-i"], Some(input));
    let out = stdout(&o);
    let err = stderr(&o);
    // `{ a: 1 }` is an object literal, as in Node's REPL; a block stays a block.
    assert!(out.contains("{ a: 1 }\n2\n8\n"), "stdout:\n{out}");
    assert!(out.contains("'still here'"), "stdout:\n{out}");
    assert!(err.contains("not valid UTF-8"), "stderr:\n{err}");
    // The input's own frames are left out, the function's frame stays.
    assert!(
        err.contains("Uncaught Error: in f\n    at f (REPL"),
        "stderr:\n{err}"
    );
    assert!(err.contains("can never settle"), "stderr:\n{err}");
    assert_eq!(o.status.code(), Some(3));
}
