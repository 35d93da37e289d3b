//! Abstract operations (ECMA-262 §7): type conversion, testing and
//! comparison, operations on objects, and operations on iterators.

use crate::interp::Interp;
use crate::number::string_to_number;
use crate::object::{JsObject, ObjectKind, PropertyDescriptor};
use crate::storage::Attributes;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};
use crate::{JsError, JsResult};

/// The preferred type of ToPrimitive.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Default,
    Number,
    String,
}

// ---------------------------------------------------------------------------
// §7.1 Type conversion

/// ToPrimitive — ECMA-262 §7.1.1
pub fn to_primitive(interp: &mut Interp, v: &Value, hint: Hint) -> JsResult<Value> {
    let Value::Object(o) = v else {
        return Ok(v.clone());
    };
    let to_prim = interp.realm.intrinsics.symbol_to_primitive.clone();
    let exotic = get_method(interp, v, &PropertyKey::Symbol(to_prim))?;
    if let Some(f) = exotic {
        let h = match hint {
            Hint::Default => "default",
            Hint::Number => "number",
            Hint::String => "string",
        };
        let r = interp.call(&f, v, &[Value::from(h)])?;
        if r.is_object() {
            return Err(interp.type_error("Cannot convert object to primitive value"));
        }
        return Ok(r);
    }
    ordinary_to_primitive(
        interp,
        o,
        if hint == Hint::String {
            Hint::String
        } else {
            Hint::Number
        },
    )
}

/// OrdinaryToPrimitive — ECMA-262 §7.1.1.1
pub fn ordinary_to_primitive(interp: &mut Interp, o: &JsObject, hint: Hint) -> JsResult<Value> {
    let order = if hint == Hint::String {
        ["toString", "valueOf"]
    } else {
        ["valueOf", "toString"]
    };
    let ov = Value::Object(o.clone());
    for name in order {
        let f = o.get(interp, &PropertyKey::from(name), &ov)?;
        if is_callable(&f) {
            let r = interp.call(&f, &ov, &[])?;
            if !r.is_object() {
                return Ok(r);
            }
        }
    }
    Err(interp.type_error("Cannot convert object to primitive value"))
}

/// ToBoolean — ECMA-262 §7.1.2
pub fn to_boolean(v: &Value) -> bool {
    match v {
        Value::Undefined | Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => !(*n == 0.0 || n.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Symbol(_) | Value::Object(_) => true,
        Value::BigInt(b) => !b.is_zero(),
    }
}

/// ToNumber — ECMA-262 §7.1.4
pub fn to_number(interp: &mut Interp, v: &Value) -> JsResult<f64> {
    match v {
        Value::Undefined => Ok(f64::NAN),
        Value::Null => Ok(0.0),
        Value::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => Ok(*n),
        Value::String(s) => Ok(string_to_number_js(s)),
        Value::Symbol(_) => Err(interp.type_error("Cannot convert a Symbol value to a number")),
        Value::BigInt(_) => Err(interp.type_error("Cannot convert a BigInt value to a number")),
        Value::Object(_) => {
            let p = to_primitive(interp, v, Hint::Number)?;
            to_number(interp, &p)
        }
    }
}

/// StringToNumber on a JsString.
pub fn string_to_number_js(s: &JsString) -> f64 {
    match s.as_ascii() {
        Some(a) => string_to_number(a),
        None => string_to_number(&s.to_rust_string()),
    }
}

/// ToIntegerOrInfinity — ECMA-262 §7.1.5
pub fn to_integer_or_infinity(interp: &mut Interp, v: &Value) -> JsResult<f64> {
    let n = to_number(interp, v)?;
    Ok(if n.is_nan() { 0.0 } else { n.trunc() + 0.0 })
}

fn modulo_int(n: f64, m: f64) -> f64 {
    if !n.is_finite() || n == 0.0 {
        return 0.0;
    }
    let i = n.trunc();
    let r = i % m;
    if r < 0.0 {
        r + m
    } else {
        r
    }
}

/// ToInt32 on a number.
pub fn f64_to_int32(n: f64) -> i32 {
    if n.is_finite() && n.abs() < 2147483648.0 {
        return n as i32;
    }
    modulo_int(n, 4294967296.0) as u32 as i32
}

/// ToUint32 on a number.
pub fn f64_to_uint32(n: f64) -> u32 {
    if n.is_finite() && (0.0..4294967296.0).contains(&n) {
        return n as u32;
    }
    modulo_int(n, 4294967296.0) as u32
}

/// ToInt32 — ECMA-262 §7.1.6
pub fn to_int32(interp: &mut Interp, v: &Value) -> JsResult<i32> {
    Ok(f64_to_int32(to_number(interp, v)?))
}

/// ToUint32 — ECMA-262 §7.1.7
pub fn to_uint32(interp: &mut Interp, v: &Value) -> JsResult<u32> {
    Ok(f64_to_uint32(to_number(interp, v)?))
}

/// ToString — ECMA-262 §7.1.17
pub fn to_string(interp: &mut Interp, v: &Value) -> JsResult<JsString> {
    match v {
        Value::Undefined => Ok(JsString::from("undefined")),
        Value::Null => Ok(JsString::from("null")),
        Value::Bool(b) => Ok(JsString::from(if *b { "true" } else { "false" })),
        Value::Number(n) => Ok(crate::number::number_to_js_string(*n)),
        Value::String(s) => Ok(s.clone()),
        Value::Symbol(_) => Err(interp.type_error("Cannot convert a Symbol value to a string")),
        Value::BigInt(b) => Ok(JsString::from(b.to_string())),
        Value::Object(_) => {
            let p = to_primitive(interp, v, Hint::String)?;
            to_string(interp, &p)
        }
    }
}

/// ToString as a Rust string.
pub fn to_rust_string(interp: &mut Interp, v: &Value) -> JsResult<String> {
    Ok(to_string(interp, v)?.to_rust_string())
}

/// ToObject — ECMA-262 §7.1.18
pub fn to_object(interp: &mut Interp, v: &Value) -> JsResult<JsObject> {
    let i = &interp.realm.intrinsics;
    let (proto, kind) = match v {
        Value::Object(o) => return Ok(o.clone()),
        Value::Undefined | Value::Null => {
            return Err(interp.type_error("Cannot convert undefined or null to object"))
        }
        Value::Bool(b) => (i.boolean_prototype.clone(), ObjectKind::Boolean(*b)),
        Value::Number(n) => (i.number_prototype.clone(), ObjectKind::Number(*n)),
        Value::String(s) => (i.string_prototype.clone(), ObjectKind::String(s.clone())),
        Value::Symbol(s) => (i.symbol_prototype.clone(), ObjectKind::Symbol(s.clone())),
        Value::BigInt(b) => (i.bigint_prototype.clone(), ObjectKind::BigInt(b.clone())),
    };
    Ok(interp.alloc_object(Some(proto), kind))
}

/// ToPropertyKey — ECMA-262 §7.1.19
pub fn to_property_key(interp: &mut Interp, v: &Value) -> JsResult<PropertyKey> {
    match v {
        Value::String(s) => Ok(PropertyKey::from(s.clone())),
        Value::Symbol(s) => Ok(PropertyKey::Symbol(s.clone())),
        Value::Number(n) => {
            let n = *n;
            if (0.0..4294967295.0).contains(&n)
                && n.fract() == 0.0
                && !(n == 0.0 && n.is_sign_negative())
            {
                Ok(PropertyKey::Index(n as u32))
            } else {
                Ok(PropertyKey::from(crate::number::number_to_js_string(n)))
            }
        }
        Value::Object(_) => {
            let p = to_primitive(interp, v, Hint::String)?;
            to_property_key(interp, &p)
        }
        _ => Ok(PropertyKey::from(to_string(interp, v)?)),
    }
}

/// ToLength — ECMA-262 §7.1.20
pub fn to_length(interp: &mut Interp, v: &Value) -> JsResult<f64> {
    let n = to_integer_or_infinity(interp, v)?;
    Ok(n.clamp(0.0, 9007199254740991.0))
}

// ---------------------------------------------------------------------------
// §7.2 Testing and comparison

/// IsCallable — ECMA-262 §7.2.3
pub fn is_callable(v: &Value) -> bool {
    matches!(v, Value::Object(o) if o.is_callable())
}

/// IsConstructor — ECMA-262 §7.2.4
pub fn is_constructor(v: &Value) -> bool {
    matches!(v, Value::Object(o) if o.is_constructor())
}

/// IsArray — ECMA-262 §7.2.2: an Array exotic object, or a proxy whose
/// target is one (a revoked proxy throws).
pub fn is_array(interp: &mut Interp, v: &Value) -> JsResult<bool> {
    let Value::Object(o) = v else {
        return Ok(false);
    };
    match o.kind() {
        ObjectKind::Array(_) => Ok(true),
        ObjectKind::Proxy(p) => match p.target() {
            Some(t) => is_array(interp, &Value::Object(t.clone())),
            None => {
                Err(interp.type_error("Cannot perform 'IsArray' on a proxy that has been revoked"))
            }
        },
        _ => Ok(false),
    }
}

/// IsRegExp ( argument ) — ECMA-262 §7.2.8. A RegExp is a host object of
/// class "RegExp" (the standard library's `RegExpData`).
pub fn is_regexp(interp: &mut Interp, v: &Value) -> JsResult<bool> {
    let Value::Object(o) = v else {
        return Ok(false);
    };
    let sym = interp.realm.intrinsics.symbol_match.clone();
    let matcher = get(interp, o, &PropertyKey::Symbol(sym))?;
    if !matcher.is_undefined() {
        return Ok(to_boolean(&matcher));
    }
    Ok(matches!(o.kind(), ObjectKind::Host(h) if h.class_name() == "RegExp"))
}

/// SameValue — ECMA-262 §7.2.10
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if x.is_nan() && y.is_nan() {
                return true;
            }
            x == y && x.is_sign_negative() == y.is_sign_negative()
        }
        _ => is_strictly_equal(a, b),
    }
}

/// SameValueZero — ECMA-262 §7.2.11
pub fn same_value_zero(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x.is_nan() && y.is_nan()) || x == y,
        _ => is_strictly_equal(a, b),
    }
}

/// IsStrictlyEqual — ECMA-262 §7.2.15
pub fn is_strictly_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Symbol(x), Value::Symbol(y)) => x == y,
        (Value::Object(x), Value::Object(y)) => x == y,
        (Value::BigInt(x), Value::BigInt(y)) => x == y,
        _ => false,
    }
}

/// IsLooselyEqual — ECMA-262 §7.2.14
pub fn is_loosely_equal(interp: &mut Interp, a: &Value, b: &Value) -> JsResult<bool> {
    use Value::*;
    Ok(match (a, b) {
        (Undefined | Null, Undefined | Null) => true,
        (Undefined | Null, _) | (_, Undefined | Null) => false,
        (Number(x), String(s)) => *x == string_to_number_js(s),
        (String(s), Number(x)) => string_to_number_js(s) == *x,
        (BigInt(x), Number(n)) | (Number(n), BigInt(x)) => {
            x.compare_f64(*n) == Some(std::cmp::Ordering::Equal)
        }
        (BigInt(x), String(s)) | (String(s), BigInt(x)) => {
            crate::bigint::JsBigInt::parse(&s.to_rust_string()).is_some_and(|y| *x == y)
        }
        (Bool(x), _) => {
            let n = Number(if *x { 1.0 } else { 0.0 });
            return is_loosely_equal(interp, &n, b);
        }
        (_, Bool(y)) => {
            let n = Number(if *y { 1.0 } else { 0.0 });
            return is_loosely_equal(interp, a, &n);
        }
        (Object(_), Number(_) | String(_) | Symbol(_) | BigInt(_)) => {
            let p = to_primitive(interp, a, Hint::Default)?;
            return is_loosely_equal(interp, &p, b);
        }
        (Number(_) | String(_) | Symbol(_) | BigInt(_), Object(_)) => {
            let p = to_primitive(interp, b, Hint::Default)?;
            return is_loosely_equal(interp, a, &p);
        }
        _ => is_strictly_equal(a, b),
    })
}

/// IsLessThan — ECMA-262 §7.2.13. `None` means undefined (a NaN operand).
pub fn is_less_than(
    interp: &mut Interp,
    x: &Value,
    y: &Value,
    left_first: bool,
) -> JsResult<Option<bool>> {
    let (px, py) = if left_first {
        let px = to_primitive(interp, x, Hint::Number)?;
        let py = to_primitive(interp, y, Hint::Number)?;
        (px, py)
    } else {
        let py = to_primitive(interp, y, Hint::Number)?;
        let px = to_primitive(interp, x, Hint::Number)?;
        (px, py)
    };
    if let (Value::String(a), Value::String(b)) = (&px, &py) {
        return Ok(Some(a < b));
    }
    if matches!(px, Value::BigInt(_)) || matches!(py, Value::BigInt(_)) {
        return bigint_less_than(interp, &px, &py);
    }
    let nx = to_number(interp, &px)?;
    let ny = to_number(interp, &py)?;
    if nx.is_nan() || ny.is_nan() {
        return Ok(None);
    }
    Ok(Some(nx < ny))
}

/// IsLessThan's steps for primitives of which one is a BigInt (the other a
/// BigInt, Number, String, Boolean, undefined, null or Symbol); `None` is
/// undefined.
fn bigint_less_than(interp: &mut Interp, px: &Value, py: &Value) -> JsResult<Option<bool>> {
    use crate::bigint::JsBigInt;
    use std::cmp::Ordering;
    // A string beside a BigInt is parsed as a BigInt (undefined if it is
    // not one); other primitives go through ToNumeric.
    let mut numeric = |v: &Value| -> JsResult<Option<Result<JsBigInt, f64>>> {
        Ok(match v {
            Value::BigInt(b) => Some(Ok(b.clone())),
            Value::String(s) => JsBigInt::parse(&s.to_rust_string()).map(Ok),
            v => Some(Err(to_number(interp, v)?)),
        })
    };
    let (Some(x), Some(y)) = (numeric(px)?, numeric(py)?) else {
        return Ok(None);
    };
    let ord = match (x, y) {
        (Ok(a), Ok(b)) => Some(a.get().cmp(b.get())),
        (Ok(a), Err(n)) => a.compare_f64(n),
        (Err(n), Ok(b)) => b.compare_f64(n).map(Ordering::reverse),
        (Err(_), Err(_)) => None,
    };
    Ok(ord.map(|o| o == Ordering::Less))
}

// ---------------------------------------------------------------------------
// §7.3 Operations on objects

/// Get(O, P) — ECMA-262 §7.3.2
pub fn get(interp: &mut Interp, o: &JsObject, key: &PropertyKey) -> JsResult<Value> {
    o.get(interp, key, &Value::Object(o.clone()))
}

/// Get with a string key.
pub fn get_str(interp: &mut Interp, o: &JsObject, key: &str) -> JsResult<Value> {
    get(interp, o, &PropertyKey::from(key))
}

/// GetV(V, P) — ECMA-262 §7.3.3
pub fn get_v(interp: &mut Interp, v: &Value, key: &PropertyKey) -> JsResult<Value> {
    match v {
        Value::Object(o) => o.get(interp, key, v),
        Value::String(s) => {
            // Fast paths for string primitives: length and indices.
            match key {
                PropertyKey::Index(i) => {
                    if let Some(u) = s.code_unit_at(*i as usize) {
                        return Ok(Value::String(JsString::from_utf16(&[u])));
                    }
                }
                PropertyKey::String(_) if *key == interp.keys.length => {
                    return Ok(Value::Number(s.len() as f64));
                }
                _ => {}
            }
            let proto = interp.realm.intrinsics.string_prototype.clone();
            proto.get(interp, key, v)
        }
        Value::Number(_) => {
            let proto = interp.realm.intrinsics.number_prototype.clone();
            proto.get(interp, key, v)
        }
        Value::Bool(_) => {
            let proto = interp.realm.intrinsics.boolean_prototype.clone();
            proto.get(interp, key, v)
        }
        Value::Symbol(_) => {
            let proto = interp.realm.intrinsics.symbol_prototype.clone();
            proto.get(interp, key, v)
        }
        Value::BigInt(_) => {
            let proto = interp.realm.intrinsics.bigint_prototype.clone();
            proto.get(interp, key, v)
        }
        Value::Undefined | Value::Null => {
            let what = if v.is_null() { "null" } else { "undefined" };
            Err(interp.type_error(format!(
                "Cannot read properties of {what} (reading '{}')",
                key.to_display()
            )))
        }
    }
}

/// Set(O, P, V, Throw) — ECMA-262 §7.3.4
pub fn set(
    interp: &mut Interp,
    o: &JsObject,
    key: PropertyKey,
    value: Value,
    throw: bool,
) -> JsResult<()> {
    let receiver = Value::Object(o.clone());
    let site = parser::ast::MemberCache::default();
    let ok = o.set_at_site(interp, &key, value, &receiver, &site)?;
    if !ok && throw {
        return Err(failed_set_error(interp, &receiver, &key));
    }
    Ok(())
}

/// The property `key` of `o` or of its prototypes, with the object that
/// holds it, found without running code ([[GetOwnProperty]] of ordinary
/// and exotic objects runs none): `None` when the lookup meets a proxy
/// first or finds nothing.
pub(crate) fn find_property_without_side_effects(
    o: &JsObject,
    key: &PropertyKey,
) -> Option<(JsObject, PropertyDescriptor)> {
    let mut cur = Some(o.clone());
    while let Some(obj) = cur {
        if matches!(obj.kind(), ObjectKind::Proxy(_)) {
            return None;
        }
        if let Some(d) = obj.get_own_property(key) {
            return Some((obj, d));
        }
        cur = obj.prototype();
    }
    None
}

/// The value of the data property `key` of `o` or of its prototypes,
/// found without running code: `None` when the lookup meets a proxy or
/// an accessor first, or finds nothing.
pub(crate) fn data_lookup_without_side_effects(o: &JsObject, key: &str) -> Option<Value> {
    find_property_without_side_effects(o, &PropertyKey::from(key)).and_then(|(_, d)| d.value)
}

/// The TypeError a strict-mode [[Set]] of `key` on `receiver` that
/// returned false throws, worded as V8 words it: an add to a
/// non-extensible object, an array element past a read-only length, or
/// a read-only property.
pub(crate) fn failed_set_error(
    interp: &mut Interp,
    receiver: &Value,
    key: &PropertyKey,
) -> JsError {
    if let Value::Object(r) = receiver {
        if let ObjectKind::Proxy(_) = r.kind() {
            let shown = key.to_display();
            return crate::proxy::trap_returned_falsish(interp, "set", Some(&shown));
        }
        if !r.is_extensible() && r.get_own_property(key).is_none() {
            return interp.type_error(format!(
                "Cannot add property {}, object is not extensible",
                key.to_display()
            ));
        }
        if let (ObjectKind::Array(a), PropertyKey::Index(i)) = (r.kind(), key) {
            if *i >= a.length.get() && !a.length_writable.get() {
                return interp.type_error(
                    "Cannot assign to read only property 'length' of object '[object Array]'",
                );
            }
        }
        // An accessor without a setter, found where the lookup stops (on
        // the receiver or a prototype; a proxy is not looked into); V8
        // names the object that holds it.
        if let Some((holder, d)) = find_property_without_side_effects(r, key) {
            if d.value.is_none() && matches!(d.set, None | Some(Value::Undefined)) {
                let what = match data_lookup_without_side_effects(&holder, "constructor") {
                    Some(Value::Object(c)) if c.is_callable() => crate::function::function_name(&c),
                    _ => "Object".to_string(),
                };
                return interp.type_error(format!(
                    "Cannot set property {} of #<{what}> which has only a getter",
                    key.to_display()
                ));
            }
        }
    }
    let what = crate::inspect::short_description(interp, receiver);
    interp.type_error(format!(
        "Cannot assign to read only property '{}' of object '{what}'",
        key.to_display()
    ))
}

/// CreateDataProperty — ECMA-262 §7.3.5
pub fn create_data_property(
    interp: &mut Interp,
    o: &JsObject,
    key: PropertyKey,
    value: Value,
) -> JsResult<bool> {
    o.define_own_property(
        interp,
        key,
        PropertyDescriptor::data(value, Attributes::all()),
    )
}

/// CreateDataPropertyOrThrow — ECMA-262 §7.3.7
pub fn create_data_property_or_throw(
    interp: &mut Interp,
    o: &JsObject,
    key: PropertyKey,
    value: Value,
) -> JsResult<()> {
    let shown = key.to_display();
    if !create_data_property(interp, o, key, value)? {
        return Err(interp.type_error(format!(
            "Cannot define property {shown}, object is not extensible"
        )));
    }
    Ok(())
}

/// DefinePropertyOrThrow — ECMA-262 §7.3.8
pub fn define_property_or_throw(
    interp: &mut Interp,
    o: &JsObject,
    key: PropertyKey,
    desc: PropertyDescriptor,
) -> JsResult<()> {
    let shown = key.to_display();
    if !o.define_own_property(interp, key, desc)? {
        if let ObjectKind::Proxy(_) = o.kind() {
            return Err(crate::proxy::trap_returned_falsish(
                interp,
                "defineProperty",
                Some(&shown),
            ));
        }
        return Err(interp.type_error(format!("Cannot redefine property: {shown}")));
    }
    Ok(())
}

/// DeletePropertyOrThrow — ECMA-262 §7.3.9
pub fn delete_property_or_throw(
    interp: &mut Interp,
    o: &JsObject,
    key: &PropertyKey,
) -> JsResult<()> {
    if !o.try_delete(interp, key)? {
        return Err(failed_delete_error(interp, o, key));
    }
    Ok(())
}

/// The TypeError a [[Delete]] of `key` on `o` that returned false throws
/// in strict code, worded as V8 words it.
pub(crate) fn failed_delete_error(interp: &mut Interp, o: &JsObject, key: &PropertyKey) -> JsError {
    if let ObjectKind::Proxy(_) = o.kind() {
        let shown = key.to_display();
        return crate::proxy::trap_returned_falsish(interp, "deleteProperty", Some(&shown));
    }
    let shown = crate::inspect::short_description(interp, &Value::Object(o.clone()));
    interp.type_error(format!(
        "Cannot delete property '{}' of {shown}",
        key.to_display()
    ))
}

/// GetMethod — ECMA-262 §7.3.10
pub fn get_method(interp: &mut Interp, v: &Value, key: &PropertyKey) -> JsResult<Option<Value>> {
    let f = get_v(interp, v, key)?;
    if f.is_nullish() {
        return Ok(None);
    }
    if !is_callable(&f) {
        return Err(interp.type_error(format!("{} is not a function", key.to_display())));
    }
    Ok(Some(f))
}

/// HasProperty — ECMA-262 §7.3.11
pub fn has_property(interp: &mut Interp, o: &JsObject, key: &PropertyKey) -> JsResult<bool> {
    o.has_property(interp, key)
}

/// HasOwnProperty — ECMA-262 §7.3.12
pub fn has_own_property(interp: &mut Interp, o: &JsObject, key: &PropertyKey) -> JsResult<bool> {
    o.try_has_own_property(interp, key)
}

/// Invoke(V, P, argumentsList) — ECMA-262 §7.3.20
pub fn invoke(
    interp: &mut Interp,
    v: &Value,
    key: &PropertyKey,
    args: &[Value],
) -> JsResult<Value> {
    let f = get_v(interp, v, key)?;
    interp.call(&f, v, args)
}

/// OrdinaryHasInstance — ECMA-262 §7.3.21
pub fn ordinary_has_instance(interp: &mut Interp, c: &Value, o: &Value) -> JsResult<bool> {
    let Value::Object(co) = c else {
        return Ok(false);
    };
    if !co.is_callable() {
        return Ok(false);
    }
    if let ObjectKind::BoundFunction(b) = co.kind() {
        let target = Value::Object(b.target.clone());
        return instanceof_operator(interp, o, &target);
    }
    let Value::Object(oo) = o else {
        return Ok(false);
    };
    let p = get_str(interp, co, "prototype")?;
    let Value::Object(p) = p else {
        return Err(
            interp.type_error("Function has non-object prototype 'undefined' in instanceof check")
        );
    };
    let mut cur = oo.try_get_prototype_of(interp)?;
    while let Some(x) = cur {
        if x == p {
            return Ok(true);
        }
        cur = x.try_get_prototype_of(interp)?;
    }
    Ok(false)
}

/// InstanceofOperator — ECMA-262 §13.10.2
pub fn instanceof_operator(interp: &mut Interp, v: &Value, target: &Value) -> JsResult<bool> {
    if !target.is_object() {
        return Err(interp.type_error("Right-hand side of 'instanceof' is not an object"));
    }
    let has_instance = interp.realm.intrinsics.symbol_has_instance.clone();
    if let Some(h) = get_method(interp, target, &PropertyKey::Symbol(has_instance))? {
        let r = interp.call(&h, target, std::slice::from_ref(v))?;
        return Ok(to_boolean(&r));
    }
    if !is_callable(target) {
        return Err(interp.type_error("Right-hand side of 'instanceof' is not callable"));
    }
    ordinary_has_instance(interp, target, v)
}

/// LengthOfArrayLike — ECMA-262 §7.3.19
pub fn length_of_array_like(interp: &mut Interp, o: &JsObject) -> JsResult<f64> {
    if let ObjectKind::Array(a) = o.kind() {
        return Ok(a.length.get() as f64);
    }
    let key = interp.keys.length.clone();
    let v = get(interp, o, &key)?;
    to_length(interp, &v)
}

/// CreateArrayFromList — ECMA-262 §7.3.17
pub fn create_array_from_list(interp: &mut Interp, items: Vec<Value>) -> JsObject {
    let arr = crate::builtins::array::array_create(interp, 0);
    arr.array_extend(items);
    arr
}

/// CreateListFromArrayLike — ECMA-262 §7.3.18
pub fn create_list_from_array_like(interp: &mut Interp, v: &Value) -> JsResult<Vec<Value>> {
    let Value::Object(o) = v else {
        return Err(interp.type_error("CreateListFromArrayLike called on non-object"));
    };
    let len = length_of_array_like(interp, o)? as usize;
    let mut out = Vec::with_capacity(len.min(1 << 20));
    for i in 0..len {
        out.push(get(interp, o, &PropertyKey::from(i))?);
    }
    Ok(out)
}

/// GetPrototypeFromConstructor — ECMA-262 §10.1.14: `new_target.prototype`
/// if it is an object, else the intrinsic default.
pub fn get_prototype_from_constructor(
    interp: &mut Interp,
    new_target: &Value,
    default: JsObject,
) -> JsResult<JsObject> {
    if let Value::Object(nt) = new_target {
        let proto = if let ObjectKind::Function(sf) = nt.kind() {
            // A script function (most `new` targets): through the inline
            // cache the function keeps for this read.
            match nt.cached_get_named("prototype", &sf.prototype_site) {
                Some(v) => v,
                None => {
                    let key = interp.prototype_key.clone();
                    nt.get_at_site(interp, &key, new_target, &sf.prototype_site)?
                }
            }
        } else if let Some(v) = nt.plain_own_data(&interp.prototype_key) {
            // An own data property, which [[Get]] finds first.
            v
        } else {
            let key = interp.prototype_key.clone();
            get(interp, nt, &key)?
        };
        if let Value::Object(p) = proto {
            return Ok(p);
        }
    }
    Ok(default)
}

/// SpeciesConstructor ( O, defaultConstructor ) — ECMA-262 §7.3.22
pub fn species_constructor(
    interp: &mut Interp,
    o: &JsObject,
    default: JsObject,
) -> JsResult<Value> {
    let c = get_str(interp, o, "constructor")?;
    if c.is_undefined() {
        return Ok(Value::Object(default));
    }
    let Value::Object(co) = &c else {
        return Err(interp.type_error("The .constructor property is not an object"));
    };
    let species = interp.realm.intrinsics.symbol_species.clone();
    let s = get(interp, co, &PropertyKey::Symbol(species))?;
    if s.is_nullish() {
        return Ok(Value::Object(default));
    }
    if is_constructor(&s) {
        return Ok(s);
    }
    Err(interp.type_error("object.constructor[Symbol.species] is not a constructor"))
}

/// OrdinaryCreateFromConstructor — ECMA-262 §10.1.13
pub fn ordinary_create_from_constructor(
    interp: &mut Interp,
    new_target: &Value,
    default: JsObject,
    kind: ObjectKind,
) -> JsResult<JsObject> {
    let proto = get_prototype_from_constructor(interp, new_target, default)?;
    Ok(interp.alloc_object(Some(proto), kind))
}

/// `ordinary_create_from_constructor` of an ordinary object (`new` of a
/// script constructor).
pub fn ordinary_create_plain_from_constructor(
    interp: &mut Interp,
    new_target: &Value,
    default: JsObject,
) -> JsResult<JsObject> {
    let proto = get_prototype_from_constructor(interp, new_target, default)?;
    Ok(interp.alloc_ordinary_object(Some(proto)))
}

/// OrdinaryObjectCreate with %Object.prototype%.
pub fn new_object(interp: &mut Interp) -> JsObject {
    let proto = interp.realm.intrinsics.object_prototype.clone();
    interp.alloc_ordinary_object(Some(proto))
}

/// EnumerableOwnProperties(O, key) — the keys (as values) of own
/// enumerable string-keyed properties.
pub fn enumerable_own_keys(interp: &mut Interp, o: &JsObject) -> JsResult<Vec<PropertyKey>> {
    let mut out = Vec::new();
    for k in o.try_own_property_keys(interp)? {
        if k.is_symbol() {
            continue;
        }
        if let Some(d) = o.try_get_own_property(interp, &k)? {
            if d.enumerable_or_false() {
                out.push(k);
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// §7.4 Operations on iterator objects

/// Keys built-ins read and write on every call (the iteration protocol's,
/// `length`), interned once per interpreter (`Interp::keys`) rather than
/// on each use.
pub(crate) struct CommonKeys {
    pub(crate) value: PropertyKey,
    pub(crate) done: PropertyKey,
    pub(crate) next: PropertyKey,
    pub(crate) return_: PropertyKey,
    pub(crate) length: PropertyKey,
}

impl CommonKeys {
    pub(crate) fn new() -> Self {
        CommonKeys {
            value: PropertyKey::from("value"),
            done: PropertyKey::from("done"),
            next: PropertyKey::from("next"),
            return_: PropertyKey::from("return"),
            length: PropertyKey::from("length"),
        }
    }
}

/// An Iterator Record — ECMA-262 §7.4.1
#[derive(Clone)]
pub struct IteratorRecord {
    pub iterator: Value,
    pub next_method: Value,
    pub done: bool,
}

/// GetIterator(obj, sync) — ECMA-262 §7.4.3
pub fn get_iterator(interp: &mut Interp, v: &Value) -> JsResult<IteratorRecord> {
    let sym = interp.realm.intrinsics.symbol_iterator.clone();
    let method = get_method(interp, v, &PropertyKey::Symbol(sym))?;
    let Some(method) = method else {
        let shown = crate::inspect::short_description(interp, v);
        return Err(interp.type_error(format!("{shown} is not iterable")));
    };
    get_iterator_from_method(interp, v, &method)
}

/// GetIteratorFromMethod — ECMA-262 §7.4.2
pub fn get_iterator_from_method(
    interp: &mut Interp,
    v: &Value,
    method: &Value,
) -> JsResult<IteratorRecord> {
    let iterator = interp.call(method, v, &[])?;
    if !iterator.is_object() {
        return Err(interp.type_error("Result of the Symbol.iterator method is not an object"));
    }
    let next = interp.keys.next.clone();
    let next_method = get_v(interp, &iterator, &next)?;
    Ok(IteratorRecord {
        iterator,
        next_method,
        done: false,
    })
}

/// IteratorNext — ECMA-262 §7.4.4
pub fn iterator_next(
    interp: &mut Interp,
    rec: &IteratorRecord,
    value: Option<Value>,
) -> JsResult<Value> {
    let args: Vec<Value> = value.into_iter().collect();
    let r = interp.call(&rec.next_method, &rec.iterator, &args)?;
    if !r.is_object() {
        return Err(iterator_result_not_object(interp, &r));
    }
    Ok(r)
}

/// The TypeError for an iterator result (of `next`, `return` or `throw`)
/// that is not an object, worded as node words it: the value as
/// `String()` shows it, a string without quotes, `2n` as `2`.
pub fn iterator_result_not_object(interp: &mut Interp, r: &Value) -> JsError {
    let shown = crate::inspect::plain_description(interp, r);
    interp.type_error(format!("Iterator result {shown} is not an object"))
}

/// IteratorComplete — ECMA-262 §7.4.5
pub fn iterator_complete(interp: &mut Interp, result: &Value) -> JsResult<bool> {
    let done = interp.keys.done.clone();
    let d = get_v(interp, result, &done)?;
    Ok(to_boolean(&d))
}

/// IteratorValue — ECMA-262 §7.4.6
pub fn iterator_value(interp: &mut Interp, result: &Value) -> JsResult<Value> {
    let value = interp.keys.value.clone();
    get_v(interp, result, &value)
}

/// IteratorStep — ECMA-262 §7.4.7: the next result, or `None` when done.
pub fn iterator_step(interp: &mut Interp, rec: &mut IteratorRecord) -> JsResult<Option<Value>> {
    let r = match iterator_next(interp, rec, None) {
        Ok(r) => r,
        Err(e) => {
            rec.done = true;
            return Err(e);
        }
    };
    match iterator_complete(interp, &r) {
        Ok(true) => {
            rec.done = true;
            Ok(None)
        }
        Ok(false) => Ok(Some(r)),
        Err(e) => {
            rec.done = true;
            Err(e)
        }
    }
}

/// IteratorStepValue — ECMA-262 §7.4.8
pub fn iterator_step_value(
    interp: &mut Interp,
    rec: &mut IteratorRecord,
) -> JsResult<Option<Value>> {
    match iterator_step(interp, rec)? {
        None => Ok(None),
        Some(r) => match iterator_value(interp, &r) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                rec.done = true;
                Err(e)
            }
        },
    }
}

/// IteratorClose — ECMA-262 §7.4.11: calls `return()` and keeps the
/// original completion if it was abrupt.
pub fn iterator_close<T>(
    interp: &mut Interp,
    rec: &IteratorRecord,
    completion: JsResult<T>,
) -> JsResult<T> {
    let key = interp.keys.return_.clone();
    let ret = get_method(interp, &rec.iterator, &key);
    let inner = match ret {
        Ok(None) => return completion,
        Ok(Some(f)) => interp.call(&f, &rec.iterator, &[]),
        Err(e) => Err(e),
    };
    let check = |interp: &mut Interp, inner: JsResult<Value>| -> JsResult<()> {
        let r = inner?;
        if !r.is_object() {
            return Err(iterator_result_not_object(interp, &r));
        }
        Ok(())
    };
    match completion {
        Err(e @ JsError::Throw(_)) => Err(e),
        // A generator's `return()` unwinding is a return completion: the
        // iterator's `return()` must still give an object.
        Err(e @ JsError::GeneratorReturn(_)) => {
            check(interp, inner)?;
            Err(e)
        }
        Err(e) => {
            inner?;
            Err(e)
        }
        Ok(v) => {
            check(interp, inner)?;
            Ok(v)
        }
    }
}

/// CreateIterResultObject — ECMA-262 §7.4.14
pub fn create_iter_result_object(interp: &mut Interp, value: Value, done: bool) -> Value {
    let o = new_object(interp);
    o.define_value(interp.keys.value.clone(), value, Attributes::all());
    o.define_value(
        interp.keys.done.clone(),
        Value::Bool(done),
        Attributes::all(),
    );
    Value::Object(o)
}

/// IteratorToList — ECMA-262 §7.4.13 (over GetIterator(v)).
pub fn iterate_to_list(interp: &mut Interp, v: &Value) -> JsResult<Vec<Value>> {
    // Fast path: plain arrays with the original iterator.
    if let Value::Object(o) = v {
        if o.is_array() && crate::builtins::array::has_original_iterator(interp, o) {
            let len = o.array_length();
            let mut out = Vec::with_capacity(len as usize);
            for i in 0..len {
                out.push(get(interp, o, &PropertyKey::Index(i))?);
            }
            return Ok(out);
        }
    }
    let mut rec = get_iterator(interp, v)?;
    let mut out = Vec::new();
    while let Some(x) = iterator_step_value(interp, &mut rec)? {
        out.push(x);
    }
    Ok(out)
}

/// The `typeof` of a value as a JS string value.
pub fn type_of(v: &Value) -> Value {
    Value::from(v.type_of())
}

/// The results of `typeof`, made once per interpreter
/// (`Interp::typeof_strings`) and interned, so that `typeof x === "object"`
/// neither allocates nor compares characters (string literals are interned
/// too, see `literal_string`).
pub(crate) struct TypeofStrings([JsString; 8]);

impl TypeofStrings {
    const NAMES: [&'static str; 8] = [
        "undefined",
        "object",
        "boolean",
        "number",
        "string",
        "symbol",
        "function",
        "bigint",
    ];

    pub(crate) fn new() -> Self {
        TypeofStrings(Self::NAMES.map(|n| JsString::from(n).intern()))
    }

    /// `typeof v`.
    pub(crate) fn of(&self, v: &Value) -> Value {
        let i = match v {
            Value::Undefined => 0,
            Value::Null => 1,
            Value::Bool(_) => 2,
            Value::Number(_) => 3,
            Value::String(_) => 4,
            Value::Symbol(_) => 5,
            Value::BigInt(_) => 7,
            Value::Object(o) => {
                if o.is_callable() {
                    6
                } else {
                    1
                }
            }
        };
        Value::String(self.0[i].clone())
    }
}
