//! Creating and throwing JavaScript errors with Node's wording, and the
//! `stack` string in V8's format (`    at f (file.js:3:5)`).

use crate::interp::Interp;
use crate::object::{JsObject, ObjectKind};
use crate::storage::Attributes;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};
use crate::{JsError, JsResult};

/// The native error types (ECMA-262 §20.5.5).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ErrorType {
    Error,
    TypeError,
    ReferenceError,
    RangeError,
    SyntaxError,
    EvalError,
    UriError,
}

impl ErrorType {
    pub fn name(self) -> &'static str {
        match self {
            ErrorType::Error => "Error",
            ErrorType::TypeError => "TypeError",
            ErrorType::ReferenceError => "ReferenceError",
            ErrorType::RangeError => "RangeError",
            ErrorType::SyntaxError => "SyntaxError",
            ErrorType::EvalError => "EvalError",
            ErrorType::UriError => "URIError",
        }
    }
    pub const ALL: [ErrorType; 7] = [
        ErrorType::Error,
        ErrorType::TypeError,
        ErrorType::ReferenceError,
        ErrorType::RangeError,
        ErrorType::SyntaxError,
        ErrorType::EvalError,
        ErrorType::UriError,
    ];
}

/// Creates an error object of `ty` with `message` and a captured stack.
pub fn create_error(interp: &mut Interp, ty: ErrorType, message: &str) -> JsObject {
    let proto = interp.realm.intrinsics.error_prototype(ty);
    let obj = interp.alloc_object(Some(proto), ObjectKind::Error);
    obj.define_value("message", Value::from(message), Attributes::hidden());
    let header = if message.is_empty() {
        ty.name().to_string()
    } else {
        format!("{}: {}", ty.name(), message)
    };
    install_stack(interp, &obj, &header);
    obj
}

/// Defines `stack` on `obj`: `header` followed by the frames of the
/// running execution contexts, innermost first.
pub fn install_stack(interp: &mut Interp, obj: &JsObject, header: &str) {
    let mut stack = header.to_string();
    stack.push_str(&capture_stack_frames(interp));
    obj.define_value("stack", Value::from(stack), Attributes::hidden());
}

/// `\n    at name (file:line:col)` for each running context and built-in
/// (`NativeFrame`), innermost first (at most 10, as V8's default
/// `Error.stackTraceLimit`).
pub fn capture_stack_frames(interp: &Interp) -> String {
    let mut out = String::new();
    let mut natives = interp.native_frames.iter().rev().peekable();
    let mut frames = 0;
    for (i, ctx) in interp.context_stack.iter().enumerate().rev() {
        // The built-ins called from this context (or from one above it).
        while let Some(n) = natives.next_if(|n| n.depth > i) {
            push_native_frame(&mut out, n);
            frames += 1;
            if frames == 10 {
                return out;
            }
        }
        out.push_str("\n    at ");
        let location = match ctx.source() {
            Some(src) => {
                let (line, col) = src.line_col(ctx.position);
                format!("{}:{}:{}", src.name, line, col)
            }
            None => "<anonymous>".to_string(),
        };
        let name = ctx.frame_name.map(str::to_string).or_else(|| {
            ctx.function.as_ref().and_then(|f| {
                let n = crate::function::function_name(f);
                (!n.is_empty()).then_some(n)
            })
        });
        let name = name.map(|n| {
            if ctx.is_construct {
                format!("new {n}")
            } else {
                n
            }
        });
        match (name, ctx.source()) {
            (Some(n), _) => out.push_str(&format!("{n} ({location})")),
            (None, Some(_)) => out.push_str(&location),
            (None, None) => out.push_str("<anonymous>"),
        }
        frames += 1;
        if frames == 10 {
            return out;
        }
    }
    // Built-ins called with no context running (from the host).
    for n in natives.take(10 - frames) {
        push_native_frame(&mut out, n);
    }
    out
}

/// A built-in's line of a stack trace: `name (<anonymous>)`, or
/// `<anonymous>` for a built-in without a name.
fn push_native_frame(out: &mut String, frame: &crate::execution_context::NativeFrame) {
    out.push_str("\n    at ");
    let name = crate::function::function_name(&frame.function);
    match (name.is_empty(), frame.is_construct) {
        (true, _) => out.push_str("<anonymous>"),
        (false, true) => out.push_str(&format!("new {name} (<anonymous>)")),
        (false, false) => out.push_str(&format!("{name} (<anonymous>)")),
    }
}

impl Interp {
    pub fn make_error(&mut self, ty: ErrorType, message: impl AsRef<str>) -> JsError {
        JsError::Throw(Value::Object(create_error(self, ty, message.as_ref())))
    }
    pub fn type_error(&mut self, message: impl AsRef<str>) -> JsError {
        self.make_error(ErrorType::TypeError, message)
    }
    pub fn range_error(&mut self, message: impl AsRef<str>) -> JsError {
        self.make_error(ErrorType::RangeError, message)
    }
    pub fn reference_error(&mut self, message: impl AsRef<str>) -> JsError {
        self.make_error(ErrorType::ReferenceError, message)
    }
    pub fn syntax_error(&mut self, message: impl AsRef<str>) -> JsError {
        self.make_error(ErrorType::SyntaxError, message)
    }
    /// The exception for source text that does not parse: a SyntaxError,
    /// or V8's RangeError for source nested too deeply to compile.
    pub fn parse_error(&mut self, e: &parser::ParseError) -> JsError {
        if e.is_too_deep() {
            self.range_error(parser::TOO_DEEP)
        } else {
            self.syntax_error(&e.message)
        }
    }
    /// `RangeError: Invalid string length` if a string of `len` code units
    /// would be longer than `string::MAX_LENGTH`.
    pub fn check_string_length(&mut self, len: f64) -> JsResult<()> {
        if len > crate::string::MAX_LENGTH as f64 {
            return Err(self.range_error("Invalid string length"));
        }
        Ok(())
    }
}

/// `throw new Error(msg)` from native code.
pub fn throw_error<T>(interp: &mut Interp, msg: impl AsRef<str>) -> JsResult<T> {
    Err(interp.make_error(ErrorType::Error, msg))
}
/// `throw new TypeError(msg)` from native code.
pub fn throw_type_error<T>(interp: &mut Interp, msg: impl AsRef<str>) -> JsResult<T> {
    Err(interp.type_error(msg))
}
/// `throw new RangeError(msg)` from native code.
pub fn throw_range_error<T>(interp: &mut Interp, msg: impl AsRef<str>) -> JsResult<T> {
    Err(interp.range_error(msg))
}
/// `throw new ReferenceError(msg)` from native code.
pub fn throw_reference_error<T>(interp: &mut Interp, msg: impl AsRef<str>) -> JsResult<T> {
    Err(interp.reference_error(msg))
}
/// `throw new SyntaxError(msg)` from native code.
pub fn throw_syntax_error<T>(interp: &mut Interp, msg: impl AsRef<str>) -> JsResult<T> {
    Err(interp.syntax_error(msg))
}

/// The text Node prints for an uncaught exception value: `util.inspect`
/// of it (for an error, its `stack` and then its own enumerable
/// properties, such as `{ code: 'ERR_X' }`).
pub fn uncaught_description(interp: &mut Interp, value: &Value) -> String {
    crate::inspect::inspect(interp, value, &crate::inspect::InspectOptions::default())
}

/// Whether a thrown value is an Error object (Node prints `Thrown at` only
/// for non-errors; we only need the distinction for the caret block).
pub fn is_error_object(value: &Value) -> bool {
    matches!(value, Value::Object(o) if matches!(o.kind(), ObjectKind::Error))
}

/// The `name: message` header of an error value, read without side effects.
pub fn error_header(value: &Value) -> Option<String> {
    let Value::Object(o) = value else { return None };
    let get = |o: &JsObject, k: &str| -> Option<JsString> {
        let key = PropertyKey::from(k);
        let mut cur = Some(o.clone());
        while let Some(c) = cur {
            if let Some(Value::String(s)) = c.get_own_data(&key) {
                return Some(s);
            }
            cur = c.prototype();
        }
        None
    };
    let name = get(o, "name")?.to_rust_string();
    let msg = get(o, "message")
        .map(|m| m.to_rust_string())
        .unwrap_or_default();
    Some(if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    })
}
