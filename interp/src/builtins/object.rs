//! %Object% and %Object.prototype% — ECMA-262 §20.1.

use crate::function::{define_methods, define_native_accessor};
use crate::interp::Interp;
use crate::object::{JsObject, ObjectKind, PropertyDescriptor};
use crate::operations::{
    self, create_array_from_list, define_property_or_throw, get, get_str, is_callable, same_value,
    to_boolean, to_object, to_property_key,
};
use crate::storage::Attributes;
use crate::value::{PropertyKey, Value};
use crate::JsResult;

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

/// Object(value) — ECMA-262 §20.1.1.1
fn object_call(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let v = arg(args, 0);
    if v.is_nullish() {
        return Ok(Value::Object(operations::new_object(interp)));
    }
    Ok(Value::Object(to_object(interp, &v)?))
}

fn object_construct(interp: &mut Interp, new_target: &Value, args: &[Value]) -> JsResult<Value> {
    let ctor = interp.realm.intrinsics.constructor("Object");
    if let (Value::Object(nt), Some(c)) = (new_target, ctor) {
        if *nt != c {
            let default = interp.realm.intrinsics.object_prototype.clone();
            let o = operations::ordinary_create_from_constructor(
                interp,
                new_target,
                default,
                ObjectKind::Ordinary,
            )?;
            return Ok(Value::Object(o));
        }
    }
    object_call(interp, &Value::Undefined, args)
}

/// ToPropertyDescriptor — ECMA-262 §6.2.6.5
pub fn to_property_descriptor(interp: &mut Interp, v: &Value) -> JsResult<PropertyDescriptor> {
    let Value::Object(o) = v else {
        let shown = crate::inspect::short_description(interp, v);
        return Err(interp.type_error(format!("Property description must be an object: {shown}")));
    };
    let mut d = PropertyDescriptor::default();
    let field = |interp: &mut Interp, name: &str| -> JsResult<Option<Value>> {
        let key = PropertyKey::from(name);
        if o.has_property(interp, &key)? {
            Ok(Some(get(interp, o, &key)?))
        } else {
            Ok(None)
        }
    };
    d.enumerable = field(interp, "enumerable")?.map(|v| to_boolean(&v));
    d.configurable = field(interp, "configurable")?.map(|v| to_boolean(&v));
    d.value = field(interp, "value")?;
    d.writable = field(interp, "writable")?.map(|v| to_boolean(&v));
    if let Some(g) = field(interp, "get")? {
        if !g.is_undefined() && !is_callable(&g) {
            let shown = crate::inspect::short_description(interp, &g);
            return Err(interp.type_error(format!("Getter must be a function: {shown}")));
        }
        d.get = Some(g);
    }
    if let Some(s) = field(interp, "set")? {
        if !s.is_undefined() && !is_callable(&s) {
            let shown = crate::inspect::short_description(interp, &s);
            return Err(interp.type_error(format!("Setter must be a function: {shown}")));
        }
        d.set = Some(s);
    }
    if d.is_accessor() && d.is_data() {
        return Err(interp.type_error(
            "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute",
        ));
    }
    Ok(d)
}

/// FromPropertyDescriptor — ECMA-262 §6.2.6.4
pub fn from_property_descriptor(interp: &mut Interp, d: &PropertyDescriptor) -> Value {
    let o = operations::new_object(interp);
    let a = Attributes::all();
    if let Some(v) = &d.value {
        o.define_value("value", v.clone(), a);
    }
    if let Some(w) = d.writable {
        o.define_value("writable", Value::Bool(w), a);
    }
    if let Some(g) = &d.get {
        o.define_value("get", g.clone(), a);
    }
    if let Some(s) = &d.set {
        o.define_value("set", s.clone(), a);
    }
    if let Some(e) = d.enumerable {
        o.define_value("enumerable", Value::Bool(e), a);
    }
    if let Some(c) = d.configurable {
        o.define_value("configurable", Value::Bool(c), a);
    }
    Value::Object(o)
}

fn require_object(interp: &mut Interp, v: &Value, what: &str) -> JsResult<JsObject> {
    match v {
        Value::Object(o) => Ok(o.clone()),
        _ => Err(interp.type_error(format!("{what} called on non-object"))),
    }
}

fn object_define_property(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = require_object(interp, &arg(args, 0), "Object.defineProperty")?;
    let key = to_property_key(interp, &arg(args, 1))?;
    let desc = to_property_descriptor(interp, &arg(args, 2))?;
    define_property_or_throw(interp, &o, key, desc)?;
    Ok(Value::Object(o))
}

/// ObjectDefineProperties — ECMA-262 §20.1.2.3.1
fn object_define_properties(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = require_object(interp, &arg(args, 0), "Object.defineProperties")?;
    define_properties(interp, &o, &arg(args, 1))?;
    Ok(Value::Object(o))
}

fn define_properties(interp: &mut Interp, o: &JsObject, props: &Value) -> JsResult<()> {
    let props = to_object(interp, props)?;
    let mut descs = Vec::new();
    for k in props.try_own_property_keys(interp)? {
        if let Some(d) = props.try_get_own_property(interp, &k)? {
            if d.enumerable_or_false() {
                let dv = get(interp, &props, &k)?;
                descs.push((k, to_property_descriptor(interp, &dv)?));
            }
        }
    }
    for (k, d) in descs {
        define_property_or_throw(interp, o, k, d)?;
    }
    Ok(())
}

fn object_create(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let proto = match arg(args, 0) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        other => {
            let shown = crate::inspect::short_description(interp, &other);
            return Err(interp.type_error(format!(
                "Object prototype may only be an Object or null: {shown}"
            )));
        }
    };
    let o = interp.alloc_object(proto, ObjectKind::Ordinary);
    let props = arg(args, 1);
    if !props.is_undefined() {
        define_properties(interp, &o, &props)?;
    }
    Ok(Value::Object(o))
}

fn object_get_prototype_of(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, &arg(args, 0))?;
    Ok(o.try_get_prototype_of(interp)?
        .map(Value::Object)
        .unwrap_or(Value::Null))
}

/// [[SetPrototypeOf]] ( V ), with %Object.prototype% an immutable
/// prototype exotic object (SetImmutablePrototype — ECMA-262 §10.4.7.2).
pub fn set_prototype_of(
    interp: &mut Interp,
    o: &JsObject,
    proto: Option<JsObject>,
) -> JsResult<bool> {
    if *o == interp.realm.intrinsics.object_prototype {
        return Ok(o.prototype() == proto);
    }
    o.try_set_prototype_of(interp, proto)
}

/// The TypeError of `Object.setPrototypeOf` and the `__proto__` setter
/// when [[SetPrototypeOf]] returned false, in V8's words for each cause.
fn set_prototype_failed(interp: &mut Interp, o: &JsObject) -> crate::JsError {
    if let ObjectKind::Proxy(_) = o.kind() {
        return crate::proxy::trap_returned_falsish(interp, "setPrototypeOf", Some("undefined"));
    }
    let message = if *o == interp.realm.intrinsics.object_prototype {
        "Immutable prototype object 'Object.prototype' cannot have their prototype set".to_string()
    } else if o.is_extensible() {
        "Cyclic __proto__ value".to_string()
    } else {
        let shown = crate::inspect::short_description(interp, &Value::Object(o.clone()));
        format!("{shown} is not extensible")
    };
    interp.type_error(message)
}

/// The TypeError where [[PreventExtensions]] of `o` returned false and
/// the caller must throw: a proxy's trap is blamed as V8 blames it, any
/// other object with `otherwise`.
fn prevent_extensions_failed(interp: &mut Interp, o: &JsObject, otherwise: &str) -> crate::JsError {
    match o.kind() {
        ObjectKind::Proxy(_) => {
            crate::proxy::trap_returned_falsish(interp, "preventExtensions", None)
        }
        _ => interp.type_error(otherwise),
    }
}

fn object_set_prototype_of(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = arg(args, 0);
    if o.is_nullish() {
        return Err(interp.type_error("Object.setPrototypeOf called on null or undefined"));
    }
    let proto = match arg(args, 1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        other => {
            let shown = crate::inspect::short_description(interp, &other);
            return Err(interp.type_error(format!(
                "Object prototype may only be an Object or null: {shown}"
            )));
        }
    };
    if let Value::Object(obj) = &o {
        if !set_prototype_of(interp, obj, proto)? {
            return Err(set_prototype_failed(interp, obj));
        }
    }
    Ok(o)
}

fn keys_of(interp: &mut Interp, v: &Value, kind: u8) -> JsResult<Value> {
    let o = to_object(interp, v)?;
    let mut out = Vec::new();
    for k in o.try_own_property_keys(interp)? {
        if k.is_symbol() {
            continue;
        }
        let Some(d) = o.try_get_own_property(interp, &k)? else {
            continue;
        };
        if !d.enumerable_or_false() {
            continue;
        }
        match kind {
            0 => out.push(k.to_value()),
            1 => out.push(get(interp, &o, &k)?),
            _ => {
                let v = get(interp, &o, &k)?;
                let pair = create_array_from_list(interp, vec![k.to_value(), v]);
                out.push(Value::Object(pair));
            }
        }
    }
    Ok(Value::Object(create_array_from_list(interp, out)))
}

fn object_keys(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    keys_of(interp, &arg(args, 0), 0)
}
fn object_values(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    keys_of(interp, &arg(args, 0), 1)
}
fn object_entries(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    keys_of(interp, &arg(args, 0), 2)
}

fn object_get_own_property_names(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    let o = to_object(interp, &arg(args, 0))?;
    let keys: Vec<Value> = o
        .try_own_property_keys(interp)?
        .into_iter()
        .filter(|k| !k.is_symbol())
        .map(|k| k.to_value())
        .collect();
    Ok(Value::Object(create_array_from_list(interp, keys)))
}

fn object_get_own_property_symbols(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    let o = to_object(interp, &arg(args, 0))?;
    let keys: Vec<Value> = o
        .try_own_property_keys(interp)?
        .into_iter()
        .filter(|k| k.is_symbol())
        .map(|k| k.to_value())
        .collect();
    Ok(Value::Object(create_array_from_list(interp, keys)))
}

fn object_get_own_property_descriptor(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    let o = to_object(interp, &arg(args, 0))?;
    let key = to_property_key(interp, &arg(args, 1))?;
    match o.try_get_own_property(interp, &key)? {
        Some(d) => Ok(from_property_descriptor(interp, &d)),
        None => Ok(Value::Undefined),
    }
}

fn object_get_own_property_descriptors(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    let o = to_object(interp, &arg(args, 0))?;
    let out = operations::new_object(interp);
    for k in o.try_own_property_keys(interp)? {
        if let Some(d) = o.try_get_own_property(interp, &k)? {
            let dv = from_property_descriptor(interp, &d);
            out.define_value(k, dv, Attributes::all());
        }
    }
    Ok(Value::Object(out))
}

fn object_assign(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let target = to_object(interp, &arg(args, 0))?;
    for src in args.iter().skip(1) {
        if src.is_nullish() {
            continue;
        }
        let from = to_object(interp, src)?;
        for k in from.try_own_property_keys(interp)? {
            if let Some(d) = from.try_get_own_property(interp, &k)? {
                if d.enumerable_or_false() {
                    let v = get(interp, &from, &k)?;
                    operations::set(interp, &target, k, v, true)?;
                }
            }
        }
    }
    Ok(Value::Object(target))
}

/// SetIntegrityLevel — ECMA-262 §7.3.16 (`frozen` or sealed).
pub fn set_integrity_level(interp: &mut Interp, o: &JsObject, frozen: bool) -> JsResult<bool> {
    if !o.try_prevent_extensions(interp)? {
        return Ok(false);
    }
    for k in o.try_own_property_keys(interp)? {
        let desc = if frozen {
            match o.try_get_own_property(interp, &k)? {
                Some(d) if d.is_accessor() => PropertyDescriptor {
                    configurable: Some(false),
                    ..Default::default()
                },
                Some(_) => PropertyDescriptor {
                    configurable: Some(false),
                    writable: Some(false),
                    ..Default::default()
                },
                None => continue,
            }
        } else {
            PropertyDescriptor {
                configurable: Some(false),
                ..Default::default()
            }
        };
        define_property_or_throw(interp, o, k, desc)?;
    }
    Ok(true)
}

/// TestIntegrityLevel — ECMA-262 §7.3.17
pub fn test_integrity_level(interp: &mut Interp, o: &JsObject, frozen: bool) -> JsResult<bool> {
    if o.try_is_extensible(interp)? {
        return Ok(false);
    }
    for k in o.try_own_property_keys(interp)? {
        if let Some(d) = o.try_get_own_property(interp, &k)? {
            if d.configurable == Some(true) {
                return Ok(false);
            }
            if frozen && d.is_data() && d.writable == Some(true) {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// Object.freeze ( O ) and Object.seal ( O ) — ECMA-262 §20.1.2.6 / §20.1.2.22
fn freeze_or_seal(interp: &mut Interp, args: &[Value], frozen: bool) -> JsResult<Value> {
    let v = arg(args, 0);
    if let Value::Object(o) = &v {
        if !set_integrity_level(interp, o, frozen)? {
            let what = if frozen { "freeze" } else { "seal" };
            return Err(prevent_extensions_failed(
                interp,
                o,
                &format!("Cannot {what}"),
            ));
        }
    }
    Ok(v)
}
fn object_freeze(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    freeze_or_seal(interp, args, true)
}
fn object_seal(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    freeze_or_seal(interp, args, false)
}
/// Object.preventExtensions ( O ) — ECMA-262 §20.1.2.20
fn object_prevent_extensions(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    let v = arg(args, 0);
    if let Value::Object(o) = &v {
        if !o.try_prevent_extensions(interp)? {
            return Err(prevent_extensions_failed(
                interp,
                o,
                "Cannot prevent extensions",
            ));
        }
    }
    Ok(v)
}
fn object_is_frozen(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(match arg(args, 0) {
        Value::Object(o) => test_integrity_level(interp, &o, true)?,
        _ => true,
    }))
}
fn object_is_sealed(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(match arg(args, 0) {
        Value::Object(o) => test_integrity_level(interp, &o, false)?,
        _ => true,
    }))
}
fn object_is_extensible(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(match arg(args, 0) {
        Value::Object(o) => o.try_is_extensible(interp)?,
        _ => false,
    }))
}
fn object_is(_interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(same_value(&arg(args, 0), &arg(args, 1))))
}

/// Object.fromEntries ( iterable ) — ECMA-262 §20.1.2.7, with
/// AddEntriesFromIterable (§24.1.1.2) closing the iterator on errors.
fn object_from_entries(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let iterable = arg(args, 0);
    if iterable.is_nullish() {
        let shown = crate::inspect::short_description(interp, &iterable);
        return Err(interp.type_error(format!("{shown} is not iterable")));
    }
    let o = operations::new_object(interp);
    let mut rec = operations::get_iterator(interp, &iterable)?;
    while let Some(entry) = operations::iterator_step_value(interp, &mut rec)? {
        let r = (|| {
            let Value::Object(e) = &entry else {
                let shown = crate::inspect::short_description(interp, &entry);
                return Err(
                    interp.type_error(format!("Iterator value {shown} is not an entry object"))
                );
            };
            let k = get(interp, e, &PropertyKey::Index(0))?;
            let v = get(interp, e, &PropertyKey::Index(1))?;
            let key = to_property_key(interp, &k)?;
            operations::create_data_property_or_throw(interp, &o, key, v)
        })();
        if let Err(e) = r {
            return operations::iterator_close(interp, &rec, Err(e));
        }
    }
    Ok(Value::Object(o))
}

/// GroupBy ( items, callback, keyCoercion ) — ECMA-262 §7.3.35: calls
/// `add(key, value)` for each item in order, with `key` the callback's
/// result; `add` coerces the key (to a property key for Object.groupBy,
/// canonicalized for Map.groupBy) and files the value. An abrupt callback
/// or coercion closes the iterator.
pub(crate) fn group_by(
    interp: &mut Interp,
    items: &Value,
    callback: &Value,
    mut add: impl FnMut(&mut Interp, Value, Value) -> JsResult<()>,
) -> JsResult<()> {
    if items.is_nullish() {
        let shown = crate::inspect::short_description(interp, items);
        return Err(interp.type_error(format!("{shown} is not iterable")));
    }
    if !operations::is_callable(callback) {
        let shown = crate::inspect::short_description(interp, callback);
        return Err(interp.type_error(format!("{shown} is not a function")));
    }
    let mut rec = operations::get_iterator(interp, items)?;
    let mut k = 0usize;
    while let Some(value) = operations::iterator_step_value(interp, &mut rec)? {
        let filed = interp
            .call(
                callback,
                &Value::Undefined,
                &[value.clone(), Value::from(k)],
            )
            .and_then(|key| add(interp, key, value));
        if let Err(e) = filed {
            return operations::iterator_close(interp, &rec, Err(e));
        }
        k += 1;
    }
    Ok(())
}

/// Object.groupBy ( items, callback ) — ECMA-262 §20.1.2.12
fn object_group_by(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let mut groups: Vec<(PropertyKey, Vec<Value>)> = Vec::new();
    group_by(
        interp,
        &arg(args, 0),
        &arg(args, 1),
        |interp, key, value| {
            let key = to_property_key(interp, &key)?;
            match groups.iter_mut().find(|(g, _)| *g == key) {
                Some((_, list)) => list.push(value),
                None => groups.push((key, vec![value])),
            }
            Ok(())
        },
    )?;
    let o = interp.alloc_object(None, ObjectKind::Ordinary);
    for (key, items) in groups {
        let list = create_array_from_list(interp, items);
        o.define_value(key, Value::Object(list), Attributes::all());
    }
    Ok(Value::Object(o))
}

// ---- Object.prototype ----

fn proto_has_own_property(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let key = to_property_key(interp, &arg(args, 0))?;
    let o = to_object(interp, this)?;
    Ok(Value::Bool(o.try_has_own_property(interp, &key)?))
}

fn object_has_own(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, &arg(args, 0))?;
    let key = to_property_key(interp, &arg(args, 1))?;
    Ok(Value::Bool(o.try_has_own_property(interp, &key)?))
}

fn proto_is_prototype_of(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let Value::Object(v) = arg(args, 0) else {
        return Ok(Value::Bool(false));
    };
    let o = to_object(interp, this)?;
    let mut cur = v.try_get_prototype_of(interp)?;
    while let Some(p) = cur {
        if p == o {
            return Ok(Value::Bool(true));
        }
        cur = p.try_get_prototype_of(interp)?;
    }
    Ok(Value::Bool(false))
}

fn proto_property_is_enumerable(
    interp: &mut Interp,
    this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    let key = to_property_key(interp, &arg(args, 0))?;
    let o = to_object(interp, this)?;
    Ok(Value::Bool(
        o.try_get_own_property(interp, &key)?
            .is_some_and(|d| d.enumerable_or_false()),
    ))
}

/// Object.prototype.toString — ECMA-262 §20.1.3.6
pub fn proto_to_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let builtin_tag = match this {
        Value::Undefined => return Ok(Value::from("[object Undefined]")),
        Value::Null => return Ok(Value::from("[object Null]")),
        _ => {
            let o = to_object(interp, this)?;
            let base = match o.kind() {
                _ if operations::is_array(interp, this)? => "Array",
                ObjectKind::Proxy(p) if p.is_callable() => "Function",
                ObjectKind::Arguments(_) => "Arguments",
                ObjectKind::Function(_)
                | ObjectKind::NativeFunction(_)
                | ObjectKind::BoundFunction(_) => "Function",
                ObjectKind::Error => "Error",
                ObjectKind::Boolean(_) => "Boolean",
                ObjectKind::Number(_) => "Number",
                ObjectKind::String(_) => "String",
                ObjectKind::Date(_) => "Date",
                ObjectKind::Host(h) if h.class_name() == "RegExp" => "RegExp",
                _ => "Object",
            };
            let tag_sym = interp.realm.intrinsics.symbol_to_string_tag.clone();
            let tag = get(interp, &o, &PropertyKey::Symbol(tag_sym))?;
            if let Value::String(s) = tag {
                return Ok(Value::from(format!("[object {s}]")));
            }
            base
        }
    };
    Ok(Value::from(format!("[object {builtin_tag}]")))
}

fn proto_to_locale_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    operations::invoke(interp, this, &PropertyKey::from("toString"), &[])
}

fn proto_value_of(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::Object(to_object(interp, this)?))
}

fn proto_get_proto(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, this)?;
    Ok(o.try_get_prototype_of(interp)?
        .map(Value::Object)
        .unwrap_or(Value::Null))
}

fn proto_set_proto(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    if this.is_nullish() {
        return Err(interp.type_error("Object.prototype.__proto__ called on null or undefined"));
    }
    let proto = match arg(args, 0) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Ok(Value::Undefined),
    };
    if let Value::Object(o) = this {
        if !set_prototype_of(interp, o, proto)? {
            return Err(set_prototype_failed(interp, o));
        }
    }
    Ok(Value::Undefined)
}

fn proto_define_getter(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, this)?;
    let f = arg(args, 1);
    if !is_callable(&f) {
        return Err(interp.type_error("Object.prototype.__defineGetter__: Expecting function"));
    }
    let key = to_property_key(interp, &arg(args, 0))?;
    let d = PropertyDescriptor {
        get: Some(f),
        enumerable: Some(true),
        configurable: Some(true),
        ..Default::default()
    };
    define_property_or_throw(interp, &o, key, d)?;
    Ok(Value::Undefined)
}

fn proto_define_setter(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, this)?;
    let f = arg(args, 1);
    if !is_callable(&f) {
        return Err(interp.type_error("Object.prototype.__defineSetter__: Expecting function"));
    }
    let key = to_property_key(interp, &arg(args, 0))?;
    let d = PropertyDescriptor {
        set: Some(f),
        enumerable: Some(true),
        configurable: Some(true),
        ..Default::default()
    };
    define_property_or_throw(interp, &o, key, d)?;
    Ok(Value::Undefined)
}

pub(crate) fn init(interp: &mut Interp) {
    let op = interp.realm.intrinsics.object_prototype.clone();
    let ctor = super::make_constructor(interp, "Object", 1, object_call, object_construct, &op);
    define_methods(
        interp,
        &ctor,
        &[
            ("assign", object_assign, 2),
            ("create", object_create, 2),
            ("defineProperties", object_define_properties, 2),
            ("defineProperty", object_define_property, 3),
            ("entries", object_entries, 1),
            ("freeze", object_freeze, 1),
            ("fromEntries", object_from_entries, 1),
            (
                "getOwnPropertyDescriptor",
                object_get_own_property_descriptor,
                2,
            ),
            (
                "getOwnPropertyDescriptors",
                object_get_own_property_descriptors,
                1,
            ),
            ("getOwnPropertyNames", object_get_own_property_names, 1),
            ("getOwnPropertySymbols", object_get_own_property_symbols, 1),
            ("getPrototypeOf", object_get_prototype_of, 1),
            ("groupBy", object_group_by, 2),
            ("hasOwn", object_has_own, 2),
            ("is", object_is, 2),
            ("isExtensible", object_is_extensible, 1),
            ("isFrozen", object_is_frozen, 1),
            ("isSealed", object_is_sealed, 1),
            ("keys", object_keys, 1),
            ("preventExtensions", object_prevent_extensions, 1),
            ("seal", object_seal, 1),
            ("setPrototypeOf", object_set_prototype_of, 2),
            ("values", object_values, 1),
        ],
    );
    define_methods(
        interp,
        &op,
        &[
            ("__defineGetter__", proto_define_getter, 2),
            ("__defineSetter__", proto_define_setter, 2),
            ("hasOwnProperty", proto_has_own_property, 1),
            ("isPrototypeOf", proto_is_prototype_of, 1),
            ("propertyIsEnumerable", proto_property_is_enumerable, 1),
            ("toLocaleString", proto_to_locale_string, 0),
            ("toString", proto_to_string, 0),
            ("valueOf", proto_value_of, 0),
        ],
    );
    define_native_accessor(
        interp,
        &op,
        PropertyKey::from("__proto__"),
        Some(proto_get_proto),
        Some(proto_set_proto),
        Attributes::new(false, false, true),
    );
    let _ = get_str;
}
