//! Error constructors and %Error.prototype% — ECMA-262 §20.5.

use crate::error::{install_stack, ErrorType};
use crate::function::{create_native_constructor, define_methods, native_slots, NativeFn};
use crate::interp::Interp;
use crate::object::{JsObject, ObjectKind};
use crate::operations::{self, get_str, to_string};
use crate::realm::define_global;
use crate::storage::Attributes;
use crate::value::{PropertyKey, Value};
use crate::JsResult;

fn error_type_of(interp: &Interp) -> ErrorType {
    let n = native_slots(interp)
        .first()
        .and_then(|v| v.as_number())
        .unwrap_or(0.0) as usize;
    ErrorType::ALL.get(n).copied().unwrap_or(ErrorType::Error)
}

/// InstallErrorCause — ECMA-262 §20.5.8.1: `options.cause`, when present,
/// as a hidden own property.
fn install_error_cause(interp: &mut Interp, o: &JsObject, options: Option<&Value>) -> JsResult<()> {
    if let Some(Value::Object(opts)) = options {
        if opts.has_property(interp, &PropertyKey::from("cause"))? {
            let cause = get_str(interp, opts, "cause")?;
            o.define_value("cause", cause, Attributes::hidden());
        }
    }
    Ok(())
}

/// NativeError(message, options) — ECMA-262 §20.5.6.1.1 (called or constructed).
fn error_construct(interp: &mut Interp, new_target: &Value, args: &[Value]) -> JsResult<Value> {
    let ty = error_type_of(interp);
    let nt = if new_target.is_undefined() {
        interp
            .active_function()
            .map(Value::Object)
            .unwrap_or_default()
    } else {
        new_target.clone()
    };
    let default = interp.realm.intrinsics.error_prototype(ty);
    let o = operations::ordinary_create_from_constructor(interp, &nt, default, ObjectKind::Error)?;
    let msg = args.first().cloned().unwrap_or_default();
    if !msg.is_undefined() {
        let m = to_string(interp, &msg)?;
        o.define_value("message", Value::String(m), Attributes::hidden());
    }
    install_error_cause(interp, &o, args.get(1))?;
    // The stack header uses the name/message visible now.
    let header = crate::error::error_header(&Value::Object(o.clone()))
        .unwrap_or_else(|| ty.name().to_string());
    // Drop the constructor's own frame from the stack.
    crate::function::without_native_frame(interp, |interp| install_stack(interp, &o, &header));
    Ok(Value::Object(o))
}

fn error_call(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    error_construct(interp, &Value::Undefined, args)
}

/// Error.prototype.toString — ECMA-262 §20.5.3.4
fn error_to_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let Value::Object(o) = this else {
        return Err(interp.type_error("Error.prototype.toString requires that 'this' be an Object"));
    };
    let name = get_str(interp, o, "name")?;
    let name = if name.is_undefined() {
        "Error".into()
    } else {
        to_string(interp, &name)?.to_rust_string()
    };
    let msg = get_str(interp, o, "message")?;
    let msg = if msg.is_undefined() {
        String::new()
    } else {
        to_string(interp, &msg)?.to_rust_string()
    };
    Ok(Value::from(match (name.is_empty(), msg.is_empty()) {
        (true, _) => msg,
        (_, true) => name,
        _ => format!("{name}: {msg}"),
    }))
}

/// Error.captureStackTrace(obj) (V8 extension).
fn error_capture_stack_trace(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    if let Some(Value::Object(o)) = args.first() {
        let header =
            crate::error::error_header(&Value::Object(o.clone())).unwrap_or_else(|| "Error".into());
        crate::function::without_native_frame(interp, |interp| install_stack(interp, o, &header));
    }
    Ok(Value::Undefined)
}

fn aggregate_error_construct(
    interp: &mut Interp,
    new_target: &Value,
    args: &[Value],
) -> JsResult<Value> {
    let nt = if new_target.is_undefined() {
        interp
            .active_function()
            .map(Value::Object)
            .unwrap_or_default()
    } else {
        new_target.clone()
    };
    let default = match interp.realm.intrinsics.prototype_of("AggregateError") {
        Some(p) => p,
        None => interp.realm.intrinsics.error_prototype(ErrorType::Error),
    };
    let o = operations::ordinary_create_from_constructor(interp, &nt, default, ObjectKind::Error)?;
    let msg = args.get(1).cloned().unwrap_or_default();
    if !msg.is_undefined() {
        let m = to_string(interp, &msg)?;
        o.define_value("message", Value::String(m), Attributes::hidden());
    }
    install_error_cause(interp, &o, args.get(2))?;
    let errors = operations::iterate_to_list(interp, &args.first().cloned().unwrap_or_default())?;
    let arr = operations::create_array_from_list(interp, errors);
    o.define_value("errors", Value::Object(arr), Attributes::hidden());
    let header = crate::error::error_header(&Value::Object(o.clone()))
        .unwrap_or_else(|| "AggregateError".into());
    install_stack(interp, &o, &header);
    Ok(Value::Object(o))
}

fn aggregate_error_call(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    aggregate_error_construct(interp, &Value::Undefined, args)
}

pub(crate) fn init(interp: &mut Interp) {
    let mut base_ctor = None;
    for (i, ty) in ErrorType::ALL.iter().enumerate() {
        let proto = interp.realm.intrinsics.error_prototype(*ty);
        let c = crate::function::create_native_function_full(
            interp,
            error_call,
            Some(error_construct as NativeFn),
            ty.name(),
            1,
            vec![Value::from(i)],
        );
        c.define_value(
            "prototype",
            Value::Object(proto.clone()),
            Attributes::none(),
        );
        proto.define_value(
            "constructor",
            Value::Object(c.clone()),
            Attributes::hidden(),
        );
        proto.define_value("name", Value::from(ty.name()), Attributes::hidden());
        proto.define_value("message", Value::from(""), Attributes::hidden());
        if *ty == ErrorType::Error {
            define_methods(interp, &proto, &[("toString", error_to_string, 0)]);
            define_methods(
                interp,
                &c,
                &[("captureStackTrace", error_capture_stack_trace, 2)],
            );
            c.define_value("stackTraceLimit", Value::from(10), Attributes::all());
            base_ctor = Some(c.clone());
        } else if let Some(b) = &base_ctor {
            c.set_prototype_of(Some(b.clone()));
        }
        interp.realm.intrinsics.register(ty.name(), c.clone());
        define_global(interp, ty.name(), Value::Object(c));
    }
    let base_proto = interp.realm.intrinsics.error_prototype(ErrorType::Error);
    let proto = interp.alloc_object(Some(base_proto), ObjectKind::Ordinary);
    let c = create_native_constructor(
        interp,
        aggregate_error_call,
        aggregate_error_construct,
        "AggregateError",
        2,
    );
    if let Some(b) = base_ctor {
        c.set_prototype_of(Some(b));
    }
    c.define_value(
        "prototype",
        Value::Object(proto.clone()),
        Attributes::none(),
    );
    proto.define_value(
        "constructor",
        Value::Object(c.clone()),
        Attributes::hidden(),
    );
    proto.define_value("name", Value::from("AggregateError"), Attributes::hidden());
    proto.define_value("message", Value::from(""), Attributes::hidden());
    interp
        .realm
        .intrinsics
        .register("AggregateError", c.clone());
    define_global(interp, "AggregateError", Value::Object(c));
}
