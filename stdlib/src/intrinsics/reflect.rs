//! The Reflect object — ECMA-262 §28.1. Each function forwards to the
//! target's internal method (a proxy's trap, for a proxy).

use interp::builtins::object::{
    from_property_descriptor, set_prototype_of, to_property_descriptor,
};
use interp::function::define_methods;
use interp::operations::{
    create_array_from_list, create_list_from_array_like, is_callable, is_constructor, new_object,
    to_property_key,
};
use interp::realm::define_global;
use interp::{Interp, JsObject, JsResult, PropertyKey, Value};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

/// The target argument, which must be an object.
fn target(interp: &mut Interp, args: &[Value], method: &str) -> JsResult<JsObject> {
    match args.first() {
        Some(Value::Object(o)) => Ok(o.clone()),
        _ => Err(interp.type_error(format!("Reflect.{method} called on non-object"))),
    }
}

/// Reflect.apply ( target, thisArgument, argumentsList ) — ECMA-262 §28.1.1
fn reflect_apply(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let f = arg(args, 0);
    if !is_callable(&f) {
        let shown = interp::inspect::short_description(interp, &f);
        return Err(interp.type_error(format!(
            "Function.prototype.apply was called on {shown}, which is {} and not a function",
            f.type_of()
        )));
    }
    let list = arg(args, 2);
    if !list.is_object() {
        return Err(interp.type_error("CreateListFromArrayLike called on non-object"));
    }
    let list = create_list_from_array_like(interp, &list)?;
    interp.call(&f, &arg(args, 1), &list)
}

/// Reflect.construct ( target, argumentsList [ , newTarget ] ) — ECMA-262 §28.1.2
fn reflect_construct(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let t = arg(args, 0);
    if !is_constructor(&t) {
        let shown = interp::inspect::short_description(interp, &t);
        return Err(interp.type_error(format!("{shown} is not a constructor")));
    }
    let new_target = if args.len() > 2 {
        arg(args, 2)
    } else {
        t.clone()
    };
    if !is_constructor(&new_target) {
        let shown = interp::inspect::short_description(interp, &new_target);
        return Err(interp.type_error(format!("{shown} is not a constructor")));
    }
    let list = arg(args, 1);
    if !list.is_object() {
        return Err(interp.type_error("CreateListFromArrayLike called on non-object"));
    }
    let list = create_list_from_array_like(interp, &list)?;
    interp.construct(&t, &list, Some(&new_target))
}

/// Reflect.defineProperty ( target, propertyKey, attributes ) — ECMA-262 §28.1.3
fn reflect_define_property(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = target(interp, args, "defineProperty")?;
    let key = to_property_key(interp, &arg(args, 1))?;
    let desc = to_property_descriptor(interp, &arg(args, 2))?;
    Ok(Value::Bool(o.define_own_property(interp, key, desc)?))
}

/// Reflect.deleteProperty ( target, propertyKey ) — ECMA-262 §28.1.4
fn reflect_delete_property(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = target(interp, args, "deleteProperty")?;
    let key = to_property_key(interp, &arg(args, 1))?;
    Ok(Value::Bool(o.try_delete(interp, &key)?))
}

/// Reflect.get ( target, propertyKey [ , receiver ] ) — ECMA-262 §28.1.5
fn reflect_get(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = target(interp, args, "get")?;
    let key = to_property_key(interp, &arg(args, 1))?;
    let receiver = if args.len() > 2 {
        arg(args, 2)
    } else {
        Value::Object(o.clone())
    };
    o.get(interp, &key, &receiver)
}

/// Reflect.getOwnPropertyDescriptor ( target, propertyKey ) — ECMA-262 §28.1.6
fn reflect_get_own_property_descriptor(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    let o = target(interp, args, "getOwnPropertyDescriptor")?;
    let key = to_property_key(interp, &arg(args, 1))?;
    match o.try_get_own_property(interp, &key)? {
        Some(d) => Ok(from_property_descriptor(interp, &d)),
        None => Ok(Value::Undefined),
    }
}

/// Reflect.getPrototypeOf ( target ) — ECMA-262 §28.1.7
fn reflect_get_prototype_of(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = target(interp, args, "getPrototypeOf")?;
    Ok(o.try_get_prototype_of(interp)?
        .map(Value::Object)
        .unwrap_or(Value::Null))
}

/// Reflect.has ( target, propertyKey ) — ECMA-262 §28.1.8
fn reflect_has(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = target(interp, args, "has")?;
    let key = to_property_key(interp, &arg(args, 1))?;
    Ok(Value::Bool(o.has_property(interp, &key)?))
}

/// Reflect.isExtensible ( target ) — ECMA-262 §28.1.9
fn reflect_is_extensible(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = target(interp, args, "isExtensible")?;
    Ok(Value::Bool(o.try_is_extensible(interp)?))
}

/// Reflect.ownKeys ( target ) — ECMA-262 §28.1.10
fn reflect_own_keys(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = target(interp, args, "ownKeys")?;
    let keys: Vec<Value> = o
        .try_own_property_keys(interp)?
        .iter()
        .filter(|k| !matches!(k, PropertyKey::Private(_)))
        .map(PropertyKey::to_value)
        .collect();
    Ok(Value::Object(create_array_from_list(interp, keys)))
}

/// Reflect.preventExtensions ( target ) — ECMA-262 §28.1.11
fn reflect_prevent_extensions(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    let o = target(interp, args, "preventExtensions")?;
    Ok(Value::Bool(o.try_prevent_extensions(interp)?))
}

/// Reflect.set ( target, propertyKey, V [ , receiver ] ) — ECMA-262 §28.1.12
fn reflect_set(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = target(interp, args, "set")?;
    let key = to_property_key(interp, &arg(args, 1))?;
    let receiver = if args.len() > 3 {
        arg(args, 3)
    } else {
        Value::Object(o.clone())
    };
    Ok(Value::Bool(o.set(interp, key, arg(args, 2), &receiver)?))
}

/// Reflect.setPrototypeOf ( target, proto ) — ECMA-262 §28.1.13
fn reflect_set_prototype_of(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = target(interp, args, "setPrototypeOf")?;
    let proto = match arg(args, 1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        v => {
            let shown = interp::inspect::short_description(interp, &v);
            return Err(interp.type_error(format!(
                "Object prototype may only be an Object or null: {shown}"
            )));
        }
    };
    Ok(Value::Bool(set_prototype_of(interp, &o, proto)?))
}

/// Creates the global `Reflect` object.
pub fn install(interp: &mut Interp) {
    let reflect = new_object(interp);
    define_methods(
        interp,
        &reflect,
        &[
            ("apply", reflect_apply, 3),
            ("construct", reflect_construct, 2),
            ("defineProperty", reflect_define_property, 3),
            ("deleteProperty", reflect_delete_property, 2),
            ("get", reflect_get, 2),
            (
                "getOwnPropertyDescriptor",
                reflect_get_own_property_descriptor,
                2,
            ),
            ("getPrototypeOf", reflect_get_prototype_of, 1),
            ("has", reflect_has, 2),
            ("isExtensible", reflect_is_extensible, 1),
            ("ownKeys", reflect_own_keys, 1),
            ("preventExtensions", reflect_prevent_extensions, 1),
            ("set", reflect_set, 3),
            ("setPrototypeOf", reflect_set_prototype_of, 2),
        ],
    );
    interp::function::define_to_string_tag(interp, &reflect, "Reflect");
    interp.realm.intrinsics.register("Reflect", reflect.clone());
    define_global(interp, "Reflect", Value::Object(reflect));
}
