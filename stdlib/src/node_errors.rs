//! Node's coded errors (`TypeError [ERR_INVALID_ARG_TYPE]: ...`) for the
//! native host modules, worded as Node words them.

use interp::error::{create_error, install_stack, ErrorType};
use interp::inspect::short_description;
use interp::operations::get_str;
use interp::{Attributes, Interp, JsError, Value};

/// An error of type `ty` with Node's `code` property, whose stack starts
/// with `Name [CODE]: message` as Node's do.
pub fn coded_error(interp: &mut Interp, ty: ErrorType, code: &str, message: &str) -> JsError {
    let err = create_error(interp, ty, message);
    install_stack(interp, &err, &format!("{} [{code}]: {message}", ty.name()));
    err.define_value(
        "code",
        Value::from(code),
        Attributes::hidden().with_enumerable(true),
    );
    JsError::Throw(Value::Object(err))
}

/// Node's `determineSpecificType`: how a received value is described.
pub fn received(interp: &mut Interp, v: &Value) -> String {
    match v {
        Value::Undefined => "undefined".into(),
        Value::Null => "null".into(),
        Value::Object(o) if o.is_callable() => {
            let name = interp::function::function_name(o);
            if name.is_empty() {
                short_description(interp, v)
            } else {
                format!("function {name}")
            }
        }
        Value::Object(o) => {
            let ctor = get_str(interp, o, "constructor").unwrap_or_default();
            let name = match &ctor {
                Value::Object(c) => interp::function::function_name(c),
                _ => String::new(),
            };
            if name.is_empty() {
                short_description(interp, v)
            } else {
                format!("an instance of {name}")
            }
        }
        _ => {
            let shown = match v {
                Value::String(s) => interp::inspect::quote_string(&s.to_rust_string()),
                v => short_description(interp, v),
            };
            let shown = if shown.chars().count() > 28 {
                format!("{}...", shown.chars().take(25).collect::<String>())
            } else {
                shown
            };
            let ty = interp::operations::type_of(v);
            let ty = match ty {
                Value::String(s) => s.to_rust_string(),
                _ => String::new(),
            };
            format!("type {ty} ({shown})")
        }
    }
}

/// `ERR_INVALID_ARG_TYPE`: `The "name" argument must be <expected>.
/// Received ...`.
pub fn invalid_arg_type(interp: &mut Interp, name: &str, expected: &str, v: &Value) -> JsError {
    let got = received(interp, v);
    let what = if name.contains('.') {
        "property"
    } else {
        "argument"
    };
    let msg = format!("The \"{name}\" {what} must be {expected}. Received {got}");
    coded_error(interp, ErrorType::TypeError, "ERR_INVALID_ARG_TYPE", &msg)
}
