//! `require('os')`: the operating-system facts Node's `os` module gives,
//! read from the environment and `/proc` (Linux).

use interp::function::{define_methods, NativeFn};
use interp::operations::{create_array_from_list, new_object};
use interp::{Attributes, Interp, JsResult, Value};

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The `module.exports` of `os`.
pub fn create(interp: &mut Interp) -> JsResult<Value> {
    let os = new_object(interp);
    let table: &[(&str, NativeFn, u32)] = &[
        ("arch", arch, 0),
        ("availableParallelism", available_parallelism, 0),
        ("cpus", cpus, 0),
        ("endianness", endianness, 0),
        ("freemem", freemem, 0),
        ("homedir", homedir, 0),
        ("hostname", hostname, 0),
        ("loadavg", loadavg, 0),
        ("machine", machine, 0),
        ("networkInterfaces", network_interfaces, 0),
        ("platform", platform, 0),
        ("release", release, 0),
        ("tmpdir", tmpdir, 0),
        ("totalmem", totalmem, 0),
        ("type", os_type, 0),
        ("uptime", uptime, 0),
        ("userInfo", user_info, 1),
        ("version", version, 0),
    ];
    define_methods(interp, &os, table);
    // Node's os functions are enumerable properties.
    for (name, _, _) in table {
        if let Some(v) = os.get_own_data(&(*name).into()) {
            os.define_value(*name, v, Attributes::all());
        }
    }
    os.define_value("EOL", Value::from("\n"), Attributes::all());
    os.define_value("devNull", Value::from("/dev/null"), Attributes::all());
    Ok(Value::Object(os))
}

fn node_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "x86" => "ia32",
        "arm" => "arm",
        other => other,
    }
}

fn arch(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from(node_arch()))
}

fn machine(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from(std::env::consts::ARCH))
}

fn platform(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from(std::env::consts::OS))
}

fn os_type(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    let t = read("/proc/sys/kernel/ostype");
    let t = t.trim();
    Ok(Value::from(if t.is_empty() { "Linux" } else { t }))
}

fn release(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from(read("/proc/sys/kernel/osrelease").trim()))
}

fn version(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from(read("/proc/sys/kernel/version").trim()))
}

fn hostname(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from(read("/proc/sys/kernel/hostname").trim()))
}

fn endianness(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from(if cfg!(target_endian = "little") { "LE" } else { "BE" }))
}

/// `os.tmpdir()`: `$TMPDIR`, `$TMP`, `$TEMP` or `/tmp`, without a
/// trailing slash.
fn tmpdir(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    let dir = ["TMPDIR", "TMP", "TEMP"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "/tmp".into());
    let trimmed = if dir.len() > 1 { dir.trim_end_matches('/') } else { &dir };
    Ok(Value::from(trimmed))
}

fn homedir(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from(std::env::var("HOME").unwrap_or_else(|_| "/".into())))
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

fn available_parallelism(_: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    let n = std::thread::available_parallelism().map_or(1, |n| n.get());
    Ok(Value::from(n))
}

/// `os.cpus()`: one `{ model, speed, times }` per processor of
/// /proc/cpuinfo (times are not tracked: zeros).
fn cpus(interp: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    let info = read("/proc/cpuinfo");
    let mut list: Vec<(String, f64)> = Vec::new();
    for block in info.split("\n\n").filter(|b| b.contains("processor")) {
        let field = |k: &str| {
            block
                .lines()
                .find(|l| l.starts_with(k))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        };
        let model = field("model name").unwrap_or_default();
        let speed = field("cpu MHz").and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
        list.push((model, speed.floor()));
    }
    if list.is_empty() {
        let n = std::thread::available_parallelism().map_or(1, |n| n.get());
        list = vec![(String::new(), 0.0); n];
    }
    let mut out = Vec::new();
    for (model, speed) in list {
        let cpu = new_object(interp);
        let a = Attributes::all();
        cpu.define_value("model", Value::from(model), a);
        cpu.define_value("speed", Value::Number(speed), a);
        let times = new_object(interp);
        for k in ["user", "nice", "sys", "idle", "irq"] {
            times.define_value(k, Value::Number(0.0), a);
        }
        cpu.define_value("times", Value::Object(times), a);
        out.push(Value::Object(cpu));
    }
    Ok(Value::Object(create_array_from_list(interp, out)))
}

fn network_interfaces(interp: &mut Interp, _: &Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::Object(new_object(interp)))
}

/// `os.userInfo()`: uid and gid from /proc/self/status, the rest from
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
    o.define_value("username", Value::from(field(0, std::env::var("USER").unwrap_or_default())), a);
    o.define_value("homedir", Value::from(field(5, std::env::var("HOME").unwrap_or_default())), a);
    o.define_value("shell", Value::from(field(6, String::new())), a);
    Ok(Value::Object(o))
}
