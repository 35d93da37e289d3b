//! The `console` object (host API): log/info/debug to stdout, error/warn
//! to stderr, formatted like Node's `util.format`.

use crate::function::{define_methods, NativeFn};
use crate::interp::Interp;
use crate::realm::define_global;
use crate::value::Value;
use crate::JsResult;

fn write_line(interp: &mut Interp, args: &[Value], to_stderr: bool) -> JsResult<Value> {
    let mut line = crate::inspect::format_log_args(interp, args)?;
    let indent = interp
        .host_data
        .get("%consoleIndent%")
        .and_then(|v| v.as_number())
        .unwrap_or(0.0) as usize;
    if indent > 0 {
        let pad = " ".repeat(indent);
        line = line
            .lines()
            .map(|l| format!("{pad}{l}"))
            .collect::<Vec<_>>()
            .join("\n");
    }
    line.push('\n');
    crate::event_loop::touch_stdio(interp, if to_stderr { 2 } else { 1 });
    let _ = crate::stdio::write(if to_stderr { 2 } else { 1 }, line.as_bytes());
    Ok(Value::Undefined)
}

fn console_log(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    write_line(interp, args, false)
}

fn console_error(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    write_line(interp, args, true)
}

fn console_group(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    if !args.is_empty() {
        write_line(interp, args, false)?;
    }
    let _ = this;
    let indent = interp
        .host_data
        .get("%consoleIndent%")
        .and_then(|v| v.as_number())
        .unwrap_or(0.0);
    interp
        .host_data
        .insert("%consoleIndent%", Value::Number(indent + 2.0));
    Ok(Value::Undefined)
}

fn console_group_end(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    let indent = interp
        .host_data
        .get("%consoleIndent%")
        .and_then(|v| v.as_number())
        .unwrap_or(0.0);
    interp
        .host_data
        .insert("%consoleIndent%", Value::Number((indent - 2.0).max(0.0)));
    Ok(Value::Undefined)
}

pub(crate) fn init(interp: &mut Interp) {
    let console = crate::operations::new_object(interp);
    let table: &[(&str, NativeFn, u32)] = &[
        ("log", console_log, 0),
        ("info", console_log, 0),
        ("debug", console_log, 0),
        ("error", console_error, 0),
        ("warn", console_error, 0),
        ("trace", console_error, 0),
        ("group", console_group, 0),
        ("groupEnd", console_group_end, 0),
    ];
    define_methods(interp, &console, table);
    define_global(interp, "console", Value::Object(console));
}
