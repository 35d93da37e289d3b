//! Unit tests of the event loop without the Node host: a script gets
//! minimal natives (`setTimeout(f, ms)`, `setInterval`, `clearTimeout`,
//! `setImmediate`, `nextTick(f)`, `io(label, f)` which completes through the
//! thread pool) and records what runs in `globalThis.out`; the test
//! compares `out.join(' ')` after `event_loop::run`. CI also runs these
//! under the `gc-stress` feature (a collection at every allocation).

use interp::event_loop::{self, LoopModel, TimerHandle, TimerKind};
use interp::execution_context::Source;
use interp::function::{create_native_function, NativeFn};
use interp::object::ObjectKind;
use interp::operations::{get_str, to_number};
use interp::realm::define_global;
use interp::{Interp, InterpOptions, JsError, JsResult, Value};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

fn timer(interp: &mut Interp, args: &[Value], kind: TimerKind) -> JsResult<Value> {
    let delay = match kind {
        TimerKind::Immediate => 0.0,
        _ => to_number(interp, &arg(args, 1))?.max(1.0),
    };
    let handle = TimerHandle::new(interp, kind, arg(args, 0), Vec::new(), delay);
    let t = interp.alloc_object(None, ObjectKind::Host(Box::new(handle)));
    match kind {
        TimerKind::Immediate => event_loop::queue_immediate(interp, &t),
        _ => event_loop::start_timer(interp, &t),
    }
    Ok(Value::Object(t))
}

fn set_timeout(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    timer(interp, args, TimerKind::Timeout)
}

fn set_interval(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    timer(interp, args, TimerKind::Interval)
}

fn set_immediate(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    timer(interp, args, TimerKind::Immediate)
}

fn clear_timeout(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    if let Value::Object(t) = arg(args, 0) {
        event_loop::clear_timer(interp, &t);
    }
    Ok(Value::Undefined)
}

fn unref(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    if let Value::Object(t) = arg(args, 0) {
        event_loop::set_timer_ref(interp, &t, false);
    }
    Ok(Value::Undefined)
}

fn next_tick(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    event_loop::next_tick(interp, arg(args, 0), Vec::new());
    Ok(Value::Undefined)
}

/// `io(f)`: work on the thread pool that returns 42; `f(42)` in the poll
/// phase.
fn io(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let f = arg(args, 0);
    event_loop::submit_io(
        interp,
        "test io",
        Box::new(|| Box::new(42u32)),
        Box::new(move |interp, result| {
            let n = result.downcast::<u32>().map(|b| *b).unwrap_or(0);
            interp.call(&f, &Value::Undefined, &[Value::from(n)])?;
            Ok(())
        }),
    );
    Ok(Value::Undefined)
}

/// Runs `src` under `model`; the words pushed to `out`, or the error.
fn run(src: &str, model: LoopModel) -> String {
    let src = src.to_string();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let program = match parser::parse_script(&src) {
                Ok(p) => p,
                Err(e) => return format!("SyntaxError: {}", e.message),
            };
            let mut interp = Interp::new(InterpOptions::default());
            interp.set_stack_size(256 << 20);
            interp.event_loop.model = model;
            let natives: &[(&str, NativeFn)] = &[
                ("setTimeout", set_timeout),
                ("setInterval", set_interval),
                ("setImmediate", set_immediate),
                ("clearTimeout", clear_timeout),
                ("unref", unref),
                ("nextTick", next_tick),
                ("io", io),
            ];
            for (name, f) in natives {
                let func = create_native_function(&mut interp, *f, name, 1);
                define_global(&mut interp, name, Value::Object(func));
            }
            let main = interp
                .run_script(&program, Source::new("test.js", src.as_str()))
                .map(|_| ());
            let r = event_loop::run(&mut interp, main, false);
            let global = interp.realm.global_object.clone();
            let out = get_str(&mut interp, &global, "out")
                .ok()
                .and_then(|o| match o {
                    Value::Object(a) => interp::operations::invoke(
                        &mut interp,
                        &Value::Object(a),
                        &"join".into(),
                        &[Value::from(" ")],
                    )
                    .ok(),
                    _ => None,
                })
                .and_then(|s| s.as_string().map(|s| s.to_rust_string()))
                .unwrap_or_default();
            match r {
                Ok(()) => out,
                Err(JsError::Throw(e)) => {
                    let shown = interp::error::error_header(&e).unwrap_or_default();
                    format!("{out} | throws {shown}")
                }
                Err(e) => format!("{out} | {e:?}"),
            }
        })
        .expect("spawn")
        .join()
        .expect("join")
}

fn assert_run(src: &str, expected: &str) {
    assert_eq!(run(src, LoopModel::Node), expected, "running {src:?}");
}

const ISSUE_EXAMPLE: &str = "var out = [];
out.push(1);
setTimeout(function () {
  out.push(2);
  nextTick(function () { out.push(3); });
  new Promise(function (r) { out.push(4); r(); }).then(function () { out.push(5); });
}, 1);
new Promise(function (r) { out.push(7); r(); }).then(function () { out.push(8); });
nextTick(function () { out.push(6); });
setTimeout(function () {
  out.push(9);
  nextTick(function () { out.push(10); });
  new Promise(function (r) { out.push(11); r(); }).then(function () { out.push(12); });
}, 1);";

#[test]
fn the_three_models_order_the_issue_example() {
    let node = "1 7 6 8 2 4 3 5 9 11 10 12";
    assert_eq!(run(ISSUE_EXAMPLE, LoopModel::Node), node);
    assert_eq!(run(ISSUE_EXAMPLE, LoopModel::Browser), node);
    // The node10 order needs both timers due in one timers phase. Their
    // start is a clock refreshed once it is a millisecond behind, so on a
    // loaded machine a pause of over a millisecond between the two
    // `setTimeout` calls can split them across two turns (as it could in
    // Node 10): one run in five must show the order.
    let node10 = "1 7 6 8 2 4 9 11 3 10 5 12";
    let runs: Vec<String> = (0..5)
        .map(|_| run(ISSUE_EXAMPLE, LoopModel::Node10))
        .take_while(|got| got != node10)
        .collect();
    assert!(runs.len() < 5, "node10 order never seen: {runs:?}");
}

#[test]
fn ticks_run_before_promise_jobs_and_queue_microtask_shares_the_promise_queue() {
    assert_run(
        "var out = [];
         Promise.resolve().then(() => { out.push('p1'); nextTick(() => out.push('t3')); });
         queueMicrotask(() => out.push('q1'));
         nextTick(() => { out.push('t1'); nextTick(() => out.push('t2')); });
         out.push('sync');",
        "sync t1 t2 p1 q1 t3",
    );
}

#[test]
fn timers_run_by_expiry_then_creation_and_cleared_ones_never() {
    assert_run(
        "var out = [];
         setTimeout(() => out.push('b20'), 20);
         setTimeout(() => out.push('a1'), 1);
         var c = setTimeout(() => out.push('cleared'), 1);
         setTimeout(() => out.push('a1 second'), 1);
         clearTimeout(c);
         var u = setTimeout(() => out.push('unref never runs'), 1000);
         unref(u);",
        "a1 a1 second b20",
    );
}

#[test]
fn intervals_repeat_until_cleared() {
    assert_run(
        "var out = []; var n = 0;
         var i = setInterval(() => { out.push('i' + ++n); if (n === 3) clearTimeout(i); }, 1);",
        "i1 i2 i3",
    );
}

#[test]
fn immediates_queued_by_an_immediate_wait_for_the_next_iteration() {
    assert_run(
        "var out = [];
         setImmediate(() => { out.push('i1'); setImmediate(() => out.push('i3')); nextTick(() => out.push('t1')); });
         setImmediate(() => out.push('i2'));",
        "i1 t1 i2 i3",
    );
}

#[test]
fn io_completes_in_the_poll_phase_before_the_check_phase() {
    assert_run(
        "var out = [];
         io((n) => {
           out.push('io ' + n);
           setTimeout(() => out.push('timeout'), 1);
           setImmediate(() => out.push('immediate'));
           Promise.resolve().then(() => out.push('promise'));
         });",
        "io 42 promise immediate timeout",
    );
}

#[test]
fn an_unhandled_rejection_without_a_host_ends_the_run() {
    assert_run(
        "var out = ['start']; Promise.reject(new TypeError('nope')); setTimeout(() => out.push('never'), 1);",
        "start | throws TypeError: nope",
    );
}

#[test]
fn a_rejection_handled_in_the_same_checkpoint_is_not_reported() {
    assert_run(
        "var out = []; var p = Promise.reject(1);
         Promise.resolve().then(() => p.catch((v) => out.push('caught ' + v)));",
        "caught 1",
    );
}

#[test]
fn many_timers_scheduled_at_once_all_run() {
    assert_run(
        "var out = []; var n = 0;
         for (var i = 0; i < 2000; i++) setTimeout(() => { if (++n === 2000) out.push('all'); }, 1 + (i % 7));",
        "all",
    );
}
