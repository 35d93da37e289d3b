//! The Proxy constructor — ECMA-262 §28.2. What a proxy does when it is
//! used (its internal methods, the trap calls and their invariants) is in
//! the interpreter: `interp::proxy`.

use interp::function::{create_native_closure, create_native_constructor, define_methods};
use interp::operations::new_object;
use interp::proxy::{proxy_data, ProxyData};
use interp::realm::define_global;
use interp::storage::Attributes;
use interp::{Interp, JsObject, JsResult, ObjectKind, Value};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

/// ProxyCreate ( target, handler ) — ECMA-262 §10.5.14
fn proxy_create(interp: &mut Interp, target: &Value, handler: &Value) -> JsResult<JsObject> {
    let (Value::Object(t), Value::Object(h)) = (target, handler) else {
        return Err(interp.type_error("Cannot create proxy with a non-object as target or handler"));
    };
    let data = ProxyData::new(t.clone(), h.clone());
    Ok(interp.alloc_object(None, ObjectKind::Proxy(Box::new(data))))
}

/// Proxy ( target, handler ) called without `new` — ECMA-262 §28.2.1.1 step 1.
fn proxy_call(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("Constructor Proxy requires 'new'"))
}

/// Proxy ( target, handler ) — ECMA-262 §28.2.1.1
fn proxy_construct(interp: &mut Interp, _new_target: &Value, args: &[Value]) -> JsResult<Value> {
    proxy_create(interp, &arg(args, 0), &arg(args, 1)).map(Value::Object)
}

/// Proxy.revocable ( target, handler ) — ECMA-262 §28.2.2.1
fn proxy_revocable(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let proxy = proxy_create(interp, &arg(args, 0), &arg(args, 1))?;
    let revoke = create_native_closure(
        interp,
        proxy_revoke,
        "",
        0,
        vec![Value::Object(proxy.clone())],
    );
    let result = new_object(interp);
    result.define_value("proxy", Value::Object(proxy), Attributes::all());
    result.define_value("revoke", Value::Object(revoke), Attributes::all());
    Ok(Value::Object(result))
}

/// A Proxy revocation function — ECMA-262 §28.2.2.1.1 (a second call
/// changes nothing).
fn proxy_revoke(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    if let Some(Value::Object(p)) = interp::function::native_slots(interp).first() {
        if let Some(data) = proxy_data(p) {
            data.revoke();
        }
    }
    Ok(Value::Undefined)
}

pub fn install(interp: &mut Interp) {
    let ctor = create_native_constructor(interp, proxy_call, proxy_construct, "Proxy", 2);
    define_methods(interp, &ctor, &[("revocable", proxy_revocable, 2)]);
    interp.realm.intrinsics.register("Proxy", ctor.clone());
    define_global(interp, "Proxy", Value::Object(ctor));
}
