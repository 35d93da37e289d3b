//! The event loop: what runs after the main script, in Node's order.
//!
//! Queues (all owned by [`EventLoop`], one per interpreter):
//! - the nextTick queue (`process.nextTick`) and the promise job queue
//!   (`job_queue.rs`, ECMA-262 HostEnqueuePromiseJob and `queueMicrotask`):
//!   the two microtask queues. A *checkpoint* ([`checkpoint`], Node's
//!   `processTicksAndRejections`) drains the nextTick queue, then the promise
//!   jobs, repeating until both are empty, then reports unhandled
//!   rejections through the host's hook.
//! - timers (`setTimeout`/`setInterval`): a binary heap ordered by expiry,
//!   then by insertion, so scheduling and running a timer are O(log n).
//!   Node keeps one list per duration in a priority queue of lists; for
//!   timers created at the same millisecond the two orders agree. Expiry
//!   counts from libuv's loop time, a cached millisecond clock (see
//!   `EventLoop::timer_start_ms`).
//! - immediates (`setImmediate`): a FIFO; the check phase runs the ones
//!   queued before it started.
//! - I/O requests: work run by a pool of 4 threads (like libuv's); the
//!   completion comes back over a channel, the thread wakes the poll phase
//!   through a `mio::Waker`, and the callback runs on the interpreter thread
//!   in the poll phase.
//! - watched sources (sockets): non-blocking descriptors registered with
//!   the poll phase's `mio::Poll` (epoll). The poll phase waits until one is
//!   ready, a completion arrives or the next timer is due, whichever comes
//!   first, and calls the source's watcher with what it is ready for. A
//!   watcher marked alive (a listening server, a socket reading or with
//!   writes queued: libuv's active handles) keeps the loop running.
//! - close callbacks, run in the close phase.
//!
//! One iteration of the `node` model is libuv's: timers -> pending ->
//! idle/prepare -> poll (waits for I/O or the next timer) -> check -> close.
//! After *each* callback a checkpoint runs (Node >= 11), except after one
//! that threw into an `uncaughtException` handler, as in Node. `node10` runs
//! every due timer, or every immediate of the check phase, before one
//! checkpoint (Node <= 10). `browser` has no phases: one task (the ready
//! timer, immediate or I/O completion that became ready first), then a
//! checkpoint (HTML's "perform a microtask checkpoint"; nextTick keeps its
//! priority over promise jobs there too).
//!
//! The loop keeps running while something referenced is pending: ref'd
//! timers or immediates, I/O requests, close callbacks. Then the host's
//! `before_exit` hook runs (`process.on('beforeExit')`), which may schedule
//! more work. What `process` does with errors and the end of the loop is
//! the host's ([`HostHooks`]); without a host every uncaught error ends
//! the run.
//!
//! `--trace-loop` prints each phase that has work and each callback run to
//! stderr; the format is documented in the README ("The event loop").

use std::any::Any;
use std::cell::Cell;
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::fmt;
use std::rc::Rc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gc::{Finalize, Trace};

use crate::interp::Interp;
use crate::job_queue::Job;
use crate::object::{HostObject, JsObject, ObjectKind};
use crate::promise;
use crate::storage::{List, Slot};
use crate::value::Value;
use crate::{JsError, JsResult};

/// Which event loop the program runs under (`--loop=`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum LoopModel {
    /// Node >= 11: microtasks after every callback.
    #[default]
    Node,
    /// Node <= 10: a whole timers or check phase, then the microtasks.
    Node10,
    /// HTML: one task, then a microtask checkpoint.
    Browser,
}

impl LoopModel {
    pub fn parse(name: &str) -> Option<LoopModel> {
        match name {
            "node" => Some(LoopModel::Node),
            "node10" => Some(LoopModel::Node10),
            "browser" => Some(LoopModel::Browser),
            _ => None,
        }
    }
}

/// Where a callback was scheduled, for `--trace-loop`.
#[derive(Clone, Debug)]
pub struct Location {
    pub file: Rc<str>,
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// The source position of the innermost running user code (the call in
/// progress; built-in modules' frames are skipped), shown relative to the
/// working directory.
pub fn caller_location(interp: &Interp) -> Option<Location> {
    let with_source = || {
        interp
            .context_stack
            .iter()
            .rev()
            .filter(|c| c.source().is_some())
    };
    let ctx = with_source()
        .find(|c| c.source().is_some_and(|s| !s.name.starts_with("node:")))
        .or_else(|| with_source().next())?;
    let src = ctx.source()?;
    let (line, col) = src.line_col(ctx.position);
    Some(Location {
        file: display_path(&src.name),
        line,
        col,
    })
}

fn display_path(name: &str) -> Rc<str> {
    let name = name.strip_prefix("file://").unwrap_or(name);
    let rel = std::env::current_dir().ok().and_then(|d| {
        std::path::Path::new(name)
            .strip_prefix(&d)
            .ok()
            .map(|p| p.display().to_string())
    });
    Rc::from(rel.unwrap_or_else(|| name.to_string()))
}

/// The definition site of a script function, for `--trace-loop`.
fn function_location(f: &Value) -> Option<Location> {
    let Value::Object(o) = f else { return None };
    let ObjectKind::Function(sf) = o.kind() else {
        return None;
    };
    let (line, col) = sf.source.line_col(sf.code.span.start);
    Some(Location {
        file: display_path(&sf.source.name),
        line,
        col,
    })
}

/// `1 timer`, `2 timers`.
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn at(location: &Option<Location>) -> String {
    match location {
        Some(l) => format!(" ({l})"),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------
// Timer handles: Node's `Timeout` and `Immediate` objects.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TimerKind {
    Timeout,
    Interval,
    Immediate,
}

/// The internal slots of a `Timeout` or `Immediate` object. The host
/// creates the object (with its prototype); the loop schedules it.
#[derive(Trace, Finalize)]
pub struct TimerHandle {
    pub callback: Slot<Value>,
    pub args: List<Value>,
    #[unsafe_ignore_trace]
    pub kind: TimerKind,
    /// Node's async id, also the handle's primitive value.
    #[unsafe_ignore_trace]
    pub async_id: f64,
    /// `_idleTimeout` in ms (after clamping); -1 once cleared.
    #[unsafe_ignore_trace]
    delay: Cell<f64>,
    #[unsafe_ignore_trace]
    refed: Cell<bool>,
    /// Counted as pending work (scheduled, or running and not finished).
    #[unsafe_ignore_trace]
    active: Cell<bool>,
    /// The sequence number of its live heap entry (0: not in the heap).
    #[unsafe_ignore_trace]
    queued: Cell<u64>,
    /// Microseconds since the loop's origin when it becomes ready.
    #[unsafe_ignore_trace]
    ready_at: Cell<u64>,
    /// Browser model: the timer nesting level (HTML §8.6).
    #[unsafe_ignore_trace]
    pub nesting: u32,
    #[unsafe_ignore_trace]
    location: Option<Location>,
}

impl HostObject for TimerHandle {
    fn class_name(&self) -> &str {
        match self.kind {
            TimerKind::Immediate => "Immediate",
            _ => "Timeout",
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl TimerHandle {
    /// A new handle; `delay_ms` is already clamped by the host.
    pub fn new(
        interp: &mut Interp,
        kind: TimerKind,
        callback: Value,
        args: Vec<Value>,
        delay_ms: f64,
    ) -> TimerHandle {
        let async_id = new_async_id(interp);
        let location = if interp.event_loop.trace {
            caller_location(interp)
        } else {
            None
        };
        TimerHandle {
            callback: Slot::new(callback),
            args: List::from_vec(args),
            kind,
            async_id,
            delay: Cell::new(delay_ms),
            refed: Cell::new(true),
            active: Cell::new(false),
            queued: Cell::new(0),
            ready_at: Cell::new(0),
            nesting: interp.event_loop.timer_nesting + 1,
            location,
        }
    }

    /// `_idleTimeout`: the delay in ms, or -1 once cleared.
    pub fn delay(&self) -> f64 {
        self.delay.get()
    }
    pub fn has_ref(&self) -> bool {
        self.refed.get()
    }
    /// Whether the callback is still to run (or running, for intervals).
    pub fn is_active(&self) -> bool {
        self.active.get()
    }
}

pub fn timer_handle(o: &JsObject) -> Option<&TimerHandle> {
    o.host::<TimerHandle>()
}

struct TimerEntry {
    ready_at: u64,
    seq: u64,
    timer: JsObject,
}

impl PartialEq for TimerEntry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for TimerEntry {}
impl PartialOrd for TimerEntry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TimerEntry {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.ready_at, self.seq).cmp(&(other.ready_at, other.seq))
    }
}

// ---------------------------------------------------------------------------
// I/O: a small thread pool and its completions.

/// Work run off the interpreter thread; its result goes to the completion.
pub type IoWork = Box<dyn FnOnce() -> Box<dyn Any + Send> + Send>;
/// Runs on the interpreter thread, in the poll phase, with the work's result.
pub type IoCompletion = Box<dyn FnOnce(&mut Interp, Box<dyn Any + Send>) -> JsResult<()>>;
/// Host work run on the interpreter thread (a close callback, a completion
/// whose work is already done).
pub type HostCallback = Box<dyn FnOnce(&mut Interp) -> JsResult<()>>;

/// Worker threads, as libuv's default `UV_THREADPOOL_SIZE`.
const POOL_SIZE: usize = 4;

struct PendingRequest {
    id: u64,
    label: &'static str,
    location: Option<Location>,
    complete: IoCompletion,
}

struct Completed {
    id: u64,
    result: Box<dyn Any + Send>,
    at: Instant,
}

/// The token of the waker the pool's threads end a poll with.
const WAKER: mio::Token = mio::Token(usize::MAX);

/// What a watched source became ready for.
#[derive(Clone, Copy, Debug, Default)]
pub struct Readiness {
    pub readable: bool,
    pub writable: bool,
    /// Hang-up or error: the next read or write says which.
    pub closed: bool,
}

/// Runs on the interpreter thread, in the poll phase, when its watched
/// source becomes ready.
pub type WatchCallback = Rc<dyn Fn(&mut Interp, Readiness) -> JsResult<()>>;

struct Watcher {
    label: &'static str,
    callback: WatchCallback,
    /// Keeps the loop running (libuv's active, referenced handle).
    alive: bool,
}

/// A readiness event received and not yet delivered.
struct SourceEvent {
    token: usize,
    readiness: Readiness,
    at: Instant,
}

/// The poll phase's epoll instance and the waker of the pool's threads.
struct Poller {
    poll: mio::Poll,
    events: mio::Events,
    waker: Arc<mio::Waker>,
}

#[derive(Default)]
struct IoState {
    next_id: u64,
    /// Requests submitted and not yet delivered, in submission order.
    pending: Vec<PendingRequest>,
    /// Completions received but not yet delivered.
    ready: VecDeque<Completed>,
    work_tx: Option<Sender<(u64, IoWork)>>,
    done_rx: Option<Receiver<Completed>>,
    poller: Option<Poller>,
    watchers: HashMap<usize, Watcher>,
    watchers_alive: usize,
    next_token: usize,
    /// Readiness events received but not yet delivered.
    events: VecDeque<SourceEvent>,
}

impl IoState {
    /// The epoll instance, made on first use.
    fn poller(&mut self) -> std::io::Result<&mut Poller> {
        let p = match self.poller.take() {
            Some(p) => p,
            None => {
                let poll = mio::Poll::new()?;
                let waker = mio::Waker::new(poll.registry(), WAKER)?;
                Poller {
                    poll,
                    events: mio::Events::with_capacity(1024),
                    waker: Arc::new(waker),
                }
            }
        };
        Ok(self.poller.insert(p))
    }

    fn start_pool(&mut self) -> Option<&Sender<(u64, IoWork)>> {
        if self.work_tx.is_none() {
            let waker = Arc::clone(&self.poller().ok()?.waker);
            let (work_tx, work_rx) = mpsc::channel::<(u64, IoWork)>();
            let (done_tx, done_rx) = mpsc::channel::<Completed>();
            let work_rx = Arc::new(Mutex::new(work_rx));
            for i in 0..POOL_SIZE {
                let rx = Arc::clone(&work_rx);
                let tx = done_tx.clone();
                let waker = Arc::clone(&waker);
                let spawned = std::thread::Builder::new()
                    .name(format!("minijs-io-{i}"))
                    .spawn(move || io_worker(rx, tx, waker));
                if spawned.is_err() && i == 0 {
                    return None;
                }
            }
            self.work_tx = Some(work_tx);
            self.done_rx = Some(done_rx);
        }
        self.work_tx.as_ref()
    }

    /// Whether anything can arrive while the poll waits.
    fn waits(&self) -> bool {
        !self.pending.is_empty() || self.watchers_alive > 0
    }

    /// Waits up to `timeout` (`None`: as long as it takes) for readiness
    /// events or completions, unless some are already waiting, and moves
    /// what arrived to `events` and `ready`.
    fn wait(&mut self, timeout: Option<Duration>) {
        let timeout = if self.ready.is_empty() && self.events.is_empty() {
            timeout
        } else {
            Some(Duration::ZERO)
        };
        match self.poller.as_mut() {
            Some(p) => {
                // An interrupted wait (EINTR) just ends early.
                let _ = p.poll.poll(&mut p.events, timeout);
                let at = Instant::now();
                for ev in p.events.iter().filter(|e| e.token() != WAKER) {
                    self.events.push_back(SourceEvent {
                        token: ev.token().0,
                        readiness: Readiness {
                            readable: ev.is_readable(),
                            writable: ev.is_writable(),
                            closed: ev.is_error() || ev.is_read_closed() || ev.is_write_closed(),
                        },
                        at,
                    });
                }
            }
            // No poller: nothing is registered and no thread runs, so
            // nothing can arrive; only a timer can be waited for.
            None => match timeout {
                Some(t) if !t.is_zero() => std::thread::sleep(t),
                _ => {}
            },
        }
        if let Some(rx) = &self.done_rx {
            let mut more: Vec<Completed> = rx.try_iter().collect();
            // Several completions arriving together are delivered in the
            // order they were submitted.
            more.sort_by_key(|c| c.id);
            self.ready.extend(more);
        }
    }
}

fn io_worker(
    rx: Arc<Mutex<Receiver<(u64, IoWork)>>>,
    tx: Sender<Completed>,
    waker: Arc<mio::Waker>,
) {
    loop {
        let next = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok((id, work)) = next else { return };
        let result = work();
        if tx
            .send(Completed {
                id,
                result,
                at: Instant::now(),
            })
            .is_err()
        {
            return;
        }
        let _ = waker.wake();
    }
}

// ---------------------------------------------------------------------------
// Host hooks: what `process` does with errors and the end of the loop.

/// How the host reacts to the loop's events. The defaults (no `process`)
/// make every uncaught error fatal.
#[derive(Clone, Copy)]
pub struct HostHooks {
    /// An exception no JavaScript code caught, thrown by a callback the
    /// loop ran (`from_promise`: an unhandled rejection turned into an
    /// exception). `Ok` if a handler (`uncaughtException`) took it; `Err`
    /// ends the program with that error.
    pub uncaught_exception: fn(&mut Interp, Value, bool) -> JsResult<()>,
    /// A promise rejected with no handler after a checkpoint.
    pub unhandled_rejection: fn(&mut Interp, JsObject, Value) -> JsResult<()>,
    /// Nothing keeps the loop alive: Node's `beforeExit`.
    pub before_exit: fn(&mut Interp) -> JsResult<()>,
}

fn default_uncaught(_interp: &mut Interp, error: Value, _from_promise: bool) -> JsResult<()> {
    Err(JsError::Throw(error))
}

fn default_unhandled(interp: &mut Interp, _promise: JsObject, reason: Value) -> JsResult<()> {
    if interp.options.test262 {
        return Ok(());
    }
    (interp.event_loop.hooks.uncaught_exception)(interp, reason, true)
}

fn default_before_exit(_interp: &mut Interp) -> JsResult<()> {
    Ok(())
}

impl Default for HostHooks {
    fn default() -> Self {
        HostHooks {
            uncaught_exception: default_uncaught,
            unhandled_rejection: default_unhandled,
            before_exit: default_before_exit,
        }
    }
}

// ---------------------------------------------------------------------------
// The loop state.

struct Tick {
    callback: Value,
    args: Vec<Value>,
    location: Option<Location>,
}

struct Closing {
    label: &'static str,
    ready_at: u64,
    callback: HostCallback,
}

pub struct EventLoop {
    pub model: LoopModel,
    /// `--trace-loop`.
    pub trace: bool,
    pub hooks: HostHooks,
    origin: Instant,
    last_async_id: f64,
    seq: u64,
    ticks: VecDeque<Tick>,
    timers: BinaryHeap<Reverse<TimerEntry>>,
    timers_active: usize,
    timers_refed: usize,
    immediates: VecDeque<JsObject>,
    immediates_active: usize,
    immediates_refed: usize,
    io: IoState,
    closing: VecDeque<Closing>,
    /// Browser model: nesting level of the timer task running (0 outside).
    timer_nesting: u32,
    /// Whether stdout / stderr were used (their streams take an async id).
    stdio_used: [bool; 2],
    /// The loop time timers start from (µs), see [`EventLoop::timer_start_ms`].
    timer_clock_us: u64,
}

impl Default for EventLoop {
    fn default() -> Self {
        EventLoop {
            model: LoopModel::Node,
            trace: false,
            hooks: HostHooks::default(),
            origin: Instant::now(),
            // 1 is the main script's execution.
            last_async_id: 1.0,
            seq: 0,
            ticks: VecDeque::new(),
            timers: BinaryHeap::new(),
            timers_active: 0,
            timers_refed: 0,
            immediates: VecDeque::new(),
            immediates_active: 0,
            immediates_refed: 0,
            io: IoState::default(),
            closing: VecDeque::new(),
            timer_nesting: 0,
            stdio_used: [false; 2],
            timer_clock_us: 0,
        }
    }
}

impl EventLoop {
    /// Microseconds since the loop started.
    fn now_us(&self) -> u64 {
        self.origin.elapsed().as_micros() as u64
    }

    /// Time since the loop (the process) started.
    pub fn elapsed(&self) -> Duration {
        self.origin.elapsed()
    }

    /// The millisecond a timer created now starts from: libuv's loop time,
    /// the real time in whole milliseconds (Node reads it afresh for each
    /// timer). In the `node10` model it is a cached clock instead, refreshed
    /// once it is a millisecond behind: timers set in one quick run of code
    /// share their start, so the textbook examples whose two timers must be
    /// due together do not depend on where a millisecond boundary falls (a
    /// timer may then fire up to a millisecond early).
    fn timer_start_ms(&mut self) -> u64 {
        if self.model == LoopModel::Node10 {
            self.update_timer_clock(false)
        } else {
            self.update_timer_clock(true)
        }
    }

    /// Refreshes the loop time (at each phase, as libuv updates it at each
    /// iteration) if `force` or if it is a millisecond behind; returns it
    /// in whole milliseconds.
    fn update_timer_clock(&mut self, force: bool) -> u64 {
        let now = self.now_us();
        if force || now >= self.timer_clock_us + 1000 {
            self.timer_clock_us = now;
        }
        self.timer_clock_us / 1000
    }

    /// Whether anything referenced keeps the loop running.
    pub fn is_alive(&self) -> bool {
        self.timers_refed > 0
            || self.immediates_refed > 0
            || !self.io.pending.is_empty()
            || self.io.watchers_alive > 0
            || !self.closing.is_empty()
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Drops stale heap entries (cleared or rescheduled timers) from the top.
    fn clean_timer_top(&mut self) {
        while let Some(Reverse(top)) = self.timers.peek() {
            let live = timer_handle(&top.timer).is_some_and(|h| h.queued.get() == top.seq);
            if live {
                return;
            }
            self.timers.pop();
        }
    }

    /// When the earliest live timer becomes ready (µs since the origin).
    fn next_timer_at(&mut self) -> Option<u64> {
        self.clean_timer_top();
        self.timers.peek().map(|Reverse(e)| e.ready_at)
    }

    /// The trace prefix of a phase: the phase, or `task` in the browser
    /// model (which has no phases).
    fn phase_name(&self, phase: &'static str) -> &'static str {
        match self.model {
            LoopModel::Browser => "task",
            _ => phase,
        }
    }

    fn trace_line(&self, phase: &str, text: &str) {
        if self.trace {
            eprintln!("[{phase}] {text}");
        }
    }
}

/// Allocates the next async id (Node's `Symbol(asyncId)`): timers,
/// immediates, ticks and I/O requests each take one, from 2.
pub fn new_async_id(interp: &mut Interp) -> f64 {
    interp.event_loop.last_async_id += 1.0;
    interp.event_loop.last_async_id
}

/// Notes the first use of stdout (`fd` 1) or stderr (2): in Node that
/// creates the stream's handle, which takes an async id.
pub fn touch_stdio(interp: &mut Interp, fd: u8) {
    let i = usize::from(fd == 2);
    if !interp.event_loop.stdio_used[i] {
        interp.event_loop.stdio_used[i] = true;
        new_async_id(interp);
    }
}

/// The nesting level of the timer callback running (0 outside timers), for
/// the browser model's 4 ms clamp.
pub fn timer_nesting(interp: &Interp) -> u32 {
    interp.event_loop.timer_nesting
}

// ---------------------------------------------------------------------------
// Scheduling (called by the host's natives).

/// `process.nextTick(callback, ...args)`.
pub fn next_tick(interp: &mut Interp, callback: Value, args: Vec<Value>) {
    new_async_id(interp);
    let location = if interp.event_loop.trace {
        caller_location(interp)
    } else {
        None
    };
    interp.event_loop.ticks.push_back(Tick {
        callback,
        args,
        location,
    });
}

/// Schedules a `Timeout` handle `delay` ms from now (setTimeout,
/// setInterval, `refresh()`); replaces an earlier schedule.
pub fn start_timer(interp: &mut Interp, timer: &JsObject) {
    let Some(h) = timer_handle(timer) else { return };
    let lp = &mut interp.event_loop;
    let delay_us = (h.delay.get().max(0.0) * 1000.0) as u64;
    let ready_at = match lp.model {
        // libuv's clock counts whole milliseconds.
        LoopModel::Node | LoopModel::Node10 => lp.timer_start_ms() * 1000 + delay_us,
        LoopModel::Browser => lp.now_us() + delay_us,
    };
    schedule_timer_at(lp, timer, h, ready_at);
}

fn schedule_timer_at(lp: &mut EventLoop, timer: &JsObject, h: &TimerHandle, ready_at: u64) {
    if !h.active.get() {
        h.active.set(true);
        lp.timers_active += 1;
        if h.refed.get() {
            lp.timers_refed += 1;
        }
    }
    let seq = lp.next_seq();
    h.queued.set(seq);
    h.ready_at.set(ready_at);
    lp.timers.push(Reverse(TimerEntry {
        ready_at,
        seq,
        timer: timer.clone(),
    }));
}

/// `setImmediate`: queues an `Immediate` handle for the check phase.
pub fn queue_immediate(interp: &mut Interp, immediate: &JsObject) {
    let Some(h) = timer_handle(immediate) else {
        return;
    };
    let lp = &mut interp.event_loop;
    if !h.active.get() {
        h.active.set(true);
        lp.immediates_active += 1;
        if h.refed.get() {
            lp.immediates_refed += 1;
        }
    }
    h.ready_at.set(lp.now_us());
    let seq = lp.next_seq();
    h.queued.set(seq);
    lp.immediates.push_back(immediate.clone());
}

/// Stops counting a handle as pending work.
fn deactivate(lp: &mut EventLoop, h: &TimerHandle) {
    if !h.active.replace(false) {
        return;
    }
    let refed = h.refed.get();
    match h.kind {
        TimerKind::Immediate => {
            lp.immediates_active -= 1;
            if refed {
                lp.immediates_refed -= 1;
            }
        }
        _ => {
            lp.timers_active -= 1;
            if refed {
                lp.timers_refed -= 1;
            }
        }
    }
}

/// clearTimeout / clearInterval / clearImmediate.
pub fn clear_timer(interp: &mut Interp, timer: &JsObject) {
    let Some(h) = timer_handle(timer) else { return };
    h.queued.set(0);
    if h.kind != TimerKind::Immediate {
        h.delay.set(-1.0);
    }
    deactivate(&mut interp.event_loop, h);
}

/// `ref()` / `unref()`.
pub fn set_timer_ref(interp: &mut Interp, timer: &JsObject, refed: bool) {
    let Some(h) = timer_handle(timer) else { return };
    if h.refed.replace(refed) == refed || !h.active.get() {
        return;
    }
    let lp = &mut interp.event_loop;
    let count = match h.kind {
        TimerKind::Immediate => &mut lp.immediates_refed,
        _ => &mut lp.timers_refed,
    };
    if refed {
        *count += 1;
    } else {
        *count -= 1;
    }
}

/// Submits `work` to the thread pool; `complete` runs in a later poll
/// phase with its result. `label` names the operation in traces
/// (`fs.readFile`). The request keeps the loop alive until delivered.
pub fn submit_io(interp: &mut Interp, label: &'static str, work: IoWork, complete: IoCompletion) {
    submit(interp, label, work, complete);
}

fn submit(interp: &mut Interp, label: &'static str, work: IoWork, complete: IoCompletion) {
    new_async_id(interp);
    let location = if interp.event_loop.trace {
        caller_location(interp)
    } else {
        None
    };
    let io = &mut interp.event_loop.io;
    io.next_id += 1;
    let id = io.next_id;
    io.pending.push(PendingRequest {
        id,
        label,
        location,
        complete,
    });
    let not_started = match io.start_pool() {
        Some(tx) => match tx.send((id, work)) {
            Ok(()) => None,
            Err(mpsc::SendError((_, work))) => Some(work),
        },
        None => Some(work),
    };
    // No thread could take it: run the work here, deliver it later.
    if let Some(work) = not_started {
        io.ready.push_back(Completed {
            id,
            result: work(),
            at: Instant::now(),
        });
    }
}

/// Queues host work that is already done (a module the loader read at
/// once, say) so that `complete` runs in the next poll phase, as an I/O
/// callback would.
pub fn queue_completion(interp: &mut Interp, label: &'static str, complete: HostCallback) {
    let location = if interp.event_loop.trace {
        caller_location(interp)
    } else {
        None
    };
    let io = &mut interp.event_loop.io;
    io.next_id += 1;
    let id = io.next_id;
    io.pending.push(PendingRequest {
        id,
        label,
        location,
        complete: Box::new(move |interp, _| complete(interp)),
    });
    io.ready.push_back(Completed {
        id,
        result: Box::new(()),
        at: Instant::now(),
    });
}

/// Queues a callback for the close phase (a handle's `'close'`).
pub fn queue_close(interp: &mut Interp, label: &'static str, callback: HostCallback) {
    let ready_at = interp.event_loop.now_us();
    interp.event_loop.closing.push_back(Closing {
        label,
        ready_at,
        callback,
    });
}

/// Registers a non-blocking source (a socket) with the poll phase, for
/// readability and writability (edge-triggered: `callback` hears of each
/// change, and should read or write until the call would block). Returns
/// the watcher's token. It does not keep the loop alive until
/// [`set_watcher_alive`] says so.
pub fn watch(
    interp: &mut Interp,
    source: &mut dyn mio::event::Source,
    label: &'static str,
    callback: WatchCallback,
) -> std::io::Result<usize> {
    let io = &mut interp.event_loop.io;
    let token = io.next_token;
    io.poller()?.poll.registry().register(
        source,
        mio::Token(token),
        mio::Interest::READABLE | mio::Interest::WRITABLE,
    )?;
    io.next_token += 1;
    io.watchers.insert(
        token,
        Watcher {
            label,
            callback,
            alive: false,
        },
    );
    Ok(token)
}

/// Registers `source` again, so that readiness it already has (data that
/// arrived while nobody read) is reported by the next poll.
pub fn rewatch(
    interp: &mut Interp,
    token: usize,
    source: &mut dyn mio::event::Source,
) -> std::io::Result<()> {
    let Some(p) = interp.event_loop.io.poller.as_ref() else {
        return Ok(());
    };
    p.poll.registry().reregister(
        source,
        mio::Token(token),
        mio::Interest::READABLE | mio::Interest::WRITABLE,
    )
}

/// Removes a watcher (before its source is closed); readiness already
/// received for it is dropped.
pub fn unwatch(interp: &mut Interp, token: usize, source: &mut dyn mio::event::Source) {
    set_watcher_alive(interp, token, false);
    let io = &mut interp.event_loop.io;
    io.watchers.remove(&token);
    if let Some(p) = io.poller.as_ref() {
        let _ = p.poll.registry().deregister(source);
    }
}

/// Whether the watcher keeps the loop running (a server listening, a
/// socket reading, connecting or writing, and not `unref()`'d).
pub fn set_watcher_alive(interp: &mut Interp, token: usize, alive: bool) {
    let io = &mut interp.event_loop.io;
    if let Some(w) = io.watchers.get_mut(&token) {
        if w.alive != alive {
            w.alive = alive;
            if alive {
                io.watchers_alive += 1;
            } else {
                io.watchers_alive -= 1;
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Running callbacks.

/// How a callback ended, once errors are dealt with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Returned,
    /// It threw and an `uncaughtException` handler took the error. Node
    /// then skips the checkpoint that would follow the callback (the next
    /// callback's checkpoint drains the queues).
    Threw,
}

/// Deals with an error escaping a callback: `process.exit()` and fatal
/// errors propagate; a handled uncaught exception lets the loop go on.
fn settle_callback(interp: &mut Interp, r: JsResult<Value>) -> JsResult<Outcome> {
    match r {
        Ok(_) | Err(JsError::GeneratorReturn(_)) => Ok(Outcome::Returned),
        Err(JsError::Throw(e)) => {
            if interp.event_loop.trace {
                eprintln!("[error] uncaught exception");
            }
            (interp.event_loop.hooks.uncaught_exception)(interp, e, false)?;
            Ok(Outcome::Threw)
        }
        Err(e) => Err(e),
    }
}

/// A microtask checkpoint — Node's `processTicksAndRejections`: every
/// nextTick callback, then every promise job, until both queues are empty;
/// then unhandled rejections are reported. A nextTick callback that throws
/// ends the checkpoint early (what is left waits for the next one); a
/// `queueMicrotask` callback that throws does not.
pub fn checkpoint(interp: &mut Interp) -> JsResult<()> {
    loop {
        if interp.event_loop.trace
            && (!interp.event_loop.ticks.is_empty() || !interp.job_queue.is_empty())
        {
            let (t, p) = (interp.event_loop.ticks.len(), interp.job_queue.len());
            let text = format!("checkpoint: {t} nextTick, {}", plural(p, "promise job"));
            interp.event_loop.trace_line("microtasks", &text);
        }
        while let Some(tick) = interp.event_loop.ticks.pop_front() {
            if interp.event_loop.trace {
                eprintln!("[microtask:nextTick]{}", at(&tick.location));
            }
            let r = interp.call(&tick.callback, &Value::Undefined, &tick.args);
            if settle_callback(interp, r)? == Outcome::Threw {
                return Ok(());
            }
        }
        run_promise_jobs(interp)?;
        if !interp.event_loop.ticks.is_empty() {
            continue;
        }
        if !process_rejections(interp)? {
            return Ok(());
        }
    }
}

/// Drains the promise job queue (V8's microtask queue) without running
/// nextTick callbacks queued meanwhile.
pub fn run_promise_jobs(interp: &mut Interp) -> JsResult<()> {
    while let Some(job) = interp.job_queue.pop() {
        if interp.event_loop.trace {
            trace_job(&job);
        }
        if let Err(e) = crate::job_queue::run_job(interp, job) {
            settle_callback(interp, Err(e))?;
        }
    }
    Ok(())
}

fn trace_job(job: &Job) {
    match job {
        Job::PromiseReaction { reaction, .. } => {
            let what = if reaction.handler.is_undefined() {
                "pass-through".to_string()
            } else if let Some(l) = function_location(&reaction.handler) {
                let kind = if reaction.is_reject { "catch" } else { "then" };
                format!("{kind} ({l})")
            } else if is_await_continuation(&reaction.handler) {
                "await resumes".to_string()
            } else {
                "built-in reaction".to_string()
            };
            eprintln!("[microtask:promise] {what}");
        }
        Job::PromiseResolveThenable { then, .. } => {
            let where_ = function_location(then)
                .map(|l| format!(" ({l})"))
                .unwrap_or_default();
            eprintln!("[microtask:promise] resolve thenable: call then{where_}");
        }
        Job::Callback { callback, .. } => {
            eprintln!(
                "[microtask:queueMicrotask]{}",
                at(&function_location(callback))
            );
        }
    }
}

/// Whether a reaction handler resumes an async function or generator.
fn is_await_continuation(handler: &Value) -> bool {
    let Value::Object(o) = handler else {
        return false;
    };
    let ObjectKind::NativeFunction(nf) = o.kind() else {
        return false;
    };
    matches!(nf.slots.get(0), Some(Value::Object(g)) if matches!(g.kind(), ObjectKind::Generator(_)))
}

/// Reports promises still rejected without a handler (Node's
/// `processPromiseRejections`); true if any was reported (its handler may
/// have queued more work).
fn process_rejections(interp: &mut Interp) -> JsResult<bool> {
    if interp.pending_rejections.is_empty() {
        return Ok(false);
    }
    let pending = std::mem::take(&mut interp.pending_rejections);
    let mut reported = false;
    for p in pending {
        let Some(data) = promise::promise_data(&p) else {
            continue;
        };
        if data.is_handled.get() || data.state.get() != promise::PromiseState::Rejected {
            continue;
        }
        let reason = data.result.get();
        reported = true;
        if interp.event_loop.trace {
            eprintln!("[error] unhandled rejection");
        }
        (interp.event_loop.hooks.unhandled_rejection)(interp, p, reason)?;
    }
    Ok(reported || !interp.pending_rejections.is_empty())
}

fn run_timer(interp: &mut Interp, timer: &JsObject) -> JsResult<Outcome> {
    let Some(h) = timer_handle(timer) else {
        return Ok(Outcome::Returned);
    };
    h.queued.set(0);
    let start_ms = interp.event_loop.timer_start_ms();
    if interp.event_loop.trace {
        let what = match h.kind {
            TimerKind::Interval => "setInterval",
            _ => "setTimeout",
        };
        let phase = interp.event_loop.phase_name("timers");
        eprintln!(
            "[{phase}] {what} callback, id {}{}",
            h.async_id,
            at(&h.location)
        );
    }
    let callback = h.callback.get();
    let args = h.args.to_vec();
    let nesting = std::mem::replace(&mut interp.event_loop.timer_nesting, h.nesting);
    let r = interp.call(&callback, &Value::Object(timer.clone()), &args);
    interp.event_loop.timer_nesting = nesting;
    let lp = &mut interp.event_loop;
    if h.kind == TimerKind::Interval
        && h.delay.get() >= 0.0
        && h.queued.get() == 0
        && h.active.get()
    {
        let delay_us = (h.delay.get() * 1000.0) as u64;
        let ready_at = match lp.model {
            LoopModel::Browser => lp.now_us() + delay_us,
            _ => start_ms * 1000 + delay_us,
        };
        schedule_timer_at(lp, timer, h, ready_at);
    } else if h.queued.get() == 0 {
        deactivate(lp, h);
    }
    settle_callback(interp, r)
}

fn run_immediate(interp: &mut Interp, immediate: &JsObject) -> JsResult<Outcome> {
    let Some(h) = timer_handle(immediate) else {
        return Ok(Outcome::Returned);
    };
    h.queued.set(0);
    deactivate(&mut interp.event_loop, h);
    if interp.event_loop.trace {
        let phase = interp.event_loop.phase_name("check");
        eprintln!(
            "[{phase}] setImmediate callback, id {}{}",
            h.async_id,
            at(&h.location)
        );
    }
    let callback = h.callback.get();
    let args = h.args.to_vec();
    let r = interp.call(&callback, &Value::Object(immediate.clone()), &args);
    settle_callback(interp, r)
}

fn run_completion(interp: &mut Interp, done: Completed) -> JsResult<Outcome> {
    let io = &mut interp.event_loop.io;
    let Some(idx) = io.pending.iter().position(|p| p.id == done.id) else {
        return Ok(Outcome::Returned);
    };
    let req = io.pending.remove(idx);
    if interp.event_loop.trace {
        let phase = interp.event_loop.phase_name("poll");
        eprintln!("[{phase}] {} callback{}", req.label, at(&req.location));
    }
    let r = (req.complete)(interp, done.result).map(|_| Value::Undefined);
    settle_callback(interp, r)
}

fn run_watcher(interp: &mut Interp, ev: SourceEvent) -> JsResult<Outcome> {
    let Some(w) = interp.event_loop.io.watchers.get(&ev.token) else {
        return Ok(Outcome::Returned);
    };
    let (label, callback) = (w.label, Rc::clone(&w.callback));
    if interp.event_loop.trace {
        let phase = interp.event_loop.phase_name("poll");
        eprintln!("[{phase}] {label} ready");
    }
    let r = callback(interp, ev.readiness).map(|_| Value::Undefined);
    settle_callback(interp, r)
}

fn run_close(interp: &mut Interp, c: Closing) -> JsResult<Outcome> {
    if interp.event_loop.trace {
        let phase = interp.event_loop.phase_name("close");
        eprintln!("[{phase}] {} callback", c.label);
    }
    let r = (c.callback)(interp).map(|_| Value::Undefined);
    settle_callback(interp, r)
}

// ---------------------------------------------------------------------------
// Phases (node and node10 models).

fn each_callback_checkpoint(interp: &Interp) -> bool {
    interp.event_loop.model != LoopModel::Node10
}

/// The timers phase: runs every timer due at the phase's start time. A
/// callback that threw is not followed by a checkpoint (Node goes on with
/// the next due timer); the phase ends with one.
fn timers_phase(interp: &mut Interp) -> JsResult<()> {
    let now = interp.event_loop.update_timer_clock(true) * 1000;
    let mut ran = 0;
    loop {
        interp.event_loop.clean_timer_top();
        let Some(Reverse(top)) = interp.event_loop.timers.peek() else {
            break;
        };
        if top.ready_at > now {
            break;
        }
        let Some(Reverse(entry)) = interp.event_loop.timers.pop() else {
            break;
        };
        if ran == 0 && interp.event_loop.trace {
            let due = 1 + interp
                .event_loop
                .timers
                .iter()
                .filter(|Reverse(e)| {
                    e.ready_at <= now
                        && timer_handle(&e.timer).is_some_and(|h| h.queued.get() == e.seq)
                })
                .count();
            interp.event_loop.trace_line(
                "timers",
                &format!("phase: {}", plural(due, "timer") + " due"),
            );
        }
        ran += 1;
        if run_timer(interp, &entry.timer)? == Outcome::Returned && each_callback_checkpoint(interp)
        {
            checkpoint(interp)?;
        }
    }
    if ran > 0 {
        checkpoint(interp)?;
    }
    Ok(())
}

/// The poll phase: waits for I/O (no longer than until the next timer, not
/// at all when immediates or close callbacks wait), then runs the
/// completions that arrived and the watchers of the sources that became
/// ready.
fn poll_phase(interp: &mut Interp, may_block: bool) -> JsResult<()> {
    let lp = &mut interp.event_loop;
    let timeout =
        if !may_block || lp.immediates_active > 0 || !lp.closing.is_empty() || !lp.is_alive() {
            Some(Duration::ZERO)
        } else {
            match lp.next_timer_at() {
                Some(at) => {
                    // As libuv: the wait is whole milliseconds from the
                    // loop time (a whole millisecond, behind the real
                    // time), counted from now; so a timer never fires
                    // before its delay has passed since it was set.
                    let now_ms = lp.now_us() / 1000;
                    let at_ms = at.div_ceil(1000);
                    Some(Duration::from_millis(at_ms.saturating_sub(now_ms)))
                }
                None => None,
            }
        };
    lp.io.wait(timeout);
    lp.update_timer_clock(true);
    if !lp.io.ready.is_empty() {
        let n = lp.io.ready.len();
        lp.trace_line(
            "poll",
            &format!("phase: {}", plural(n, "completed request")),
        );
    }
    if !lp.io.events.is_empty() {
        let n = lp.io.events.len();
        lp.trace_line("poll", &format!("phase: {}", plural(n, "ready source")));
    }
    // Each completion and each watcher call is its own callback scope: a
    // checkpoint follows it even when it threw.
    while let Some(done) = interp.event_loop.io.ready.pop_front() {
        run_completion(interp, done)?;
        checkpoint(interp)?;
    }
    while let Some(ev) = interp.event_loop.io.events.pop_front() {
        run_watcher(interp, ev)?;
        checkpoint(interp)?;
    }
    Ok(())
}

/// The check phase: the immediates queued before it started. When one
/// throws, no checkpoint follows it, and once the batch is done the phase
/// goes on with the immediates queued meanwhile (Node's outstanding
/// queue); the phase ends with a checkpoint.
fn check_phase(interp: &mut Interp) -> JsResult<()> {
    let mut ran = 0;
    loop {
        if interp.event_loop.immediates.is_empty() {
            break;
        }
        let batch: Vec<JsObject> = interp.event_loop.immediates.drain(..).collect();
        let live = |imm: &JsObject| {
            timer_handle(imm).is_some_and(|h| h.active.get() && h.queued.get() != 0)
        };
        if ran == 0 && interp.event_loop.trace {
            let n = batch.iter().filter(|i| live(i)).count();
            let text = format!("phase: {}", plural(n, "immediate"));
            interp.event_loop.trace_line("check", &text);
        }
        let mut threw = false;
        for imm in batch {
            if !live(&imm) {
                continue;
            }
            ran += 1;
            match run_immediate(interp, &imm)? {
                Outcome::Returned if each_callback_checkpoint(interp) => checkpoint(interp)?,
                Outcome::Returned => {}
                Outcome::Threw => threw = true,
            }
        }
        if !threw {
            break;
        }
    }
    if ran > 0 {
        checkpoint(interp)?;
    }
    Ok(())
}

/// The close callbacks phase.
fn close_phase(interp: &mut Interp) -> JsResult<()> {
    if interp.event_loop.closing.is_empty() {
        return Ok(());
    }
    let n = interp.event_loop.closing.len();
    interp
        .event_loop
        .trace_line("close", &format!("phase: {}", plural(n, "callback")));
    let batch: Vec<Closing> = interp.event_loop.closing.drain(..).collect();
    for c in batch {
        run_close(interp, c)?;
        checkpoint(interp)?;
    }
    Ok(())
}

/// One iteration of libuv's loop.
fn node_iteration(interp: &mut Interp, may_block: bool) -> JsResult<()> {
    timers_phase(interp)?;
    // Pending callbacks and idle/prepare have no JavaScript work here.
    poll_phase(interp, may_block)?;
    interp.event_loop.update_timer_clock(true);
    check_phase(interp)?;
    close_phase(interp)
}

// ---------------------------------------------------------------------------
// The browser model: one task, then a microtask checkpoint.

enum Task {
    Timer(JsObject),
    Immediate(JsObject),
    Io,
    Source,
    Close,
}

/// The ready time of the task that became ready first, and the task.
fn first_task(lp: &mut EventLoop) -> Option<(u64, Task)> {
    let mut best: Option<(u64, u64, Task)> = None;
    let consider = |at: u64, seq: u64, task: Task, best: &mut Option<(u64, u64, Task)>| {
        if best.as_ref().is_none_or(|(a, s, _)| (at, seq) < (*a, *s)) {
            *best = Some((at, seq, task));
        }
    };
    lp.clean_timer_top();
    if let Some(Reverse(e)) = lp.timers.peek() {
        consider(e.ready_at, e.seq, Task::Timer(e.timer.clone()), &mut best);
    }
    while let Some(imm) = lp.immediates.front() {
        match timer_handle(imm) {
            Some(h) if h.active.get() && h.queued.get() != 0 => {
                consider(
                    h.ready_at.get(),
                    h.queued.get(),
                    Task::Immediate(imm.clone()),
                    &mut best,
                );
                break;
            }
            _ => {
                lp.immediates.pop_front();
            }
        }
    }
    let origin = lp.origin;
    if let Some(c) = lp.io.ready.front() {
        let at = c.at.saturating_duration_since(origin).as_micros() as u64;
        consider(at, 0, Task::Io, &mut best);
    }
    if let Some(e) = lp.io.events.front() {
        let at = e.at.saturating_duration_since(origin).as_micros() as u64;
        consider(at, 0, Task::Source, &mut best);
    }
    if let Some(c) = lp.closing.front() {
        consider(c.ready_at, u64::MAX, Task::Close, &mut best);
    }
    best.map(|(at, _, t)| (at, t))
}

fn browser_step(interp: &mut Interp, may_block: bool) -> JsResult<()> {
    let lp = &mut interp.event_loop;
    lp.io.wait(Some(Duration::ZERO));
    let mut next = first_task(lp);
    let now = lp.now_us();
    let wait = match &next {
        Some((at, _)) if *at > now => Some(Duration::from_micros(at - now)),
        Some(_) => None,
        None if lp.io.waits() => Some(Duration::MAX),
        None => return Ok(()),
    };
    if wait.is_some() && !may_block {
        return Ok(());
    }
    if let Some(w) = wait {
        lp.io.wait((w != Duration::MAX).then_some(w));
        next = first_task(lp);
        if let Some((at, _)) = &next {
            if *at > lp.now_us() {
                return Ok(());
            }
        }
    }
    let Some((_, task)) = next else { return Ok(()) };
    // HTML performs the microtask checkpoint after every task, even one
    // that threw.
    match task {
        Task::Timer(t) => {
            interp.event_loop.timers.pop();
            run_timer(interp, &t)?;
        }
        Task::Immediate(i) => {
            interp.event_loop.immediates.pop_front();
            run_immediate(interp, &i)?;
        }
        Task::Io => {
            if let Some(done) = interp.event_loop.io.ready.pop_front() {
                run_completion(interp, done)?;
            }
        }
        Task::Source => {
            if let Some(ev) = interp.event_loop.io.events.pop_front() {
                run_watcher(interp, ev)?;
            }
        }
        Task::Close => {
            if let Some(c) = interp.event_loop.closing.pop_front() {
                run_close(interp, c)?;
            }
        }
    }
    checkpoint(interp)
}

// ---------------------------------------------------------------------------
// Entry points.

/// Runs one loop iteration (browser model: one task); for hosts that wait
/// on a promise from outside any coroutine. Runs a checkpoint first if
/// microtasks are queued. False if nothing was left to do.
pub fn turn(interp: &mut Interp) -> JsResult<bool> {
    if !interp.event_loop.ticks.is_empty() || !interp.job_queue.is_empty() {
        checkpoint(interp)?;
        return Ok(true);
    }
    if !interp.event_loop.is_alive() {
        return Ok(false);
    }
    match interp.event_loop.model {
        LoopModel::Browser => browser_step(interp, true)?,
        _ => node_iteration(interp, true)?,
    }
    Ok(true)
}

/// Runs what is ready without waiting (for a host that waits itself, such
/// as the REPL while it reads a line): the queued microtasks, then one
/// loop iteration whose poll phase does not block. Returns when to call
/// again: the next timer's time, soon if I/O is pending, `None` if
/// nothing is scheduled.
pub fn run_due(interp: &mut Interp) -> JsResult<Option<Instant>> {
    checkpoint(interp)?;
    if interp.event_loop.is_alive() {
        match interp.event_loop.model {
            LoopModel::Browser => browser_step(interp, false)?,
            _ => node_iteration(interp, false)?,
        }
    }
    let lp = &mut interp.event_loop;
    let now = lp.now_us();
    let next = if lp.immediates_active > 0 || !lp.closing.is_empty() || !lp.io.ready.is_empty() {
        Some(now)
    } else if lp.io.waits() {
        // Completions and readiness are polled for: look again soon.
        Some(now + 5_000)
    } else {
        lp.next_timer_at()
    };
    Ok(next.map(|us| lp.origin + Duration::from_micros(us)))
}

/// Finishes the main script's turn and runs the loop until nothing keeps
/// it alive (then `beforeExit`, which may restart it). `main` is the
/// outcome of the main script; in an ES module main the promise jobs it
/// queued run before its nextTick callbacks (the module body itself ran
/// inside V8's microtask checkpoint).
pub fn run(interp: &mut Interp, main: JsResult<()>, main_is_module: bool) -> JsResult<()> {
    settle_callback(interp, main.map(|_| Value::Undefined))?;
    if interp.event_loop.trace {
        eprintln!("[main] end of the main script");
    }
    if main_is_module {
        if !interp.job_queue.is_empty() {
            let n = interp.job_queue.len();
            let text = format!("module body: {} first", plural(n, "promise job"));
            interp.event_loop.trace_line("microtasks", &text);
        }
        run_promise_jobs(interp)?;
    }
    checkpoint(interp)?;
    loop {
        while interp.event_loop.is_alive() {
            match interp.event_loop.model {
                LoopModel::Browser => browser_step(interp, true)?,
                _ => node_iteration(interp, true)?,
            }
        }
        interp
            .event_loop
            .trace_line("loop", "nothing left to run: 'beforeExit'");
        let r = (interp.event_loop.hooks.before_exit)(interp).map(|_| Value::Undefined);
        settle_callback(interp, r)?;
        checkpoint(interp)?;
        if !interp.event_loop.is_alive() {
            interp.event_loop.trace_line("loop", "exit");
            return Ok(());
        }
    }
}
