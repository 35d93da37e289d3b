//! %Array% and %Array.prototype% — ECMA-262 §23.1 (the commonly used
//! methods; the standard library may add the rest).

use std::cell::Cell;

use crate::builtins::iterator::{create_array_iterator, IterKind};
use crate::function::{define_methods, define_symbol_methods};
use crate::interp::Interp;
use crate::object::{ArrayData, JsObject, ObjectKind};
use crate::operations::{
    self, create_data_property_or_throw, delete_property_or_throw, get, is_array, is_callable,
    is_strictly_equal, length_of_array_like, same_value_zero, set, to_boolean,
    to_integer_or_infinity, to_object, to_string,
};
use crate::storage::Attributes;
use crate::string::JsStringBuilder;
use crate::value::{PropertyKey, Value};
use crate::JsResult;

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

/// ArrayCreate — ECMA-262 §10.4.2.2
pub fn array_create(interp: &mut Interp, length: u32) -> JsObject {
    let proto = interp.realm.intrinsics.array_prototype.clone();
    interp.alloc_object(
        Some(proto),
        ObjectKind::Array(ArrayData {
            length: Cell::new(length),
            length_writable: Cell::new(true),
        }),
    )
}

/// Whether `o[Symbol.iterator]` is still %Array.prototype.values% (so
/// spreading can skip the iterator protocol).
pub fn has_original_iterator(interp: &mut Interp, o: &JsObject) -> bool {
    let sym = interp.realm.intrinsics.symbol_iterator.clone();
    let key = PropertyKey::Symbol(sym);
    if o.has_own_property(&key) {
        return false;
    }
    let ap = interp.realm.intrinsics.array_prototype.clone();
    if o.prototype().as_ref() != Some(&ap) {
        return false;
    }
    matches!(ap.get_own_data(&key), Some(Value::Object(f)) if f == interp.realm.intrinsics.array_prototype_values)
        && !interp_has_custom_array_iterator_next(interp)
}

fn interp_has_custom_array_iterator_next(interp: &Interp) -> bool {
    let p = &interp.realm.intrinsics.array_iterator_prototype;
    !matches!(p.get_own_data(&interp.keys.next), Some(Value::Object(f)) if f == interp.realm.intrinsics.array_iterator_next)
}

fn array_call(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let nt = interp
        .active_function()
        .map(Value::Object)
        .unwrap_or_default();
    array_construct(interp, &nt, args)
}

/// Array(...values) — ECMA-262 §23.1.1.1
fn array_construct(interp: &mut Interp, new_target: &Value, args: &[Value]) -> JsResult<Value> {
    let default = interp.realm.intrinsics.array_prototype.clone();
    let proto = operations::get_prototype_from_constructor(interp, new_target, default)?;
    let arr = array_create(interp, 0);
    arr.set_prototype_of(Some(proto));
    if args.len() == 1 {
        if let Value::Number(n) = args[0] {
            let len = operations::f64_to_uint32(n);
            if len as f64 != n {
                return Err(interp.range_error("Invalid array length"));
            }
            if let ObjectKind::Array(a) = arr.kind() {
                a.length.set(len);
            }
            return Ok(Value::Object(arr));
        }
    }
    for a in args {
        arr.array_push(a.clone());
    }
    Ok(Value::Object(arr))
}

fn array_is_array(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(is_array(interp, &arg(args, 0))?))
}

/// Array.of ( ...items ) — ECMA-262 §23.1.2.3
fn array_of(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let len = args.len();
    let a = construct_or_create(interp, this, Some(len as f64))?;
    for (k, v) in args.iter().enumerate() {
        create_data_property_or_throw(interp, &a, PropertyKey::from(k), v.clone())?;
    }
    set_length(interp, &a, len as f64)?;
    Ok(Value::Object(a))
}

/// `Construct(C, «len»)` when `C` is a constructor, else ArrayCreate(len)
/// (Array.of and Array.from).
fn construct_or_create(interp: &mut Interp, c: &Value, len: Option<f64>) -> JsResult<JsObject> {
    if operations::is_constructor(c) {
        let args: Vec<Value> = len.map(Value::Number).into_iter().collect();
        return match interp.construct(c, &args, None)? {
            Value::Object(o) => Ok(o),
            _ => Err(interp.type_error("constructor did not return an object")),
        };
    }
    array_create_checked(interp, len.unwrap_or(0.0))
}

/// ArrayCreate ( length ) with its RangeError for lengths over 2^32 - 1.
fn array_create_checked(interp: &mut Interp, len: f64) -> JsResult<JsObject> {
    if len > u32::MAX as f64 {
        return Err(interp.range_error("Invalid array length"));
    }
    Ok(array_create(interp, len as u32))
}

/// ArraySpeciesCreate ( originalArray, length ) — ECMA-262 §10.4.2.3
fn array_species_create(interp: &mut Interp, original: &JsObject, len: f64) -> JsResult<JsObject> {
    if !is_array(interp, &Value::Object(original.clone()))? {
        return array_create_checked(interp, len);
    }
    let mut c = get(interp, original, &PropertyKey::from("constructor"))?;
    if let Value::Object(co) = &c {
        let species = interp.realm.intrinsics.symbol_species.clone();
        c = get(interp, co, &PropertyKey::Symbol(species))?;
        if c.is_null() {
            c = Value::Undefined;
        }
    }
    if c.is_undefined() {
        return array_create_checked(interp, len);
    }
    if !operations::is_constructor(&c) {
        return Err(interp.type_error("object.constructor[Symbol.species] is not a constructor"));
    }
    match interp.construct(&c, &[Value::Number(len)], None)? {
        Value::Object(o) => Ok(o),
        _ => Err(interp.type_error("species constructor did not return an object")),
    }
}

const MAX_SAFE_INTEGER: f64 = 9007199254740991.0;

/// Array.from ( items [ , mapfn [ , thisArg ] ] ) — ECMA-262 §23.1.2.1
fn array_from(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let items = arg(args, 0);
    let mapfn = arg(args, 1);
    let this_arg = arg(args, 2);
    let mapping = !mapfn.is_undefined();
    if mapping && !is_callable(&mapfn) {
        let shown = crate::inspect::short_description(interp, &mapfn);
        return Err(interp.type_error(format!("{shown} is not a function")));
    }
    let sym = interp.realm.intrinsics.symbol_iterator.clone();
    let using_iterator = operations::get_method(interp, &items, &PropertyKey::Symbol(sym))?;
    if let Some(method) = using_iterator {
        let a = construct_or_create(interp, this, None)?;
        let mut rec = operations::get_iterator_from_method(interp, &items, &method)?;
        let mut k = 0usize;
        loop {
            if k as f64 >= MAX_SAFE_INTEGER {
                let e = Err(interp.type_error("Array.from: too many elements"));
                return operations::iterator_close(interp, &rec, e);
            }
            let Some(next) = operations::iterator_step_value(interp, &mut rec)? else {
                set_length(interp, &a, k as f64)?;
                return Ok(Value::Object(a));
            };
            let mapped = if mapping {
                match interp.call(&mapfn, &this_arg, &[next, Value::from(k)]) {
                    Ok(v) => v,
                    Err(e) => return operations::iterator_close(interp, &rec, Err(e)),
                }
            } else {
                next
            };
            if let Err(e) = create_data_property_or_throw(interp, &a, PropertyKey::from(k), mapped)
            {
                return operations::iterator_close(interp, &rec, Err(e));
            }
            k += 1;
        }
    }
    let array_like = to_object(interp, &items)?;
    let len = length_of_array_like(interp, &array_like)?;
    let a = construct_or_create(interp, this, Some(len))?;
    let mut k = 0usize;
    while (k as f64) < len {
        let key = PropertyKey::from(k);
        let v = get(interp, &array_like, &key)?;
        let mapped = if mapping {
            interp.call(&mapfn, &this_arg, &[v, Value::from(k)])?
        } else {
            v
        };
        create_data_property_or_throw(interp, &a, key, mapped)?;
        k += 1;
    }
    set_length(interp, &a, len)?;
    Ok(Value::Object(a))
}

fn this_obj_len(interp: &mut Interp, this: &Value) -> JsResult<(JsObject, f64)> {
    let o = to_object(interp, this)?;
    let len = length_of_array_like(interp, &o)?;
    Ok((o, len))
}

fn set_length(interp: &mut Interp, o: &JsObject, len: f64) -> JsResult<()> {
    let key = interp.keys.length.clone();
    set(interp, o, key, Value::Number(len), true)
}

/// Array.prototype.push — ECMA-262 §23.1.3.23
fn array_push(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    if let Value::Object(o) = this {
        if let Some(n) = o.push_direct(args) {
            return Ok(Value::from(n));
        }
    }
    let (o, len) = this_obj_len(interp, this)?;
    if len + args.len() as f64 > MAX_SAFE_INTEGER {
        return Err(interp.type_error("Pushing elements past 2^53-1 length"));
    }
    let mut n = len;
    for v in args {
        set(interp, &o, PropertyKey::from(n as usize), v.clone(), true)?;
        n += 1.0;
    }
    set_length(interp, &o, n)?;
    Ok(Value::Number(n))
}

/// Array.prototype.pop — ECMA-262 §23.1.3.22
fn array_pop(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    if let Value::Object(o) = this {
        if let Some(v) = o.pop_dense() {
            return Ok(v);
        }
    }
    let (o, len) = this_obj_len(interp, this)?;
    if len == 0.0 {
        set_length(interp, &o, 0.0)?;
        return Ok(Value::Undefined);
    }
    let key = PropertyKey::from((len - 1.0) as usize);
    let v = get(interp, &o, &key)?;
    delete_property_or_throw(interp, &o, &key)?;
    set_length(interp, &o, len - 1.0)?;
    Ok(v)
}

/// Array.prototype.shift — ECMA-262 §23.1.3.27
fn array_shift(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    if len == 0.0 {
        set_length(interp, &o, 0.0)?;
        return Ok(Value::Undefined);
    }
    let first = get(interp, &o, &PropertyKey::Index(0))?;
    let len = len as usize;
    for k in 1..len {
        let from = PropertyKey::from(k);
        let to = PropertyKey::from(k - 1);
        if o.has_property(interp, &from)? {
            let v = get(interp, &o, &from)?;
            set(interp, &o, to, v, true)?;
        } else {
            delete_property_or_throw(interp, &o, &to)?;
        }
    }
    delete_property_or_throw(interp, &o, &PropertyKey::from(len - 1))?;
    set_length(interp, &o, (len - 1) as f64)?;
    Ok(first)
}

/// Array.prototype.unshift — ECMA-262 §23.1.3.32
fn array_unshift(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let n = args.len();
    if n > 0 && len + n as f64 > MAX_SAFE_INTEGER {
        return Err(interp.type_error("Unshifting elements past 2^53-1 length"));
    }
    let len = len as usize;
    if n > 0 {
        for k in (0..len).rev() {
            let from = PropertyKey::from(k);
            let to = PropertyKey::from(k + n);
            if o.has_property(interp, &from)? {
                let v = get(interp, &o, &from)?;
                set(interp, &o, to, v, true)?;
            } else {
                delete_property_or_throw(interp, &o, &to)?;
            }
        }
        for (j, v) in args.iter().enumerate() {
            set(interp, &o, PropertyKey::from(j), v.clone(), true)?;
        }
    }
    set_length(interp, &o, (len + n) as f64)?;
    Ok(Value::from(len + n))
}

fn relative_index(interp: &mut Interp, v: &Value, len: f64, default: f64) -> JsResult<f64> {
    if v.is_undefined() {
        return Ok(default);
    }
    let r = to_integer_or_infinity(interp, v)?;
    Ok(if r < 0.0 {
        (len + r).max(0.0)
    } else {
        r.min(len)
    })
}

/// Array.prototype.slice — ECMA-262 §23.1.3.28
fn array_slice(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let mut k = relative_index(interp, &arg(args, 0), len, 0.0)?;
    let fin = relative_index(interp, &arg(args, 1), len, len)?;
    let count = (fin - k).max(0.0);
    let a = array_species_create(interp, &o, count)?;
    let mut n = 0usize;
    while k < fin {
        let key = PropertyKey::from(k as usize);
        if o.has_property(interp, &key)? {
            let v = get(interp, &o, &key)?;
            create_data_property_or_throw(interp, &a, PropertyKey::from(n), v)?;
        }
        n += 1;
        k += 1.0;
    }
    set_length(interp, &a, n as f64)?;
    Ok(Value::Object(a))
}

/// Array.prototype.splice — ECMA-262 §23.1.3.31
fn array_splice(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let start = relative_index(interp, &arg(args, 0), len, 0.0)?;
    let delete_count = match args.len() {
        0 => 0.0,
        1 => len - start,
        _ => to_integer_or_infinity(interp, &args[1])?.clamp(0.0, len - start),
    };
    let items: Vec<Value> = args.get(2..).map(|s| s.to_vec()).unwrap_or_default();
    if len + items.len() as f64 - delete_count > MAX_SAFE_INTEGER {
        return Err(interp.type_error("Invalid array length"));
    }
    let removed = array_species_create(interp, &o, delete_count)?;
    let (start, dc, len) = (start as usize, delete_count as usize, len as usize);
    for k in 0..dc {
        let from = PropertyKey::from(start + k);
        if o.has_property(interp, &from)? {
            let v = get(interp, &o, &from)?;
            create_data_property_or_throw(interp, &removed, PropertyKey::from(k), v)?;
        }
    }
    set_length(interp, &removed, dc as f64)?;
    let ic = items.len();
    if ic < dc {
        for k in start..len - dc {
            let from = PropertyKey::from(k + dc);
            let to = PropertyKey::from(k + ic);
            if o.has_property(interp, &from)? {
                let v = get(interp, &o, &from)?;
                set(interp, &o, to, v, true)?;
            } else {
                delete_property_or_throw(interp, &o, &to)?;
            }
        }
        for k in (len - dc + ic..len).rev() {
            delete_property_or_throw(interp, &o, &PropertyKey::from(k))?;
        }
    } else if ic > dc {
        for k in (start..len - dc).rev() {
            let from = PropertyKey::from(k + dc);
            let to = PropertyKey::from(k + ic);
            if o.has_property(interp, &from)? {
                let v = get(interp, &o, &from)?;
                set(interp, &o, to, v, true)?;
            } else {
                delete_property_or_throw(interp, &o, &to)?;
            }
        }
    }
    for (j, v) in items.into_iter().enumerate() {
        set(interp, &o, PropertyKey::from(start + j), v, true)?;
    }
    set_length(interp, &o, (len - dc + ic) as f64)?;
    Ok(Value::Object(removed))
}

/// Array.prototype.concat — ECMA-262 §23.1.3.1
fn array_concat(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, this)?;
    let a = array_species_create(interp, &o, 0.0)?;
    let mut n = 0f64;
    let spreadable = interp.realm.intrinsics.symbol_is_concat_spreadable.clone();
    let mut items = vec![Value::Object(o)];
    items.extend_from_slice(args);
    for item in items {
        // IsConcatSpreadable ( O ) — ECMA-262 §23.1.3.1.1
        let spread = match &item {
            Value::Object(e) => {
                let s = get(interp, e, &PropertyKey::Symbol(spreadable.clone()))?;
                if s.is_undefined() {
                    is_array(interp, &item)?
                } else {
                    to_boolean(&s)
                }
            }
            _ => false,
        };
        if let (true, Value::Object(e)) = (spread, &item) {
            let len = length_of_array_like(interp, e)?;
            if n + len > MAX_SAFE_INTEGER {
                return Err(interp.type_error("Invalid array length"));
            }
            let mut k = 0f64;
            while k < len {
                let key = PropertyKey::from(k as usize);
                if e.has_property(interp, &key)? {
                    let v = get(interp, e, &key)?;
                    create_data_property_or_throw(interp, &a, PropertyKey::from(n as usize), v)?;
                }
                n += 1.0;
                k += 1.0;
            }
        } else {
            if n >= MAX_SAFE_INTEGER {
                return Err(interp.type_error("Invalid array length"));
            }
            create_data_property_or_throw(interp, &a, PropertyKey::from(n as usize), item)?;
            n += 1.0;
        }
    }
    set_length(interp, &a, n)?;
    Ok(Value::Object(a))
}

/// Array.prototype.join — ECMA-262 §23.1.3.18
fn array_join(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let sep = match arg(args, 0) {
        Value::Undefined => crate::string::JsString::from(","),
        s => to_string(interp, &s)?,
    };
    // Cycle detection as V8 does it: a nested join of the same array is ''.
    if interp.join_stack_contains(&o) {
        return Ok(Value::from(""));
    }
    // The separators alone may already be too long a string.
    interp.check_string_length(sep.len() as f64 * (len - 1.0).max(0.0))?;
    interp.join_stack_push(o.clone());
    let r = (|| {
        let mut out = JsStringBuilder::new();
        for k in 0..len as usize {
            if k > 0 {
                out.push_str(&sep);
                interp.check_string_length(out.len() as f64)?;
            }
            let v = get(interp, &o, &PropertyKey::from(k))?;
            if !v.is_nullish() {
                let s = to_string(interp, &v)?;
                out.push_str(&s);
            }
        }
        Ok(Value::String(out.build()))
    })();
    interp.join_stack_pop();
    r
}

fn array_to_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, this)?;
    let join = get(interp, &o, &PropertyKey::from("join"))?;
    if is_callable(&join) {
        return interp.call(&join, &Value::Object(o), &[]);
    }
    crate::builtins::object::proto_to_string(interp, &Value::Object(o), &[])
}

fn array_reverse(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let len = len as usize;
    let mut lower = 0;
    while lower < len / 2 {
        let upper = len - 1 - lower;
        let (lk, uk) = (PropertyKey::from(lower), PropertyKey::from(upper));
        let le = o.has_property(interp, &lk)?;
        let lv = if le {
            get(interp, &o, &lk)?
        } else {
            Value::Undefined
        };
        let ue = o.has_property(interp, &uk)?;
        let uv = if ue {
            get(interp, &o, &uk)?
        } else {
            Value::Undefined
        };
        match (le, ue) {
            (true, true) => {
                set(interp, &o, lk, uv, true)?;
                set(interp, &o, uk, lv, true)?;
            }
            (false, true) => {
                set(interp, &o, lk, uv, true)?;
                delete_property_or_throw(interp, &o, &uk)?;
            }
            (true, false) => {
                delete_property_or_throw(interp, &o, &lk)?;
                set(interp, &o, uk, lv, true)?;
            }
            _ => {}
        }
        lower += 1;
    }
    Ok(Value::Object(o))
}

fn index_of_impl(
    interp: &mut Interp,
    this: &Value,
    args: &[Value],
    last: bool,
    includes: bool,
) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let not_found = if includes {
        Value::Bool(false)
    } else {
        Value::Number(-1.0)
    };
    if len == 0.0 {
        return Ok(not_found);
    }
    let target = arg(args, 0);
    if last {
        let mut k = if args.len() > 1 {
            let n = to_integer_or_infinity(interp, &args[1])?;
            if n >= 0.0 {
                n.min(len - 1.0)
            } else {
                len + n
            }
        } else {
            len - 1.0
        };
        while k >= 0.0 {
            let key = PropertyKey::from(k as usize);
            if o.has_property(interp, &key)? {
                let v = get(interp, &o, &key)?;
                if is_strictly_equal(&v, &target) {
                    return Ok(Value::Number(k));
                }
            }
            k -= 1.0;
        }
        return Ok(not_found);
    }
    let n = to_integer_or_infinity(interp, &arg(args, 1))?;
    let mut k = if n >= 0.0 { n } else { (len + n).max(0.0) };
    while k < len {
        let key = PropertyKey::from(k as usize);
        if includes {
            let v = get(interp, &o, &key)?;
            if same_value_zero(&v, &target) {
                return Ok(Value::Bool(true));
            }
        } else if o.has_property(interp, &key)? {
            let v = get(interp, &o, &key)?;
            if is_strictly_equal(&v, &target) {
                return Ok(Value::Number(k));
            }
        }
        k += 1.0;
    }
    Ok(not_found)
}

fn array_index_of(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    index_of_impl(interp, this, args, false, false)
}
fn array_last_index_of(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    index_of_impl(interp, this, args, true, false)
}
fn array_includes(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    index_of_impl(interp, this, args, false, true)
}

fn callback(interp: &mut Interp, args: &[Value], method: &str) -> JsResult<Value> {
    let f = arg(args, 0);
    if !is_callable(&f) {
        let shown = crate::inspect::short_description(interp, &f);
        return Err(interp.type_error(format!("{shown} is not a function")));
    }
    let _ = method;
    Ok(f)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum IterOp {
    ForEach,
    Map,
    Filter,
    Some,
    Every,
}

fn iterate(
    interp: &mut Interp,
    this: &Value,
    args: &[Value],
    op: IterOp,
    name: &str,
) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let f = callback(interp, args, name)?;
    let this_arg = arg(args, 1);
    let out = match op {
        IterOp::Map => Some(array_species_create(interp, &o, len)?),
        IterOp::Filter => Some(array_species_create(interp, &o, 0.0)?),
        _ => None,
    };
    let mut to = 0usize;
    let ov = Value::Object(o.clone());
    for k in 0..len as usize {
        let key = PropertyKey::from(k);
        if !o.has_property(interp, &key)? {
            continue;
        }
        let v = get(interp, &o, &key)?;
        let r = interp.call(&f, &this_arg, &[v.clone(), Value::from(k), ov.clone()])?;
        match op {
            IterOp::ForEach => {}
            IterOp::Map => {
                if let Some(a) = &out {
                    create_data_property_or_throw(interp, a, key, r)?;
                }
            }
            IterOp::Filter => {
                if to_boolean(&r) {
                    if let Some(a) = &out {
                        create_data_property_or_throw(interp, a, PropertyKey::from(to), v)?;
                    }
                    to += 1;
                }
            }
            IterOp::Some => {
                if to_boolean(&r) {
                    return Ok(Value::Bool(true));
                }
            }
            IterOp::Every => {
                if !to_boolean(&r) {
                    return Ok(Value::Bool(false));
                }
            }
        }
    }
    Ok(match op {
        IterOp::ForEach => Value::Undefined,
        IterOp::Map | IterOp::Filter => out.map(Value::Object).unwrap_or_default(),
        IterOp::Some => Value::Bool(false),
        IterOp::Every => Value::Bool(true),
    })
}

fn array_for_each(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    iterate(interp, this, args, IterOp::ForEach, "forEach")
}
fn array_map(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    iterate(interp, this, args, IterOp::Map, "map")
}
fn array_filter(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    iterate(interp, this, args, IterOp::Filter, "filter")
}
fn array_some(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    iterate(interp, this, args, IterOp::Some, "some")
}
fn array_every(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    iterate(interp, this, args, IterOp::Every, "every")
}

fn find_impl(
    interp: &mut Interp,
    this: &Value,
    args: &[Value],
    from_end: bool,
    want_index: bool,
) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let f = callback(interp, args, "find")?;
    let this_arg = arg(args, 1);
    let ov = Value::Object(o.clone());
    let len = len as usize;
    for i in 0..len {
        let k = if from_end { len - 1 - i } else { i };
        let v = get(interp, &o, &PropertyKey::from(k))?;
        let r = interp.call(&f, &this_arg, &[v.clone(), Value::from(k), ov.clone()])?;
        if to_boolean(&r) {
            return Ok(if want_index { Value::from(k) } else { v });
        }
    }
    Ok(if want_index {
        Value::Number(-1.0)
    } else {
        Value::Undefined
    })
}

fn array_find(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    find_impl(interp, this, args, false, false)
}
fn array_find_index(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    find_impl(interp, this, args, false, true)
}
fn array_find_last(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    find_impl(interp, this, args, true, false)
}
fn array_find_last_index(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    find_impl(interp, this, args, true, true)
}

fn reduce_impl(interp: &mut Interp, this: &Value, args: &[Value], right: bool) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let f = callback(interp, args, "reduce")?;
    let len = len as usize;
    let ov = Value::Object(o.clone());
    let order: Box<dyn Iterator<Item = usize>> = if right {
        Box::new((0..len).rev())
    } else {
        Box::new(0..len)
    };
    let mut acc: Option<Value> = args.get(1).cloned();
    for k in order {
        let key = PropertyKey::from(k);
        if !o.has_property(interp, &key)? {
            continue;
        }
        let v = get(interp, &o, &key)?;
        acc = Some(match acc {
            None => v,
            Some(a) => interp.call(&f, &Value::Undefined, &[a, v, Value::from(k), ov.clone()])?,
        });
    }
    match acc {
        Some(a) => Ok(a),
        None => Err(interp.type_error("Reduce of empty array with no initial value")),
    }
}

fn array_reduce(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    reduce_impl(interp, this, args, false)
}
fn array_reduce_right(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    reduce_impl(interp, this, args, true)
}

fn array_fill(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let k = relative_index(interp, &arg(args, 1), len, 0.0)?;
    let fin = relative_index(interp, &arg(args, 2), len, len)?;
    let v = arg(args, 0);
    if k < fin && o.fill_dense(k as u32, fin as u32, &v) {
        return Ok(Value::Object(o));
    }
    let mut i = k;
    while i < fin {
        set(interp, &o, PropertyKey::from(i as usize), v.clone(), true)?;
        i += 1.0;
    }
    Ok(Value::Object(o))
}

fn array_at(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let r = to_integer_or_infinity(interp, &arg(args, 0))?;
    let k = if r >= 0.0 { r } else { len + r };
    if k < 0.0 || k >= len {
        return Ok(Value::Undefined);
    }
    get(interp, &o, &PropertyKey::from(k as usize))
}

/// SortCompare — ECMA-262 §23.1.3.30.2
fn sort_compare(
    interp: &mut Interp,
    cmp: &Value,
    a: &Value,
    b: &Value,
) -> JsResult<std::cmp::Ordering> {
    use std::cmp::Ordering;
    match (a.is_undefined(), b.is_undefined()) {
        (true, true) => return Ok(Ordering::Equal),
        (true, false) => return Ok(Ordering::Greater),
        (false, true) => return Ok(Ordering::Less),
        _ => {}
    }
    if !cmp.is_undefined() {
        let r = interp.call(cmp, &Value::Undefined, &[a.clone(), b.clone()])?;
        let n = operations::to_number(interp, &r)?;
        return Ok(if n < 0.0 {
            Ordering::Less
        } else if n > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Equal
        });
    }
    let sa = to_string(interp, a)?;
    let sb = to_string(interp, b)?;
    Ok(sa.cmp(&sb))
}

/// A stable merge sort that propagates comparator errors.
fn merge_sort(interp: &mut Interp, items: Vec<Value>, cmp: &Value) -> JsResult<Vec<Value>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let mut items = items;
    let right = items.split_off(items.len() / 2);
    let left = merge_sort(interp, items, cmp)?;
    let right = merge_sort(interp, right, cmp)?;
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if sort_compare(interp, cmp, &right[j], &left[i])? == std::cmp::Ordering::Less {
            out.push(right[j].clone());
            j += 1;
        } else {
            out.push(left[i].clone());
            i += 1;
        }
    }
    out.extend_from_slice(&left[i..]);
    out.extend_from_slice(&right[j..]);
    Ok(out)
}

fn array_sort(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let cmp = arg(args, 0);
    if !cmp.is_undefined() && !is_callable(&cmp) {
        return Err(
            interp.type_error("The comparison function must be either a function or undefined")
        );
    }
    let (o, len) = this_obj_len(interp, this)?;
    let len = len as usize;
    let mut items = Vec::new();
    for k in 0..len {
        let key = PropertyKey::from(k);
        if o.has_property(interp, &key)? {
            items.push(get(interp, &o, &key)?);
        }
    }
    let n = items.len();
    let sorted = merge_sort(interp, items, &cmp)?;
    for (k, v) in sorted.into_iter().enumerate() {
        set(interp, &o, PropertyKey::from(k), v, true)?;
    }
    for k in n..len {
        delete_property_or_throw(interp, &o, &PropertyKey::from(k))?;
    }
    Ok(Value::Object(o))
}

/// FlattenIntoArray ( target, source, sourceLen, start, depth [ , mapperFunction, thisArg ] )
/// — ECMA-262 §23.1.3.13.1
fn flatten_into(
    interp: &mut Interp,
    target: &JsObject,
    source: &JsObject,
    len: f64,
    start: f64,
    depth: f64,
    mapper: Option<(&Value, &Value)>,
) -> JsResult<f64> {
    let mut target_index = start;
    let mut k = 0f64;
    while k < len {
        let key = PropertyKey::from(k as usize);
        k += 1.0;
        if !source.has_property(interp, &key)? {
            continue;
        }
        let mut v = get(interp, source, &key)?;
        if let Some((f, t)) = mapper {
            v = interp.call(
                f,
                t,
                &[v, Value::Number(k - 1.0), Value::Object(source.clone())],
            )?;
        }
        if depth > 0.0 && is_array(interp, &v)? {
            if let Value::Object(inner) = &v {
                let inner_len = length_of_array_like(interp, inner)?;
                target_index = flatten_into(
                    interp,
                    target,
                    inner,
                    inner_len,
                    target_index,
                    depth - 1.0,
                    None,
                )?;
                continue;
            }
        }
        if target_index >= MAX_SAFE_INTEGER {
            return Err(interp.type_error("Invalid array length"));
        }
        create_data_property_or_throw(interp, target, PropertyKey::from(target_index as usize), v)?;
        target_index += 1.0;
    }
    Ok(target_index)
}

/// Array.prototype.flat ( [ depth ] ) — ECMA-262 §23.1.3.13
fn array_flat(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, this)?;
    let len = length_of_array_like(interp, &o)?;
    let depth = match arg(args, 0) {
        Value::Undefined => 1.0,
        d => to_integer_or_infinity(interp, &d)?.max(0.0),
    };
    let out = array_species_create(interp, &o, 0.0)?;
    flatten_into(interp, &out, &o, len, 0.0, depth, None)?;
    Ok(Value::Object(out))
}

/// Array.prototype.flatMap ( mapperFunction [ , thisArg ] ) — ECMA-262 §23.1.3.14
fn array_flat_map(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, this)?;
    let len = length_of_array_like(interp, &o)?;
    let f = callback(interp, args, "flatMap")?;
    let t = arg(args, 1);
    let out = array_species_create(interp, &o, 0.0)?;
    flatten_into(interp, &out, &o, len, 0.0, 1.0, Some((&f, &t)))?;
    Ok(Value::Object(out))
}

/// Array.prototype.copyWithin ( target, start [ , end ] ) — ECMA-262 §23.1.3.4
fn array_copy_within(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let mut to = relative_index(interp, &arg(args, 0), len, 0.0)?;
    let mut from = relative_index(interp, &arg(args, 1), len, 0.0)?;
    let fin = relative_index(interp, &arg(args, 2), len, len)?;
    let mut count = (fin - from).min(len - to);
    let direction = if from < to && to < from + count {
        from += count - 1.0;
        to += count - 1.0;
        -1.0
    } else {
        1.0
    };
    while count > 0.0 {
        let from_key = PropertyKey::from(from as usize);
        let to_key = PropertyKey::from(to as usize);
        if o.has_property(interp, &from_key)? {
            let v = get(interp, &o, &from_key)?;
            set(interp, &o, to_key, v, true)?;
        } else {
            delete_property_or_throw(interp, &o, &to_key)?;
        }
        from += direction;
        to += direction;
        count -= 1.0;
    }
    Ok(Value::Object(o))
}

/// Array.prototype.toReversed ( ) — ECMA-262 §23.1.3.33
fn array_to_reversed(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let a = array_create_checked(interp, len)?;
    let len = len as usize;
    for k in 0..len {
        let v = get(interp, &o, &PropertyKey::from(len - k - 1))?;
        create_data_property_or_throw(interp, &a, PropertyKey::from(k), v)?;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.toSorted ( comparefn ) — ECMA-262 §23.1.3.34
fn array_to_sorted(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let cmp = arg(args, 0);
    if !cmp.is_undefined() && !is_callable(&cmp) {
        return Err(
            interp.type_error("The comparison function must be either a function or undefined")
        );
    }
    let (o, len) = this_obj_len(interp, this)?;
    let a = array_create_checked(interp, len)?;
    let mut items = Vec::with_capacity(len as usize);
    for k in 0..len as usize {
        items.push(get(interp, &o, &PropertyKey::from(k))?);
    }
    let sorted = merge_sort(interp, items, &cmp)?;
    for (k, v) in sorted.into_iter().enumerate() {
        create_data_property_or_throw(interp, &a, PropertyKey::from(k), v)?;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.toSpliced ( start, skipCount, ...items ) — ECMA-262 §23.1.3.35
fn array_to_spliced(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let start = relative_index(interp, &arg(args, 0), len, 0.0)?;
    let items = args.get(2..).unwrap_or(&[]);
    let skip = match args.len() {
        0 => 0.0,
        1 => len - start,
        _ => to_integer_or_infinity(interp, &args[1])?.clamp(0.0, len - start),
    };
    let new_len = len + items.len() as f64 - skip;
    if new_len > MAX_SAFE_INTEGER {
        return Err(interp.type_error("Invalid array length"));
    }
    let a = array_create_checked(interp, new_len)?;
    let mut i = 0usize;
    let mut r = (start + skip) as usize;
    while (i as f64) < start {
        let v = get(interp, &o, &PropertyKey::from(i))?;
        create_data_property_or_throw(interp, &a, PropertyKey::from(i), v)?;
        i += 1;
    }
    for v in items {
        create_data_property_or_throw(interp, &a, PropertyKey::from(i), v.clone())?;
        i += 1;
    }
    while (i as f64) < new_len {
        let v = get(interp, &o, &PropertyKey::from(r))?;
        create_data_property_or_throw(interp, &a, PropertyKey::from(i), v)?;
        i += 1;
        r += 1;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.with ( index, value ) — ECMA-262 §23.1.3.39
fn array_with(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    let rel = to_integer_or_infinity(interp, &arg(args, 0))?;
    let actual = if rel >= 0.0 { rel } else { len + rel };
    if actual >= len || actual < 0.0 {
        return Err(interp
            .range_error("Invalid index : ".to_string() + &crate::number::number_to_string(rel)));
    }
    let a = array_create_checked(interp, len)?;
    for k in 0..len as usize {
        let v = if k as f64 == actual {
            arg(args, 1)
        } else {
            get(interp, &o, &PropertyKey::from(k))?
        };
        create_data_property_or_throw(interp, &a, PropertyKey::from(k), v)?;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.toLocaleString ( ) — ECMA-262 §23.1.3.32
fn array_to_locale_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let (o, len) = this_obj_len(interp, this)?;
    if interp.join_stack_contains(&o) {
        return Ok(Value::from(""));
    }
    interp.join_stack_push(o.clone());
    let r = (|| {
        let mut out = JsStringBuilder::new();
        for k in 0..len as usize {
            if k > 0 {
                out.push_rust_str(",");
            }
            let v = get(interp, &o, &PropertyKey::from(k))?;
            if !v.is_nullish() {
                let r = operations::invoke(interp, &v, &PropertyKey::from("toLocaleString"), &[])?;
                let s = to_string(interp, &r)?;
                out.push_str(&s);
            }
        }
        Ok(Value::String(out.build()))
    })();
    interp.join_stack_pop();
    r
}

/// %Array.prototype.values%
pub fn array_values(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, this)?;
    Ok(Value::Object(create_array_iterator(
        interp,
        Value::Object(o),
        IterKind::Values,
    )))
}
fn array_keys(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, this)?;
    Ok(Value::Object(create_array_iterator(
        interp,
        Value::Object(o),
        IterKind::Keys,
    )))
}
fn array_entries(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let o = to_object(interp, this)?;
    Ok(Value::Object(create_array_iterator(
        interp,
        Value::Object(o),
        IterKind::Entries,
    )))
}

fn species_getter(_interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(this.clone())
}

impl Interp {
    fn join_stack_contains(&self, o: &JsObject) -> bool {
        matches!(self.host_data.get("%joinStack%"), Some(Value::Object(s)) if {
            let n = s.array_length();
            (0..n).any(|i| matches!(s.get_own_data(&PropertyKey::Index(i)), Some(Value::Object(x)) if x == *o))
        })
    }
    fn join_stack_push(&mut self, o: JsObject) {
        let s = match self.host_data.get("%joinStack%") {
            Some(Value::Object(s)) => s.clone(),
            _ => {
                let s = array_create(self, 0);
                self.host_data
                    .insert("%joinStack%", Value::Object(s.clone()));
                s
            }
        };
        s.array_push(Value::Object(o));
    }
    fn join_stack_pop(&mut self) {
        if let Some(Value::Object(s)) = self.host_data.get("%joinStack%") {
            let n = s.array_length();
            if n > 0 {
                s.storage().remove(&PropertyKey::Index(n - 1));
                if let ObjectKind::Array(a) = s.kind() {
                    a.length.set(n - 1);
                }
            }
        }
    }
}

pub(crate) fn init(interp: &mut Interp) {
    let proto = interp.realm.intrinsics.array_prototype.clone();
    let ctor = super::make_constructor(interp, "Array", 1, array_call, array_construct, &proto);
    define_methods(
        interp,
        &ctor,
        &[
            ("from", array_from, 1),
            ("isArray", array_is_array, 1),
            ("of", array_of, 0),
        ],
    );
    let species = interp.realm.intrinsics.symbol_species.clone();
    crate::function::define_native_accessor(
        interp,
        &ctor,
        PropertyKey::Symbol(species),
        Some(species_getter),
        None,
        Attributes::new(false, false, true),
    );
    define_methods(
        interp,
        &proto,
        &[
            ("at", array_at, 1),
            ("concat", array_concat, 1),
            ("copyWithin", array_copy_within, 2),
            ("entries", array_entries, 0),
            ("every", array_every, 1),
            ("fill", array_fill, 1),
            ("filter", array_filter, 1),
            ("find", array_find, 1),
            ("findIndex", array_find_index, 1),
            ("findLast", array_find_last, 1),
            ("findLastIndex", array_find_last_index, 1),
            ("flat", array_flat, 0),
            ("flatMap", array_flat_map, 1),
            ("forEach", array_for_each, 1),
            ("includes", array_includes, 1),
            ("indexOf", array_index_of, 1),
            ("join", array_join, 1),
            ("keys", array_keys, 0),
            ("lastIndexOf", array_last_index_of, 1),
            ("map", array_map, 1),
            ("pop", array_pop, 0),
            ("push", array_push, 1),
            ("reduce", array_reduce, 1),
            ("reduceRight", array_reduce_right, 1),
            ("reverse", array_reverse, 0),
            ("shift", array_shift, 0),
            ("slice", array_slice, 2),
            ("some", array_some, 1),
            ("sort", array_sort, 1),
            ("splice", array_splice, 2),
            ("toLocaleString", array_to_locale_string, 0),
            ("toReversed", array_to_reversed, 0),
            ("toSorted", array_to_sorted, 1),
            ("toSpliced", array_to_spliced, 2),
            ("toString", array_to_string, 0),
            ("unshift", array_unshift, 1),
            ("with", array_with, 2),
        ],
    );
    // %Array.prototype%[@@unscopables] — ECMA-262 §23.1.3.41
    let unscopables = interp.alloc_object(None, ObjectKind::Ordinary);
    for name in [
        "at",
        "copyWithin",
        "entries",
        "fill",
        "find",
        "findIndex",
        "findLast",
        "findLastIndex",
        "flat",
        "flatMap",
        "includes",
        "keys",
        "toReversed",
        "toSorted",
        "toSpliced",
        "values",
    ] {
        unscopables.define_value(name, Value::Bool(true), Attributes::all());
    }
    let sym = interp.realm.intrinsics.symbol_unscopables.clone();
    proto.define_value(
        PropertyKey::Symbol(sym),
        Value::Object(unscopables),
        Attributes::new(false, false, true),
    );
    let values = interp.realm.intrinsics.array_prototype_values.clone();
    values.define_value(
        "length",
        Value::from(0),
        Attributes::new(false, false, true),
    );
    values.define_value(
        "name",
        Value::from("values"),
        Attributes::new(false, false, true),
    );
    proto.define_value(
        "values",
        Value::Object(values.clone()),
        Attributes::hidden(),
    );
    let iter = interp.realm.intrinsics.symbol_iterator.clone();
    proto.define_value(
        PropertyKey::Symbol(iter),
        Value::Object(values),
        Attributes::hidden(),
    );
    let _ = define_symbol_methods;
}
