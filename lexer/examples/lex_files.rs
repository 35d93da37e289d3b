//! Lex every `.js`/`.mjs`/`.cjs` file under the given paths; print the lexical
//! errors and the throughput.
//!
//!     cargo run --release -p lexer --example lex_files -- DIR_OR_FILE...

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use lexer::{line_col, Context, Lexer};

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for entry in entries {
            collect(&entry, out);
        }
    } else if path
        .extension()
        .is_some_and(|e| e == "js" || e == "mjs" || e == "cjs")
    {
        out.push(path.to_path_buf());
    }
}

fn main() {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        collect(Path::new(&arg), &mut files);
    }
    let mut bytes = 0usize;
    let mut tokens = 0usize;
    let mut errors = 0usize;
    let mut elapsed = Duration::ZERO;
    for file in &files {
        let Ok(src) = std::fs::read_to_string(file) else {
            continue;
        };
        let module = file.extension().is_some_and(|e| e == "mjs");
        let ctx = Rc::new(Context {
            module,
            ..Context::default()
        });
        let start = Instant::now();
        let mut error = None;
        for r in Lexer::new(&src, ctx) {
            match r {
                Ok(_) => tokens += 1,
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        elapsed += start.elapsed();
        bytes += src.len();
        if let Some(e) = error {
            errors += 1;
            let (line, col, text) = line_col(&src, e.span.start as usize);
            let text: String = text.chars().take(100).collect();
            println!("{}:{line}:{col}: {}\n    {text}", file.display(), e.message);
        }
    }
    let secs = elapsed.as_secs_f64().max(1e-9);
    println!(
        "{} files, {} errors, {:.1} MB, {} tokens, {:.3} s, {:.1} MB/s",
        files.len(),
        errors,
        bytes as f64 / 1e6,
        tokens,
        secs,
        bytes as f64 / 1e6 / secs
    );
}
