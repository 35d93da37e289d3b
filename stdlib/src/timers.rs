//! Timers as Node has them: the globals `setTimeout`, `setInterval`,
//! `setImmediate` and their `clear*`, the `Timeout` and `Immediate`
//! objects they return (`ref`, `unref`, `hasRef`, `refresh`, `close`,
//! `[Symbol.toPrimitive]`), and the modules `timers` and
//! `timers/promises`. Scheduling itself is the event loop's
//! (`interp::event_loop`).

use interp::event_loop::{self, timer_handle, LoopModel, TimerHandle, TimerKind};
use interp::function::{create_native_function, define_methods, define_symbol_methods, NativeFn};
use interp::object::ObjectKind;
use interp::operations::{new_object, to_number, to_property_key};
use interp::promise::{create_resolving_functions, new_promise};
use interp::realm::define_global;
use interp::{Attributes, Interp, JsObject, JsResult, JsString, PropertyKey, Symbol, Value};

use crate::node_errors::invalid_arg_type;

/// Node's TIMEOUT_MAX: the largest delay libuv accepts (2^31 - 1 ms).
const TIMEOUT_MAX: f64 = 2_147_483_647.0;

const TIMEOUT_PROTO: &str = "%TimeoutPrototype%";
const IMMEDIATE_PROTO: &str = "%ImmediatePrototype%";
/// Timers whose primitive id was taken, so `clearTimeout(id)` finds them.
const KNOWN_TIMERS: &str = "%knownTimersById%";

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

fn check_callback(interp: &mut Interp, f: &Value) -> JsResult<()> {
    if interp::operations::is_callable(f) {
        Ok(())
    } else {
        Err(invalid_arg_type(interp, "callback", "of type function", f))
    }
}

/// The delay in ms as Node computes it (`after *= 1`, then 1 unless
/// 1 <= after <= TIMEOUT_MAX, warning past TIMEOUT_MAX). The browser
/// model follows HTML instead: negative is 0, and from the sixth nested
/// timer on, at least 4 ms.
fn timer_delay(interp: &mut Interp, v: &Value) -> JsResult<f64> {
    let after = match v {
        Value::Undefined => f64::NAN,
        v => to_number(interp, v)?,
    };
    if interp.event_loop.model == LoopModel::Browser {
        let d = if after.is_nan() || after < 0.0 {
            0.0
        } else {
            after.min(TIMEOUT_MAX)
        };
        let d = if event_loop::timer_nesting(interp) >= 5 {
            d.max(4.0)
        } else {
            d
        };
        return Ok(d);
    }
    if (1.0..=TIMEOUT_MAX).contains(&after) {
        return Ok(after);
    }
    if after > TIMEOUT_MAX {
        let shown = interp::number::number_to_string(after);
        crate::process::emit_warning_text(
            interp,
            &format!("{shown} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1."),
            "TimeoutOverflowWarning",
        )?;
    }
    Ok(1.0)
}

fn new_timer(
    interp: &mut Interp,
    kind: TimerKind,
    callback: Value,
    args: Vec<Value>,
    delay: f64,
) -> JsObject {
    let proto_name = match kind {
        TimerKind::Immediate => IMMEDIATE_PROTO,
        _ => TIMEOUT_PROTO,
    };
    let proto = interp.realm.intrinsics.constructor(proto_name);
    let handle = TimerHandle::new(interp, kind, callback, args, delay);
    interp.alloc_object(proto, ObjectKind::Host(Box::new(handle)))
}

fn add_timeout(interp: &mut Interp, args: &[Value], kind: TimerKind) -> JsResult<Value> {
    let callback = arg(args, 0);
    check_callback(interp, &callback)?;
    let delay = timer_delay(interp, &arg(args, 1))?;
    let rest = args.get(2..).unwrap_or(&[]).to_vec();
    let t = new_timer(interp, kind, callback, rest, delay);
    event_loop::start_timer(interp, &t);
    Ok(Value::Object(t))
}

fn set_timeout(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    add_timeout(interp, args, TimerKind::Timeout)
}

fn set_interval(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    add_timeout(interp, args, TimerKind::Interval)
}

fn set_immediate(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let callback = arg(args, 0);
    check_callback(interp, &callback)?;
    let rest = args.get(1..).unwrap_or(&[]).to_vec();
    let t = new_timer(interp, TimerKind::Immediate, callback, rest, 0.0);
    event_loop::queue_immediate(interp, &t);
    Ok(Value::Object(t))
}

fn known_timers(interp: &mut Interp) -> JsObject {
    if let Some(Value::Object(o)) = interp.host_data.get(KNOWN_TIMERS) {
        return o.clone();
    }
    let o = interp.alloc_object(None, ObjectKind::Ordinary);
    interp
        .host_data
        .insert(KNOWN_TIMERS, Value::Object(o.clone()));
    o
}

/// clearTimeout / clearInterval: a Timeout, or the number (or string) its
/// `[Symbol.toPrimitive]` gave.
fn clear_timeout(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let target = match arg(args, 0) {
        Value::Object(o) => Some(o),
        v @ (Value::Number(_) | Value::String(_)) => {
            let key = to_property_key(interp, &v)?;
            let known = known_timers(interp);
            let found = known.get_own_data(&key);
            known.delete(&key);
            match found {
                Some(Value::Object(o)) => Some(o),
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(t) = target {
        if timer_handle(&t).is_some_and(|h| h.kind != TimerKind::Immediate) {
            event_loop::clear_timer(interp, &t);
        }
    }
    Ok(Value::Undefined)
}

fn clear_immediate(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    if let Value::Object(t) = arg(args, 0) {
        if timer_handle(&t).is_some_and(|h| h.kind == TimerKind::Immediate) {
            event_loop::clear_timer(interp, &t);
        }
    }
    Ok(Value::Undefined)
}

fn this_timer(this: &Value) -> Option<JsObject> {
    match this {
        Value::Object(o) if timer_handle(o).is_some() => Some(o.clone()),
        _ => None,
    }
}

fn timer_ref(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    if let Some(t) = this_timer(this) {
        event_loop::set_timer_ref(interp, &t, true);
    }
    Ok(this.clone())
}

fn timer_unref(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    if let Some(t) = this_timer(this) {
        event_loop::set_timer_ref(interp, &t, false);
    }
    Ok(this.clone())
}

fn timer_has_ref(_interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let refed = this_timer(this)
        .and_then(|t| timer_handle(&t).map(|h| h.has_ref()))
        .unwrap_or(false);
    Ok(Value::Bool(refed))
}

/// `timeout.refresh()`: starts the timer again from now with its delay
/// (even after it fired), unless it was cleared.
fn timer_refresh(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    if let Some(t) = this_timer(this) {
        if timer_handle(&t).is_some_and(|h| h.delay() >= 0.0) {
            event_loop::start_timer(interp, &t);
        }
    }
    Ok(this.clone())
}

fn timer_close(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    if let Some(t) = this_timer(this) {
        event_loop::clear_timer(interp, &t);
    }
    Ok(this.clone())
}

/// `+timeout`: its async id; the timer can then be cleared by that number.
fn timer_to_primitive(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let Some(t) = this_timer(this) else {
        return Ok(Value::Number(f64::NAN));
    };
    let id = timer_handle(&t).map(|h| h.async_id).unwrap_or(f64::NAN);
    if timer_handle(&t).is_some_and(|h| h.is_active()) {
        let known = known_timers(interp);
        let key = to_property_key(interp, &Value::Number(id))?;
        known.define_value(key, Value::Object(t), Attributes::all());
    }
    Ok(Value::Number(id))
}

fn make_prototypes(interp: &mut Interp) {
    let timeout = new_object(interp);
    define_methods(
        interp,
        &timeout,
        &[
            ("close", timer_close, 0),
            ("hasRef", timer_has_ref, 0),
            ("ref", timer_ref, 0),
            ("refresh", timer_refresh, 0),
            ("unref", timer_unref, 0),
        ],
    );
    let to_prim = interp.realm.intrinsics.symbol_to_primitive.clone();
    define_symbol_methods(
        interp,
        &timeout,
        &[(to_prim, "[Symbol.toPrimitive]", timer_to_primitive, 0)],
    );
    name_prototype(interp, &timeout, "Timeout");
    interp.realm.intrinsics.register(TIMEOUT_PROTO, timeout);
    let immediate = new_object(interp);
    define_methods(
        interp,
        &immediate,
        &[
            ("hasRef", timer_has_ref, 0),
            ("ref", timer_ref, 0),
            ("unref", timer_unref, 0),
        ],
    );
    name_prototype(interp, &immediate, "Immediate");
    interp.realm.intrinsics.register(IMMEDIATE_PROTO, immediate);
}

fn illegal_constructor(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("Illegal constructor"))
}

/// A `constructor` named `name` on a prototype, so that `util.inspect`
/// shows `Timeout {}` as Node's classes do.
fn name_prototype(interp: &mut Interp, proto: &JsObject, name: &str) {
    let ctor = create_native_function(interp, illegal_constructor, name, 0);
    ctor.define_value(
        "prototype",
        Value::Object(proto.clone()),
        Attributes::none(),
    );
    proto.define_value("constructor", Value::Object(ctor), Attributes::hidden());
}

// ---------------------------------------------------------------------------
// timers/promises

/// A promise resolved with `value` by a new timer of `kind`.
fn promise_timer(
    interp: &mut Interp,
    kind: TimerKind,
    delay: f64,
    value: Value,
    options: &Value,
) -> JsResult<Value> {
    let refed = match options {
        Value::Undefined => true,
        Value::Object(o) => {
            let signal = interp::operations::get_str(interp, o, "signal")?;
            if !signal.is_undefined() {
                return cancellable_timer(interp, kind, delay, value, options);
            }
            let r = interp::operations::get_str(interp, o, "ref")?;
            !matches!(r, Value::Bool(false))
        }
        v => return Err(invalid_arg_type(interp, "options", "of type object", v)),
    };
    let p = new_promise(interp);
    let (resolve, _reject) = create_resolving_functions(interp, &p);
    let t = new_timer(interp, kind, Value::Object(resolve), vec![value], delay);
    if kind == TimerKind::Immediate {
        event_loop::queue_immediate(interp, &t);
    } else {
        event_loop::start_timer(interp, &t);
    }
    if !refed {
        event_loop::set_timer_ref(interp, &t, false);
    }
    Ok(Value::Object(p))
}

/// A promise timer with an `AbortSignal`: the JavaScript version in
/// `timers_promises.js` listens for 'abort' and clears the timer.
fn cancellable_timer(
    interp: &mut Interp,
    kind: TimerKind,
    delay: f64,
    value: Value,
    options: &Value,
) -> JsResult<Value> {
    let exports = match interp::modules::builtin::builtin_relative(interp, "./timers_promises.js") {
        Some(file) => interp::modules::builtin::load_builtin_source(interp, file)?,
        None => Value::Undefined,
    };
    let Value::Object(exports) = exports else {
        return Err(interp.type_error("timers/promises: the signal option is not available"));
    };
    let (name, args) = match kind {
        TimerKind::Immediate => ("setImmediate", vec![value, options.clone()]),
        _ => (
            "setTimeout",
            vec![Value::Number(delay), value, options.clone()],
        ),
    };
    let f = interp::operations::get_str(interp, &exports, name)?;
    interp.call(&f, &Value::Undefined, &args)
}

/// `timersPromises.setTimeout(delay, value, options)`.
fn promises_set_timeout(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let delay = timer_delay(interp, &arg(args, 0))?;
    promise_timer(
        interp,
        TimerKind::Timeout,
        delay,
        arg(args, 1),
        &arg(args, 2),
    )
}

/// `timersPromises.setImmediate(value, options)`.
fn promises_set_immediate(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    promise_timer(
        interp,
        TimerKind::Immediate,
        0.0,
        arg(args, 0),
        &arg(args, 1),
    )
}

/// `scheduler.wait(delay, options)`.
fn scheduler_wait(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let delay = timer_delay(interp, &arg(args, 0))?;
    promise_timer(
        interp,
        TimerKind::Timeout,
        delay,
        Value::Undefined,
        &arg(args, 1),
    )
}

/// `scheduler.yield()`.
fn scheduler_yield(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    promise_timer(
        interp,
        TimerKind::Immediate,
        0.0,
        Value::Undefined,
        &Value::Undefined,
    )
}

/// `newInterval(callback, after, ref)`: a started interval for the
/// `setInterval` async generator below.
fn promises_new_interval(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let delay = timer_delay(interp, &arg(args, 1))?;
    let t = new_timer(interp, TimerKind::Interval, arg(args, 0), Vec::new(), delay);
    event_loop::start_timer(interp, &t);
    if matches!(arg(args, 2), Value::Bool(false)) {
        event_loop::set_timer_ref(interp, &t, false);
    }
    Ok(Value::Object(t))
}

/// `timersPromises.setInterval(after, value, options)`: Node's own async
/// generator (the interval counts ticks not yet consumed; `next()` waits
/// for one), built over two natives.
const SET_INTERVAL_SOURCE: &str = "(function (newInterval, clearInterval) {
  return async function* setInterval(after, value, options = {}) {
    const ref = !(options && options.ref === false);
    let notYielded = 0;
    let callback;
    const interval = newInterval(() => {
      notYielded++;
      if (callback) {
        callback();
        callback = undefined;
      }
    }, after, ref);
    try {
      while (true) {
        if (notYielded === 0) {
          await new Promise((resolve) => { callback = resolve; });
        }
        for (; notYielded > 0; notYielded--) {
          yield value;
        }
      }
    } finally {
      clearInterval(interval);
    }
  };
})";

fn promises_set_interval(interp: &mut Interp) -> JsResult<Value> {
    let program = match parser::parse_script(SET_INTERVAL_SOURCE) {
        Ok(p) => p,
        Err(e) => return Err(interp.parse_error(&e)),
    };
    let source =
        interp::execution_context::Source::new("node:timers/promises", SET_INTERVAL_SOURCE);
    let make = interp.run_script(&program, source)?;
    let new_interval = create_native_function(interp, promises_new_interval, "newInterval", 3);
    let clear = interp
        .host_data
        .get("clearInterval")
        .cloned()
        .unwrap_or_default();
    interp.call(
        &make,
        &Value::Undefined,
        &[Value::Object(new_interval), clear],
    )
}

/// Functions as enumerable properties, as Node's module objects have them.
fn define_enumerable(interp: &mut Interp, o: &JsObject, table: &[(&str, NativeFn, u32)]) {
    for (name, f, len) in table {
        let func = create_native_function(interp, *f, name, *len);
        o.define_value(*name, Value::Object(func), Attributes::all());
    }
}

/// The `module.exports` of `timers/promises`.
pub fn create_promises(interp: &mut Interp) -> JsResult<Value> {
    if let Some(v) = interp.host_data.get("%timersPromises%") {
        return Ok(v.clone());
    }
    let o = new_object(interp);
    define_enumerable(
        interp,
        &o,
        &[
            ("setImmediate", promises_set_immediate, 2),
            ("setTimeout", promises_set_timeout, 3),
        ],
    );
    let set_interval = promises_set_interval(interp)?;
    o.define_value("setInterval", set_interval, Attributes::all());
    let scheduler = new_object(interp);
    define_enumerable(
        interp,
        &scheduler,
        &[("wait", scheduler_wait, 2), ("yield", scheduler_yield, 0)],
    );
    o.define_value("scheduler", Value::Object(scheduler), Attributes::all());
    interp
        .host_data
        .insert("%timersPromises%", Value::Object(o.clone()));
    Ok(Value::Object(o))
}

const GLOBALS: &[&str] = &[
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "setImmediate",
    "clearImmediate",
];

/// The `module.exports` of `timers`: the global functions (as installed at
/// startup) and `promises`.
pub fn create(interp: &mut Interp) -> JsResult<Value> {
    let timers = new_object(interp);
    for name in GLOBALS {
        if let Some(f) = interp.host_data.get(*name).cloned() {
            timers.define_value(*name, f, Attributes::all());
        }
    }
    let promises = create_promises(interp)?;
    timers.define_value("promises", promises, Attributes::all());
    Ok(Value::Object(timers))
}

/// `Symbol.for(key)`.
fn registered_symbol(interp: &mut Interp, key: &str) -> Symbol {
    let k = JsString::from(key);
    if let Some(s) = interp.symbol_registry.get(&k) {
        return s.clone();
    }
    let s = Symbol::new_registered(k.clone());
    interp.symbol_registry.insert(k, s.clone());
    s
}

/// Installs the timer globals and the `Timeout`/`Immediate` prototypes.
pub fn install(interp: &mut Interp) {
    make_prototypes(interp);
    let table: &[(&str, NativeFn, u32)] = &[
        ("setTimeout", set_timeout, 2),
        ("clearTimeout", clear_timeout, 1),
        ("setInterval", set_interval, 2),
        ("clearInterval", clear_timeout, 1),
        ("setImmediate", set_immediate, 1),
        ("clearImmediate", clear_immediate, 1),
    ];
    for (name, f, len) in table {
        let func = create_native_function(interp, *f, name, *len);
        interp.host_data.insert(name, Value::Object(func.clone()));
        define_global(interp, name, Value::Object(func));
    }
    // util.promisify(setTimeout) gives timers/promises' setTimeout.
    let custom = registered_symbol(interp, "nodejs.util.promisify.custom");
    for (name, f) in [
        ("setTimeout", promises_set_timeout as NativeFn),
        ("setImmediate", promises_set_immediate),
    ] {
        if let Some(Value::Object(g)) = interp.host_data.get(name).cloned() {
            let p = create_native_function(interp, f, name, 2);
            g.define_value(
                PropertyKey::Symbol(custom.clone()),
                Value::Object(p),
                Attributes::hidden(),
            );
        }
    }
}
