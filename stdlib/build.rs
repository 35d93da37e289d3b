//! Embeds every `js/*.js` file into the crate (`JS_SOURCES`), so that the
//! built-in modules need no files at run time and a new file is picked up
//! without editing a table of `include_str!`s.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let dir = Path::new(&manifest).join("js");
    println!("cargo:rerun-if-changed=js");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".js"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("/// Every file of `stdlib/js/`: (file name, source).\npub static JS_SOURCES: &[(&str, &str)] = &[\n");
    for f in &files {
        let path = dir.join(f);
        let _ = writeln!(
            out,
            "    ({f:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    if let Err(e) = std::fs::write(Path::new(&out_dir).join("js_sources.rs"), out) {
        panic!("cannot write js_sources.rs: {e}");
    }
}
