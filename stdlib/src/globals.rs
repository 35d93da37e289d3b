//! Node's host globals beyond timers and `process`: `global`, and the ones
//! that come from built-in modules (`Buffer`, `atob`, `btoa` from `buffer`;
//! `TextEncoder`, `TextDecoder` from `util`; `AbortController`,
//! `AbortSignal`, `Event`, `EventTarget`, `DOMException` from the helper
//! file `event_target.js`). Those are accessors that load
//! their module on first use and then become ordinary data properties, so
//! a program that never touches them never loads the module.

use interp::function::{create_native_closure, native_slots};
use interp::operations::get_str;
use interp::{Attributes, Interp, JsResult, PropertyKey, Value};

/// (global name, module or `./helper.js` file, export).
const LAZY: &[(&str, &str, &str)] = &[
    ("AbortController", "./event_target.js", "AbortController"),
    ("AbortSignal", "./event_target.js", "AbortSignal"),
    ("DOMException", "./event_target.js", "DOMException"),
    ("Event", "./event_target.js", "Event"),
    ("EventTarget", "./event_target.js", "EventTarget"),
    ("Buffer", "buffer", "Buffer"),
    ("atob", "buffer", "atob"),
    ("btoa", "buffer", "btoa"),
    ("TextEncoder", "util", "TextEncoder"),
    ("TextDecoder", "util", "TextDecoder"),
];

fn slot_string(slots: &[Value], i: usize) -> String {
    match slots.get(i) {
        Some(Value::String(s)) => s.to_rust_string(),
        _ => String::new(),
    }
}

/// Replaces the accessor by a data property holding `value`.
fn settle(interp: &mut Interp, name: &str, value: Value) {
    let g = interp.realm.global_object.clone();
    g.define_value(PropertyKey::from(name), value, Attributes::hidden());
}

fn lazy_get(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    let slots = native_slots(interp);
    let (name, module, export) = (
        slot_string(&slots, 0),
        slot_string(&slots, 1),
        slot_string(&slots, 2),
    );
    let exports = match interp::modules::builtin::builtin_relative(interp, &module) {
        Some(file) => Some(interp::modules::builtin::load_builtin_source(interp, file)?),
        None => interp::modules::require_builtin(interp, &module)?,
    };
    let value = match exports {
        Some(Value::Object(exports)) => get_str(interp, &exports, &export)?,
        _ => Value::Undefined,
    };
    settle(interp, &name, value.clone());
    Ok(value)
}

fn lazy_set(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let name = slot_string(&native_slots(interp), 0);
    settle(interp, &name, args.first().cloned().unwrap_or_default());
    Ok(Value::Undefined)
}

pub fn install(interp: &mut Interp) {
    let g = interp.realm.global_object.clone();
    g.define_value("global", Value::Object(g.clone()), Attributes::hidden());
    for (name, module, export) in LAZY {
        let helper = interp::modules::builtin::builtin_relative(interp, module).is_some();
        if !helper && !interp.modules.is_builtin(module) {
            continue;
        }
        let slots = vec![
            Value::from(*name),
            Value::from(*module),
            Value::from(*export),
        ];
        let getter =
            create_native_closure(interp, lazy_get, &format!("get {name}"), 0, slots.clone());
        let setter = create_native_closure(interp, lazy_set, &format!("set {name}"), 1, slots);
        g.define_accessor(
            PropertyKey::from(*name),
            Some(getter),
            Some(setter),
            Attributes::new(false, false, true),
        );
    }
}
