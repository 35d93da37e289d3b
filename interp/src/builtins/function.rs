//! %Function% and %Function.prototype% — ECMA-262 §20.2.

use crate::function::{bound_function_create, define_methods, function_name, NativeFn};
use crate::interp::Interp;
use crate::object::{JsObject, ObjectKind};
use crate::operations::{
    create_list_from_array_like, is_callable, ordinary_has_instance, to_integer_or_infinity,
    to_string,
};
use crate::storage::Attributes;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};
use crate::JsResult;

/// %ThrowTypeError% — ECMA-262 §10.2.4.1
pub fn throw_type_error_fn(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error(
        "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode functions or the arguments objects for calls to them",
    ))
}

/// Function.prototype.call — ECMA-262 §20.2.3.3
fn function_call(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    if !is_callable(this) {
        return Err(interp.type_error("Function.prototype.call called on a non-function"));
    }
    let this_arg = args.first().cloned().unwrap_or_default();
    interp.call(this, &this_arg, args.get(1..).unwrap_or(&[]))
}

/// Function.prototype.apply — ECMA-262 §20.2.3.1
fn function_apply(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    if !is_callable(this) {
        return Err(interp.type_error("Function.prototype.apply was called on a non-function"));
    }
    let this_arg = args.first().cloned().unwrap_or_default();
    let list = match args.get(1) {
        None | Some(Value::Undefined) | Some(Value::Null) => Vec::new(),
        Some(a) => create_list_from_array_like(interp, a)?,
    };
    interp.call(this, &this_arg, &list)
}

/// Function.prototype.bind — ECMA-262 §20.2.3.2
fn function_bind(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let Value::Object(target) = this else {
        return Err(interp.type_error("Bind must be called on a function"));
    };
    if !target.is_callable() {
        return Err(interp.type_error("Bind must be called on a function"));
    }
    let bound_args: Vec<Value> = args.get(1..).map(|s| s.to_vec()).unwrap_or_default();
    let f = bound_function_create(
        interp,
        target.clone(),
        args.first().cloned().unwrap_or_default(),
        bound_args.clone(),
    );
    let mut len = 0.0;
    if target.has_own_property(&PropertyKey::from("length")) {
        let l = crate::operations::get_str(interp, target, "length")?;
        if let Value::Number(n) = l {
            if n == f64::INFINITY {
                len = f64::INFINITY;
            } else if n.is_finite() {
                let n = to_integer_or_infinity(interp, &Value::Number(n))?;
                len = (n - bound_args.len() as f64).max(0.0);
            }
        }
    }
    f.define_value(
        "length",
        Value::Number(len),
        Attributes::new(false, false, true),
    );
    let name = crate::operations::get_str(interp, target, "name")?;
    let name = match name {
        Value::String(s) => s.to_rust_string(),
        _ => String::new(),
    };
    f.define_value(
        "name",
        Value::from(format!("bound {name}")),
        Attributes::new(false, false, true),
    );
    Ok(Value::Object(f))
}

/// Function.prototype.toString — ECMA-262 §20.2.3.5
fn function_to_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let Value::Object(o) = this else {
        return Err(
            interp.type_error("Function.prototype.toString requires that 'this' be a Function")
        );
    };
    match o.kind() {
        ObjectKind::Function(_) | ObjectKind::NativeFunction(_) | ObjectKind::BoundFunction(_) => {
            Ok(Value::from(source_text(o)))
        }
        _ => {
            Err(interp.type_error("Function.prototype.toString requires that 'this' be a Function"))
        }
    }
}

/// A function's text as Function.prototype.toString gives it: an
/// ECMAScript function's (or class's) source, `function name() { [native
/// code] }` for the others.
pub(crate) fn source_text(o: &JsObject) -> String {
    match o.kind() {
        ObjectKind::Function(sf) => {
            let span = sf.class_span.unwrap_or(sf.code.span);
            sf.source
                .text
                .get(span.start as usize..span.end as usize)
                .unwrap_or("")
                .to_string()
        }
        _ => format!("function {}() {{ [native code] }}", function_name(o)),
    }
}

/// Function.prototype[@@hasInstance] — ECMA-262 §20.2.3.6
fn function_has_instance(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let v = args.first().cloned().unwrap_or_default();
    Ok(Value::Bool(ordinary_has_instance(interp, this, &v)?))
}

fn function_prototype_call(
    _interp: &mut Interp,
    _this: &Value,
    _args: &[Value],
) -> JsResult<Value> {
    Ok(Value::Undefined)
}

/// CreateDynamicFunction — ECMA-262 §20.2.1.1.1
pub fn create_dynamic_function(
    interp: &mut Interp,
    args: &[Value],
    prefix: &str,
) -> JsResult<Value> {
    let mut params = Vec::new();
    let (param_args, body) = match args.split_last() {
        Some((b, p)) => (p, to_string(interp, b)?.to_rust_string()),
        None => (&[][..], String::new()),
    };
    for p in param_args {
        params.push(to_string(interp, p)?.to_rust_string());
    }
    let source = format!(
        "({prefix} anonymous({}\n) {{\n{body}\n}})",
        params.join(",")
    );
    let program = match parser::parse_script(&source) {
        Ok(p) => p,
        Err(e) => return Err(interp.parse_error(&e)),
    };
    let src = crate::execution_context::Source::new("<anonymous>", source.as_str());
    let global_env = interp.realm.global_env.clone();
    let global = interp.realm.global_object.clone();
    interp
        .context_stack
        .push(crate::execution_context::ExecutionContext {
            function: None,
            lexical_environment: global_env.clone(),
            variable_environment: global_env,
            private_environment: None,
            this_binding: Value::Object(global),
            this_fixed: false,
            code: crate::execution_context::ContextCode::Eval,
            strict: false,
            own_source: Some(src),
            position: 0,
            frame_name: None,
            is_construct: false,
        });
    let r = match program.body.first().map(|s| &s.kind) {
        Some(parser::ast::StmtKind::Expr(e)) => interp.eval_expr(e),
        _ => Err(interp.syntax_error("Invalid function body")),
    };
    interp.context_stack.pop();
    r
}

fn function_constructor(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    create_dynamic_function(interp, args, "function")
}

fn generator_function_constructor(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    create_dynamic_function(interp, args, "function*")
}

fn async_function_constructor(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    create_dynamic_function(interp, args, "async function")
}

fn async_generator_function_constructor(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    create_dynamic_function(interp, args, "async function*")
}

pub(crate) fn init(interp: &mut Interp) {
    let fp = interp.realm.intrinsics.function_prototype.clone();
    fp.define_value(
        "length",
        Value::from(0),
        Attributes::new(false, false, true),
    );
    fp.define_value(
        "name",
        Value::String(JsString::empty()),
        Attributes::new(false, false, true),
    );
    let _: NativeFn = function_prototype_call;
    define_methods(
        interp,
        &fp,
        &[
            ("apply", function_apply, 2),
            ("bind", function_bind, 1),
            ("call", function_call, 1),
            ("toString", function_to_string, 0),
        ],
    );
    let has_instance = interp.realm.intrinsics.symbol_has_instance.clone();
    let f = crate::function::create_native_function(
        interp,
        function_has_instance,
        "[Symbol.hasInstance]",
        1,
    );
    fp.define_value(
        PropertyKey::Symbol(has_instance),
        Value::Object(f),
        Attributes::none(),
    );
    let thrower = interp.realm.intrinsics.throw_type_error.clone();
    thrower.define_value("length", Value::from(0), Attributes::none());
    thrower.define_value("name", Value::from(""), Attributes::none());
    thrower.prevent_extensions();
    fp.define_accessor(
        "caller",
        Some(thrower.clone()),
        Some(thrower.clone()),
        Attributes::new(false, false, true),
    );
    fp.define_accessor(
        "arguments",
        Some(thrower.clone()),
        Some(thrower),
        Attributes::new(false, false, true),
    );
    super::make_constructor(
        interp,
        "Function",
        1,
        function_constructor,
        function_constructor,
        &fp,
    );

    // %GeneratorFunction%, %AsyncFunction%, %AsyncGeneratorFunction% and
    // their prototypes.
    let tag = interp.realm.intrinsics.symbol_to_string_tag.clone();
    let intr = &interp.realm.intrinsics;
    let pairs = [
        (
            intr.generator_function_prototype.clone(),
            Some(intr.generator_prototype.clone()),
            "GeneratorFunction",
            generator_function_constructor as NativeFn,
        ),
        (
            intr.async_function_prototype.clone(),
            None,
            "AsyncFunction",
            async_function_constructor as NativeFn,
        ),
        (
            intr.async_generator_function_prototype.clone(),
            Some(intr.async_generator_prototype.clone()),
            "AsyncGeneratorFunction",
            async_generator_function_constructor as NativeFn,
        ),
    ];
    for (proto, instance_proto, name, ctor) in pairs {
        let c = crate::function::create_native_constructor(interp, ctor, ctor, name, 1);
        let function_ctor = interp.realm.intrinsics.constructor("Function");
        c.set_prototype_of(function_ctor);
        c.define_value(
            "prototype",
            Value::Object(proto.clone()),
            Attributes::none(),
        );
        proto.define_value(
            "constructor",
            Value::Object(c.clone()),
            Attributes::new(false, false, true),
        );
        proto.define_value(
            PropertyKey::Symbol(tag.clone()),
            Value::from(name),
            Attributes::new(false, false, true),
        );
        if let Some(ip) = instance_proto {
            proto.define_value(
                "prototype",
                Value::Object(ip.clone()),
                Attributes::new(false, false, true),
            );
            ip.define_value(
                "constructor",
                Value::Object(proto.clone()),
                Attributes::new(false, false, true),
            );
        }
        interp.realm.intrinsics.register(name, c);
    }
}
