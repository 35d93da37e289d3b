//! Runs the parser over test262-parser-tests: `pass/` must parse, `fail/`
//! and `early/` must be rejected; `*.module.js` files are modules.
//!
//! Usage: parser_tests DIR [--ratchet FILE] [--write FILE] [--verbose]
//! With `--ratchet`, every file listed in FILE must still pass; with
//! `--write`, the passing files are written to FILE. Ends with
//! `N passed, N failed`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = None;
    let mut ratchet = None;
    let mut write = None;
    let mut verbose = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--ratchet" => ratchet = it.next().cloned(),
            "--write" => write = it.next().cloned(),
            "--verbose" => verbose = true,
            _ => dir = Some(a.clone()),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: parser_tests DIR [--ratchet FILE] [--write FILE] [--verbose]");
        return ExitCode::from(2);
    };
    // The parser's tree walks recurse: give them room, as the binary does.
    let child = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || run(&dir, ratchet, write, verbose));
    match child.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("parser_tests: the runner thread failed");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &str, ratchet: Option<String>, write: Option<String>, verbose: bool) -> ExitCode {
    let mut passing = BTreeSet::new();
    let (mut passed, mut failed) = (0usize, 0usize);
    for folder in ["pass", "fail", "early"] {
        let path = Path::new(dir).join(folder);
        let Ok(entries) = std::fs::read_dir(&path) else {
            eprintln!("parser_tests: cannot read {}", path.display());
            return ExitCode::from(2);
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        let (mut ok, mut total) = (0usize, 0usize);
        for f in files {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let Ok(bytes) = std::fs::read(&f) else {
                continue;
            };
            total += 1;
            let src = String::from_utf8_lossy(&bytes);
            let module = name.ends_with(".module.js");
            let result = std::panic::catch_unwind(|| {
                if module {
                    parser::parse_module(&src).map(|_| ())
                } else {
                    parser::parse_script(&src).map(|_| ())
                }
            });
            let good = match (&result, folder) {
                (Err(_), _) => {
                    println!("PANIC {folder}/{name}");
                    false
                }
                (Ok(Ok(())), "pass") | (Ok(Err(_)), "fail" | "early") => true,
                _ => false,
            };
            if good {
                ok += 1;
                passing.insert(format!("{folder}/{name}"));
            } else if verbose {
                match result {
                    Ok(Err(e)) => println!("FAIL {folder}/{name}: {}", e.message),
                    _ => println!("FAIL {folder}/{name}"),
                }
            }
        }
        println!(
            "{folder}: {ok}/{total} ({:.1}%)",
            100.0 * ok as f64 / total.max(1) as f64
        );
        passed += ok;
        failed += total - ok;
    }
    let mut code = ExitCode::SUCCESS;
    if let Some(r) = ratchet {
        match std::fs::read_to_string(&r) {
            Ok(list) => {
                let lost: Vec<&str> = list
                    .lines()
                    .filter(|l| !l.is_empty() && !passing.contains(*l))
                    .collect();
                for l in &lost {
                    println!("REGRESSION {l}");
                }
                if !lost.is_empty() {
                    code = ExitCode::FAILURE;
                }
            }
            Err(e) => {
                eprintln!("parser_tests: cannot read ratchet list {r}: {e}");
                code = ExitCode::FAILURE;
            }
        }
    }
    if let Some(w) = write {
        let text: String = passing.iter().map(|l| format!("{l}\n")).collect();
        if let Err(e) = std::fs::write(&w, text) {
            eprintln!("parser_tests: cannot write {w}: {e}");
            code = ExitCode::FAILURE;
        }
    }
    println!("{passed} passed, {failed} failed");
    code
}
