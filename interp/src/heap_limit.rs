//! The heap limit (`--max-heap-size=MB`): a program that keeps more memory
//! alive than the limit ends with Node's
//! `FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory`
//! and exit code 134 (what a shell shows for Node, which aborts), instead
//! of growing until the machine swaps or the OS kills it.
//!
//! Memory is counted by `CountingAllocator`, which the binary installs as
//! its global allocator: every live byte of the process (objects, strings,
//! element vectors, the AST) counts, not only `gc` boxes. Garbage counts
//! until it is collected, so going over the limit first only asks for a
//! collection (`over_limit`, checked where the interpreter allocates
//! objects); the program ends when a collection leaves more than the limit
//! alive (`check_after_collection`). The same count paces the collector
//! (`set_pace`), beside the interpreter's count of new
//! objects. Memory that grows without allocating
//! objects (strings pushed into an array, say) never reaches a collection
//! point; the allocator itself ends the program at twice the limit.
//! Without the allocator installed (unit tests) nothing is counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

/// Node's default heap limit on a 64-bit machine is about 4 GB of V8 heap;
/// minijs's objects and AST are larger than V8's, so it allows twice that.
pub const DEFAULT_LIMIT_MB: usize = 8192;

const MESSAGE: &[u8] =
    b"\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n";

/// The exit code: 128 + SIGABRT, as a shell reports Node's abort.
pub const EXIT_CODE: i32 = 134;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT_LIMIT_MB << 20);
/// The collector's pace in bytes (`set_pace`): past it, `over_limit`
/// asks for a collection, as past the limit.
static PACE: AtomicUsize = AtomicUsize::new(FIRST_PACE);
/// The smaller of `LIMIT` and `PACE`: what `grew` compares with.
static TRIGGER: AtomicUsize = AtomicUsize::new(FIRST_PACE);

/// The pace until `Interp::new` sets it.
const FIRST_PACE: usize = 8 << 20;
/// The least growth between two collections (`set_pace`).
const MIN_PACE: usize = 1 << 20;
static OVER: AtomicBool = AtomicBool::new(false);
static ENDING: AtomicBool = AtomicBool::new(false);

/// The system allocator, counting the bytes it hands out.
pub struct CountingAllocator;

// Safety: every method forwards to `System` with the caller's layout and
// pointer unchanged; the counting only reads and writes atomics (it never
// allocates), and `end_program` is reached at most once (`ENDING`), after
// which the counting stops checking.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // Safety: forwarded unchanged (see the impl's comment).
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // Safety: forwarded unchanged (see the impl's comment).
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // Safety: forwarded unchanged (see the impl's comment).
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Safety: forwarded unchanged (see the impl's comment).
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[inline]
fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    if live > TRIGGER.load(Relaxed) {
        over_trigger(live);
    }
}

/// `grew` past the pace or the limit: asks for a collection, and ends the
/// program at twice the limit.
#[cold]
fn over_trigger(live: usize) {
    if !ENDING.load(Relaxed) {
        OVER.store(true, Relaxed);
        if live / 2 > LIMIT.load(Relaxed) {
            end_program();
        }
    }
}

/// Sets the limit in megabytes (`--max-heap-size=MB`).
pub fn set_limit_mb(mb: usize) {
    let limit = mb.saturating_mul(1 << 20);
    LIMIT.store(limit, Relaxed);
    TRIGGER.store(limit.min(PACE.load(Relaxed)), Relaxed);
}

/// Sets the collector's pace (after a collection, and when an interpreter
/// is made): the next collection is asked for (`over_limit`) once the
/// process holds an eighth more than it holds now, and at least
/// `MIN_PACE` more. Memory that objects own outside their boxes (the
/// elements of a dense array, a long string) counts so: a program that
/// drops big arrays but allocates few objects (or reuses its environment
/// records) still collects them in time. (Measured on bench/suite: with a
/// half or a quarter more, the peak RSS of splay, tokenize and list grew
/// by 13-35% once reused records stopped counting as allocations; with an
/// eighth every program stays within 10% of its peak with that counting.)
pub fn set_pace() {
    let live = LIVE.load(Relaxed);
    let pace = live.saturating_add((live / 8).max(MIN_PACE));
    PACE.store(pace, Relaxed);
    TRIGGER.store(pace.min(LIMIT.load(Relaxed)), Relaxed);
}

/// Bytes the process holds now (0 without `CountingAllocator`).
pub fn live_bytes() -> usize {
    LIVE.load(Relaxed)
}

/// More than the limit or the pace (`set_pace`) is
/// allocated: the interpreter should collect.
#[inline]
pub fn over_limit() -> bool {
    OVER.load(Relaxed)
}

/// After a collection: ends the program if what survived is still more
/// than the limit.
pub fn check_after_collection() {
    if LIVE.load(Relaxed) > LIMIT.load(Relaxed) {
        use std::io::Write;
        let _ = std::io::stdout().flush();
        end_program();
    }
    OVER.store(false, Relaxed);
    set_pace();
}

/// Prints Node's fatal message and exits. Allocates nothing: it may run
/// inside the allocator.
fn end_program() -> ! {
    ENDING.store(true, Relaxed);
    use std::io::Write;
    let _ = std::io::stderr().write_all(MESSAGE);
    std::process::exit(EXIT_CODE)
}
