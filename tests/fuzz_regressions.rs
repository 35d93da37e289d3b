//! Inputs the fuzz targets (fuzz/, issue 11) reported, kept as regression
//! tests: each `tests/fuzz_regressions/*.js` runs under minijs and must end
//! by itself, without a panic or a signal, within a time bound. (What a
//! finding printed is not compared: the point is that it no longer
//! crashes or hangs.)

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn fuzz_findings_no_longer_crash() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_regressions")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "js"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    for file in files {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_minijs"))
            .arg(&file)
            .current_dir(&dir)
            .output()
            .expect("failed to run minijs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = file.display();
        assert!(
            out.status.code().is_some(),
            "{name}: killed by a signal\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: panicked\n{stderr}");
        assert_ne!(
            out.status.code(),
            Some(70),
            "{name}: internal error\n{stderr}"
        );
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{name}: took {:?}",
            start.elapsed()
        );
    }
}
