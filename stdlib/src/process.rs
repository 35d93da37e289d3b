//! The `process` object: argv, env, exit and exitCode, cwd/chdir, pid,
//! platform, version(s), hrtime, memoryUsage, uptime, nextTick, stdout and
//! stderr, emitWarning — and the event loop's host hooks, through which
//! `process` emits `uncaughtException`, `unhandledRejection`, `beforeExit`
//! and `exit` as Node does.
//!
//! `process` is an EventEmitter: at startup its prototype's prototype
//! becomes `EventEmitter.prototype` (from `stdlib/js/events.js`) and the
//! constructor initializes it, as Node's bootstrap does.

use std::io::{IsTerminal, Write};

use interp::error::{create_error, install_stack, ErrorType};
use interp::event_loop::{self, HostHooks};
use interp::function::{create_native_function, define_methods, define_native_accessor, NativeFn};
use interp::operations::{
    create_array_from_list, get_str, invoke, is_callable, new_object, to_boolean, to_number,
    to_string,
};
use interp::realm::define_global;
use interp::{Attributes, Interp, JsError, JsObject, JsResult, PropertyKey, Value};

use crate::node_errors::invalid_arg_type;

/// How the binary configures `process`.
#[derive(Clone, Default)]
pub struct ProcessOptions {
    /// `--no-warnings`: no default `'warning'` listener.
    pub no_warnings: bool,
    /// The options given to minijs before the script (`process.execArgv`).
    pub exec_argv: Vec<String>,
    /// test262 host: unhandled rejections are not fatal.
    pub test262: bool,
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

/// The `process` object, once installed.
pub fn process_object(interp: &Interp) -> Option<JsObject> {
    match interp.host_data.get("process") {
        Some(Value::Object(p)) => Some(p.clone()),
        _ => None,
    }
}

/// Whether `process` has listeners for `event`, read from the
/// EventEmitter's `_events` table without running any code (so host
/// emissions nobody listens to stay out of traces).
fn has_listeners(p: &JsObject, event: &str) -> bool {
    match p.get_own_data(&PropertyKey::from("_events")) {
        Some(Value::Object(events)) => !matches!(
            events.get_own_data(&PropertyKey::from(event)),
            None | Some(Value::Undefined)
        ),
        _ => false,
    }
}

/// `process.emit(event, ...args)` if `process` is an EventEmitter with
/// listeners for `event`; whether a listener ran.
pub fn emit(interp: &mut Interp, event: &str, args: &[Value]) -> JsResult<bool> {
    let Some(p) = process_object(interp) else {
        return Ok(false);
    };
    if !has_listeners(&p, event) {
        return Ok(false);
    }
    let f = get_str(interp, &p, "emit")?;
    if !is_callable(&f) {
        return Ok(false);
    }
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(Value::from(event));
    all.extend_from_slice(args);
    let r = interp.call(&f, &Value::Object(p), &all)?;
    Ok(to_boolean(&r))
}

/// `process.listenerCount(event)` (0 without an EventEmitter).
pub fn listener_count(interp: &mut Interp, event: &str) -> JsResult<usize> {
    let Some(p) = process_object(interp) else {
        return Ok(0);
    };
    if !has_listeners(&p, event) {
        return Ok(0);
    }
    let f = get_str(interp, &p, "listenerCount")?;
    if !is_callable(&f) {
        return Ok(0);
    }
    let n = interp.call(&f, &Value::Object(p), &[Value::from(event)])?;
    Ok(n.as_number().unwrap_or(0.0) as usize)
}

/// `process.exitCode || 0`, as an exit status.
pub fn exit_code(interp: &mut Interp) -> i32 {
    let Some(p) = process_object(interp) else {
        return 0;
    };
    match get_str(interp, &p, "exitCode") {
        Ok(Value::Undefined) | Ok(Value::Null) | Err(_) => 0,
        Ok(v) => to_number(interp, &v)
            .map(|n| if n.is_finite() { n as i32 } else { 0 })
            .unwrap_or(0),
    }
}

fn set_flag(interp: &mut Interp, name: &str, v: Value) {
    if let Some(p) = process_object(interp) {
        p.define_value(name, v, Attributes::all());
    }
}

fn is_exiting(interp: &mut Interp) -> bool {
    match process_object(interp) {
        Some(p) => matches!(
            p.get_own_data(&PropertyKey::from("_exiting")),
            Some(Value::Bool(true))
        ),
        None => false,
    }
}

/// Emits `'exit'` once (Node's `process._exiting` guards it) and returns
/// the final exit status: `process.exitCode` after the listeners ran, or
/// the code of a `process.exit()` called by one of them.
fn emit_exit(interp: &mut Interp) -> JsResult<i32> {
    if !is_exiting(interp) {
        set_flag(interp, "_exiting", Value::Bool(true));
        let code = exit_code(interp);
        if interp.event_loop.trace {
            eprintln!("[exit] 'exit' listeners (code {code})");
        }
        emit(interp, "exit", &[Value::from(code)])?;
    }
    Ok(exit_code(interp))
}

/// The end of a program whose loop ran dry: `'exit'` listeners, then the
/// promise jobs they queued (V8 still drains its microtask queue; nextTick
/// callbacks no longer run). Returns the exit status.
pub fn exit_naturally(interp: &mut Interp) -> JsResult<i32> {
    emit_exit(interp)?;
    match event_loop::run_promise_jobs(interp) {
        Ok(()) | Err(JsError::Throw(_)) => {}
        Err(e) => return Err(e),
    }
    Ok(exit_code(interp))
}

// ---------------------------------------------------------------------------
// Host hooks.

/// An exception nobody caught: `uncaughtException` listeners take it;
/// otherwise 'exit' is emitted with 1 and the error ends the program.
fn on_uncaught_exception(interp: &mut Interp, err: Value, from_promise: bool) -> JsResult<()> {
    let origin = Value::from(if from_promise {
        "unhandledRejection"
    } else {
        "uncaughtException"
    });
    emit(
        interp,
        "uncaughtExceptionMonitor",
        &[err.clone(), origin.clone()],
    )?;
    if listener_count(interp, "uncaughtException")? > 0 {
        return match emit(interp, "uncaughtException", &[err, origin]) {
            Ok(_) => Ok(()),
            Err(JsError::Throw(e)) => fatal(interp, e),
            Err(e) => Err(e),
        };
    }
    fatal(interp, err)
}

fn fatal(interp: &mut Interp, err: Value) -> JsResult<()> {
    if !is_exiting(interp) {
        set_flag(interp, "_exiting", Value::Bool(true));
        set_flag(interp, "exitCode", Value::from(1));
        match emit(interp, "exit", &[Value::from(1)]) {
            Ok(_) | Err(JsError::Throw(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Err(JsError::Throw(err))
}

/// Node's `isErrorLike`: an object with an own `stack`.
fn is_error_like(v: &Value) -> bool {
    matches!(v, Value::Object(o) if o.has_own_property(&PropertyKey::from("stack")))
}

/// V8's NoSideEffectsToString, as Node quotes a rejection reason.
fn no_side_effects_to_string(interp: &mut Interp, v: &Value) -> String {
    match v {
        Value::Object(o) if !is_callable(v) => {
            let name = interp
                .realm
                .intrinsics
                .constructor("Object")
                .filter(|_| o.is_array())
                .map(|_| "Array".to_string())
                .unwrap_or_else(|| match o.get_own_data(&PropertyKey::from("constructor")) {
                    Some(Value::Object(c)) => interp::function::function_name(&c),
                    _ => match o
                        .prototype()
                        .and_then(|p| p.get_own_data(&PropertyKey::from("constructor")))
                    {
                        Some(Value::Object(c)) => interp::function::function_name(&c),
                        _ => "Object".into(),
                    },
                });
            format!("#<{name}>")
        }
        Value::Symbol(_) => interp::inspect::short_description(interp, v),
        v => to_string(interp, v)
            .map(|s| s.to_rust_string())
            .unwrap_or_default(),
    }
}

/// Node's `--unhandled-rejections=throw` (the default): `unhandledRejection`
/// listeners take the rejection; otherwise it is thrown as an uncaught
/// exception (a non-error reason wrapped in `UnhandledPromiseRejection`).
fn on_unhandled_rejection(interp: &mut Interp, promise: JsObject, reason: Value) -> JsResult<()> {
    if interp.options.test262 {
        return Ok(());
    }
    if emit(
        interp,
        "unhandledRejection",
        &[reason.clone(), Value::Object(promise)],
    )? {
        return Ok(());
    }
    let err = if is_error_like(&reason) {
        reason
    } else {
        let shown = no_side_effects_to_string(interp, &reason);
        let msg = format!(
            "This error originated either by throwing inside of an async function without a catch block, \
             or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason \"{shown}\"."
        );
        let e = create_error(interp, ErrorType::Error, &msg);
        e.define_value(
            "name",
            Value::from("UnhandledPromiseRejection"),
            Attributes::hidden(),
        );
        install_stack(interp, &e, &format!("UnhandledPromiseRejection: {msg}"));
        e.define_value(
            "code",
            Value::from("ERR_UNHANDLED_REJECTION"),
            Attributes::all(),
        );
        Value::Object(e)
    };
    // The caret of the report belongs to where the error was made.
    interp.last_throw_position = None;
    on_uncaught_exception(interp, err, true)
}

fn on_before_exit(interp: &mut Interp) -> JsResult<()> {
    let code = exit_code(interp);
    emit(interp, "beforeExit", &[Value::from(code)])?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Methods.

fn process_exit(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    match arg(args, 0) {
        Value::Undefined => {}
        v => {
            let n = to_number(interp, &v)?;
            set_flag(interp, "exitCode", Value::Number(n));
        }
    }
    let code = emit_exit(interp)?;
    let _ = std::io::stdout().flush();
    Err(JsError::Exit(code))
}

fn process_abort(_interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    let _ = std::io::stdout().flush();
    std::process::abort()
}

fn process_cwd(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    match std::env::current_dir() {
        Ok(d) => Ok(Value::from(d.display().to_string())),
        Err(e) => Err(crate::fs_binding::throw_system_error(
            interp, &e, "uv_cwd", None, None,
        )),
    }
}

fn process_chdir(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let dir = arg(args, 0);
    let Value::String(s) = &dir else {
        return Err(invalid_arg_type(
            interp,
            "directory",
            "of type string",
            &dir,
        ));
    };
    let target = s.to_rust_string();
    if let Err(e) = std::env::set_current_dir(&target) {
        // Node: "ENOENT: no such file or directory, chdir /cwd -> 'target'".
        let cwd = std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        return Err(crate::fs_binding::throw_system_error(
            interp,
            &e,
            "chdir",
            Some(&cwd),
            Some(&target),
        ));
    }
    Ok(Value::Undefined)
}

fn process_next_tick(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let f = arg(args, 0);
    if !is_callable(&f) {
        return Err(invalid_arg_type(interp, "callback", "of type function", &f));
    }
    event_loop::next_tick(interp, f, args.get(1..).unwrap_or(&[]).to_vec());
    Ok(Value::Undefined)
}

/// `process.hrtime([previous])`: `[seconds, nanoseconds]` of a monotonic
/// clock, or the time since `previous`.
fn process_hrtime(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let now = interp.event_loop.elapsed();
    let (mut secs, mut nanos) = (now.as_secs() as f64, now.subsec_nanos() as f64);
    match arg(args, 0) {
        Value::Undefined => {}
        Value::Object(prev) if prev.is_array() => {
            let ps = get_str(interp, &prev, "0")?;
            let pn = get_str(interp, &prev, "1")?;
            let (ps, pn) = (to_number(interp, &ps)?, to_number(interp, &pn)?);
            secs -= ps;
            nanos -= pn;
            if nanos < 0.0 {
                secs -= 1.0;
                nanos += 1e9;
            }
        }
        v => return Err(invalid_arg_type(interp, "time", "an instance of Array", &v)),
    }
    let list = vec![Value::Number(secs), Value::Number(nanos)];
    Ok(Value::Object(create_array_from_list(interp, list)))
}

/// `process.hrtime.bigint()`: the same clock in nanoseconds, as a BigInt.
fn process_hrtime_bigint(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    let nanos = interp.event_loop.elapsed().as_nanos();
    Ok(Value::BigInt(interp::JsBigInt::from_u128(nanos)))
}

fn process_uptime(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::Number(interp.event_loop.elapsed().as_secs_f64()))
}

/// Resident set size in bytes, from `/proc/self/statm` (pages).
fn rss_bytes() -> f64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<f64>().ok())
        })
        .map(|pages| pages * 4096.0)
        .unwrap_or(0.0)
}

fn process_memory_usage(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    let used = gc::stats().bytes_allocated as f64;
    // The gc heap grows object by object; report the next MiB as "total".
    let total = ((used / 1_048_576.0).floor() + 1.0) * 1_048_576.0;
    let o = new_object(interp);
    let a = Attributes::all();
    o.define_value("rss", Value::Number(rss_bytes()), a);
    o.define_value("heapTotal", Value::Number(total), a);
    o.define_value("heapUsed", Value::Number(used), a);
    o.define_value("external", Value::from(0), a);
    o.define_value("arrayBuffers", Value::from(0), a);
    Ok(Value::Object(o))
}

fn process_memory_rss(_interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::Number(rss_bytes()))
}

// ---------------------------------------------------------------------------
// Warnings.

/// Creates the warning object and emits `'warning'` on the next tick
/// (Node's `process.emitWarning(warning, type | options, code)`).
fn process_emit_warning(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let warning = arg(args, 0);
    let (mut ty, mut code, mut detail) = (arg(args, 1), arg(args, 2), Value::Undefined);
    if let Value::Object(o) = &ty {
        if !o.is_callable() && !o.is_array() {
            let options = o.clone();
            code = get_str(interp, &options, "code")?;
            let d = get_str(interp, &options, "detail")?;
            if matches!(d, Value::String(_)) {
                detail = d;
            }
            ty = get_str(interp, &options, "type")?;
        }
    }
    if is_callable(&ty) || ty.is_undefined() || matches!(ty, Value::String(ref s) if s.is_empty()) {
        ty = Value::from("Warning");
    }
    if !matches!(ty, Value::String(_)) {
        return Err(invalid_arg_type(interp, "type", "of type string", &ty));
    }
    if is_callable(&code) {
        code = Value::Undefined;
    }
    if !code.is_undefined() && !matches!(code, Value::String(_)) {
        return Err(invalid_arg_type(interp, "code", "of type string", &code));
    }
    let w = match &warning {
        Value::String(s) => {
            let msg = s.to_rust_string();
            let name = to_string(interp, &ty)?.to_rust_string();
            let e = create_error(interp, ErrorType::Error, &msg);
            e.define_value(
                "name",
                ty.clone(),
                Attributes::hidden().with_enumerable(true),
            );
            install_stack(interp, &e, &format!("{name}: {msg}"));
            if !code.is_undefined() {
                e.define_value("code", code, Attributes::all());
            }
            if !detail.is_undefined() {
                e.define_value("detail", detail, Attributes::all());
            }
            e
        }
        Value::Object(o) if interp::error::is_error_object(&warning) => o.clone(),
        v => {
            return Err(invalid_arg_type(
                interp,
                "warning",
                "of type string or an instance of Error",
                v,
            ))
        }
    };
    let name = get_str(interp, &w, "name")?;
    if matches!(&name, Value::String(s) if s.to_rust_string() == "DeprecationWarning") {
        if let Some(p) = process_object(interp) {
            let nd = get_str(interp, &p, "noDeprecation")?;
            if to_boolean(&nd) {
                return Ok(Value::Undefined);
            }
            let td = get_str(interp, &p, "throwDeprecation")?;
            if to_boolean(&td) {
                return Err(JsError::Throw(Value::Object(w)));
            }
        }
    }
    let emitter = create_native_function(interp, do_emit_warning, "doEmitWarning", 1);
    event_loop::next_tick(interp, Value::Object(emitter), vec![Value::Object(w)]);
    Ok(Value::Undefined)
}

fn do_emit_warning(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let w = arg(args, 0);
    if !emit(interp, "warning", std::slice::from_ref(&w))?
        && listener_count(interp, "warning")? == 0
    {
        // No EventEmitter: print as the default listener would.
        if !matches!(
            interp.host_data.get("%noWarnings%"),
            Some(Value::Bool(true))
        ) {
            print_warning(interp, &w)?;
        }
    }
    Ok(Value::Undefined)
}

/// `process.emitWarning(message, type)` from native code.
pub fn emit_warning_text(interp: &mut Interp, message: &str, ty: &str) -> JsResult<()> {
    process_emit_warning(
        interp,
        &Value::Undefined,
        &[Value::from(message), Value::from(ty)],
    )?;
    Ok(())
}

/// The default `'warning'` listener: `(node:PID) [code] Name: message`.
fn on_warning(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    print_warning(interp, &arg(args, 0))?;
    Ok(Value::Undefined)
}

fn print_warning(interp: &mut Interp, w: &Value) -> JsResult<()> {
    let Value::Object(o) = w else {
        return Ok(());
    };
    if !interp::error::is_error_object(w) {
        return Ok(());
    }
    let mut msg = format!("(node:{}) ", std::process::id());
    let code = get_str(interp, o, "code")?;
    if to_boolean(&code) {
        let c = to_string(interp, &code)?;
        msg.push_str(&format!("[{c}] "));
    }
    let text = invoke(interp, w, &PropertyKey::from("toString"), &[])?;
    msg.push_str(&to_string(interp, &text)?.to_rust_string());
    if let Value::String(d) = get_str(interp, o, "detail")? {
        msg.push('\n');
        msg.push_str(&d.to_rust_string());
    }
    if !matches!(
        interp.host_data.get("%traceWarningHelperShown%"),
        Some(Value::Bool(true))
    ) {
        let name = get_str(interp, o, "name")?;
        let flag = if matches!(&name, Value::String(s) if s.to_rust_string() == "DeprecationWarning")
        {
            "--trace-deprecation"
        } else {
            "--trace-warnings"
        };
        msg.push_str(&format!(
            "\n(Use `minijs {flag} ...` to show where the warning was created)"
        ));
        interp
            .host_data
            .insert("%traceWarningHelperShown%", Value::Bool(true));
    }
    msg.push('\n');
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().write_all(msg.as_bytes());
    Ok(())
}

// ---------------------------------------------------------------------------
// stdout and stderr.

/// Writes a string (as UTF-8) or an array of byte values to fd 1 or 2.
fn write_fd(interp: &mut Interp, fd: u8, data: &Value) -> JsResult<()> {
    let bytes = match data {
        Value::Object(o) => crate::fs_binding::bytes_of(interp, o)?,
        v => to_string(interp, v)?.to_rust_string().into_bytes(),
    };
    let r = interp::stdio::write(fd, &bytes);
    match r {
        Ok(()) => Ok(()),
        // A closed pipe: the output is gone; Node ignores EPIPE on stdio.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(crate::fs_binding::throw_system_error(
            interp, &e, "write", None, None,
        )),
    }
}

fn native_write_stdout(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    write_fd(interp, 1, &arg(args, 0))?;
    Ok(Value::Bool(true))
}

fn native_write_stderr(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    write_fd(interp, 2, &arg(args, 0))?;
    Ok(Value::Bool(true))
}

/// `process.stdout` / `process.stderr`, made on first use: a Writable from
/// `stdio.js` over a synchronous native write, with `isTTY` when the
/// descriptor is a terminal.
fn stdio_stream(interp: &mut Interp, fd: u8) -> JsResult<Value> {
    let key: &'static str = if fd == 1 { "%stdout%" } else { "%stderr%" };
    if let Some(v) = interp.host_data.get(key) {
        return Ok(v.clone());
    }
    event_loop::touch_stdio(interp, fd);
    let write: NativeFn = if fd == 1 {
        native_write_stdout
    } else {
        native_write_stderr
    };
    let write_fn = Value::Object(create_native_function(interp, write, "write", 1));
    let stdio = interp::modules::builtin::load_builtin_source(interp, "stdio.js")?;
    let create = match &stdio {
        Value::Object(o) => get_str(interp, o, "createStdioStream")?,
        _ => Value::Undefined,
    };
    let stream = if is_callable(&create) {
        interp.call(
            &create,
            &Value::Undefined,
            &[Value::from(fd as u32), write_fn],
        )?
    } else {
        let o = new_object(interp);
        o.define_value("write", write_fn, Attributes::hidden());
        o.define_value("fd", Value::from(fd as u32), Attributes::all());
        Value::Object(o)
    };
    if let Value::Object(s) = &stream {
        let tty = if fd == 1 {
            std::io::stdout().is_terminal()
        } else {
            std::io::stderr().is_terminal()
        };
        if tty {
            s.define_value("isTTY", Value::Bool(true), Attributes::all());
            let cols = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse::<u32>().ok())
                .unwrap_or(80);
            let rows = std::env::var("LINES")
                .ok()
                .and_then(|c| c.parse::<u32>().ok())
                .unwrap_or(24);
            s.define_value("columns", Value::from(cols), Attributes::all());
            s.define_value("rows", Value::from(rows), Attributes::all());
        }
    }
    interp.host_data.insert(key, stream.clone());
    Ok(stream)
}

/// `process.stdin`, made on first use: an fs ReadStream over descriptor 0
/// (reads happen on the I/O thread pool once something consumes it).
fn get_stdin(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    if let Some(v) = interp.host_data.get("%stdin%") {
        return Ok(v.clone());
    }
    let stream = match interp::modules::require_builtin(interp, "fs")? {
        Some(Value::Object(fs)) => {
            let options = new_object(interp);
            options.define_value("fd", Value::from(0), Attributes::all());
            invoke(
                interp,
                &Value::Object(fs),
                &PropertyKey::from("createReadStream"),
                &[Value::Null, Value::Object(options)],
            )?
        }
        _ => Value::Undefined,
    };
    if let Value::Object(s) = &stream {
        if std::io::stdin().is_terminal() {
            s.define_value("isTTY", Value::Bool(true), Attributes::all());
        }
    }
    interp.host_data.insert("%stdin%", stream.clone());
    Ok(stream)
}

fn get_stdout(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    stdio_stream(interp, 1)
}

fn get_stderr(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    stdio_stream(interp, 2)
}

// ---------------------------------------------------------------------------
// Installation.

fn node_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        other => other,
    }
}

fn string_array(interp: &mut Interp, items: &[String]) -> Value {
    let values = items.iter().map(|s| Value::from(s.as_str())).collect();
    Value::Object(create_array_from_list(interp, values))
}

fn build_process(interp: &mut Interp, options: &ProcessOptions) -> JsObject {
    let proto = new_object(interp);
    interp::function::define_to_string_tag(interp, &proto, "process");
    let process = interp.alloc_object(Some(proto), interp::object::ObjectKind::Ordinary);
    let a = Attributes::all();
    let version = env!("CARGO_PKG_VERSION");
    process.define_value("version", Value::from(format!("v{version}")), a);
    let versions = new_object(interp);
    versions.define_value("minijs", Value::from(version), a);
    // The Node release whose behaviour minijs follows.
    versions.define_value("node", Value::from("20.0.0"), a);
    process.define_value("versions", Value::Object(versions), a);
    process.define_value("arch", Value::from(node_arch()), a);
    process.define_value("platform", Value::from(std::env::consts::OS), a);
    let release = new_object(interp);
    release.define_value("name", Value::from("node"), a);
    process.define_value("release", Value::Object(release), a);
    process.define_value("title", Value::from("minijs"), a);
    let argv = interp.options.argv.clone();
    let argv_v = string_array(interp, &argv);
    process.define_value("argv", argv_v, a);
    let argv0 = std::env::args().next().unwrap_or_else(|| "minijs".into());
    process.define_value("argv0", Value::from(argv0), a);
    let exec_argv = string_array(interp, &options.exec_argv);
    process.define_value("execArgv", exec_argv, a);
    let exec_path = argv.first().cloned().unwrap_or_else(|| "minijs".into());
    process.define_value("execPath", Value::from(exec_path), a);
    let env = new_object(interp);
    for (k, v) in std::env::vars_os() {
        let (k, v) = (
            k.to_string_lossy().into_owned(),
            v.to_string_lossy().into_owned(),
        );
        env.define_value(PropertyKey::from(k.as_str()), Value::from(v), a);
    }
    process.define_value("env", Value::Object(env), a);
    process.define_value("pid", Value::from(std::process::id()), a);
    process.define_value("ppid", Value::from(std::os::unix::process::parent_id()), a);
    process.define_value("exitCode", Value::Undefined, a);
    process.define_value("_exiting", Value::Bool(false), a);
    let table: &[(&str, NativeFn, u32)] = &[
        ("abort", process_abort, 0),
        ("chdir", process_chdir, 1),
        ("cwd", process_cwd, 0),
        ("emitWarning", process_emit_warning, 4),
        ("exit", process_exit, 1),
        ("hrtime", process_hrtime, 1),
        ("memoryUsage", process_memory_usage, 0),
        ("nextTick", process_next_tick, 1),
        ("uptime", process_uptime, 0),
    ];
    define_methods(interp, &process, table);
    if interp.permissions.enabled {
        let permission = new_object(interp);
        define_methods(interp, &permission, &[("has", permission_has, 2)]);
        process.define_value("permission", Value::Object(permission), a);
    }
    if let Some(Value::Object(hr)) = process.get_own_data(&PropertyKey::from("hrtime")) {
        let f = create_native_function(interp, process_hrtime_bigint, "hrtimeBigInt", 0);
        hr.define_value("bigint", Value::Object(f), Attributes::all());
    }
    if let Some(Value::Object(mu)) = process.get_own_data(&PropertyKey::from("memoryUsage")) {
        define_methods(interp, &mu, &[("rss", process_memory_rss, 0)]);
    }
    for (name, getter) in [
        ("stdin", get_stdin as NativeFn),
        ("stdout", get_stdout),
        ("stderr", get_stderr),
    ] {
        define_native_accessor(
            interp,
            &process,
            PropertyKey::from(name),
            Some(getter),
            None,
            Attributes::new(false, true, true),
        );
    }
    process
}

/// `process.permission.has(scope, reference)` (`--permission` only).
fn permission_has(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let scope = match arg(args, 0) {
        Value::String(s) => s.to_rust_string(),
        other => return Err(invalid_arg_type(interp, "scope", "of type string", &other)),
    };
    let reference = match arg(args, 1) {
        Value::Undefined => None,
        v => Some(to_string(interp, &v)?.to_rust_string()),
    };
    let Some(scope) = interp::permission::Scope::parse(&scope) else {
        return Ok(Value::Bool(false));
    };
    Ok(Value::Bool(
        interp.permissions.has(scope, reference.as_deref()),
    ))
}

/// Makes `process` an EventEmitter with `events.js` (as Node's bootstrap
/// does), then adds the default `'warning'` listener.
fn make_event_emitter(
    interp: &mut Interp,
    process: &JsObject,
    options: &ProcessOptions,
) -> JsResult<()> {
    let Some(ee) = interp::modules::require_builtin(interp, "events")? else {
        return Ok(());
    };
    let Value::Object(ctor) = &ee else {
        return Ok(());
    };
    let ee_proto = get_str(interp, ctor, "prototype")?;
    if let (Some(own_proto), Value::Object(ep)) = (process.prototype(), ee_proto) {
        own_proto.set_prototype_of(Some(ep));
    }
    interp.call(&ee, &Value::Object(process.clone()), &[])?;
    if !options.no_warnings {
        let listener = create_native_function(interp, on_warning, "onWarning", 1);
        invoke(
            interp,
            &Value::Object(process.clone()),
            &PropertyKey::from("on"),
            &[Value::from("warning"), Value::Object(listener)],
        )?;
    }
    Ok(())
}

/// Creates `process` (global and host data) and the loop's host hooks.
pub fn install(interp: &mut Interp, options: &ProcessOptions) -> JsResult<()> {
    let process = build_process(interp, options);
    interp
        .host_data
        .insert("process", Value::Object(process.clone()));
    if options.no_warnings {
        interp.host_data.insert("%noWarnings%", Value::Bool(true));
    }
    define_global(interp, "process", Value::Object(process.clone()));
    interp.event_loop.hooks = HostHooks {
        uncaught_exception: on_uncaught_exception,
        unhandled_rejection: on_unhandled_rejection,
        before_exit: on_before_exit,
    };
    if !options.test262 {
        // Without events.js (or if it fails to load) `process` still works,
        // minus the events.
        // Bootstrap code is not the program's: keep it out of
        // --trace-context.
        let trace = std::mem::replace(&mut interp.options.trace_context, false);
        let r = make_event_emitter(interp, &process, options);
        interp.options.trace_context = trace;
        match r {
            Ok(()) | Err(JsError::Throw(_)) => {}
            Err(e) => return Err(e),
        }
        if interp.permissions.enabled {
            emit_warning_text(
                interp,
                "Permission is an experimental feature and might change at any time",
                "ExperimentalWarning",
            )?;
        }
    }
    Ok(())
}
