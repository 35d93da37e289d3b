//! WeakRef and FinalizationRegistry — ECMA-262 §26.1, §26.2.
//!
//! The `gc` crate has no weak references, so a WeakRef holds its target
//! strongly and `deref()` always returns it, and a FinalizationRegistry's
//! cleanup callback never runs: both are what the specification allows an
//! implementation whose collector never frees a registered object (§9.10,
//! "implementations may choose not to ... collect"). A registry keeps its
//! unregister tokens (strongly, as WeakMap keys are kept), so that
//! `unregister` answers as Node's does.

use std::any::Any;

use gc::{Finalize, Trace};
use interp::builtins::make_constructor;
use interp::builtins::map_set::can_be_held_weakly;
use interp::function::{define_methods, define_to_string_tag};
use interp::object::HostObject;
use interp::operations::{is_callable, ordinary_create_from_constructor};
use interp::storage::ValueMap;
use interp::{Interp, JsResult, ObjectKind, Value};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

/// A WeakRef's [[WeakRefTarget]].
#[derive(Trace, Finalize)]
struct WeakRefData {
    target: Value,
}

impl HostObject for WeakRefData {
    fn class_name(&self) -> &str {
        "WeakRef"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A FinalizationRegistry's [[CleanupCallback]] and the unregister tokens
/// of its [[Cells]], each with how many cells it names.
#[derive(Trace, Finalize)]
struct RegistryData {
    cleanup: Value,
    tokens: ValueMap,
}

impl HostObject for RegistryData {
    fn class_name(&self) -> &str {
        "FinalizationRegistry"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The receiver's host data of type `T`, or node's TypeError for another
/// receiver (`Method WeakRef.prototype.deref called on incompatible
/// receiver #<Object>`).
fn this_data<'a, T: 'static>(
    interp: &mut Interp,
    this: &'a Value,
    method: &str,
) -> JsResult<&'a T> {
    if let Some(d) = this.as_object().and_then(|o| o.host::<T>()) {
        return Ok(d);
    }
    let shown = interp::inspect::short_description(interp, this);
    Err(interp.type_error(format!(
        "Method {method} called on incompatible receiver {shown}"
    )))
}

fn weak_ref_call(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("Constructor WeakRef requires 'new'"))
}

/// WeakRef ( target ) — ECMA-262 §26.1.1.1
fn weak_ref_construct(interp: &mut Interp, new_target: &Value, args: &[Value]) -> JsResult<Value> {
    let target = arg(args, 0);
    if !can_be_held_weakly(&target) {
        return Err(interp.type_error("WeakRef: invalid target"));
    }
    alloc_host(interp, new_target, "WeakRef", WeakRefData { target })
}

/// WeakRef.prototype.deref ( ) — ECMA-262 §26.1.3.2
fn weak_ref_deref(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let d: &WeakRefData = this_data(interp, this, "WeakRef.prototype.deref")?;
    Ok(d.target.clone())
}

fn registry_call(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("Constructor FinalizationRegistry requires 'new'"))
}

/// FinalizationRegistry ( cleanupCallback ) — ECMA-262 §26.2.1.1
fn registry_construct(interp: &mut Interp, new_target: &Value, args: &[Value]) -> JsResult<Value> {
    let cleanup = arg(args, 0);
    if !is_callable(&cleanup) {
        return Err(interp.type_error("FinalizationRegistry: cleanup must be callable"));
    }
    let data = RegistryData {
        cleanup,
        tokens: ValueMap::new(),
    };
    alloc_host(interp, new_target, "FinalizationRegistry", data)
}

/// FinalizationRegistry.prototype.register ( target, heldValue [ , unregisterToken ] )
/// — ECMA-262 §26.2.3.2
fn registry_register(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let d: &RegistryData = this_data(interp, this, "FinalizationRegistry.prototype.register")?;
    let (target, held, token) = (arg(args, 0), arg(args, 1), arg(args, 2));
    if !can_be_held_weakly(&target) {
        return Err(interp.type_error("FinalizationRegistry.prototype.register: invalid target"));
    }
    if interp::operations::same_value(&target, &held) {
        return Err(interp.type_error(
            "FinalizationRegistry.prototype.register: target and holdings must not be same",
        ));
    }
    if !can_be_held_weakly(&token) {
        if !token.is_undefined() {
            let shown = interp::inspect::plain_description(interp, &token);
            return Err(interp.type_error(format!("Invalid unregisterToken ('{shown}')")));
        }
        return Ok(Value::Undefined);
    }
    let count = match d.tokens.get(&token) {
        Some(Value::Number(n)) => n,
        _ => 0.0,
    };
    d.tokens.set(token, Value::Number(count + 1.0));
    Ok(Value::Undefined)
}

/// FinalizationRegistry.prototype.unregister ( unregisterToken ) — ECMA-262 §26.2.3.3
fn registry_unregister(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let d: &RegistryData = this_data(interp, this, "FinalizationRegistry.prototype.unregister")?;
    let token = arg(args, 0);
    if !can_be_held_weakly(&token) {
        let shown = interp::inspect::plain_description(interp, &token);
        return Err(interp.type_error(format!("Invalid unregisterToken ('{shown}')")));
    }
    Ok(Value::Bool(d.tokens.delete(&token)))
}

/// OrdinaryCreateFromConstructor ( newTarget, "%name.prototype%" ) of
/// an object holding `data`.
fn alloc_host(
    interp: &mut Interp,
    new_target: &Value,
    name: &str,
    data: impl HostObject,
) -> JsResult<Value> {
    let Some(default) = interp.realm.intrinsics.prototype_of(name) else {
        return Err(interp.type_error(format!("{name} is not available")));
    };
    let kind = ObjectKind::Host(Box::new(data));
    let o = ordinary_create_from_constructor(interp, new_target, default, kind)?;
    Ok(Value::Object(o))
}

/// A constructor with its own prototype object holding `methods`.
fn install_constructor(
    interp: &mut Interp,
    name: &'static str,
    call: interp::NativeFn,
    construct: interp::NativeFn,
    length: u32,
    methods: &[(&str, interp::NativeFn, u32)],
) {
    let proto = interp::operations::new_object(interp);
    make_constructor(interp, name, length, call, construct, &proto);
    define_methods(interp, &proto, methods);
    define_to_string_tag(interp, &proto, name);
}

pub fn install(interp: &mut Interp) {
    install_constructor(
        interp,
        "WeakRef",
        weak_ref_call,
        weak_ref_construct,
        1,
        &[("deref", weak_ref_deref, 0)],
    );
    install_constructor(
        interp,
        "FinalizationRegistry",
        registry_call,
        registry_construct,
        1,
        &[
            ("register", registry_register, 2),
            ("unregister", registry_unregister, 1),
        ],
    );
}
