//! Objects: the heap cell, object kinds, and the internal methods of
//! ordinary objects plus the exotic ones built in here (arrays, strings,
//! arguments) — ECMA-262 §10.1 and §10.4.

use std::any::Any;
use std::cell::{Cell, RefCell};

use gc::{Finalize, Gc, Trace};
use parser::ast::MemberCache;

use crate::environment::Env;
use crate::function::{BoundFunction, NativeFunction, ScriptFunction};
use crate::generator::GeneratorData;
use crate::interp::Interp;
use crate::promise::PromiseData;
use crate::storage::{
    Attributes, Chain, GetTarget, PropertySlot, PropertyStorage, SetTarget, ValueMap,
};
use crate::string::JsString;
use crate::value::{PropertyKey, Symbol, Value};
use crate::{JsError, JsResult};

/// Extension point for object kinds defined outside this crate (the
/// standard library's iterators, typed data, host handles...).
pub trait HostObject: Trace + Any {
    /// The name `util.inspect` shows for the kind, if any.
    fn class_name(&self) -> &str;
    fn as_any(&self) -> &dyn Any;
}

/// `length` of an Array exotic object (ECMA-262 §10.4.2).
#[derive(Trace, Finalize)]
pub struct ArrayData {
    #[unsafe_ignore_trace]
    pub length: Cell<u32>,
    #[unsafe_ignore_trace]
    pub length_writable: Cell<bool>,
}

/// A mapped arguments object's link to its function's parameters.
#[derive(Trace, Finalize)]
pub struct MappedArguments {
    pub env: Env,
    /// For each index, the binding slot it aliases (`None` once unmapped).
    #[unsafe_ignore_trace]
    pub map: RefCell<Vec<Option<usize>>>,
}

/// What kind of object this is: the internal slots beyond the ordinary ones.
#[derive(Trace, Finalize)]
pub enum ObjectKind {
    Ordinary,
    Array(ArrayData),
    Function(Box<ScriptFunction>),
    NativeFunction(Box<NativeFunction>),
    BoundFunction(Box<BoundFunction>),
    Error,
    Boolean(bool),
    Number(f64),
    String(JsString),
    Symbol(Symbol),
    /// A BigInt wrapper object (`Object(1n)`).
    BigInt(crate::bigint::JsBigInt),
    Arguments(Option<Box<MappedArguments>>),
    Generator(Box<GeneratorData>),
    Promise(Box<PromiseData>),
    Map(Box<ValueMap>),
    Set(Box<ValueMap>),
    /// A WeakMap's entries: a kind of its own, so that Map's methods
    /// reject it and WeakMap's reject a Map, as ECMA-262's internal slots
    /// ([[MapData]], [[WeakMapData]]) do. The keys are held strongly (the
    /// `gc` crate has no ephemerons): a key stays alive while its map does.
    WeakMap(Box<ValueMap>),
    /// A WeakSet's values, as `WeakMap`.
    WeakSet(Box<ValueMap>),
    Date(#[unsafe_ignore_trace] Cell<f64>),
    Host(Box<dyn HostObject>),
    /// A module namespace exotic object (ECMA-262 §10.4.6).
    ModuleNamespace(Box<crate::modules::namespace::ModuleNamespace>),
    /// A proxy exotic object (ECMA-262 §10.5): its own storage stays
    /// empty; every internal method goes to `crate::proxy`.
    Proxy(Box<crate::proxy::ProxyData>),
}

/// The heap cell of an object.
#[derive(Trace, Finalize)]
pub struct ObjectData {
    pub(crate) storage: PropertyStorage,
    pub kind: ObjectKind,
}

/// A reference to a heap object. Equality is identity.
#[derive(Clone)]
pub struct JsObject(Gc<ObjectData>);

impl Finalize for JsObject {}
// Safety: forwards to the one `Gc` field.
unsafe impl Trace for JsObject {
    gc::custom_trace!(this, mark(&this.0));
}

impl PartialEq for JsObject {
    fn eq(&self, other: &Self) -> bool {
        Gc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for JsObject {}

impl JsObject {
    /// A copy, as by `clone`, without the `gc` crate's sweep-phase check
    /// (a thread-local read for an unrooted pointer, which every stored
    /// one is): for identifier reads (`BindingStorage::get_if`).
    ///
    /// # Safety
    /// Not called while the collector sweeps (see `Gc::clone_unchecked`):
    /// evaluation never runs then.
    #[inline(always)]
    pub(crate) unsafe fn clone_unchecked(&self) -> JsObject {
        // Safety: passed on to our caller.
        JsObject(unsafe { Gc::clone_unchecked(&self.0) })
    }

    /// The heap cell, as `data`, without the `gc` crate's sweep-phase
    /// check (a thread-local read when this pointer is unrooted, as every
    /// stored one is): for the inline-cache probes of member accesses.
    ///
    /// # Safety
    /// Not called while the collector sweeps (see `Gc::deref_unchecked`):
    /// evaluation never runs then.
    #[inline(always)]
    pub(crate) unsafe fn data_unchecked(&self) -> &ObjectData {
        // Safety: passed on to our caller.
        unsafe { Gc::deref_unchecked(&self.0) }
    }

    /// A copy as `clone` then `Trace::unroot` make it (not a root, the
    /// root count unchanged), without touching the object.
    ///
    /// # Safety
    /// As for `Gc::copy_unrooted`: the copy goes straight into a traced,
    /// unrooted container (`BindingStorage::set_if`).
    #[inline(always)]
    pub(crate) unsafe fn copy_unrooted(&self) -> JsObject {
        // Safety: passed on to our caller.
        JsObject(unsafe { Gc::copy_unrooted(&self.0) })
    }

    /// Whether this handle is a root (see `gc::Gc::is_rooted`): while it is
    /// borrowed, its box lives, so an unrooted copy may stand beside it.
    #[inline(always)]
    pub(crate) fn is_rooted(&self) -> bool {
        Gc::is_rooted(&self.0)
    }
}

/// A property descriptor with optional fields (ECMA-262 §6.2.6).
#[derive(Clone, Default)]
pub struct PropertyDescriptor {
    pub value: Option<Value>,
    pub writable: Option<bool>,
    pub get: Option<Value>,
    pub set: Option<Value>,
    pub enumerable: Option<bool>,
    pub configurable: Option<bool>,
}

impl PropertyDescriptor {
    pub fn data(value: Value, attrs: Attributes) -> Self {
        PropertyDescriptor {
            value: Some(value),
            writable: Some(attrs.writable()),
            get: None,
            set: None,
            enumerable: Some(attrs.enumerable()),
            configurable: Some(attrs.configurable()),
        }
    }
    pub fn accessor(get: Value, set: Value, enumerable: bool, configurable: bool) -> Self {
        PropertyDescriptor {
            value: None,
            writable: None,
            get: Some(get),
            set: Some(set),
            enumerable: Some(enumerable),
            configurable: Some(configurable),
        }
    }
    /// IsAccessorDescriptor — ECMA-262 §6.2.6.1
    pub fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }
    /// IsDataDescriptor — ECMA-262 §6.2.6.2
    pub fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }
    pub fn is_generic(&self) -> bool {
        !self.is_accessor() && !self.is_data()
    }
    fn from_slot(slot: PropertySlot) -> Self {
        match slot {
            PropertySlot::Data(v, a) => PropertyDescriptor::data(v, a),
            PropertySlot::Accessor(g, s, a) => PropertyDescriptor::accessor(
                g.map(Value::Object).unwrap_or_default(),
                s.map(Value::Object).unwrap_or_default(),
                a.enumerable(),
                a.configurable(),
            ),
        }
    }
    pub fn enumerable_or_false(&self) -> bool {
        self.enumerable.unwrap_or(false)
    }
}

/// ArrayDefineOwnProperty's index case (ECMA-262 §10.4.2.1 step 3):
/// `define` defines element `i`; `length` grows past it.
fn array_define_index(a: &ArrayData, i: u32, define: impl FnOnce() -> bool) -> bool {
    let len = a.length.get();
    if i >= len && !a.length_writable.get() {
        return false;
    }
    if !define() {
        return false;
    }
    if i >= len {
        a.length.set(i + 1);
    }
    true
}

/// Whether `kind`'s [[GetOwnProperty]] for `key` is a plain read of its
/// property storage (see `JsObject::get_own_property` for the exceptions).
fn plain_own_lookup(kind: &ObjectKind, key: &PropertyKey) -> bool {
    match key {
        PropertyKey::Index(_) => !matches!(
            kind,
            ObjectKind::String(_)
                | ObjectKind::ModuleNamespace(_)
                | ObjectKind::Arguments(Some(_))
                | ObjectKind::Proxy(_)
        ),
        _ => plain_named_lookup(
            kind,
            || matches!(key, PropertyKey::String(s) if s.as_ascii() == Some("length")),
        ),
    }
}

/// An own data property of a shaped object at `site`'s recorded slot,
/// for an object whose named lookups read its storage only.
#[inline(always)]
fn own_shaped_hit(d: &ObjectData, site: &MemberCache) -> Option<Value> {
    if !named_reads_storage(&d.kind) {
        return None;
    }
    d.storage.cached_own_shaped(site)
}

/// Whether an object of `kind` reads every named key from its storage
/// alone (not an array's or String object's `length`, a namespace's
/// exports or a proxy's traps): the objects whose own shaped hits
/// `own_shaped_hit` and `cached_own_named_look` may take.
#[inline(always)]
fn named_reads_storage(kind: &ObjectKind) -> bool {
    !matches!(
        kind,
        ObjectKind::Array(_)
            | ObjectKind::String(_)
            | ObjectKind::ModuleNamespace(_)
            | ObjectKind::Proxy(_)
    )
}

/// An array's `length` when `name` is "length": an own, non-configurable
/// data property kept outside the storage, so [[Get]] returns it whatever
/// the prototypes hold.
#[inline(always)]
fn array_length(d: &ObjectData, name: &str) -> Option<Value> {
    match &d.kind {
        ObjectKind::Array(a) if name == "length" => Some(Value::from(a.length.get())),
        _ => None,
    }
}

/// `plain_own_lookup` for a named (non-index) key; `is_length` tells
/// whether the key is "length" (asked only of arrays and String objects,
/// whose `length` is not kept in storage; a String object's other named
/// properties are ordinary ones).
#[inline(always)]
fn plain_named_lookup(kind: &ObjectKind, is_length: impl FnOnce() -> bool) -> bool {
    match kind {
        ObjectKind::Array(_) | ObjectKind::String(_) => !is_length(),
        ObjectKind::ModuleNamespace(_) | ObjectKind::Proxy(_) => false,
        _ => true,
    }
}

/// `n` as an array index (an integer in 0..2^32-1), as a vector index.
#[inline]
fn dense_index(n: f64) -> Option<usize> {
    let i = n as u32;
    (i as f64 == n && i != u32::MAX).then_some(i as usize)
}

/// The value a found property gives [[Get]]: its value, or its getter's
/// result.
fn slot_value(interp: &mut Interp, slot: PropertySlot, receiver: &Value) -> JsResult<Value> {
    match slot {
        PropertySlot::Data(v, _) => Ok(v),
        PropertySlot::Accessor(Some(g), _, _) => interp.call(&Value::Object(g), receiver, &[]),
        PropertySlot::Accessor(None, _, _) => Ok(Value::Undefined),
    }
}

fn func_of(v: &Option<Value>) -> Option<JsObject> {
    match v {
        Some(Value::Object(o)) => Some(o.clone()),
        _ => None,
    }
}

impl JsObject {
    /// Allocates an object. Use `Interp::alloc_object` so that the
    /// `gc-stress` feature and the collection policy apply.
    pub(crate) fn new_raw(proto: Option<JsObject>, kind: ObjectKind) -> JsObject {
        JsObject(Gc::new(ObjectData {
            storage: PropertyStorage::new(proto),
            kind,
        }))
    }

    /// `new_raw` of an ordinary object: its fields are written straight
    /// into the new box, already unrooted (no copy of a value built on the
    /// stack, no unroot walk of the fresh storage).
    #[inline(always)]
    pub(crate) fn new_ordinary_raw(proto: Option<JsObject>) -> JsObject {
        // Safety: `init` writes a whole `ObjectData`. Its only `Gc` is the
        // prototype, copied unrooted, and `proto` (a root of the same box)
        // lives until the box is made.
        let obj = unsafe {
            let unrooted = proto.as_ref().map(|p| p.copy_unrooted());
            JsObject(Gc::new_in_place(|data: *mut ObjectData| {
                data.write(ObjectData {
                    storage: PropertyStorage::new_unrooted(unrooted),
                    kind: ObjectKind::Ordinary,
                })
            }))
        };
        drop(proto);
        obj
    }

    pub fn kind(&self) -> &ObjectKind {
        &self.0.kind
    }

    pub(crate) fn storage(&self) -> &PropertyStorage {
        &self.0.storage
    }

    /// The heap cell (its kind and storage with one dereference).
    #[inline]
    pub(crate) fn data(&self) -> &ObjectData {
        &self.0
    }

    /// A stable identity for this object while it is alive.
    pub fn ptr_id(&self) -> usize {
        Gc::as_ptr(&self.0) as *const u8 as usize
    }

    pub fn is_array(&self) -> bool {
        matches!(self.0.kind, ObjectKind::Array(_))
    }

    /// IsCallable — ECMA-262 §7.2.3
    pub fn is_callable(&self) -> bool {
        match &self.0.kind {
            ObjectKind::Function(_)
            | ObjectKind::NativeFunction(_)
            | ObjectKind::BoundFunction(_) => true,
            ObjectKind::Proxy(p) => p.is_callable(),
            _ => false,
        }
    }

    /// IsConstructor — ECMA-262 §7.2.4
    pub fn is_constructor(&self) -> bool {
        match &self.0.kind {
            ObjectKind::Function(f) => f.is_constructor(),
            ObjectKind::NativeFunction(f) => f.constructor.is_some(),
            ObjectKind::BoundFunction(b) => b.target.is_constructor(),
            ObjectKind::Proxy(p) => p.is_constructor(),
            _ => false,
        }
    }

    pub fn host<T: 'static>(&self) -> Option<&T> {
        match &self.0.kind {
            ObjectKind::Host(h) => h.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }

    // ---- [[GetPrototypeOf]] / [[SetPrototypeOf]] / extensibility ----

    /// The prototype, read without running JavaScript (a proxy's is its
    /// target's, as `util.inspect` shows it; `try_get_prototype_of` runs
    /// the trap).
    pub fn prototype(&self) -> Option<JsObject> {
        if let Some(t) = self.proxy_target() {
            return t.prototype();
        }
        self.0.storage.proto()
    }

    /// A live proxy's target (`None` for other objects and revoked
    /// proxies): the object the infallible internal methods see through
    /// to.
    fn proxy_target(&self) -> Option<&JsObject> {
        match &self.0.kind {
            ObjectKind::Proxy(p) => p.target(),
            _ => None,
        }
    }

    /// OrdinarySetPrototypeOf — ECMA-262 §10.1.2.1
    pub fn set_prototype_of(&self, proto: Option<JsObject>) -> bool {
        if let ObjectKind::Proxy(p) = &self.0.kind {
            return p.target().is_some_and(|t| t.set_prototype_of(proto));
        }
        let current = self.prototype();
        if current == proto {
            return true;
        }
        if !self.is_extensible() {
            return false;
        }
        let mut p = proto.clone();
        while let Some(o) = p {
            if o == *self {
                return false;
            }
            p = o.prototype();
        }
        self.0.storage.set_proto(proto);
        true
    }

    pub fn is_extensible(&self) -> bool {
        if let ObjectKind::Proxy(p) = &self.0.kind {
            return p.target().is_some_and(|t| t.is_extensible());
        }
        self.0.storage.extensible()
    }

    pub fn prevent_extensions(&self) -> bool {
        if let ObjectKind::Proxy(p) = &self.0.kind {
            return p.target().is_some_and(|t| t.prevent_extensions());
        }
        self.0.storage.set_extensible(false);
        true
    }

    // ---- [[GetOwnProperty]] ----

    /// [[GetOwnProperty]] — ECMA-262 §10.1.5 (with the exotic cases).
    pub fn get_own_property(&self, key: &PropertyKey) -> Option<PropertyDescriptor> {
        match (&self.0.kind, key) {
            (ObjectKind::Array(a), PropertyKey::String(s)) if s.as_ascii() == Some("length") => {
                return Some(PropertyDescriptor::data(
                    Value::Number(a.length.get() as f64),
                    Attributes::new(a.length_writable.get(), false, false),
                ));
            }
            (ObjectKind::String(s), PropertyKey::Index(i)) => {
                if let Some(u) = s.code_unit_at(*i as usize) {
                    return Some(PropertyDescriptor::data(
                        Value::String(JsString::from_utf16(&[u])),
                        Attributes::new(false, true, false),
                    ));
                }
            }
            (ObjectKind::String(s), PropertyKey::String(k)) if k.as_ascii() == Some("length") => {
                return Some(PropertyDescriptor::data(
                    Value::Number(s.len() as f64),
                    Attributes::none(),
                ));
            }
            (ObjectKind::ModuleNamespace(ns), k) if !k.is_symbol() => {
                if let Some(v) = ns.get(&crate::modules::namespace::export_name(k)) {
                    return Some(PropertyDescriptor::data(
                        v,
                        crate::modules::namespace::ModuleNamespace::attributes(),
                    ));
                }
            }
            (ObjectKind::Arguments(Some(m)), PropertyKey::Index(i)) => {
                let slot = self.0.storage.get(key)?;
                let mapped = m.map.borrow().get(*i as usize).copied().flatten();
                let mut desc = PropertyDescriptor::from_slot(slot);
                if let Some(b) = mapped {
                    desc.value = Some(m.env.bindings().get(b));
                }
                return Some(desc);
            }
            (ObjectKind::Proxy(p), _) => return p.target()?.get_own_property(key),
            _ => {}
        }
        self.0.storage.get(key).map(PropertyDescriptor::from_slot)
    }

    /// Fast own lookup returning the raw slot (no exotic handling beyond
    /// what `get_own_property` does for the common cases).
    fn own_slot(&self, key: &PropertyKey) -> Option<PropertySlot> {
        match &self.0.kind {
            ObjectKind::Ordinary
            | ObjectKind::Function(_)
            | ObjectKind::NativeFunction(_)
            | ObjectKind::Error => self.0.storage.get(key),
            ObjectKind::Array(_) if matches!(key, PropertyKey::Index(_)) => self.0.storage.get(key),
            _ => self.get_own_property(key).map(|d| {
                if d.is_accessor() {
                    PropertySlot::Accessor(
                        func_of(&d.get),
                        func_of(&d.set),
                        Attributes::new(
                            false,
                            d.enumerable_or_false(),
                            d.configurable.unwrap_or(false),
                        ),
                    )
                } else {
                    let attrs = Attributes::new(
                        d.writable.unwrap_or(false),
                        d.enumerable_or_false(),
                        d.configurable.unwrap_or(false),
                    );
                    PropertySlot::Data(d.value.unwrap_or_default(), attrs)
                }
            }),
        }
    }

    // ---- [[DefineOwnProperty]] ----

    /// [[DefineOwnProperty]] — ECMA-262 §10.1.6 / §10.4.2.1 (arrays) /
    /// §10.4.4.2 (arguments).
    pub fn define_own_property(
        &self,
        interp: &mut Interp,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        match &self.0.kind {
            ObjectKind::Proxy(p) => crate::proxy::define_own_property(interp, p, key, desc),
            // §10.4.6.6: only a redefinition that changes nothing succeeds.
            ObjectKind::ModuleNamespace(_) if !key.is_symbol() => {
                let Some(cur) = self.get_own_property(&key) else {
                    return Ok(false);
                };
                Ok(desc.configurable != Some(true)
                    && desc.enumerable != Some(false)
                    && !desc.is_accessor()
                    && desc.writable != Some(false)
                    && desc.value.as_ref().is_none_or(|v| {
                        crate::operations::same_value(
                            v,
                            cur.value.as_ref().unwrap_or(&Value::Undefined),
                        )
                    }))
            }
            ObjectKind::Array(a) => {
                if let PropertyKey::String(s) = &key {
                    if s.as_ascii() == Some("length") {
                        return self.array_set_length(interp, a, desc);
                    }
                }
                if let PropertyKey::Index(i) = key {
                    return Ok(array_define_index(a, i, || {
                        self.ordinary_define_own_property(key, desc)
                    }));
                }
                Ok(self.ordinary_define_own_property(key, desc))
            }
            ObjectKind::String(s) => {
                let is_own = match &key {
                    PropertyKey::Index(i) => (*i as usize) < s.len(),
                    PropertyKey::String(k) => k.as_ascii() == Some("length"),
                    _ => false,
                };
                if is_own {
                    // Only compatible redefinitions of the immutable string
                    // properties succeed.
                    let current = self.get_own_property(&key);
                    return Ok(match current {
                        Some(cur) => {
                            desc.configurable != Some(true)
                                && desc.writable != Some(true)
                                && !desc.is_accessor()
                                && desc.enumerable.is_none_or(|e| Some(e) == cur.enumerable)
                                && desc.value.as_ref().is_none_or(|v| {
                                    crate::operations::same_value(
                                        v,
                                        cur.value.as_ref().unwrap_or(&Value::Undefined),
                                    )
                                })
                        }
                        None => false,
                    });
                }
                Ok(self.ordinary_define_own_property(key, desc))
            }
            ObjectKind::Arguments(Some(m)) => {
                if let PropertyKey::Index(i) = key {
                    let mapped = m.map.borrow().get(i as usize).copied().flatten();
                    let mut new_desc = desc.clone();
                    if let Some(b) = mapped {
                        if desc.is_data() && desc.value.is_none() && desc.writable == Some(false) {
                            new_desc.value = Some(m.env.bindings().get(b));
                        }
                    }
                    if !self.ordinary_define_own_property(key.clone(), new_desc) {
                        return Ok(false);
                    }
                    if let Some(b) = mapped {
                        if desc.is_accessor() {
                            m.map.borrow_mut()[i as usize] = None;
                        } else {
                            if let Some(v) = &desc.value {
                                m.env.bindings().set(b, v.clone());
                            }
                            if desc.writable == Some(false) {
                                m.map.borrow_mut()[i as usize] = None;
                            }
                        }
                    }
                    return Ok(true);
                }
                Ok(self.ordinary_define_own_property(key, desc))
            }
            _ => Ok(self.ordinary_define_own_property(key, desc)),
        }
    }

    /// ArraySetLength — ECMA-262 §10.4.2.4
    fn array_set_length(
        &self,
        interp: &mut Interp,
        a: &ArrayData,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        // What OrdinaryDefineOwnProperty rejects for a non-configurable
        // data property (checked after the conversions below, as the spec's
        // order makes observable).
        let invalid =
            desc.is_accessor() || desc.configurable == Some(true) || desc.enumerable == Some(true);
        let Some(v) = desc.value.clone() else {
            if invalid {
                return Ok(false);
            }
            if desc.writable == Some(true) && !a.length_writable.get() {
                return Ok(false);
            }
            if desc.writable == Some(false) {
                a.length_writable.set(false);
            }
            return Ok(true);
        };
        let new_len = crate::operations::to_uint32(interp, &v)?;
        let number_len = crate::operations::to_number(interp, &v)?;
        if new_len as f64 != number_len {
            return Err(interp.range_error("Invalid array length"));
        }
        if invalid {
            return Ok(false);
        }
        let old = a.length.get();
        if new_len == old {
            if desc.writable == Some(true) && !a.length_writable.get() {
                return Ok(false);
            }
            if desc.writable == Some(false) {
                a.length_writable.set(false);
            }
            return Ok(true);
        }
        if !a.length_writable.get() {
            return Ok(false);
        }
        if new_len < old {
            let ok = self.0.storage.truncate_indices(new_len);
            if !ok {
                let end = self.0.storage.index_end();
                a.length.set(end);
                if desc.writable == Some(false) {
                    a.length_writable.set(false);
                }
                return Ok(false);
            }
        }
        a.length.set(new_len);
        if desc.writable == Some(false) {
            a.length_writable.set(false);
        }
        Ok(true)
    }

    /// OrdinaryDefineOwnProperty + ValidateAndApplyPropertyDescriptor —
    /// ECMA-262 §10.1.6.1 / §10.1.6.3
    pub fn ordinary_define_own_property(&self, key: PropertyKey, desc: PropertyDescriptor) -> bool {
        let current = self.0.storage.get(&key);
        let Some(current) = current else {
            if !self.is_extensible() {
                return false;
            }
            let enumerable = desc.enumerable.unwrap_or(false);
            let configurable = desc.configurable.unwrap_or(false);
            let slot = if desc.is_accessor() {
                PropertySlot::Accessor(
                    func_of(&desc.get),
                    func_of(&desc.set),
                    Attributes::new(false, enumerable, configurable),
                )
            } else {
                PropertySlot::Data(
                    desc.value.unwrap_or_default(),
                    Attributes::new(desc.writable.unwrap_or(false), enumerable, configurable),
                )
            };
            self.0.storage.insert(key, slot);
            return true;
        };
        let attrs = current.attributes();
        if !attrs.configurable() {
            if desc.configurable == Some(true) {
                return false;
            }
            if desc.enumerable.is_some_and(|e| e != attrs.enumerable()) {
                return false;
            }
            match &current {
                PropertySlot::Data(v, a) => {
                    if desc.is_accessor() {
                        return false;
                    }
                    if !a.writable() {
                        if desc.writable == Some(true) {
                            return false;
                        }
                        if let Some(nv) = &desc.value {
                            if !crate::operations::same_value(nv, v) {
                                return false;
                            }
                        }
                    }
                }
                PropertySlot::Accessor(g, s, _) => {
                    if desc.is_data() {
                        return false;
                    }
                    if let Some(ng) = &desc.get {
                        if func_of(&Some(ng.clone())) != *g {
                            return false;
                        }
                    }
                    if let Some(ns) = &desc.set {
                        if func_of(&Some(ns.clone())) != *s {
                            return false;
                        }
                    }
                }
            }
        }
        let enumerable = desc.enumerable.unwrap_or(attrs.enumerable());
        let configurable = desc.configurable.unwrap_or(attrs.configurable());
        let new_slot = match current {
            PropertySlot::Data(v, a) if !desc.is_accessor() => PropertySlot::Data(
                desc.value.unwrap_or(v),
                Attributes::new(
                    desc.writable.unwrap_or(a.writable()),
                    enumerable,
                    configurable,
                ),
            ),
            PropertySlot::Data(..) => PropertySlot::Accessor(
                func_of(&desc.get),
                func_of(&desc.set),
                Attributes::new(false, enumerable, configurable),
            ),
            PropertySlot::Accessor(g, s, _) if !desc.is_data() => PropertySlot::Accessor(
                if desc.get.is_some() {
                    func_of(&desc.get)
                } else {
                    g
                },
                if desc.set.is_some() {
                    func_of(&desc.set)
                } else {
                    s
                },
                Attributes::new(false, enumerable, configurable),
            ),
            PropertySlot::Accessor(..) => PropertySlot::Data(
                desc.value.unwrap_or_default(),
                Attributes::new(desc.writable.unwrap_or(false), enumerable, configurable),
            ),
        };
        self.0.storage.insert(key, new_slot);
        true
    }

    // ---- [[HasProperty]] ----

    /// [[HasProperty]] — ECMA-262 §10.1.7 (§10.5.7 for a proxy met on
    /// the way).
    pub fn has_property(&self, interp: &mut Interp, key: &PropertyKey) -> JsResult<bool> {
        let d: &ObjectData = &self.0;
        let mut o = if plain_own_lookup(&d.kind, key) {
            match d.storage.chain_has(key, plain_own_lookup) {
                Chain::Found(..) => return Ok(true),
                Chain::Missing => return Ok(false),
                Chain::Exotic(o) => o,
            }
        } else {
            self.clone()
        };
        loop {
            if let ObjectKind::Proxy(p) = &o.0.kind {
                return crate::proxy::has(interp, p, key);
            }
            if o.has_own_property(key) {
                return Ok(true);
            }
            match o.prototype() {
                Some(p) => o = p,
                None => return Ok(false),
            }
        }
    }

    // ---- The internal methods that run a proxy's traps ----
    //
    // Each is the infallible method of the same name for every object but
    // a proxy, whose trap may run JavaScript and throw.

    /// [[GetPrototypeOf]] ( ) — ECMA-262 §10.1.1 / §10.5.1
    pub fn try_get_prototype_of(&self, interp: &mut Interp) -> JsResult<Option<JsObject>> {
        match &self.0.kind {
            ObjectKind::Proxy(p) => crate::proxy::get_prototype_of(interp, p),
            _ => Ok(self.0.storage.proto()),
        }
    }

    /// [[SetPrototypeOf]] ( V ) — ECMA-262 §10.1.2 / §10.5.2
    pub fn try_set_prototype_of(
        &self,
        interp: &mut Interp,
        proto: Option<JsObject>,
    ) -> JsResult<bool> {
        match &self.0.kind {
            ObjectKind::Proxy(p) => crate::proxy::set_prototype_of(interp, p, proto),
            _ => Ok(self.set_prototype_of(proto)),
        }
    }

    /// [[IsExtensible]] ( ) — ECMA-262 §10.1.3 / §10.5.3
    pub fn try_is_extensible(&self, interp: &mut Interp) -> JsResult<bool> {
        match &self.0.kind {
            ObjectKind::Proxy(p) => crate::proxy::is_extensible(interp, p),
            _ => Ok(self.is_extensible()),
        }
    }

    /// [[PreventExtensions]] ( ) — ECMA-262 §10.1.4 / §10.5.4
    pub fn try_prevent_extensions(&self, interp: &mut Interp) -> JsResult<bool> {
        match &self.0.kind {
            ObjectKind::Proxy(p) => crate::proxy::prevent_extensions(interp, p),
            _ => Ok(self.prevent_extensions()),
        }
    }

    /// [[GetOwnProperty]] ( P ) — ECMA-262 §10.1.5 / §10.5.5
    pub fn try_get_own_property(
        &self,
        interp: &mut Interp,
        key: &PropertyKey,
    ) -> JsResult<Option<PropertyDescriptor>> {
        match &self.0.kind {
            ObjectKind::Proxy(p) => crate::proxy::get_own_property(interp, p, key),
            _ => Ok(self.get_own_property(key)),
        }
    }

    /// HasOwnProperty ( O, P ) — ECMA-262 §7.3.12
    pub fn try_has_own_property(&self, interp: &mut Interp, key: &PropertyKey) -> JsResult<bool> {
        match &self.0.kind {
            ObjectKind::Proxy(p) => Ok(crate::proxy::get_own_property(interp, p, key)?.is_some()),
            _ => Ok(self.has_own_property(key)),
        }
    }

    /// [[Delete]] ( P ) — ECMA-262 §10.1.10 / §10.5.10
    pub fn try_delete(&self, interp: &mut Interp, key: &PropertyKey) -> JsResult<bool> {
        match &self.0.kind {
            ObjectKind::Proxy(p) => crate::proxy::delete(interp, p, key),
            _ => Ok(self.delete(key)),
        }
    }

    /// [[OwnPropertyKeys]] ( ) — ECMA-262 §10.1.11 / §10.5.11
    pub fn try_own_property_keys(&self, interp: &mut Interp) -> JsResult<Vec<PropertyKey>> {
        match &self.0.kind {
            ObjectKind::Proxy(p) => crate::proxy::own_property_keys(interp, p),
            _ => Ok(self.own_property_keys()),
        }
    }

    pub fn has_own_property(&self, key: &PropertyKey) -> bool {
        match &self.0.kind {
            ObjectKind::Ordinary | ObjectKind::Function(_) | ObjectKind::NativeFunction(_) => {
                self.0.storage.contains(key)
            }
            ObjectKind::ModuleNamespace(ns) if ns.is_export(key) => true,
            _ => self.get_own_property(key).is_some(),
        }
    }

    // ---- [[Get]] ----

    /// [[Get]] — ECMA-262 §10.1.8 (OrdinaryGet)
    pub fn get(&self, interp: &mut Interp, key: &PropertyKey, receiver: &Value) -> JsResult<Value> {
        self.get_at_site(interp, key, receiver, &MemberCache::default())
    }

    /// [[Get]] from a member-access site whose cache is `site` (see
    /// `PropertyStorage::chain_get_target`).
    pub fn get_at_site(
        &self,
        interp: &mut Interp,
        key: &PropertyKey,
        receiver: &Value,
        site: &MemberCache,
    ) -> JsResult<Value> {
        let d: &ObjectData = &self.0;
        let mut o = if plain_own_lookup(&d.kind, key) {
            // The common case: a walk over plain storages, no clones.
            match d.storage.chain_get_target(key, plain_own_lookup, site) {
                Chain::Found(GetTarget::Value(v), _) => return Ok(v),
                Chain::Found(GetTarget::Getter(Some(g)), _) => {
                    return interp.call(&Value::Object(g), receiver, &[])
                }
                Chain::Found(GetTarget::Getter(None), _) => return Ok(Value::Undefined),
                Chain::Missing => return Ok(Value::Undefined),
                Chain::Exotic(o) => o,
            }
        } else {
            if let ObjectKind::ModuleNamespace(ns) = &d.kind {
                // §10.4.6.8: an export in its TDZ throws.
                if let Some(r) = ns.get_export(interp, key) {
                    return r;
                }
            }
            self.clone()
        };
        loop {
            if let ObjectKind::Proxy(p) = &o.0.kind {
                return crate::proxy::get(interp, p, key, receiver);
            }
            if let Some(slot) = o.own_slot(key) {
                return slot_value(interp, slot, receiver);
            }
            match o.prototype() {
                Some(p) => o = p,
                None => return Ok(Value::Undefined),
            }
        }
    }

    /// [[Get]]'s inline-cache hit at the member-access site `o.name`
    /// whose cache is `site`, tried before the site makes its key: the
    /// value if `site` names a data property that this object and its
    /// prototypes still lead to (see `PropertyStorage::cached_get`).
    #[inline(always)]
    pub(crate) fn cached_get_named(&self, name: &str, site: &MemberCache) -> Option<Value> {
        // Safety: a member access is evaluation, which never runs during a
        // sweep (vendor/gc/PATCH.md).
        let d: &ObjectData = unsafe { self.data_unchecked() };
        // An own property of an object whose lookup of every named key is
        // a plain storage read: tried in line at the site.
        if let Some(v) = own_shaped_hit(d, site) {
            return Some(v);
        }
        self.cached_get_named_rest(name, site)
    }

    /// `cached_get_named`'s in-line case alone: the site names an own
    /// data property of this object's layout and the object's lookup of
    /// every named key is a plain storage read. For operands read in
    /// place; `None` leaves the rest to the member-access path.
    /// An array's `length` too (an own data property kept outside the
    /// storage), whatever the site's cache holds.
    #[inline(always)]
    pub(crate) fn cached_get_own_named(&self, name: &str, site: &MemberCache) -> Option<Value> {
        // Safety: as in `cached_get_named`.
        let d: &ObjectData = unsafe { self.data_unchecked() };
        // (Not `Option::or_else`: that was left out of line, a call on
        // every read.)
        match array_length(d, name) {
            Some(v) => Some(v),
            None => own_shaped_hit(d, site),
        }
    }

    /// `cached_get_own_named` with the value looked at where it is stored
    /// (see `PropertyStorage::cached_own_shaped_look`) rather than copied.
    ///
    /// # Safety
    /// `look` only reads: it runs no JavaScript, stores into no object or
    /// binding and allocates no `Gc`.
    #[inline(always)]
    pub(crate) unsafe fn cached_own_named_look<R>(
        &self,
        name: &str,
        site: &MemberCache,
        look: impl FnOnce(&Value) -> R,
    ) -> Option<R> {
        // Safety: as in `cached_get_named`.
        let d: &ObjectData = unsafe { self.data_unchecked() };
        if let Some(v) = array_length(d, name) {
            return Some(look(&v));
        }
        if !named_reads_storage(&d.kind) {
            return None;
        }
        // Safety: passed on to our caller.
        unsafe { d.storage.cached_own_shaped_look(site, look) }
    }

    /// `cached_get_named` past its in-line case: a prototype's property,
    /// a dictionary, an array's `length`, a miss.
    #[inline(never)]
    fn cached_get_named_rest(&self, name: &str, site: &MemberCache) -> Option<Value> {
        // Safety: as in `cached_get_named`.
        let d: &ObjectData = unsafe { self.data_unchecked() };
        let plain = |kind: &ObjectKind| plain_named_lookup(kind, || name == "length");
        if !plain(&d.kind) {
            return array_length(d, name);
        }
        if let Some(v) = d.storage.cached_proto_shaped(plain, site) {
            return Some(v);
        }
        d.storage.cached_get_named(plain, site)
    }

    /// [[Set]]'s inline-cache hit at the member-access site `o.name = v`
    /// (this object is the receiver): stores `value` if `site` names a
    /// writable own data property of this object's layout (what
    /// `set_at_site` would store into), or adds the property if the add
    /// transition `site` recorded still applies (see
    /// `PropertyStorage::cached_add`); otherwise hands `value` back.
    #[inline(always)]
    pub(crate) fn cached_set_named(&self, value: Value, site: &MemberCache) -> Result<(), Value> {
        // Safety: as in `cached_get_named`.
        let d: &ObjectData = unsafe { self.data_unchecked() };
        if !matches!(
            d.kind,
            ObjectKind::Ordinary | ObjectKind::Function(_) | ObjectKind::Error
        ) {
            return Err(value);
        }
        match d.storage.cached_set_own(value, site) {
            Ok(()) => Ok(()),
            // Or the add transition the site recorded. Without the key, a
            // prototype whose lookup of some named key is exotic (an
            // array's or String object's `length`) is not taken as plain.
            Err(value) => {
                d.storage
                    .cached_add_named(value, |kind| plain_named_lookup(kind, || true), site)
            }
        }
    }

    // ---- [[Set]] ----

    /// [[Set]] — ECMA-262 §10.1.9 (OrdinarySet / OrdinarySetWithOwnDescriptor)
    pub fn set(
        &self,
        interp: &mut Interp,
        key: PropertyKey,
        value: Value,
        receiver: &Value,
    ) -> JsResult<bool> {
        self.set_at_site(interp, &key, value, receiver, &MemberCache::default())
    }

    /// [[Set]] from a member-access site whose cache is `site` (see
    /// `get_at_site`).
    pub fn set_at_site(
        &self,
        interp: &mut Interp,
        key: &PropertyKey,
        mut value: Value,
        receiver: &Value,
        site: &MemberCache,
    ) -> JsResult<bool> {
        // §10.4.6.9: a namespace's [[Set]] always fails.
        if let ObjectKind::ModuleNamespace(_) = self.0.kind {
            return Ok(false);
        }
        // Fast path: a plain receiver whose own property and prototypes'
        // properties are plain storage reads (OrdinarySetWithOwnDescriptor
        // with the walk done by `chain_set_target`).
        let d: &ObjectData = &self.0;
        if let (Value::Object(r), ObjectKind::Array(a), PropertyKey::Index(i)) =
            (receiver, &d.kind, key)
        {
            // An array element: overwrite a dense one, or add one when no
            // prototype has the index (ArrayDefineOwnProperty's index case).
            if r == self {
                let i = *i;
                let value = match d.storage.set_dense(i, value) {
                    Ok(()) => return Ok(true),
                    Err(v) => v,
                };
                if let Chain::Missing = d.storage.chain_has(key, plain_own_lookup) {
                    return Ok(array_define_index(a, i, || {
                        self.add_data_property(key.clone(), value)
                    }));
                }
                return self.set_general(interp, key.clone(), value, receiver);
            }
        }
        if let Value::Object(r) = receiver {
            if r == self
                && matches!(
                    d.kind,
                    ObjectKind::Ordinary | ObjectKind::Function(_) | ObjectKind::Error
                )
            {
                // (A site caches either an own property or an add.)
                value = match d.storage.cached_add(key, value, plain_own_lookup, site) {
                    Ok(()) => return Ok(true),
                    Err(v) => v,
                };
                value = match d.storage.set_own_writable(key, value, site) {
                    Ok(()) => return Ok(true),
                    Err(v) => v,
                };
                match d.storage.chain_set_target(key, plain_own_lookup, site) {
                    Chain::Found(SetTarget::Data(a), own) => {
                        if !a.writable() {
                            return Ok(false);
                        }
                        if own {
                            // (Not reached: `set_own_writable` stores those.)
                            d.storage.set_data_value(key, value);
                            return Ok(true);
                        }
                        return Ok(self.add_data_property(key.clone(), value));
                    }
                    Chain::Found(SetTarget::Accessor(setter), _) => {
                        return match setter {
                            Some(s) => {
                                interp.call(&Value::Object(s), receiver, &[value])?;
                                Ok(true)
                            }
                            None => Ok(false),
                        };
                    }
                    Chain::Missing => {
                        let old = d.storage.layout_id();
                        let added = self.add_data_property(key.clone(), value);
                        if added {
                            d.storage.record_add(key, plain_own_lookup, old, site);
                        }
                        return Ok(added);
                    }
                    Chain::Exotic(_) => {}
                }
            }
        }
        self.set_general(interp, key.clone(), value, receiver)
    }

    /// [[Set]]'s general case: the walk with each object's own lookup.
    fn set_general(
        &self,
        interp: &mut Interp,
        key: PropertyKey,
        value: Value,
        receiver: &Value,
    ) -> JsResult<bool> {
        let mut o = self.clone();
        let own_desc = loop {
            if let ObjectKind::Proxy(p) = &o.0.kind {
                return crate::proxy::set(interp, p, key, value, receiver);
            }
            if let Some(slot) = o.own_slot(&key) {
                break Some(slot);
            }
            match o.prototype() {
                Some(p) => o = p,
                None => break None,
            }
        };
        match own_desc {
            Some(PropertySlot::Accessor(_, setter, _)) => match setter {
                Some(s) => {
                    interp.call(&Value::Object(s), receiver, &[value])?;
                    Ok(true)
                }
                None => Ok(false),
            },
            Some(PropertySlot::Data(_, a)) if !a.writable() => Ok(false),
            _ => {
                let Value::Object(r) = receiver else {
                    return Ok(false);
                };
                match r.try_get_own_property(interp, &key)? {
                    Some(existing) => {
                        if existing.is_accessor() || existing.writable == Some(false) {
                            return Ok(false);
                        }
                        r.define_own_property(
                            interp,
                            key,
                            PropertyDescriptor {
                                value: Some(value),
                                ..Default::default()
                            },
                        )
                    }
                    None => r.define_own_property(
                        interp,
                        key,
                        PropertyDescriptor::data(value, Attributes::all()),
                    ),
                }
            }
        }
    }

    /// CreateDataProperty on an ordinary object known not to have `key`
    /// (OrdinaryDefineOwnProperty's "no current property" case).
    fn add_data_property(&self, key: PropertyKey, value: Value) -> bool {
        if !self.is_extensible() {
            return false;
        }
        self.0
            .storage
            .insert(key, PropertySlot::Data(value, Attributes::all()));
        true
    }

    // ---- [[Delete]] ----

    /// [[Delete]] — ECMA-262 §10.1.10
    pub fn delete(&self, key: &PropertyKey) -> bool {
        match &self.0.kind {
            ObjectKind::ModuleNamespace(ns) if ns.is_export(key) => return false,
            ObjectKind::Proxy(p) => return p.target().is_none_or(|t| t.delete(key)),
            _ => {}
        }
        match self.get_own_property(key) {
            None => true,
            Some(d) => {
                if d.configurable != Some(true) {
                    return false;
                }
                if let (ObjectKind::Arguments(Some(m)), PropertyKey::Index(i)) = (&self.0.kind, key)
                {
                    if let Some(e) = m.map.borrow_mut().get_mut(*i as usize) {
                        *e = None;
                    }
                }
                self.0.storage.remove(key);
                true
            }
        }
    }

    // ---- [[OwnPropertyKeys]] ----

    /// [[OwnPropertyKeys]] — ECMA-262 §10.1.11
    pub fn own_property_keys(&self) -> Vec<PropertyKey> {
        match &self.0.kind {
            ObjectKind::Array(_) => {
                let mut keys = self.0.storage.keys();
                let pos = keys
                    .iter()
                    .position(|k| !matches!(k, PropertyKey::Index(_)))
                    .unwrap_or(keys.len());
                keys.insert(pos, PropertyKey::from("length"));
                keys
            }
            ObjectKind::String(s) => {
                let mut keys: Vec<PropertyKey> =
                    (0..s.len() as u32).map(PropertyKey::Index).collect();
                let rest = self.0.storage.keys();
                let (idx, other): (Vec<_>, Vec<_>) = rest
                    .into_iter()
                    .partition(|k| matches!(k, PropertyKey::Index(_)));
                keys.extend(idx);
                keys.push(PropertyKey::from("length"));
                keys.extend(other);
                keys
            }
            ObjectKind::ModuleNamespace(ns) => {
                let mut keys = ns.keys();
                keys.extend(self.0.storage.keys());
                keys
            }
            ObjectKind::Proxy(p) => p
                .target()
                .map(|t| t.own_property_keys())
                .unwrap_or_default(),
            _ => self.0.storage.keys(),
        }
    }

    // ---- conveniences used by built-ins (no exotic checks needed) ----

    /// Defines (or redefines) an own data property without validation.
    /// For building fresh objects and built-ins.
    pub fn define_value(&self, key: impl Into<PropertyKey>, value: Value, attrs: Attributes) {
        let key = key.into();
        if let (ObjectKind::Array(a), PropertyKey::Index(i)) = (&self.0.kind, &key) {
            if *i >= a.length.get() {
                a.length.set(i + 1);
            }
        }
        self.0.storage.insert(key, PropertySlot::Data(value, attrs));
    }

    /// `key: value` in an object literal being built (a fresh ordinary
    /// object no code can reach yet: always extensible, and its own
    /// properties are all configurable data properties, so
    /// CreateDataPropertyOrThrow is an add, or a store in place for a
    /// repeated key). The add goes through the add transition the
    /// literal's site recorded the last time, when this object has the
    /// layout it had then; otherwise through `define_value`, recording the
    /// transition. `key` makes the key (only on a miss). Prototypes play
    /// no part in a define: the chain the transition also checks only
    /// makes a hit rarer.
    pub(crate) fn define_literal_named(
        &self,
        key: impl FnOnce() -> PropertyKey,
        value: Value,
        site: &MemberCache,
    ) {
        let d: &ObjectData = &self.0;
        let plain = |kind: &ObjectKind| plain_named_lookup(kind, || true);
        let value = match d.storage.cached_add_named(value, plain, site) {
            Ok(()) => return,
            Err(v) => v,
        };
        let key = key();
        let old = d.storage.layout_id();
        d.storage
            .insert(key.clone(), PropertySlot::Data(value, Attributes::all()));
        // A repeated key stored in place keeps the layout: no transition.
        if d.storage.layout_id() != old {
            d.storage.record_add(&key, plain_own_lookup, old, site);
        }
    }

    /// Defines an own accessor property without validation.
    pub fn define_accessor(
        &self,
        key: impl Into<PropertyKey>,
        get: Option<JsObject>,
        set: Option<JsObject>,
        attrs: Attributes,
    ) {
        self.0.storage.insert(
            key.into(),
            PropertySlot::Accessor(get, set, attrs.with_writable(false)),
        );
    }

    /// `o[n]` for a number `n` naming an element in this object's dense
    /// element vector: that own data property's value. `None` when `n` is
    /// not an array index, the element is a hole or past the end, or this
    /// object's index properties are not plain storage (a String object,
    /// mapped arguments): then [[Get]] does the rest.
    #[inline]
    pub(crate) fn dense_element(&self, n: f64) -> Option<Value> {
        // Safety: an element read is evaluation, which never runs during a
        // sweep (vendor/gc/PATCH.md).
        let d: &ObjectData = unsafe { self.data_unchecked() };
        if !matches!(d.kind, ObjectKind::Array(_) | ObjectKind::Ordinary) {
            return None;
        }
        d.storage.dense_get(dense_index(n)?)
    }

    /// The value of this ordinary object's own data property named `name`
    /// if it is at dictionary position `pos` (a global-object identifier
    /// site's cache hit).
    #[inline]
    pub(crate) fn named_data_at(&self, pos: usize, name: &str) -> Option<Value> {
        let d: &ObjectData = &self.0;
        if !matches!(d.kind, ObjectKind::Ordinary) {
            return None;
        }
        d.storage.named_data_at(pos, name)
    }

    /// The dictionary position of the own property `key`, for
    /// `named_data_at`.
    pub(crate) fn named_position(&self, key: &PropertyKey) -> Option<usize> {
        self.0.storage.named_position(key)
    }

    /// Whether no prototype of this object can have an index property:
    /// each is plain storage for indices and stores none. Then a write of
    /// an index this object lacks finds no setter or read-only property
    /// inherited, and defines an own property.
    pub(crate) fn inherits_no_indices(&self) -> bool {
        self.0
            .storage
            .protos_without_indices(|kind| plain_own_lookup(kind, &PropertyKey::Index(0)))
    }

    /// `push(...values)` of an extensible array with a writable length that
    /// keeps no index outside its dense elements and inherits no property at
    /// the indices the values go to (so no setter or read-only element is
    /// met): appends the values and returns the new length. `None`, having
    /// done nothing, otherwise (then `Set` runs for each value).
    pub(crate) fn push_direct(&self, values: &[Value]) -> Option<u32> {
        let d: &ObjectData = &self.0;
        let ObjectKind::Array(a) = &d.kind else {
            return None;
        };
        let len = a.length.get();
        if (len as usize).saturating_add(values.len()) >= u32::MAX as usize
            || !a.length_writable.get()
            || !d.storage.extensible()
            || d.storage.has_sparse_indices()
            || self.inherits_index_in(len, values.len())
        {
            return None;
        }
        let mut end = len;
        for v in values {
            if let Err(v) = d.storage.push_element(end as usize, v.clone()) {
                d.storage.insert(
                    PropertyKey::Index(end),
                    PropertySlot::Data(v, Attributes::all()),
                );
            }
            end += 1;
        }
        a.length.set(end);
        Some(end)
    }

    /// Whether a prototype of this object has a property at an index in
    /// `from..from + n`.
    fn inherits_index_in(&self, from: u32, n: usize) -> bool {
        if self.inherits_no_indices() {
            return false;
        }
        let mut p = self.prototype();
        while let Some(proto) = p {
            if (0..n).any(|i| proto.has_own_property(&PropertyKey::from(from as usize + i))) {
                return true;
            }
            p = proto.prototype();
        }
        false
    }

    /// `pop()` of an array with a writable length whose last element is
    /// stored densely: removes that element (a configurable data
    /// property, so the delete succeeds), shortens the length by one and
    /// returns the element. `None`, having done nothing, otherwise.
    pub(crate) fn pop_dense(&self) -> Option<Value> {
        let d: &ObjectData = &self.0;
        let ObjectKind::Array(a) = &d.kind else {
            return None;
        };
        let len = a.length.get();
        if len == 0 || !a.length_writable.get() {
            return None;
        }
        let v = d.storage.pop_dense(len as usize - 1)?;
        a.length.set(len - 1);
        Some(v)
    }

    /// `fill(value, from, to)` on an extensible array with no index
    /// property inherited or kept outside the dense elements: every index
    /// in `from..to` (below the length) becomes an own writable data
    /// property holding `value`, as the spec's [[Set]] loop would make it.
    /// Returns false, having done nothing, when that does not hold.
    pub(crate) fn fill_dense(&self, from: u32, to: u32, value: &Value) -> bool {
        let d: &ObjectData = &self.0;
        let ObjectKind::Array(a) = &d.kind else {
            return false;
        };
        to <= a.length.get()
            && d.storage.extensible()
            && self.inherits_no_indices()
            && d.storage.fill_elements(from as usize, to as usize, value)
    }

    /// `o[n] = v` for a number `n` naming an element in the dense element
    /// vector of this array or ordinary object, the receiver: an own
    /// writable data property, so [[Set]] stores into it. Returns whether
    /// it stored (otherwise [[Set]] does the whole work).
    #[inline]
    pub(crate) fn set_dense_element(&self, n: f64, value: &Value) -> bool {
        let d: &ObjectData = &self.0;
        if !matches!(d.kind, ObjectKind::Array(_) | ObjectKind::Ordinary) {
            return false;
        }
        match dense_index(n) {
            Some(i) => d.storage.dense_set(i, value),
            None => false,
        }
    }

    /// Reads an own data property without running getters (for inspect and
    /// internal bookkeeping).
    pub fn get_own_data(&self, key: &PropertyKey) -> Option<Value> {
        self.0.storage.get_data_value(key)
    }

    /// The value of the own data property `key` if this object's own
    /// lookup of `key` is a plain storage read: what [[Get]] returns when
    /// this is `Some`. `None` when the property is absent, an accessor, or
    /// the object's lookup of `key` is exotic.
    #[inline]
    pub(crate) fn plain_own_data(&self, key: &PropertyKey) -> Option<Value> {
        let d: &ObjectData = &self.0;
        if !plain_own_lookup(&d.kind, key) {
            return None;
        }
        d.storage.get_data_value(key)
    }

    /// The raw own slot, for inspection.
    pub fn own_slot_raw(&self, key: &PropertyKey) -> Option<PropertySlot> {
        self.own_slot(key)
    }

    /// Array `length` for arrays (0 for other objects).
    pub fn array_length(&self) -> u32 {
        match &self.0.kind {
            ObjectKind::Array(a) => a.length.get(),
            _ => 0,
        }
    }

    /// Appends `values` to an Array (the bulk `array_push`).
    pub fn array_extend(&self, values: Vec<Value>) {
        if let ObjectKind::Array(a) = &self.0.kind {
            let len = a.length.get();
            let values = if len as usize == self.0.storage.dense_len() {
                let n = values.len() as u32;
                match self.0.storage.append_elements(values) {
                    Ok(()) => {
                        a.length.set(len.saturating_add(n));
                        return;
                    }
                    Err(values) => values,
                }
            } else {
                values
            };
            for v in values {
                self.array_push(v);
            }
        }
    }

    /// The elements `0..len` as numbers, when they are all stored densely
    /// as numbers (a fast read of byte arrays).
    pub fn dense_numbers(&self, len: usize) -> Option<Vec<f64>> {
        self.0.storage.dense_numbers(len)
    }

    /// Appends to an array (fast path for built-ins; no observable hooks).
    pub fn array_push(&self, value: Value) {
        if let ObjectKind::Array(a) = &self.0.kind {
            let len = a.length.get();
            if let Err(value) = self.0.storage.push_element(len as usize, value) {
                self.0.storage.insert(
                    PropertyKey::Index(len),
                    PropertySlot::Data(value, Attributes::all()),
                );
            }
            a.length.set(len.saturating_add(1));
        }
    }

    /// Private element lookup (`#x`).
    pub fn private_get(&self, key: &PropertyKey) -> Option<PropertySlot> {
        self.0.storage.get(key)
    }

    pub fn private_keys(&self) -> Vec<PropertyKey> {
        self.0.storage.private_keys()
    }

    pub(crate) fn storage_insert(&self, key: PropertyKey, slot: PropertySlot) {
        self.0.storage.insert(key, slot)
    }

    pub(crate) fn storage_set_value(&self, key: &PropertyKey, value: Value) -> bool {
        self.0.storage.set_data_value(key, value)
    }
}

impl std::fmt::Debug for JsObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "JsObject({:#x})", self.ptr_id())
    }
}

/// Convenience for `Err(JsError::Throw(..))` checks in tests.
pub fn is_throw(r: &JsResult<Value>) -> bool {
    matches!(r, Err(JsError::Throw(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every object pays for `ObjectData` (plus the collector's 8-byte
    /// header, malloc's 8 and the collector's 16-byte entry in its box
    /// list): keep rare kinds' payloads behind a box so that an ordinary
    /// object stays small. 160 since the first four property values live
    /// inside the object (64 of the 160 bytes): an object with 1-4
    /// properties is one allocation of 176 bytes, 192 in all, where it
    /// was 224 (a 112-byte `ObjectData` plus a separate values vector).
    #[test]
    fn object_header_stays_small() {
        let kind = std::mem::size_of::<ObjectKind>();
        let data = std::mem::size_of::<ObjectData>();
        eprintln!("ObjectKind {kind} B, ObjectData {data} B");
        assert!(kind <= 24, "ObjectKind is {kind} bytes");
        assert!(data <= 160, "ObjectData is {data} bytes");
    }
}
