//! `performance` (the global and `require('perf_hooks').performance`):
//! `now()` in milliseconds since the process started (the event loop's
//! clock) and `timeOrigin`, the wall-clock time of that start.

use interp::function::define_methods;
use interp::operations::new_object;
use interp::realm::define_global;
use interp::{Attributes, Interp, JsResult, Value};

fn now(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::Number(
        interp.event_loop.elapsed().as_secs_f64() * 1000.0,
    ))
}

fn to_json(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    let o = new_object(interp);
    let origin = interp
        .host_data
        .get("%performance%")
        .and_then(|p| match p {
            Value::Object(p) => p.get_own_data(&"timeOrigin".into()),
            _ => None,
        })
        .unwrap_or_default();
    o.define_value("timeOrigin", origin, Attributes::all());
    Ok(Value::Object(o))
}

/// The `performance` object (made once).
fn performance(interp: &mut Interp) -> Value {
    if let Some(p) = interp.host_data.get("%performance%") {
        return p.clone();
    }
    let p = new_object(interp);
    define_methods(interp, &p, &[("now", now, 0), ("toJSON", to_json, 0)]);
    let wall_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0);
    let origin = wall_ms - interp.event_loop.elapsed().as_secs_f64() * 1000.0;
    p.define_value("timeOrigin", Value::Number(origin), Attributes::all());
    interp::function::define_to_string_tag(interp, &p, "Performance");
    interp
        .host_data
        .insert("%performance%", Value::Object(p.clone()));
    Value::Object(p)
}

/// The `module.exports` of `perf_hooks`.
pub fn create_perf_hooks(interp: &mut Interp) -> JsResult<Value> {
    let m = new_object(interp);
    let p = performance(interp);
    m.define_value("performance", p, Attributes::all());
    Ok(Value::Object(m))
}

pub fn install(interp: &mut Interp) {
    let p = performance(interp);
    define_global(interp, "performance", p);
    interp
        .modules
        .register_native_builtin("perf_hooks", create_perf_hooks);
}
