//! `structuredClone(value)`: the HTML structured clone algorithm
//! (StructuredSerialize then StructuredDeserialize in one walk) for the
//! data a JavaScript program holds: primitives, plain objects and arrays
//! (own enumerable string keys, holes kept), Date, RegExp, Map, Set, the
//! Error types, and the boxed primitives; shared and circular references
//! come out shared and circular. Anything else (functions, symbols,
//! WeakMaps, promises, proxies, class instances' methods) is a
//! `DataCloneError` DOMException, as in Node. A class instance clones as a
//! plain object of its own data.

use std::collections::HashMap;

use interp::error::{create_error, ErrorType};
use interp::function::create_native_function;
use interp::operations::{self, create_array_from_list, get, get_str, to_string};
use interp::realm::define_global;
use interp::{Attributes, Interp, JsError, JsObject, JsResult, ObjectKind, PropertyKey, Value};

use crate::intrinsics::regexp::{regexp_create, RegExpData};
use crate::node_errors::coded_error;

/// The references already cloned: source identity → clone.
type Memory = HashMap<usize, JsObject>;

/// structuredClone ( value [ , options ] )
fn structured_clone(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let Some(value) = args.first() else {
        return Err(coded_error(
            interp,
            ErrorType::TypeError,
            "ERR_MISSING_ARGS",
            "The value argument must be specified",
        ));
    };
    clone_value(interp, value, &mut Memory::new())
}

/// The DataCloneError DOMException for `v`, worded as Node words it
/// (`() => {} could not be cloned.`, `#<WeakMap> could not be cloned.`).
fn data_clone_error(interp: &mut Interp, v: &Value) -> JsError {
    let shown = match v {
        Value::Object(o) if o.is_callable() => {
            let proto = interp.realm.intrinsics.function_prototype.clone();
            match get_str(interp, &proto, "toString")
                .and_then(|f| interp.call(&f, v, &[]))
                .and_then(|s| to_string(interp, &s))
            {
                Ok(s) => s.to_rust_string(),
                Err(e) => return e,
            }
        }
        _ => interp::inspect::short_description(interp, v),
    };
    let message = Value::from(format!("{shown} could not be cloned.").as_str());
    let global = interp.realm.global_object.clone();
    let result = get_str(interp, &global, "DOMException")
        .and_then(|ctor| interp.construct(&ctor, &[message, Value::from("DataCloneError")], None));
    match result {
        Ok(err) => JsError::Throw(err),
        Err(e) => e,
    }
}

fn clone_value(interp: &mut Interp, v: &Value, memory: &mut Memory) -> JsResult<Value> {
    let Value::Object(o) = v else {
        return match v {
            Value::Symbol(_) => Err(data_clone_error(interp, v)),
            _ => Ok(v.clone()),
        };
    };
    if let Some(done) = memory.get(&o.ptr_id()) {
        return Ok(Value::Object(done.clone()));
    }
    let intrinsics = &interp.realm.intrinsics;
    let clone = match o.kind() {
        ObjectKind::Boolean(b) => {
            let proto = intrinsics.boolean_prototype.clone();
            interp.alloc_object(Some(proto), ObjectKind::Boolean(*b))
        }
        ObjectKind::Number(n) => {
            let proto = intrinsics.number_prototype.clone();
            interp.alloc_object(Some(proto), ObjectKind::Number(*n))
        }
        ObjectKind::String(s) => {
            let proto = intrinsics.string_prototype.clone();
            interp.alloc_object(Some(proto), ObjectKind::String(s.clone()))
        }
        ObjectKind::BigInt(b) => {
            let proto = intrinsics.bigint_prototype.clone();
            interp.alloc_object(Some(proto), ObjectKind::BigInt(b.clone()))
        }
        ObjectKind::Date(t) => {
            let proto = interp.realm.intrinsics.constructor("%Date.prototype%");
            interp.alloc_object(proto, ObjectKind::Date(std::cell::Cell::new(t.get())))
        }
        ObjectKind::Host(h) if h.class_name() == "RegExp" => {
            let Some(data) = h.as_any().downcast_ref::<RegExpData>() else {
                return Err(data_clone_error(interp, v));
            };
            let (source, flags) = data.original();
            match regexp_create(interp, &Value::String(source), &Value::String(flags))? {
                Value::Object(r) => r,
                _ => return Err(data_clone_error(interp, v)),
            }
        }
        ObjectKind::Map(_) | ObjectKind::Set(_) => {
            return clone_collection(interp, o, memory);
        }
        ObjectKind::Error => return clone_error(interp, o, memory),
        ObjectKind::Array(_) => {
            let len = o.array_length();
            let a = create_array_from_list(interp, Vec::new());
            a.set(
                interp,
                PropertyKey::from("length"),
                Value::from(len),
                &Value::Object(a.clone()),
            )?;
            memory.insert(o.ptr_id(), a.clone());
            copy_own_data(interp, o, &a, memory)?;
            return Ok(Value::Object(a));
        }
        ObjectKind::Ordinary | ObjectKind::Arguments(_) => {
            let c = operations::new_object(interp);
            memory.insert(o.ptr_id(), c.clone());
            copy_own_data(interp, o, &c, memory)?;
            return Ok(Value::Object(c));
        }
        _ => return Err(data_clone_error(interp, v)),
    };
    memory.insert(o.ptr_id(), clone.clone());
    Ok(Value::Object(clone))
}

/// The own enumerable string-keyed properties of `from`, read with
/// [[Get]] (so getters run) and cloned onto `to` as data properties.
fn copy_own_data(
    interp: &mut Interp,
    from: &JsObject,
    to: &JsObject,
    memory: &mut Memory,
) -> JsResult<()> {
    for key in from.try_own_property_keys(interp)? {
        if key.is_symbol() {
            continue;
        }
        let enumerable = from
            .try_get_own_property(interp, &key)?
            .is_some_and(|d| d.enumerable_or_false());
        if !enumerable {
            continue;
        }
        let v = get(interp, from, &key)?;
        let c = clone_value(interp, &v, memory)?;
        operations::create_data_property_or_throw(interp, to, key, c)?;
    }
    Ok(())
}

/// A Map or Set: its entries cloned in order (keys too).
fn clone_collection(interp: &mut Interp, o: &JsObject, memory: &mut Memory) -> JsResult<Value> {
    let (entries, is_set) = match o.kind() {
        ObjectKind::Map(m) => (m.entries(), false),
        ObjectKind::Set(s) => (s.entries(), true),
        _ => return Err(data_clone_error(interp, &Value::Object(o.clone()))),
    };
    let (proto, kind) = if is_set {
        let p = interp.realm.intrinsics.set_prototype.clone();
        (p, ObjectKind::Set(Box::default()))
    } else {
        let p = interp.realm.intrinsics.map_prototype.clone();
        (p, ObjectKind::Map(Box::default()))
    };
    let c = interp.alloc_object(Some(proto), kind);
    memory.insert(o.ptr_id(), c.clone());
    for (k, v) in entries {
        let k = clone_value(interp, &k, memory)?;
        let v = if is_set {
            k.clone()
        } else {
            clone_value(interp, &v, memory)?
        };
        if let ObjectKind::Map(m) | ObjectKind::Set(m) = c.kind() {
            m.set(k, v);
        }
    }
    Ok(Value::Object(c))
}

/// An Error: the standard type its `name` names (else Error), its own
/// `message`, `stack` and `cause`; other own properties are dropped, as
/// Node drops them.
fn clone_error(interp: &mut Interp, o: &JsObject, memory: &mut Memory) -> JsResult<Value> {
    let name = get_str(interp, o, "name")?;
    let ty = match &name {
        Value::String(s) => match s.to_rust_string().as_str() {
            "EvalError" => ErrorType::EvalError,
            "RangeError" => ErrorType::RangeError,
            "ReferenceError" => ErrorType::ReferenceError,
            "SyntaxError" => ErrorType::SyntaxError,
            "TypeError" => ErrorType::TypeError,
            "URIError" => ErrorType::UriError,
            _ => ErrorType::Error,
        },
        _ => ErrorType::Error,
    };
    let c = create_error(interp, ty, "");
    memory.insert(o.ptr_id(), c.clone());
    let message_key = PropertyKey::from("message");
    match o.try_get_own_property(interp, &message_key)? {
        Some(d) if d.is_data() => {
            let m = to_string(interp, &d.value.unwrap_or_default())?;
            c.define_value(message_key, Value::String(m), Attributes::hidden());
        }
        _ => {
            c.try_delete(interp, &message_key)?;
        }
    }
    for key in ["stack", "cause"] {
        let key = PropertyKey::from(key);
        match o.try_get_own_property(interp, &key)? {
            Some(d) if d.is_data() => {
                let v = clone_value(interp, &d.value.unwrap_or_default(), memory)?;
                c.define_value(key, v, Attributes::hidden());
            }
            _ => {
                c.try_delete(interp, &key)?;
            }
        }
    }
    Ok(Value::Object(c))
}

/// Defines the global `structuredClone`.
pub fn install(interp: &mut Interp) {
    let f = create_native_function(interp, structured_clone, "structuredClone", 0);
    define_global(interp, "structuredClone", Value::Object(f));
}
