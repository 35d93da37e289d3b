//! Proxy exotic objects — ECMA-262 §10.5.
//!
//! A proxy forwards each internal method to its handler's trap, or to its
//! target when the handler has none, and checks the invariants that keep
//! what a trap reports consistent with a non-configurable property or a
//! non-extensible target. The rest of the engine reaches these through
//! `JsObject`'s fallible internal methods (`try_get_own_property`,
//! `has_property`, ..., and `get`, `set`, `define_own_property`) and
//! through `Interp::call` / `Interp::construct`. The infallible methods
//! (`get_own_property`, `prototype`, ...), which cannot run a trap, see
//! through a proxy to its target, as `util.inspect` does.
//!
//! Errors are worded as V8 words them (`'get' on proxy: ...`).

use std::cell::Cell;

use gc::{Finalize, Trace};

use crate::builtins::object::{from_property_descriptor, to_property_descriptor};
use crate::interp::Interp;
use crate::object::{JsObject, ObjectKind, PropertyDescriptor};
use crate::operations::{create_array_from_list, is_callable, same_value, to_boolean};
use crate::value::{PropertyKey, Value};
use crate::JsResult;

/// A proxy's internal slots: [[ProxyTarget]] and [[ProxyHandler]].
#[derive(Trace, Finalize)]
pub struct ProxyData {
    target: JsObject,
    handler: JsObject,
    /// Set by `Proxy.revocable`'s revoke function: both slots are then
    /// null to the program (the objects stay referenced until the proxy
    /// dies).
    #[unsafe_ignore_trace]
    revoked: Cell<bool>,
    /// Whether the target was callable and a constructor when the proxy
    /// was made (ProxyCreate step 7): the proxy has [[Call]] and
    /// [[Construct]] then.
    #[unsafe_ignore_trace]
    callable: bool,
    #[unsafe_ignore_trace]
    constructor: bool,
}

impl ProxyData {
    /// ProxyCreate's slots ( target, handler ) — ECMA-262 §10.5.14 steps 3-7.
    pub fn new(target: JsObject, handler: JsObject) -> ProxyData {
        ProxyData {
            callable: target.is_callable(),
            constructor: target.is_constructor(),
            target,
            handler,
            revoked: Cell::new(false),
        }
    }

    /// The target, or `None` once revoked.
    pub fn target(&self) -> Option<&JsObject> {
        (!self.revoked.get()).then_some(&self.target)
    }

    /// The handler, or `None` once revoked.
    pub fn handler(&self) -> Option<&JsObject> {
        (!self.revoked.get()).then_some(&self.handler)
    }

    pub fn revoke(&self) {
        self.revoked.set(true);
    }

    pub fn is_callable(&self) -> bool {
        self.callable
    }

    pub fn is_constructor(&self) -> bool {
        self.constructor
    }
}

/// The proxy slots of `o`, if it is a proxy.
pub fn proxy_data(o: &JsObject) -> Option<&ProxyData> {
    match o.kind() {
        ObjectKind::Proxy(p) => Some(p),
        _ => None,
    }
}

/// The TypeError thrown where a proxy's trap `name` returned false and
/// the caller must throw, worded as V8 words it: `'set' on proxy: trap
/// returned falsish for property 'x'`. `property` is the key as shown
/// (V8 names `'undefined'` for `setPrototypeOf`); `None` leaves the
/// property out (`preventExtensions`).
pub(crate) fn trap_returned_falsish(
    interp: &mut Interp,
    name: &str,
    property: Option<&str>,
) -> crate::JsError {
    match property {
        Some(shown) => interp.type_error(format!(
            "'{name}' on proxy: trap returned falsish for property '{shown}'"
        )),
        None => interp.type_error(format!("'{name}' on proxy: trap returned falsish")),
    }
}

/// Steps 1-6 of every proxy internal method: the target and the handler's
/// trap `name` (`None` when the handler has none), or the TypeError for a
/// revoked proxy.
fn trap(interp: &mut Interp, p: &ProxyData, name: &str) -> JsResult<(JsObject, Option<Value>)> {
    let (Some(target), Some(handler)) = (p.target(), p.handler()) else {
        return Err(interp.type_error(format!(
            "Cannot perform '{name}' on a proxy that has been revoked"
        )));
    };
    let (target, handler) = (target.clone(), handler.clone());
    let f = handler.get(
        interp,
        &PropertyKey::from(name),
        &Value::Object(handler.clone()),
    )?;
    if f.is_nullish() {
        return Ok((target, None));
    }
    if !is_callable(&f) {
        let shown = crate::inspect::plain_description(interp, &f);
        let owner = crate::inspect::short_description(interp, &Value::Object(handler));
        return Err(interp.type_error(format!(
            "'{shown}' returned for property '{name}' of object '{owner}' is not a function"
        )));
    }
    Ok((target, Some(f)))
}

/// Calls trap `f` with the handler as `this`.
fn call_trap(interp: &mut Interp, p: &ProxyData, f: &Value, args: &[Value]) -> JsResult<Value> {
    interp.call(f, &Value::Object(p.handler.clone()), args)
}

/// IsCompatiblePropertyDescriptor ( Extensible, Desc, Current ) —
/// ECMA-262 §10.1.6.2: whether ValidateAndApplyPropertyDescriptor would
/// accept `desc` over `current` (nothing is applied).
fn is_compatible_property_descriptor(
    extensible: bool,
    desc: &PropertyDescriptor,
    current: Option<&PropertyDescriptor>,
) -> bool {
    let Some(current) = current else {
        return extensible;
    };
    if current.configurable == Some(false) {
        if desc.configurable == Some(true) {
            return false;
        }
        if desc.enumerable.is_some() && desc.enumerable != current.enumerable {
            return false;
        }
        if !desc.is_generic() && desc.is_accessor() != current.is_accessor() {
            return false;
        }
        if current.is_accessor() {
            let same = |a: &Option<Value>, b: &Option<Value>| {
                a.as_ref()
                    .is_none_or(|a| same_value(a, b.as_ref().unwrap_or(&Value::Undefined)))
            };
            if !same(&desc.get, &current.get) || !same(&desc.set, &current.set) {
                return false;
            }
        } else if current.writable == Some(false) {
            if desc.writable == Some(true) {
                return false;
            }
            if let Some(v) = &desc.value {
                if !same_value(v, current.value.as_ref().unwrap_or(&Value::Undefined)) {
                    return false;
                }
            }
        }
    }
    true
}

/// CompletePropertyDescriptor ( Desc ) — ECMA-262 §6.2.6.6
fn complete_property_descriptor(desc: &mut PropertyDescriptor) {
    if desc.is_generic() || desc.is_data() {
        desc.value.get_or_insert(Value::Undefined);
        desc.writable.get_or_insert(false);
    } else {
        desc.get.get_or_insert(Value::Undefined);
        desc.set.get_or_insert(Value::Undefined);
    }
    desc.enumerable.get_or_insert(false);
    desc.configurable.get_or_insert(false);
}

/// [[GetPrototypeOf]] ( ) — ECMA-262 §10.5.1
pub fn get_prototype_of(interp: &mut Interp, p: &ProxyData) -> JsResult<Option<JsObject>> {
    let (target, trap) = trap(interp, p, "getPrototypeOf")?;
    let Some(f) = trap else {
        return target.try_get_prototype_of(interp);
    };
    let proto = match call_trap(interp, p, &f, &[Value::Object(target.clone())])? {
        Value::Object(o) => Some(o),
        Value::Null => None,
        _ => {
            return Err(interp
                .type_error("'getPrototypeOf' on proxy: trap returned neither object nor null"))
        }
    };
    if target.try_is_extensible(interp)? {
        return Ok(proto);
    }
    if target.try_get_prototype_of(interp)? != proto {
        return Err(interp.type_error(
            "'getPrototypeOf' on proxy: proxy target is non-extensible but the trap did not \
             return its actual prototype",
        ));
    }
    Ok(proto)
}

/// [[SetPrototypeOf]] ( V ) — ECMA-262 §10.5.2
pub fn set_prototype_of(
    interp: &mut Interp,
    p: &ProxyData,
    proto: Option<JsObject>,
) -> JsResult<bool> {
    let (target, trap) = trap(interp, p, "setPrototypeOf")?;
    let Some(f) = trap else {
        return target.try_set_prototype_of(interp, proto);
    };
    let v = proto.clone().map(Value::Object).unwrap_or(Value::Null);
    if !to_boolean(&call_trap(
        interp,
        p,
        &f,
        &[Value::Object(target.clone()), v],
    )?) {
        return Ok(false);
    }
    if target.try_is_extensible(interp)? {
        return Ok(true);
    }
    if target.try_get_prototype_of(interp)? != proto {
        return Err(interp.type_error(
            "'setPrototypeOf' on proxy: trap returned truish for setting a new prototype on the \
             non-extensible proxy target",
        ));
    }
    Ok(true)
}

/// [[IsExtensible]] ( ) — ECMA-262 §10.5.3
pub fn is_extensible(interp: &mut Interp, p: &ProxyData) -> JsResult<bool> {
    let (target, trap) = trap(interp, p, "isExtensible")?;
    let Some(f) = trap else {
        return target.try_is_extensible(interp);
    };
    let r = to_boolean(&call_trap(interp, p, &f, &[Value::Object(target.clone())])?);
    let t = target.try_is_extensible(interp)?;
    if r != t {
        return Err(interp.type_error(format!(
            "'isExtensible' on proxy: trap result does not reflect extensibility of proxy target \
             (which is '{t}')"
        )));
    }
    Ok(r)
}

/// [[PreventExtensions]] ( ) — ECMA-262 §10.5.4
pub fn prevent_extensions(interp: &mut Interp, p: &ProxyData) -> JsResult<bool> {
    let (target, trap) = trap(interp, p, "preventExtensions")?;
    let Some(f) = trap else {
        return target.try_prevent_extensions(interp);
    };
    let r = to_boolean(&call_trap(interp, p, &f, &[Value::Object(target.clone())])?);
    if r && target.try_is_extensible(interp)? {
        return Err(interp.type_error(
            "'preventExtensions' on proxy: trap returned truish but the proxy target is extensible",
        ));
    }
    Ok(r)
}

/// [[GetOwnProperty]] ( P ) — ECMA-262 §10.5.5
pub fn get_own_property(
    interp: &mut Interp,
    p: &ProxyData,
    key: &PropertyKey,
) -> JsResult<Option<PropertyDescriptor>> {
    let (target, trap) = trap(interp, p, "getOwnPropertyDescriptor")?;
    let Some(f) = trap else {
        return target.try_get_own_property(interp, key);
    };
    let name = key.to_display();
    let r = call_trap(
        interp,
        p,
        &f,
        &[Value::Object(target.clone()), key.to_value()],
    )?;
    if !r.is_object() && !matches!(r, Value::Undefined) {
        return Err(interp.type_error(format!(
            "'getOwnPropertyDescriptor' on proxy: trap returned neither object nor undefined for \
             property '{name}'"
        )));
    }
    let target_desc = target.try_get_own_property(interp, key)?;
    if matches!(r, Value::Undefined) {
        let Some(td) = target_desc else {
            return Ok(None);
        };
        if td.configurable == Some(false) {
            return Err(interp.type_error(format!(
                "'getOwnPropertyDescriptor' on proxy: trap returned undefined for property \
                 '{name}' which is non-configurable in the proxy target"
            )));
        }
        if !target.try_is_extensible(interp)? {
            return Err(interp.type_error(format!(
                "'getOwnPropertyDescriptor' on proxy: trap returned undefined for property \
                 '{name}' which exists in the non-extensible proxy target"
            )));
        }
        return Ok(None);
    }
    let extensible = target.try_is_extensible(interp)?;
    let mut desc = to_property_descriptor(interp, &r)?;
    complete_property_descriptor(&mut desc);
    if !is_compatible_property_descriptor(extensible, &desc, target_desc.as_ref()) {
        return Err(interp.type_error(format!(
            "'getOwnPropertyDescriptor' on proxy: trap returned descriptor for property '{name}' \
             that is incompatible with the existing property in the proxy target"
        )));
    }
    if desc.configurable == Some(false) {
        match &target_desc {
            Some(td) if td.configurable == Some(false) => {
                if desc.writable == Some(false) && td.writable == Some(true) {
                    return Err(interp.type_error(format!(
                        "'getOwnPropertyDescriptor' on proxy: trap reported non-configurable and \
                         writable for property '{name}' which is non-configurable, non-writable \
                         in the proxy target"
                    )));
                }
            }
            _ => {
                return Err(interp.type_error(format!(
                    "'getOwnPropertyDescriptor' on proxy: trap reported non-configurability for \
                     property '{name}' which is either non-existent or configurable in the proxy \
                     target"
                )))
            }
        }
    }
    Ok(Some(desc))
}

/// [[DefineOwnProperty]] ( P, Desc ) — ECMA-262 §10.5.6
pub fn define_own_property(
    interp: &mut Interp,
    p: &ProxyData,
    key: PropertyKey,
    desc: PropertyDescriptor,
) -> JsResult<bool> {
    let (target, trap) = trap(interp, p, "defineProperty")?;
    let Some(f) = trap else {
        return target.define_own_property(interp, key, desc);
    };
    let desc_obj = from_property_descriptor(interp, &desc);
    let args = [Value::Object(target.clone()), key.to_value(), desc_obj];
    if !to_boolean(&call_trap(interp, p, &f, &args)?) {
        return Ok(false);
    }
    let name = key.to_display();
    let target_desc = target.try_get_own_property(interp, &key)?;
    let extensible = target.try_is_extensible(interp)?;
    let non_configurable = || {
        format!(
            "'defineProperty' on proxy: trap returned truish for defining non-configurable \
             property '{name}' which is either non-existent or configurable in the proxy target"
        )
    };
    match target_desc {
        None => {
            if !extensible {
                return Err(interp.type_error(format!(
                    "'defineProperty' on proxy: trap returned truish for adding property '{name}' \
                     to the non-extensible proxy target"
                )));
            }
            if desc.configurable == Some(false) {
                return Err(interp.type_error(non_configurable()));
            }
        }
        Some(td) => {
            if !is_compatible_property_descriptor(extensible, &desc, Some(&td)) {
                return Err(interp.type_error(format!(
                    "'defineProperty' on proxy: trap returned truish for adding property '{name}' \
                     that is incompatible with the existing property in the proxy target"
                )));
            }
            if desc.configurable == Some(false) && td.configurable == Some(true) {
                return Err(interp.type_error(non_configurable()));
            }
            if td.is_data()
                && td.configurable == Some(false)
                && td.writable == Some(true)
                && desc.writable == Some(false)
            {
                return Err(interp.type_error(format!(
                    "'defineProperty' on proxy: trap returned truish for defining non-configurable \
                     property '{name}' which cannot be non-writable, unless there exists a \
                     corresponding non-configurable, non-writable own property of the target \
                     object."
                )));
            }
        }
    }
    Ok(true)
}

/// [[HasProperty]] ( P ) — ECMA-262 §10.5.7
pub fn has(interp: &mut Interp, p: &ProxyData, key: &PropertyKey) -> JsResult<bool> {
    let (target, trap) = trap(interp, p, "has")?;
    let Some(f) = trap else {
        return target.has_property(interp, key);
    };
    let args = [Value::Object(target.clone()), key.to_value()];
    if to_boolean(&call_trap(interp, p, &f, &args)?) {
        return Ok(true);
    }
    if let Some(td) = target.try_get_own_property(interp, key)? {
        let name = key.to_display();
        if td.configurable == Some(false) {
            return Err(interp.type_error(format!(
                "'has' on proxy: trap returned falsish for property '{name}' which exists in the \
                 proxy target as non-configurable"
            )));
        }
        if !target.try_is_extensible(interp)? {
            return Err(interp.type_error(format!(
                "'has' on proxy: trap returned falsish for property '{name}' but the proxy target \
                 is not extensible"
            )));
        }
    }
    Ok(false)
}

/// [[Get]] ( P, Receiver ) — ECMA-262 §10.5.8
pub fn get(
    interp: &mut Interp,
    p: &ProxyData,
    key: &PropertyKey,
    receiver: &Value,
) -> JsResult<Value> {
    let (target, trap) = trap(interp, p, "get")?;
    let Some(f) = trap else {
        return target.get(interp, key, receiver);
    };
    let args = [
        Value::Object(target.clone()),
        key.to_value(),
        receiver.clone(),
    ];
    let v = call_trap(interp, p, &f, &args)?;
    if let Some(td) = target.try_get_own_property(interp, key)? {
        if td.configurable == Some(false) {
            let name = key.to_display();
            if td.is_data() && td.writable == Some(false) {
                let expected = td.value.clone().unwrap_or_default();
                if !same_value(&v, &expected) {
                    let expected = crate::inspect::plain_description(interp, &expected);
                    let got = crate::inspect::plain_description(interp, &v);
                    return Err(interp.type_error(format!(
                        "'get' on proxy: property '{name}' is a read-only and non-configurable \
                         data property on the proxy target but the proxy did not return its \
                         actual value (expected '{expected}' but got '{got}')"
                    )));
                }
            }
            if td.is_accessor()
                && matches!(td.get, None | Some(Value::Undefined))
                && !matches!(v, Value::Undefined)
            {
                let got = crate::inspect::plain_description(interp, &v);
                return Err(interp.type_error(format!(
                    "'get' on proxy: property '{name}' is a non-configurable accessor property \
                     on the proxy target and does not have a getter function, but the trap did \
                     not return 'undefined' (got '{got}')"
                )));
            }
        }
    }
    Ok(v)
}

/// [[Set]] ( P, V, Receiver ) — ECMA-262 §10.5.9
pub fn set(
    interp: &mut Interp,
    p: &ProxyData,
    key: PropertyKey,
    value: Value,
    receiver: &Value,
) -> JsResult<bool> {
    let (target, trap) = trap(interp, p, "set")?;
    let Some(f) = trap else {
        return target.set(interp, key, value, receiver);
    };
    let args = [
        Value::Object(target.clone()),
        key.to_value(),
        value.clone(),
        receiver.clone(),
    ];
    if !to_boolean(&call_trap(interp, p, &f, &args)?) {
        return Ok(false);
    }
    if let Some(td) = target.try_get_own_property(interp, &key)? {
        if td.configurable == Some(false) {
            let name = key.to_display();
            if td.is_data()
                && td.writable == Some(false)
                && !same_value(&value, td.value.as_ref().unwrap_or(&Value::Undefined))
            {
                return Err(interp.type_error(format!(
                    "'set' on proxy: trap returned truish for property '{name}' which exists in \
                     the proxy target as a non-configurable and non-writable data property with \
                     a different value"
                )));
            }
            if td.is_accessor() && matches!(td.set, None | Some(Value::Undefined)) {
                return Err(interp.type_error(format!(
                    "'set' on proxy: trap returned truish for property '{name}' which exists in \
                     the proxy target as a non-configurable and non-writable accessor property \
                     without a setter"
                )));
            }
        }
    }
    Ok(true)
}

/// [[Delete]] ( P ) — ECMA-262 §10.5.10
pub fn delete(interp: &mut Interp, p: &ProxyData, key: &PropertyKey) -> JsResult<bool> {
    let (target, trap) = trap(interp, p, "deleteProperty")?;
    let Some(f) = trap else {
        return target.try_delete(interp, key);
    };
    let args = [Value::Object(target.clone()), key.to_value()];
    if !to_boolean(&call_trap(interp, p, &f, &args)?) {
        return Ok(false);
    }
    let Some(td) = target.try_get_own_property(interp, key)? else {
        return Ok(true);
    };
    let name = key.to_display();
    if td.configurable == Some(false) {
        return Err(interp.type_error(format!(
            "'deleteProperty' on proxy: trap returned truish for property '{name}' which is \
             non-configurable in the proxy target"
        )));
    }
    if !target.try_is_extensible(interp)? {
        return Err(interp.type_error(format!(
            "'deleteProperty' on proxy: trap returned truish for property '{name}' but the proxy \
             target is non-extensible"
        )));
    }
    Ok(true)
}

/// [[OwnPropertyKeys]] ( ) — ECMA-262 §10.5.11
pub fn own_property_keys(interp: &mut Interp, p: &ProxyData) -> JsResult<Vec<PropertyKey>> {
    let (target, trap) = trap(interp, p, "ownKeys")?;
    let Some(f) = trap else {
        return target.try_own_property_keys(interp);
    };
    let r = call_trap(interp, p, &f, &[Value::Object(target.clone())])?;
    if !r.is_object() {
        return Err(interp.type_error("CreateListFromArrayLike called on non-object"));
    }
    // CreateListFromArrayLike ( trapResultArray, « String, Symbol » )
    let mut keys: Vec<PropertyKey> = Vec::new();
    for v in crate::operations::create_list_from_array_like(interp, &r)? {
        if !matches!(v, Value::String(_) | Value::Symbol(_)) {
            let shown = crate::inspect::plain_description(interp, &v);
            return Err(interp.type_error(format!("{shown} is not a valid property name")));
        }
        let key = crate::operations::to_property_key(interp, &v)?;
        if keys.contains(&key) {
            return Err(interp.type_error("'ownKeys' on proxy: trap returned duplicate entries"));
        }
        keys.push(key);
    }
    let extensible = target.try_is_extensible(interp)?;
    let mut configurable = Vec::new();
    let mut non_configurable = Vec::new();
    for k in target.try_own_property_keys(interp)? {
        match target.try_get_own_property(interp, &k)? {
            Some(d) if d.configurable == Some(false) => non_configurable.push(k),
            _ => configurable.push(k),
        }
    }
    if extensible && non_configurable.is_empty() {
        return Ok(keys);
    }
    let mut unchecked: Vec<Option<&PropertyKey>> = keys.iter().map(Some).collect();
    let mut check = |interp: &mut Interp, k: &PropertyKey| -> JsResult<()> {
        match unchecked.iter_mut().find(|u| **u == Some(k)) {
            Some(u) => {
                *u = None;
                Ok(())
            }
            None => Err(interp.type_error(format!(
                "'ownKeys' on proxy: trap result did not include '{}'",
                k.to_display()
            ))),
        }
    };
    for k in &non_configurable {
        check(interp, k)?;
    }
    if extensible {
        return Ok(keys);
    }
    for k in &configurable {
        check(interp, k)?;
    }
    if unchecked.iter().any(Option::is_some) {
        return Err(interp.type_error(
            "'ownKeys' on proxy: trap returned extra keys but proxy target is non-extensible",
        ));
    }
    Ok(keys)
}

/// [[Call]] ( thisArgument, argumentsList ) — ECMA-262 §10.5.12
pub fn call(interp: &mut Interp, p: &ProxyData, this: &Value, args: &[Value]) -> JsResult<Value> {
    let (target, trap) = trap(interp, p, "apply")?;
    let Some(f) = trap else {
        return interp.call(&Value::Object(target), this, args);
    };
    let list = create_array_from_list(interp, args.to_vec());
    let args = [Value::Object(target), this.clone(), Value::Object(list)];
    call_trap(interp, p, &f, &args)
}

/// [[Construct]] ( argumentsList, newTarget ) — ECMA-262 §10.5.13
pub fn construct(
    interp: &mut Interp,
    p: &ProxyData,
    args: &[Value],
    new_target: &Value,
) -> JsResult<Value> {
    let (target, trap) = trap(interp, p, "construct")?;
    let Some(f) = trap else {
        return interp.construct(&Value::Object(target), args, Some(new_target));
    };
    let list = create_array_from_list(interp, args.to_vec());
    let args = [
        Value::Object(target),
        Value::Object(list),
        new_target.clone(),
    ];
    let r = call_trap(interp, p, &f, &args)?;
    if !r.is_object() {
        let shown = crate::inspect::plain_description(interp, &r);
        return Err(interp.type_error(format!(
            "'construct' on proxy: trap returned non-object ('{shown}')"
        )));
    }
    Ok(r)
}
