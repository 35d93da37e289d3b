//! `globalThis.__minijs_os`: the native binding `stdlib/js/os.js` builds
//! `require('os')` on (documented at the top of that file), reading
//! `/proc` and `/etc/passwd` (Linux).

use interp::function::{define_methods, NativeFn};
use interp::operations::{create_array_from_list, new_object};
use interp::realm::define_global;
use interp::{Attributes, Interp, JsResult, Value};

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// Defines `globalThis.__minijs_os`.
pub fn install(interp: &mut Interp) {
    let binding = new_object(interp);
    let table: &[(&str, NativeFn, u32)] = &[
        ("cpuCount", cpu_count, 0),
        ("freemem", freemem, 0),
        ("homedir", homedir, 0),
        ("hostname", hostname, 0),
        ("loadavg", loadavg, 0),
        ("release", release, 0),
        ("totalmem", totalmem, 0),
        ("uptime", uptime, 0),
        ("userInfo", user_info, 0),
    ];
    define_methods(interp, &binding, table);
    define_global(interp, "__minijs_os", Value::Object(binding));
}

fn release(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from(read("/proc/sys/kernel/osrelease").trim()))
}

fn hostname(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from(read("/proc/sys/kernel/hostname").trim()))
}

fn homedir(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from(
        std::env::var("HOME").unwrap_or_else(|_| "/".into()),
    ))
}

/// A `key: N kB` field of /proc/meminfo, in bytes.
fn meminfo(key: &str) -> f64 {
    read("/proc/meminfo")
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse::<f64>().ok())
        .map_or(0.0, |kb| kb * 1024.0)
}

fn totalmem(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::Number(meminfo("MemTotal:")))
}

fn freemem(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::Number(meminfo("MemAvailable:")))
}

fn uptime(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    let up = read("/proc/uptime");
    let secs = up
        .split_whitespace()
        .next()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(0.0);
    Ok(Value::Number(secs.floor()))
}

fn loadavg(interp: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    let text = read("/proc/loadavg");
    let mut v: Vec<Value> = text
        .split_whitespace()
        .take(3)
        .map(|s| Value::Number(s.parse().unwrap_or(0.0)))
        .collect();
    v.resize(3, Value::Number(0.0));
    Ok(Value::Object(create_array_from_list(interp, v)))
}

/// `userInfo()`: uid and gid from /proc/self/status, the rest from
/// /etc/passwd.
fn user_info(interp: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    let status = read("/proc/self/status");
    let id = |k: &str| -> f64 {
        status
            .lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(-1.0)
    };
    let (uid, gid) = (id("Uid:"), id("Gid:"));
    let passwd = read("/etc/passwd");
    let entry: Vec<String> = passwd
        .lines()
        .map(|l| l.split(':').map(str::to_string).collect::<Vec<_>>())
        .find(|f| f.get(2).and_then(|u| u.parse::<f64>().ok()) == Some(uid))
        .unwrap_or_default();
    let field = |i: usize, fallback: String| entry.get(i).cloned().unwrap_or(fallback);
    let o = new_object(interp);
    let a = Attributes::all();
    o.define_value("uid", Value::Number(uid), a);
    o.define_value("gid", Value::Number(gid), a);
    o.define_value(
        "username",
        Value::from(field(0, std::env::var("USER").unwrap_or_default())),
        a,
    );
    o.define_value(
        "homedir",
        Value::from(field(5, std::env::var("HOME").unwrap_or_default())),
        a,
    );
    o.define_value("shell", Value::from(field(6, String::new())), a);
    Ok(Value::Object(o))
}

/// The number of processors in /proc/cpuinfo (the available parallelism
/// if it cannot be read).
fn cpu_count(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    let listed = read("/proc/cpuinfo")
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count();
    let n = if listed > 0 {
        listed
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    };
    Ok(Value::from(n))
}
