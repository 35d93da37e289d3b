//! Map, Set, WeakMap, WeakSet and their iterators — ECMA-262 §24.
//! (WeakMap/WeakSet hold their keys strongly: see `ObjectKind::WeakMap`.)

use std::any::Any;
use std::cell::Cell;

use gc::{Finalize, Trace};

use crate::builtins::iterator::IterKind;
use crate::function::{define_methods, define_native_accessor, define_symbol_methods, NativeFn};
use crate::interp::Interp;
use crate::object::{HostObject, JsObject, ObjectKind};
use crate::operations::{self, create_array_from_list, create_iter_result_object, is_callable};
use crate::storage::{Attributes, ValueMap};
use crate::value::{PropertyKey, Value};
use crate::JsResult;

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

/// A Map or Set iterator.
#[derive(Trace, Finalize)]
pub struct MapIterator {
    pub target: JsObject,
    #[unsafe_ignore_trace]
    pub position: Cell<usize>,
    #[unsafe_ignore_trace]
    pub kind: IterKind,
    #[unsafe_ignore_trace]
    pub done: Cell<bool>,
    #[unsafe_ignore_trace]
    pub is_set: bool,
}

impl HostObject for MapIterator {
    fn class_name(&self) -> &str {
        if self.is_set {
            "Set Iterator"
        } else {
            "Map Iterator"
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The four keyed collections: each kind's methods accept only its own
/// kind of receiver (a WeakMap is not a Map).
#[derive(Clone, Copy, PartialEq)]
enum Coll {
    Map,
    Set,
    WeakMap,
    WeakSet,
}

impl Coll {
    fn name(self) -> &'static str {
        match self {
            Coll::Map => "Map",
            Coll::Set => "Set",
            Coll::WeakMap => "WeakMap",
            Coll::WeakSet => "WeakSet",
        }
    }
    fn is_set(self) -> bool {
        matches!(self, Coll::Set | Coll::WeakSet)
    }
}

/// The entries of `o` if it is a collection of kind `c`.
fn entries_of(o: &JsObject, c: Coll) -> Option<&ValueMap> {
    match (o.kind(), c) {
        (ObjectKind::Map(m), Coll::Map)
        | (ObjectKind::Set(m), Coll::Set)
        | (ObjectKind::WeakMap(m), Coll::WeakMap)
        | (ObjectKind::WeakSet(m), Coll::WeakSet) => Some(m),
        _ => None,
    }
}

/// The entries of a Map (`want_set == false`) or Set receiver.
pub fn map_entries_of(o: &JsObject, want_set: bool) -> Option<&ValueMap> {
    entries_of(o, if want_set { Coll::Set } else { Coll::Map })
}

/// The receiver's entries, or the TypeError node throws for a receiver
/// of another kind (`method` is e.g. `get` or `get size`).
fn this_coll<'a>(
    interp: &mut Interp,
    this: &'a Value,
    c: Coll,
    method: &str,
) -> JsResult<&'a ValueMap> {
    if let Value::Object(o) = this {
        if let Some(m) = entries_of(o, c) {
            return Ok(m);
        }
    }
    let shown = crate::inspect::short_description(interp, this);
    let (prefix, method) = match method.strip_prefix("get ") {
        Some(m) => ("get ", m),
        None => ("", method),
    };
    let class = c.name();
    Err(interp.type_error(format!(
        "Method {prefix}{class}.prototype.{method} called on incompatible receiver {shown}"
    )))
}

fn this_map<'a>(
    interp: &mut Interp,
    this: &'a Value,
    set: bool,
    method: &str,
) -> JsResult<&'a ValueMap> {
    this_coll(
        interp,
        this,
        if set { Coll::Set } else { Coll::Map },
        method,
    )
}

/// CanBeHeldWeakly — ECMA-262 §9.13: an object, or a symbol that
/// `Symbol.for` did not register.
pub fn can_be_held_weakly(v: &Value) -> bool {
    match v {
        Value::Object(_) => true,
        Value::Symbol(s) => !s.is_registered(),
        _ => false,
    }
}

fn map_call(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("Constructor Map requires 'new'"))
}
fn set_call(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("Constructor Set requires 'new'"))
}

fn construct_collection(
    interp: &mut Interp,
    new_target: &Value,
    args: &[Value],
    c: Coll,
) -> JsResult<Value> {
    let set = c.is_set();
    let default = if set {
        interp.realm.intrinsics.set_prototype.clone()
    } else {
        interp.realm.intrinsics.map_prototype.clone()
    };
    let default = if matches!(c, Coll::WeakMap | Coll::WeakSet) {
        interp
            .realm
            .intrinsics
            .prototype_of(c.name())
            .unwrap_or(default)
    } else {
        default
    };
    let kind = match c {
        Coll::Map => ObjectKind::Map(Box::default()),
        Coll::Set => ObjectKind::Set(Box::default()),
        Coll::WeakMap => ObjectKind::WeakMap(Box::default()),
        Coll::WeakSet => ObjectKind::WeakSet(Box::default()),
    };
    let o = operations::ordinary_create_from_constructor(interp, new_target, default, kind)?;
    let iterable = arg(args, 0);
    if iterable.is_nullish() {
        return Ok(Value::Object(o));
    }
    let adder_name = if set { "add" } else { "set" };
    let adder = operations::get_str(interp, &o, adder_name)?;
    if !is_callable(&adder) {
        return Err(interp.type_error(format!(
            "'{adder_name}' returned for property '{adder_name}' of object is not a function"
        )));
    }
    let ov = Value::Object(o.clone());
    let mut rec = operations::get_iterator(interp, &iterable)?;
    while let Some(item) = operations::iterator_step_value(interp, &mut rec)? {
        let r = if set {
            interp.call(&adder, &ov, &[item])
        } else {
            match &item {
                Value::Object(e) => {
                    let k = operations::get(interp, e, &PropertyKey::Index(0));
                    let v = operations::get(interp, e, &PropertyKey::Index(1));
                    match (k, v) {
                        (Ok(k), Ok(v)) => interp.call(&adder, &ov, &[k, v]),
                        (Err(e), _) | (_, Err(e)) => Err(e),
                    }
                }
                _ => {
                    let shown = crate::inspect::short_description(interp, &item);
                    Err(interp.type_error(format!("Iterator value {shown} is not an entry object")))
                }
            }
        };
        if let Err(e) = r {
            return operations::iterator_close(interp, &rec, Err(e));
        }
    }
    Ok(Value::Object(o))
}

fn map_construct(interp: &mut Interp, nt: &Value, args: &[Value]) -> JsResult<Value> {
    construct_collection(interp, nt, args, Coll::Map)
}
fn set_construct(interp: &mut Interp, nt: &Value, args: &[Value]) -> JsResult<Value> {
    construct_collection(interp, nt, args, Coll::Set)
}
fn weak_map_construct(interp: &mut Interp, nt: &Value, args: &[Value]) -> JsResult<Value> {
    construct_collection(interp, nt, args, Coll::WeakMap)
}
fn weak_set_construct(interp: &mut Interp, nt: &Value, args: &[Value]) -> JsResult<Value> {
    construct_collection(interp, nt, args, Coll::WeakSet)
}

fn map_get(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let m = this_map(interp, this, false, "get")?;
    Ok(m.get(&arg(args, 0)).unwrap_or_default())
}
fn map_set(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let m = this_map(interp, this, false, "set")?;
    m.set(arg(args, 0), arg(args, 1));
    Ok(this.clone())
}
fn map_has(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let m = this_map(interp, this, false, "has")?;
    Ok(Value::Bool(m.has(&arg(args, 0))))
}
fn map_delete(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let m = this_map(interp, this, false, "delete")?;
    Ok(Value::Bool(m.delete(&arg(args, 0))))
}
fn map_clear(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    this_map(interp, this, false, "clear")?.clear();
    Ok(Value::Undefined)
}
fn map_size(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::from(
        this_map(interp, this, false, "get size")?.size(),
    ))
}
fn set_add(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    set_insert(this_map(interp, this, true, "add")?, arg(args, 0));
    Ok(this.clone())
}

/// Set.prototype.add's and WeakSet.prototype.add's insertion: the value,
/// unless the set already holds it (its place in the order is kept).
fn set_insert(m: &ValueMap, v: Value) {
    if !m.has(&v) {
        m.set(v.clone(), v);
    }
}
fn set_has(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(
        this_map(interp, this, true, "has")?.has(&arg(args, 0)),
    ))
}
fn set_delete(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(
        this_map(interp, this, true, "delete")?.delete(&arg(args, 0)),
    ))
}
fn set_clear(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    this_map(interp, this, true, "clear")?.clear();
    Ok(Value::Undefined)
}
fn set_size(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::from(
        this_map(interp, this, true, "get size")?.size(),
    ))
}

fn for_each_impl(interp: &mut Interp, this: &Value, args: &[Value], set: bool) -> JsResult<Value> {
    this_map(interp, this, set, "forEach")?;
    let f = arg(args, 0);
    if !is_callable(&f) {
        let shown = crate::inspect::short_description(interp, &f);
        return Err(interp.type_error(format!("{shown} is not a function")));
    }
    let this_arg = arg(args, 1);
    let Value::Object(o) = this else {
        return Ok(Value::Undefined);
    };
    let mut pos = 0;
    loop {
        let entry = match map_entries_of(o, set) {
            Some(m) => m.entry_at(pos),
            None => None,
        };
        let Some(entry) = entry else { break };
        pos += 1;
        if let Some((k, v)) = entry {
            interp.call(&f, &this_arg, &[v, k, this.clone()])?;
        }
    }
    Ok(Value::Undefined)
}
fn map_for_each(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    for_each_impl(interp, this, args, false)
}
fn set_for_each(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    for_each_impl(interp, this, args, true)
}

fn make_iterator(interp: &mut Interp, this: &Value, set: bool, kind: IterKind) -> JsResult<Value> {
    let method = match (kind, set) {
        (IterKind::Entries, _) => "entries",
        (IterKind::Keys, false) => "keys",
        // A Set's `keys` is its `values` function.
        (IterKind::Keys, true) | (IterKind::Values, _) => "values",
    };
    this_map(interp, this, set, method)?;
    let Value::Object(o) = this else {
        return Ok(Value::Undefined);
    };
    let name = if set {
        "%SetIteratorPrototype%"
    } else {
        "%MapIteratorPrototype%"
    };
    let proto = interp.realm.intrinsics.constructor(name);
    let it = interp.alloc_object(
        proto,
        ObjectKind::Host(Box::new(MapIterator {
            target: o.clone(),
            position: Cell::new(0),
            kind,
            done: Cell::new(false),
            is_set: set,
        })),
    );
    Ok(Value::Object(it))
}

fn map_entries(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    make_iterator(interp, this, false, IterKind::Entries)
}
fn map_keys(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    make_iterator(interp, this, false, IterKind::Keys)
}
fn map_values(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    make_iterator(interp, this, false, IterKind::Values)
}
fn set_values(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    make_iterator(interp, this, true, IterKind::Values)
}
fn set_entries(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    make_iterator(interp, this, true, IterKind::Entries)
}

fn map_iterator_next(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let Some(it) = this.as_object().and_then(|o| o.host::<MapIterator>()) else {
        return Err(interp.type_error("next method called on incompatible receiver"));
    };
    if it.done.get() {
        return Ok(create_iter_result_object(interp, Value::Undefined, true));
    }
    let Some(m) = map_entries_of(&it.target, it.is_set) else {
        return Ok(create_iter_result_object(interp, Value::Undefined, true));
    };
    loop {
        let pos = it.position.get();
        match m.entry_at(pos) {
            None => {
                it.done.set(true);
                return Ok(create_iter_result_object(interp, Value::Undefined, true));
            }
            Some(None) => it.position.set(pos + 1),
            Some(Some((k, v))) => {
                it.position.set(pos + 1);
                let r = match it.kind {
                    IterKind::Keys => k,
                    IterKind::Values => v,
                    IterKind::Entries => Value::Object(create_array_from_list(interp, vec![k, v])),
                };
                return Ok(create_iter_result_object(interp, r, false));
            }
        }
    }
}

/// Map.groupBy ( items, callback ) — ECMA-262 §24.1.2.1
fn map_group_by(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let proto = interp.realm.intrinsics.map_prototype.clone();
    let o = interp.alloc_object(Some(proto), ObjectKind::Map(Box::default()));
    crate::builtins::object::group_by(interp, &arg(args, 0), &arg(args, 1), |interp, k, item| {
        if let Some(m) = map_entries_of(&o, false) {
            let list = match m.get(&k) {
                Some(Value::Object(l)) => l,
                _ => {
                    let l = create_array_from_list(interp, Vec::new());
                    m.set(k, Value::Object(l.clone()));
                    l
                }
            };
            list.array_push(item);
        }
        Ok(())
    })?;
    Ok(Value::Object(o))
}

// WeakMap and WeakSet (ECMA-262 §24.3, §24.4): a key that cannot be held
// weakly is never in the collection, so lookups answer "absent" and only
// adding it throws.

fn weak_map_get(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let m = this_coll(interp, this, Coll::WeakMap, "get")?;
    let k = arg(args, 0);
    Ok(if can_be_held_weakly(&k) {
        m.get(&k).unwrap_or_default()
    } else {
        Value::Undefined
    })
}
fn weak_has(interp: &mut Interp, this: &Value, args: &[Value], c: Coll) -> JsResult<Value> {
    let m = this_coll(interp, this, c, "has")?;
    let k = arg(args, 0);
    Ok(Value::Bool(can_be_held_weakly(&k) && m.has(&k)))
}
fn weak_delete(interp: &mut Interp, this: &Value, args: &[Value], c: Coll) -> JsResult<Value> {
    let m = this_coll(interp, this, c, "delete")?;
    let k = arg(args, 0);
    Ok(Value::Bool(can_be_held_weakly(&k) && m.delete(&k)))
}
fn weak_map_has(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    weak_has(interp, this, args, Coll::WeakMap)
}
fn weak_map_delete(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    weak_delete(interp, this, args, Coll::WeakMap)
}
fn weak_set_has(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    weak_has(interp, this, args, Coll::WeakSet)
}
fn weak_set_delete(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    weak_delete(interp, this, args, Coll::WeakSet)
}
fn weak_map_set(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let m = this_coll(interp, this, Coll::WeakMap, "set")?;
    let k = arg(args, 0);
    if !can_be_held_weakly(&k) {
        return Err(interp.type_error("Invalid value used as weak map key"));
    }
    m.set(k, arg(args, 1));
    Ok(this.clone())
}
fn weak_set_add(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let m = this_coll(interp, this, Coll::WeakSet, "add")?;
    let v = arg(args, 0);
    if !can_be_held_weakly(&v) {
        return Err(interp.type_error("Invalid value used in weak set"));
    }
    set_insert(m, v);
    Ok(this.clone())
}

pub(crate) fn init(interp: &mut Interp) {
    let iter_proto = interp.realm.intrinsics.iterator_prototype.clone();
    let tag = interp.realm.intrinsics.symbol_to_string_tag.clone();
    let sym_iter = interp.realm.intrinsics.symbol_iterator.clone();
    let species = interp.realm.intrinsics.symbol_species.clone();

    let map_proto = interp.realm.intrinsics.map_prototype.clone();
    let map_ctor = super::make_constructor(interp, "Map", 0, map_call, map_construct, &map_proto);
    define_methods(interp, &map_ctor, &[("groupBy", map_group_by, 2)]);
    define_methods(
        interp,
        &map_proto,
        &[
            ("clear", map_clear, 0),
            ("delete", map_delete, 1),
            ("entries", map_entries, 0),
            ("forEach", map_for_each, 1),
            ("get", map_get, 1),
            ("has", map_has, 1),
            ("keys", map_keys, 0),
            ("set", map_set, 2),
            ("values", map_values, 0),
        ],
    );
    define_native_accessor(
        interp,
        &map_proto,
        PropertyKey::from("size"),
        Some(map_size),
        None,
        Attributes::new(false, false, true),
    );
    if let Some(e) = map_proto.get_own_data(&PropertyKey::from("entries")) {
        map_proto.define_value(
            PropertyKey::Symbol(sym_iter.clone()),
            e,
            Attributes::hidden(),
        );
    }
    map_proto.define_value(
        PropertyKey::Symbol(tag.clone()),
        Value::from("Map"),
        Attributes::new(false, false, true),
    );

    let set_proto = interp.realm.intrinsics.set_prototype.clone();
    let set_ctor = super::make_constructor(interp, "Set", 0, set_call, set_construct, &set_proto);
    define_methods(
        interp,
        &set_proto,
        &[
            ("add", set_add, 1),
            ("clear", set_clear, 0),
            ("delete", set_delete, 1),
            ("entries", set_entries, 0),
            ("forEach", set_for_each, 1),
            ("has", set_has, 1),
            ("values", set_values, 0),
        ],
    );
    if let Some(v) = set_proto.get_own_data(&PropertyKey::from("values")) {
        set_proto.define_value("keys", v.clone(), Attributes::hidden());
        set_proto.define_value(
            PropertyKey::Symbol(sym_iter.clone()),
            v,
            Attributes::hidden(),
        );
    }
    define_native_accessor(
        interp,
        &set_proto,
        PropertyKey::from("size"),
        Some(set_size),
        None,
        Attributes::new(false, false, true),
    );
    set_proto.define_value(
        PropertyKey::Symbol(tag.clone()),
        Value::from("Set"),
        Attributes::new(false, false, true),
    );

    for c in [&map_ctor, &set_ctor] {
        define_native_accessor(
            interp,
            c,
            PropertyKey::Symbol(species.clone()),
            Some(|_i: &mut Interp, this: &Value, _a: &[Value]| Ok(this.clone())),
            None,
            Attributes::new(false, false, true),
        );
    }

    for (name, label) in [
        ("%MapIteratorPrototype%", "Map Iterator"),
        ("%SetIteratorPrototype%", "Set Iterator"),
    ] {
        let p = interp.alloc_object(Some(iter_proto.clone()), ObjectKind::Ordinary);
        define_methods(interp, &p, &[("next", map_iterator_next, 0)]);
        p.define_value(
            PropertyKey::Symbol(tag.clone()),
            Value::from(label),
            Attributes::new(false, false, true),
        );
        interp.realm.intrinsics.register(name, p);
    }

    let op = interp.realm.intrinsics.object_prototype.clone();
    let wm_proto = interp.alloc_object(Some(op.clone()), ObjectKind::Ordinary);
    super::make_constructor(
        interp,
        "WeakMap",
        0,
        map_call,
        weak_map_construct,
        &wm_proto,
    );
    let wm: &[(&str, NativeFn, u32)] = &[
        ("delete", weak_map_delete, 1),
        ("get", weak_map_get, 1),
        ("has", weak_map_has, 1),
        ("set", weak_map_set, 2),
    ];
    define_methods(interp, &wm_proto, wm);
    wm_proto.define_value(
        PropertyKey::Symbol(tag.clone()),
        Value::from("WeakMap"),
        Attributes::new(false, false, true),
    );
    let ws_proto = interp.alloc_object(Some(op), ObjectKind::Ordinary);
    super::make_constructor(
        interp,
        "WeakSet",
        0,
        set_call,
        weak_set_construct,
        &ws_proto,
    );
    define_methods(
        interp,
        &ws_proto,
        &[
            ("add", weak_set_add, 1),
            ("delete", weak_set_delete, 1),
            ("has", weak_set_has, 1),
        ],
    );
    ws_proto.define_value(
        PropertyKey::Symbol(tag),
        Value::from("WeakSet"),
        Attributes::new(false, false, true),
    );
    let _ = define_symbol_methods;
}
