//! A suspended generator that becomes garbage is freed: its coroutine stack
//! is unwound (without running `finally`, as in V8) and memory stays bounded.

use interp::execution_context::Source;
use interp::{Interp, InterpOptions, Value};

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[cfg_attr(feature = "gc-stress", ignore = "too many collections")]
fn suspended_generators_are_collected() {
    let result = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let src = "function* g(i) { const data = [i, i + 1]; try { yield data; yield 2; } finally { globalThis.finallyRan = true; } }
                       var kept = g(-1); kept.next();
                       for (var i = 0; i < 20000; i++) { var it = g(i); it.next(); }
                       kept.next().value === 2 && globalThis.finallyRan === undefined";
            let program = parser::parse_script(src).expect("parses");
            let mut interp = Interp::new(InterpOptions::default());
            interp.set_stack_size(256 << 20);
            let v = interp.run_script(&program, Source::new("gen.js", src));
            assert!(matches!(v, Ok(Value::Bool(true))), "the kept generator still runs");
            peak_rss_kib()
        })
        .expect("spawn")
        .join()
        .expect("join");
    if let Some(kib) = result {
        eprintln!(
            "peak RSS after 20,000 abandoned generators: {} MiB",
            kib / 1024
        );
        // Each live coroutine holds at least a few pages of stack; 20,000
        // of them alive at once would need well over 200 MiB.
        assert!(kib < 200 * 1024, "peak RSS {kib} KiB");
    }
}
