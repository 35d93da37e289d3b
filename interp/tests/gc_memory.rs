//! The collector frees garbage and keeps what is reachable: 1,000,000 small
//! objects are allocated while a reference to the first survives; memory
//! stays bounded and the survivor is intact after a forced collection.

use interp::execution_context::Source;
use interp::{Interp, InterpOptions, Value};

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[cfg_attr(feature = "gc-stress", ignore = "a million collections take too long")]
fn million_allocations_stay_bounded() {
    let result = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let src = "var first = { id: 0, tag: 'first', data: [1, 2, 3] };
                       var last;
                       for (var i = 1; i < 1000000; i++) { last = { id: i, next: null }; }
                       last.id";
            let program = parser::parse_script(src).expect("parses");
            let mut interp = Interp::new(InterpOptions::default());
            interp.set_stack_size(256 << 20);
            let v = interp.run_script(&program, Source::new("gc.js", src));
            assert!(matches!(v, Ok(Value::Number(n)) if n == 999999.0));
            interp.collect_garbage();
            let check = parser::parse_script(
                "first.id === 0 && first.tag === 'first' && first.data.join() === '1,2,3'",
            )
            .expect("parses");
            let ok = interp.run_script(&check, Source::new("check.js", ""));
            assert!(matches!(ok, Ok(Value::Bool(true))), "survivor intact");
            peak_rss_kib()
        })
        .expect("spawn")
        .join()
        .expect("join");
    if let Some(kib) = result {
        eprintln!("peak RSS after 1,000,000 allocations: {} MiB", kib / 1024);
        // Without collection the objects alone would need hundreds of MiB.
        assert!(kib < 300 * 1024, "peak RSS {kib} KiB");
    }
}
