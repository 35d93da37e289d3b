//! Mutable storage inside garbage-collected objects: the one audited place
//! that uses `UnsafeCell` for heap contents.
//!
//! Why not `GcCell`: `GcCell::borrow_mut` roots and unroots the *whole*
//! contents on every borrow, which makes `array.push` O(n) (measured: 40,000
//! pushes took 3.8 s). The containers here instead follow the `gc` crate's
//! rooting protocol one value at a time:
//!
//! * each container remembers whether its contents are rooted (`rooted`):
//!   a container on the Rust stack holds rooted values; `Gc::new` calls
//!   `unroot` on everything moved into the heap, which flips the flag;
//! * a value stored into an unrooted container is unrooted first;
//! * a value read out is cloned (a clone of a `Gc` is rooted);
//! * a value removed is re-rooted before it is handed back;
//! * no method exposes a borrow of the contents, and no method allocates a
//!   `Gc` (so no collection, hence no `trace`, can run while a method holds
//!   the `&mut` to the contents) or calls back into JavaScript.
//!
//! Everything is single-threaded: `Gc` is `!Send`, so none of these types can
//! cross threads.

use std::cell::{Cell, UnsafeCell};
use std::rc::Rc;

use gc::{Finalize, Trace};
use indexmap::IndexMap;
use parser::ast::{Atom, MemberCache};
use rustc_hash::{FxBuildHasher, FxHashMap};
use thin_vec::ThinVec;

use crate::object::{JsObject, ObjectKind};
use crate::shape::{self, Shape, EMPTY_ID};
use crate::string::JsString;
use crate::value::{PropertyKey, Symbol, Value};

/// Unroots `v` if the container holding it lives in the heap.
///
/// # Safety
/// `v` must currently be rooted (every owned value outside the heap is).
#[inline]
unsafe fn adopt<T: Trace>(v: &T, container_rooted: bool) {
    if !container_rooted {
        v.unroot();
    }
}

/// Roots `v` again as it leaves an unrooted container.
///
/// # Safety
/// `v` must have been stored in a container whose `rooted` flag is
/// `container_rooted`.
#[inline]
unsafe fn release<T: Trace>(v: &T, container_rooted: bool) {
    if !container_rooted {
        v.root();
    }
}

// ---------------------------------------------------------------------------
// Slot: one mutable value.

/// One mutable traced value (a `Cell` for values holding `Gc` pointers).
pub struct Slot<T: Trace + Clone> {
    rooted: Cell<bool>,
    value: UnsafeCell<T>,
}

impl<T: Trace + Clone> Slot<T> {
    pub fn new(value: T) -> Self {
        Slot {
            rooted: Cell::new(true),
            value: UnsafeCell::new(value),
        }
    }

    /// A (rooted) copy of the value.
    pub fn get(&self) -> T {
        // Safety: no `&mut` to the contents exists outside the methods of
        // this type, none of which is running (single thread, no re-entry).
        unsafe { (&*self.value.get()).clone() }
    }

    pub fn set(&self, value: T) {
        let old = self.replace(value);
        drop(old);
    }

    /// Whether `test` holds of the stored value (looked at in place, no
    /// copy).
    ///
    /// # Safety
    /// `test` must not store into this slot (`set`, `replace`, ...), say
    /// through a reference it captured: it is handed a shared reference
    /// to the stored value, which such a store would overwrite.
    #[inline]
    pub unsafe fn test(&self, test: impl FnOnce(&T) -> bool) -> bool {
        // Safety: as in `get`; our caller's `test` stores nothing here.
        unsafe { test(&*self.value.get()) }
    }

    /// Stores `value` and returns the previous value (rooted).
    pub fn replace(&self, value: T) -> T {
        let rooted = self.rooted.get();
        // Safety: `value` is owned, hence rooted; the `&mut` lives only for
        // this statement and nothing here allocates or runs JavaScript.
        unsafe {
            adopt(&value, rooted);
            let old = std::mem::replace(&mut *self.value.get(), value);
            release(&old, rooted);
            old
        }
    }
}

impl<T: Trace + Clone> Finalize for Slot<T> {}
// Safety: `trace` marks the contents; `root`/`unroot` flip the contents and
// the flag together, so stored values are rooted exactly when `rooted` is set.
unsafe impl<T: Trace + Clone> Trace for Slot<T> {
    unsafe fn trace(&self) {
        (&*self.value.get()).trace();
    }
    unsafe fn root(&self) {
        (&*self.value.get()).root();
        self.rooted.set(true);
    }
    unsafe fn unroot(&self) {
        (&*self.value.get()).unroot();
        self.rooted.set(false);
    }
    fn finalize_glue(&self) {
        // Safety: finalizers run outside any method of this type.
        unsafe { (&*self.value.get()).finalize_glue() }
    }
}

// ---------------------------------------------------------------------------
// List: a growable vector of traced values.

/// A growable list of traced values.
pub struct List<T: Trace + Clone> {
    rooted: Cell<bool>,
    items: UnsafeCell<Vec<T>>,
}

impl<T: Trace + Clone> Default for List<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Trace + Clone> List<T> {
    pub fn new() -> Self {
        List {
            rooted: Cell::new(true),
            items: UnsafeCell::new(Vec::new()),
        }
    }

    pub fn from_vec(items: Vec<T>) -> Self {
        List {
            rooted: Cell::new(true),
            items: UnsafeCell::new(items),
        }
    }

    pub fn len(&self) -> usize {
        // Safety: short shared access; no `&mut` is live (see module doc).
        unsafe { (&*self.items.get()).len() }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, index: usize) -> Option<T> {
        // Safety: as in `len`; the clone roots the copy.
        unsafe { (&*self.items.get()).get(index).cloned() }
    }

    /// A rooted copy of all items.
    pub fn to_vec(&self) -> Vec<T> {
        // Safety: as in `len`.
        unsafe { (&*self.items.get()).clone() }
    }

    #[inline(always)]
    pub fn push(&self, value: T) {
        let rooted = self.rooted.get();
        // Safety: `value` is owned and rooted; the push may reallocate the
        // Vec (a Rust allocation, not a `Gc` one), so no collection runs.
        unsafe {
            adopt(&value, rooted);
            let items = &mut *self.items.get();
            // Most lists hold one item (a promise's reaction, a closure's
            // slot): start at capacity 1, not Vec's 4.
            if items.capacity() == 0 {
                items.reserve_exact(1);
            }
            items.push(value);
        }
    }

    pub fn set(&self, index: usize, value: T) {
        let rooted = self.rooted.get();
        // Safety: see `push`; the old value is dropped in its stored rooting
        // state (dropping an unrooted `Gc` touches nothing).
        unsafe {
            if let Some(slot) = (&mut *self.items.get()).get_mut(index) {
                adopt(&value, rooted);
                *slot = value;
            }
        }
    }

    #[inline(always)]
    pub fn pop(&self) -> Option<T> {
        let rooted = self.rooted.get();
        // Safety: the removed value is re-rooted before it is returned.
        unsafe {
            let v = (&mut *self.items.get()).pop()?;
            release(&v, rooted);
            Some(v)
        }
    }

    pub fn remove(&self, index: usize) -> Option<T> {
        let rooted = self.rooted.get();
        // Safety: as in `pop`.
        unsafe {
            let items = &mut *self.items.get();
            if index >= items.len() {
                return None;
            }
            let v = items.remove(index);
            release(&v, rooted);
            Some(v)
        }
    }

    /// Removes every item, returning them rooted.
    pub fn take_all(&self) -> Vec<T> {
        let rooted = self.rooted.get();
        // Safety: as in `pop`.
        unsafe {
            let items = std::mem::take(&mut *self.items.get());
            for v in &items {
                release(v, rooted);
            }
            items
        }
    }

    pub fn clear(&self) {
        drop(self.take_all());
    }
}

impl List<crate::environment::Env> {
    /// `push` of an environment record, all in line: the record is
    /// unrooted (when the list is) without the `gc` crate's sweep-phase
    /// check (`Env::unroot_unchecked`), and stored in place when the list
    /// has room.
    ///
    /// # Safety
    /// Not called while the collector sweeps (see `Env::unroot_unchecked`):
    /// evaluation never runs then.
    #[inline(always)]
    pub(crate) unsafe fn push_env(&self, value: crate::environment::Env) {
        let rooted = self.rooted.get();
        // Safety: as in `push` (`value` is owned and rooted, and unrooted
        // as it enters an unrooted list); no sweep is running (our
        // caller's contract); the write is within capacity.
        unsafe {
            if !rooted {
                value.unroot_unchecked();
            }
            let items = &mut *self.items.get();
            if items.len() < items.capacity() {
                // Room for it: written in place, without `Vec::push`'s
                // out-of-line growth path.
                items.as_mut_ptr().add(items.len()).write(value);
                items.set_len(items.len() + 1);
            } else {
                if items.capacity() == 0 {
                    items.reserve_exact(1);
                }
                items.push(value);
            }
        }
    }

    /// An unrooted copy of the record at `index` (`None` past the end),
    /// which stays in the list: the list (traced through its holder) keeps
    /// the record alive while the copy is used.
    ///
    /// # Safety
    /// The copy is dropped before the record leaves the list and before
    /// the list's holder can die (so the list must be reachable from a
    /// root meanwhile); it may be cloned (a clone is a root) but not
    /// unrooted or stored in the heap.
    #[inline(always)]
    pub(crate) unsafe fn get_unrooted(&self, index: usize) -> Option<crate::environment::Env> {
        // Safety: short shared access (see `len`); the copy's rules are
        // our caller's contract.
        unsafe { (&*self.items.get()).get(index).map(|e| e.copy_unrooted()) }
    }

    /// Whether the record at `index` is `env`'s (for debug assertions).
    pub(crate) fn is_at(&self, index: usize, env: &crate::environment::Env) -> bool {
        // Safety: as in `len`.
        unsafe { (&*self.items.get()).get(index) }.is_some_and(|e| e.ptr_id() == env.ptr_id())
    }
}

impl<T: Trace + Clone> Finalize for List<T> {}
// Safety: as for `Slot`.
unsafe impl<T: Trace + Clone> Trace for List<T> {
    unsafe fn trace(&self) {
        for v in (&*self.items.get()).iter() {
            v.trace();
        }
    }
    unsafe fn root(&self) {
        for v in (&*self.items.get()).iter() {
            v.root();
        }
        self.rooted.set(true);
    }
    unsafe fn unroot(&self) {
        for v in (&*self.items.get()).iter() {
            v.unroot();
        }
        self.rooted.set(false);
    }
    fn finalize_glue(&self) {}
}

// ---------------------------------------------------------------------------
// Properties.

/// Property attributes (ECMA-262 §6.1.7.1).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Attributes(u8);

impl Attributes {
    pub const WRITABLE: u8 = 1;
    pub const ENUMERABLE: u8 = 2;
    pub const CONFIGURABLE: u8 = 4;

    pub const fn new(writable: bool, enumerable: bool, configurable: bool) -> Self {
        Attributes(
            ((writable as u8) * Self::WRITABLE)
                | ((enumerable as u8) * Self::ENUMERABLE)
                | ((configurable as u8) * Self::CONFIGURABLE),
        )
    }
    /// Writable, enumerable, configurable: what assignment creates.
    pub const fn all() -> Self {
        Attributes(7)
    }
    /// Writable, configurable, not enumerable: built-in methods.
    pub const fn hidden() -> Self {
        Attributes(Self::WRITABLE | Self::CONFIGURABLE)
    }
    pub const fn none() -> Self {
        Attributes(0)
    }
    pub fn writable(self) -> bool {
        self.0 & Self::WRITABLE != 0
    }
    pub fn enumerable(self) -> bool {
        self.0 & Self::ENUMERABLE != 0
    }
    pub fn configurable(self) -> bool {
        self.0 & Self::CONFIGURABLE != 0
    }
    pub fn with_writable(self, w: bool) -> Self {
        Attributes((self.0 & !Self::WRITABLE) | ((w as u8) * Self::WRITABLE))
    }
    pub fn with_enumerable(self, e: bool) -> Self {
        Attributes((self.0 & !Self::ENUMERABLE) | ((e as u8) * Self::ENUMERABLE))
    }
    pub fn with_configurable(self, c: bool) -> Self {
        Attributes((self.0 & !Self::CONFIGURABLE) | ((c as u8) * Self::CONFIGURABLE))
    }
}

/// An own property as stored: a data or an accessor property.
#[derive(Clone)]
pub enum PropertySlot {
    Data(Value, Attributes),
    Accessor(Option<JsObject>, Option<JsObject>, Attributes),
}

impl PropertySlot {
    pub fn attributes(&self) -> Attributes {
        match self {
            PropertySlot::Data(_, a) | PropertySlot::Accessor(_, _, a) => *a,
        }
    }
}

impl Finalize for PropertySlot {}
// Safety: forwards to the contained values.
unsafe impl Trace for PropertySlot {
    gc::custom_trace!(this, {
        match this {
            PropertySlot::Data(v, _) => mark(v),
            PropertySlot::Accessor(g, s, _) => {
                mark(g);
                mark(s);
            }
        }
    });
}

/// A borrowed view of one own property, for code that only reads it.
pub(crate) enum SlotRef<'a> {
    Data(&'a Value, Attributes),
    Accessor(&'a Option<JsObject>, &'a Option<JsObject>, Attributes),
}

impl SlotRef<'_> {
    #[inline]
    fn of(slot: &PropertySlot) -> SlotRef<'_> {
        match slot {
            PropertySlot::Data(v, a) => SlotRef::Data(v, *a),
            PropertySlot::Accessor(g, s, a) => SlotRef::Accessor(g, s, *a),
        }
    }
    fn attributes(&self) -> Attributes {
        match self {
            SlotRef::Data(_, a) | SlotRef::Accessor(_, _, a) => *a,
        }
    }
    /// A (rooted) copy.
    fn to_slot(&self) -> PropertySlot {
        match self {
            SlotRef::Data(v, a) => PropertySlot::Data((*v).clone(), *a),
            SlotRef::Accessor(g, s, a) => PropertySlot::Accessor((*g).clone(), (*s).clone(), *a),
        }
    }
}

/// The named (and sparse index) properties of an object, in insertion
/// order: in shape mode while the object only has named data properties
/// (its keys and attributes in a shared `Shape`, its values here), and
/// otherwise a dictionary: a plain vector while small (no hashing, one
/// allocation), an `IndexMap` once it grows.
enum PropMap {
    /// Values by the shape's slot numbers (`shape.len()` slots in use).
    Shaped(Rc<Shape>, ShapedValues),
    /// A dictionary. (One variant for both kinds, so that the shape's
    /// `Rc`, never null, tells the two variants apart: see `ShapedValues`.)
    Dict(Dict),
}

/// A dictionary's two forms.
enum Dict {
    /// With a layout id, renewed as a `LargeMap`'s is.
    Small(Vec<(PropertyKey, PropertySlot)>, u32),
    /// Boxed: few objects grow this large, and the box keeps every
    /// object's header small.
    Large(Box<LargeMap>),
}

/// How many property values an object holds without a separate
/// allocation.
const INLINE_VALUES: usize = 4;

/// A shaped object's values by slot. The first `INLINE_VALUES` live
/// inside the object (most objects have at most that many properties,
/// so making one needs no second allocation); the rest in `rest`, which
/// grows by doubling. The shape knows how many slots are in use (`len`
/// arguments below); every slot past that holds `undefined`, which owns
/// no `Gc`, so tracing may visit all of them.
///
/// The inline array sits in an `UnsafeCell` only to hide the spare tag
/// values of `Value` from the compiler: otherwise it encodes `PropMap`'s
/// variant in the first value's tag, and every layout check pays for
/// decoding it (measured: +3% instructions on richards). Without them the
/// shape's `Rc` (never null) is the only niche, and a variant check is a
/// null test. The cell is never used for mutation through `&self`.
struct ShapedValues {
    inline: UnsafeCell<[Value; INLINE_VALUES]>,
    rest: Box<[Value]>,
}

impl ShapedValues {
    fn new() -> Self {
        ShapedValues {
            inline: UnsafeCell::new(Default::default()),
            rest: Box::default(),
        }
    }

    #[inline(always)]
    fn inline(&self) -> &[Value; INLINE_VALUES] {
        // Safety: the cell's contents are only mutated through `&mut self`
        // (`UnsafeCell::get_mut`), which cannot coexist with this borrow.
        unsafe { &*self.inline.get() }
    }

    #[inline(always)]
    fn get(&self, slot: usize) -> Option<&Value> {
        match self.inline().get(slot) {
            Some(v) => Some(v),
            None => self.rest.get(slot - INLINE_VALUES),
        }
    }

    #[inline(always)]
    fn get_mut(&mut self, slot: usize) -> Option<&mut Value> {
        match self.inline.get_mut().get_mut(slot) {
            Some(v) => Some(v),
            None => self.rest.get_mut(slot - INLINE_VALUES),
        }
    }

    /// Stores `value` in slot `len` (the first free one).
    #[inline]
    fn push(&mut self, len: usize, value: Value) {
        if let Some(v) = self.inline.get_mut().get_mut(len) {
            *v = value;
            return;
        }
        let i = len - INLINE_VALUES;
        if i >= self.rest.len() {
            let mut grown = std::mem::take(&mut self.rest).into_vec();
            grown.resize(
                (i + 1).max(grown.len() * 2).max(INLINE_VALUES),
                Value::Undefined,
            );
            self.rest = grown.into_boxed_slice();
        }
        if let Some(v) = self.rest.get_mut(i) {
            *v = value;
        }
    }

    /// Takes the value out of slot `len - 1` (the last one in use),
    /// leaving `undefined`.
    fn pop(&mut self, len: usize) -> Option<Value> {
        Some(std::mem::take(self.get_mut(len.checked_sub(1)?)?))
    }

    /// Takes the values of slots `0..len` out.
    fn take(&mut self, len: usize) -> Vec<Value> {
        (0..len)
            .filter_map(|i| self.get_mut(i).map(std::mem::take))
            .collect()
    }
}

/// A hashed dictionary, with a layout id like a shape's (see
/// `PropMap::shape_id`): renewed whenever a key is added or removed or a
/// property is replaced, so that an inline cache can name a position in
/// it; storing a new value into a data property keeps it.
struct LargeMap {
    id: u32,
    map: IndexMap<PropertyKey, PropertySlot, FxBuildHasher>,
}

impl LargeMap {
    fn new(entries: impl IntoIterator<Item = (PropertyKey, PropertySlot)>, n: usize) -> Box<Self> {
        let mut map = IndexMap::with_capacity_and_hasher(n * 2, FxBuildHasher);
        map.extend(entries);
        Box::new(LargeMap {
            id: shape::fresh_id(),
            map,
        })
    }
}

/// A `MemberCache::depth` of `ADD_DEPTH + n` records an add transition
/// over a chain of `n` objects (`PropertyStorage::cached_add`).
const ADD_DEPTH: usize = 4;

/// Above this many properties a dictionary switches to hashing.
const SMALL_MAP_MAX: usize = 12;

/// A key that may live in shape mode: named, not an array index (those go
/// to the dictionary, which counts them in `indices_in_map`).
#[inline]
fn shapeable(key: &PropertyKey) -> bool {
    !matches!(key, PropertyKey::Index(_))
}

/// The shape an object literal `{ k0: v0, ..., kn: vn }` (named keys
/// only, each defined in order on a fresh object) ends with, when the add
/// transitions its keys' sites (`site(i)` for key `i` of `n`) recorded
/// (`PropertyStorage::record_add`) still name it: the site of the last
/// key gives the final shape (`Shape::recent`), and each key's site must
/// have recorded, as its target, that shape's ancestor with `i + 1` keys.
/// Since an id names one shape for ever and a site's target is the shape
/// its key was added to make (with all attributes true), that proves the
/// shape's keys are the literal's, in order.
pub(crate) fn literal_shape<'a>(
    n: usize,
    site: impl Fn(usize) -> Option<&'a MemberCache>,
) -> Option<Rc<Shape>> {
    let last = site(n.checked_sub(1)?)?;
    if (last.depth.get() as usize) < ADD_DEPTH {
        return None;
    }
    let shape = Shape::recent(last.slot.get())?;
    if shape.len() != n {
        return None;
    }
    let mut s: &Shape = &shape;
    for i in (0..n).rev() {
        let site = site(i)?;
        if (site.depth.get() as usize) < ADD_DEPTH || site.slot.get() != s.id() {
            return None;
        }
        s = s.parent()?;
    }
    Some(shape)
}

impl PropMap {
    #[inline]
    fn position(v: &[(PropertyKey, PropertySlot)], key: &PropertyKey) -> Option<usize> {
        // String keys are interned: this compares addresses, never text.
        v.iter().position(|(k, _)| k == key)
    }

    /// The id of this map's shape: `EMPTY_ID` for an empty map, 0 (no
    /// shape) for a non-empty dictionary.
    #[inline]
    fn shape_id(&self) -> u32 {
        match self {
            PropMap::Shaped(s, _) => s.id(),
            PropMap::Dict(Dict::Small(v, _)) if v.is_empty() => EMPTY_ID,
            PropMap::Dict(Dict::Small(_, id)) => *id,
            PropMap::Dict(Dict::Large(m)) => m.id,
        }
    }

    /// The value of the data property at `slot` if this map's layout id is
    /// `id` (an inline cache's hit; `id` is not 0).
    #[inline(always)]
    fn cached_value(&self, id: u32, slot: usize) -> Option<&Value> {
        match self {
            PropMap::Shaped(s, values) if s.id() == id => values.get(slot),
            PropMap::Dict(Dict::Large(m)) if m.id == id => match m.map.get_index(slot)? {
                (_, PropertySlot::Data(v, _)) => Some(v),
                _ => None,
            },
            PropMap::Dict(Dict::Small(v, small_id)) if *small_id == id => match v.get(slot)? {
                (_, PropertySlot::Data(v, _)) => Some(v),
                _ => None,
            },
            _ => None,
        }
    }

    /// `cached_value` of a shaped map only (the in-line cases).
    #[inline(always)]
    fn shaped_value(&self, id: u32, slot: usize) -> Option<&Value> {
        match self {
            PropMap::Shaped(s, values) if s.id() == id => values.get(slot),
            _ => None,
        }
    }

    /// `cached_value_mut` with a shaped map's case in line.
    #[inline(always)]
    fn shaped_value_mut(&mut self, id: u32, slot: usize) -> Option<&mut Value> {
        match self {
            // (`cached_value_mut` gives `None` for another layout too.)
            PropMap::Shaped(s, values) => {
                if s.id() == id {
                    values.get_mut(slot)
                } else {
                    None
                }
            }
            other => other.cached_value_mut(id, slot),
        }
    }

    /// `cached_value` for storing into.
    #[inline]
    fn cached_value_mut(&mut self, id: u32, slot: usize) -> Option<&mut Value> {
        match self {
            PropMap::Shaped(s, values) if s.id() == id => values.get_mut(slot),
            PropMap::Dict(Dict::Large(m)) if m.id == id => match m.map.get_index_mut(slot)? {
                (_, PropertySlot::Data(v, _)) => Some(v),
                _ => None,
            },
            PropMap::Dict(Dict::Small(v, small_id)) if *small_id == id => match v.get_mut(slot)? {
                (_, PropertySlot::Data(v, _)) => Some(v),
                _ => None,
            },
            _ => None,
        }
    }

    fn get(&self, key: &PropertyKey) -> Option<SlotRef<'_>> {
        self.get_hinted(key, &Cell::new(0))
    }

    /// `get`, trying position `hint` first (where a member-access site
    /// found its key last time) and updating it when the key is found
    /// elsewhere. The hint only orders the search: the key is compared
    /// wherever it is looked for.
    #[inline(always)]
    fn get_hinted(&self, key: &PropertyKey, hint: &Cell<u32>) -> Option<SlotRef<'_>> {
        match self {
            PropMap::Shaped(s, values) => {
                let (i, a) = s.find_hinted(key, hint)?;
                Some(SlotRef::Data(values.get(i)?, a))
            }
            PropMap::Dict(Dict::Small(v, _)) => {
                if let Some((k, slot)) = v.get(hint.get() as usize) {
                    if k == key {
                        return Some(SlotRef::of(slot));
                    }
                }
                let i = Self::position(v, key)?;
                hint.set(i as u32);
                Some(SlotRef::of(&v[i].1))
            }
            PropMap::Dict(Dict::Large(m)) => {
                let (i, _, slot) = m.map.get_full(key)?;
                hint.set(i as u32);
                Some(SlotRef::of(slot))
            }
        }
    }

    /// The value and attributes of the own data property `key` (with
    /// `get_hinted`'s probe), for storing into.
    #[inline(always)]
    fn data_mut_hinted(
        &mut self,
        key: &PropertyKey,
        hint: &Cell<u32>,
    ) -> Option<(&mut Value, Attributes)> {
        match self {
            PropMap::Shaped(s, values) => {
                let (i, a) = s.find_hinted(key, hint)?;
                Some((values.get_mut(i)?, a))
            }
            PropMap::Dict(Dict::Small(v, _)) => {
                let i = match v.get(hint.get() as usize) {
                    Some((k, _)) if k == key => hint.get() as usize,
                    _ => {
                        let i = Self::position(v, key)?;
                        hint.set(i as u32);
                        i
                    }
                };
                match &mut v[i].1 {
                    PropertySlot::Data(v, a) => Some((v, *a)),
                    PropertySlot::Accessor(..) => None,
                }
            }
            PropMap::Dict(Dict::Large(m)) => match m.map.get_full_mut(key)? {
                (i, _, PropertySlot::Data(v, a)) => {
                    hint.set(i as u32);
                    Some((v, *a))
                }
                (_, _, PropertySlot::Accessor(..)) => None,
            },
        }
    }

    /// The value of the data property at position `pos` in a dictionary,
    /// if the key there is the string `name` (a global-object identifier
    /// site's cached position, checked by its key).
    fn data_at_named(&self, pos: usize, name: &str) -> Option<&Value> {
        let (k, slot) = match self {
            PropMap::Dict(Dict::Small(v, _)) => {
                let (k, slot) = v.get(pos)?;
                (k, slot)
            }
            PropMap::Dict(Dict::Large(m)) => m.map.get_index(pos)?,
            PropMap::Shaped(..) => return None,
        };
        match (k, slot) {
            (PropertyKey::String(s), PropertySlot::Data(v, _)) if s.as_ascii() == Some(name) => {
                Some(v)
            }
            _ => None,
        }
    }

    /// Where `key` is in a dictionary, for `data_at_named`.
    fn position_of(&self, key: &PropertyKey) -> Option<usize> {
        match self {
            PropMap::Dict(Dict::Small(v, _)) => Self::position(v, key),
            PropMap::Dict(Dict::Large(m)) => m.map.get_index_of(key),
            PropMap::Shaped(..) => None,
        }
    }

    fn contains_key(&self, key: &PropertyKey) -> bool {
        match self {
            PropMap::Shaped(s, _) => s.find(key).is_some(),
            _ => self.get(key).is_some(),
        }
    }

    /// Leaves shape mode: the same properties as a dictionary. (Values
    /// move without changing their rooting state.)
    fn make_dictionary(&mut self) {
        let PropMap::Shaped(s, values) = self else {
            return;
        };
        let values = values.take(s.len());
        let mut v: Vec<(PropertyKey, PropertySlot)> = Vec::with_capacity(values.len() + 1);
        let mut values = values.into_iter();
        s.for_each(|_, k, a| {
            if let Some(value) = values.next() {
                v.push((k.clone(), PropertySlot::Data(value, a)));
            }
        });
        *self = if v.len() <= SMALL_MAP_MAX {
            PropMap::Dict(Dict::Small(v, shape::fresh_id()))
        } else {
            let n = v.len();
            PropMap::Dict(Dict::Large(LargeMap::new(v, n)))
        };
    }

    /// Inserts or replaces in place; returns the previous slot.
    fn insert(&mut self, key: PropertyKey, slot: PropertySlot) -> Option<PropertySlot> {
        if let (PropMap::Dict(Dict::Small(v, _)), PropertySlot::Data(_, a)) = (&*self, &slot) {
            // An empty map starts a shape.
            if v.is_empty() && shapeable(&key) {
                if let Some(first) = Shape::empty().and_then(|e| e.with_key(&key, *a)) {
                    let PropertySlot::Data(value, _) = slot else {
                        return None;
                    };
                    let mut values = ShapedValues::new();
                    values.push(0, value);
                    *self = PropMap::Shaped(first, values);
                    return None;
                }
            }
        }
        if let PropMap::Shaped(s, values) = self {
            match (s.find(&key), slot) {
                (Some((i, a)), PropertySlot::Data(value, new_a)) if a == new_a => {
                    let old = std::mem::replace(values.get_mut(i)?, value);
                    return Some(PropertySlot::Data(old, a));
                }
                (None, PropertySlot::Data(value, a)) if shapeable(&key) => {
                    if let Some(next) = s.with_key(&key, a) {
                        values.push(s.len(), value);
                        *s = next;
                        return None;
                    }
                    self.make_dictionary();
                    return self.insert(key, PropertySlot::Data(value, a));
                }
                (_, slot) => {
                    self.make_dictionary();
                    return self.insert(key, slot);
                }
            }
        }
        match self {
            PropMap::Shaped(..) => None,
            PropMap::Dict(Dict::Small(v, id)) => {
                *id = shape::fresh_id();
                if let Some(i) = Self::position(v, &key) {
                    return Some(std::mem::replace(&mut v[i].1, slot));
                }
                if v.len() < SMALL_MAP_MAX {
                    v.push((key, slot));
                    return None;
                }
                let n = v.len();
                let mut m = LargeMap::new(v.drain(..), n);
                m.map.insert(key, slot);
                *self = PropMap::Dict(Dict::Large(m));
                None
            }
            PropMap::Dict(Dict::Large(m)) => {
                m.id = shape::fresh_id();
                m.map.insert(key, slot)
            }
        }
    }

    fn shift_remove(&mut self, key: &PropertyKey) -> Option<PropertySlot> {
        if let PropMap::Shaped(s, values) = self {
            let (i, a) = s.find(key)?;
            if i + 1 == s.len() {
                // The last key added: back to the parent shape.
                if let Some(parent) = s.parent().cloned() {
                    let old = values.pop(s.len())?;
                    *s = parent;
                    return Some(PropertySlot::Data(old, a));
                }
            }
            self.make_dictionary();
        }
        match self {
            PropMap::Shaped(..) => None,
            PropMap::Dict(Dict::Small(v, id)) => {
                let i = Self::position(v, key)?;
                *id = shape::fresh_id();
                Some(v.remove(i).1)
            }
            PropMap::Dict(Dict::Large(m)) => {
                let old = m.map.shift_remove(key);
                if old.is_some() {
                    m.id = shape::fresh_id();
                }
                old
            }
        }
    }

    fn len(&self) -> usize {
        match self {
            PropMap::Shaped(s, _) => s.len(),
            PropMap::Dict(Dict::Small(v, _)) => v.len(),
            PropMap::Dict(Dict::Large(m)) => m.map.len(),
        }
    }

    /// Calls `f` with each property in insertion order. `f` only reads
    /// (in shape mode the shape's table is borrowed meanwhile).
    fn for_each(&self, mut f: impl FnMut(&PropertyKey, SlotRef<'_>)) {
        match self {
            PropMap::Shaped(s, values) => s.for_each(|i, k, a| {
                if let Some(v) = values.get(i) {
                    f(k, SlotRef::Data(v, a))
                }
            }),
            PropMap::Dict(Dict::Small(v, _)) => v.iter().for_each(|(k, s)| f(k, SlotRef::of(s))),
            PropMap::Dict(Dict::Large(m)) => m.map.iter().for_each(|(k, s)| f(k, SlotRef::of(s))),
        }
    }

    /// The keys (rooted copies... keys hold no `Gc`) in insertion order
    /// that pass `pick`.
    fn keys_where(
        &self,
        mut pick: impl FnMut(&PropertyKey, Attributes) -> bool,
    ) -> Vec<PropertyKey> {
        let mut out = Vec::new();
        self.for_each(|k, s| {
            if pick(k, s.attributes()) {
                out.push(k.clone());
            }
        });
        out
    }

    /// Applies `Trace` method `$m` to every stored value.
    ///
    /// # Safety
    /// As the `Trace` method called.
    #[inline]
    unsafe fn trace_values(&self, m: TraceOp) {
        match self {
            PropMap::Shaped(_, values) => {
                // Two plain loops rather than a chained iterator, which
                // the compiler may leave out of line with a call per value.
                for v in values.inline() {
                    m.apply(v);
                }
                for v in values.rest.iter() {
                    m.apply(v);
                }
            }
            PropMap::Dict(Dict::Small(v, _)) => v.iter().for_each(|(_, s)| m.apply(s)),
            PropMap::Dict(Dict::Large(map)) => map.map.values().for_each(|s| m.apply(s)),
        }
    }
}

/// Which `Trace` method `PropMap::trace_values` applies.
#[derive(Clone, Copy)]
enum TraceOp {
    Trace,
    Root,
    Unroot,
}

impl TraceOp {
    /// # Safety
    /// As the `Trace` method applied.
    #[inline]
    unsafe fn apply<T: Trace>(self, v: &T) {
        match self {
            TraceOp::Trace => v.trace(),
            TraceOp::Root => v.root(),
            TraceOp::Unroot => v.unroot(),
        }
    }
}

/// The result of a walk along a prototype chain
/// (`PropertyStorage::chain_get_target` and its siblings).
pub(crate) enum Chain<T> {
    /// What the walk took from the property, and whether it is the
    /// object's own.
    Found(T, bool),
    Missing,
    /// The walk reached this prototype, whose own lookup is exotic.
    Exotic(JsObject),
}

/// What [[Get]] needs of the property it finds (`chain_get_target`).
pub(crate) enum GetTarget {
    /// A data property's value (rooted).
    Value(Value),
    /// An accessor's getter (rooted), if any.
    Getter(Option<JsObject>),
}

/// What [[Set]] needs of the property it finds (`chain_set_target`).
pub(crate) enum SetTarget {
    Data(Attributes),
    /// The setter (rooted), if any.
    Accessor(Option<JsObject>),
}

struct Props {
    proto: Option<JsObject>,
    /// Index properties with default attributes; `None` is a hole. A thin
    /// vector (one pointer; its length and capacity live in its heap
    /// block, and an empty one allocates nothing): most objects have no
    /// elements, and this keeps 16 bytes off every object.
    elements: ThinVec<Option<Value>>,
    map: PropMap,
}

/// The own properties, prototype and extensible flag of an object.
pub struct PropertyStorage {
    rooted: Cell<bool>,
    extensible: Cell<bool>,
    /// How many `PropertyKey::Index` keys live in the map. (These plain
    /// flags sit next to `rooted` rather than in `Props`, where padding
    /// would make every object 8 bytes larger.)
    indices_in_map: Cell<u32>,
    props: UnsafeCell<Props>,
}

/// How far past the end an index write may land and still grow the dense
/// element vector (with holes) instead of going to the map.
const MAX_HOLE_GROWTH: usize = 1024;

impl PropertyStorage {
    pub fn new(proto: Option<JsObject>) -> Self {
        Self::empty(proto, true)
    }

    /// Empty storage with the prototype `proto`, marked `rooted` as `proto`
    /// is.
    #[inline(always)]
    fn empty(proto: Option<JsObject>, rooted: bool) -> Self {
        PropertyStorage {
            rooted: Cell::new(rooted),
            extensible: Cell::new(true),
            indices_in_map: Cell::new(0),
            props: UnsafeCell::new(Props {
                proto,
                elements: ThinVec::new(),
                map: PropMap::Dict(Dict::Small(Vec::new(), 0)),
            }),
        }
    }

    /// `new` of storage inside a new object's box (`JsObject::new_ordinary_raw`):
    /// what `new` followed by `Trace::unroot` gives.
    ///
    /// # Safety
    /// `proto` is unrooted (`JsObject::copy_unrooted`), and the storage is
    /// written straight into a `GcBox` (as `Gc::new_in_place` requires).
    #[inline(always)]
    pub(crate) unsafe fn new_unrooted(proto: Option<JsObject>) -> Self {
        Self::empty(proto, false)
    }

    /// Shared access for the read-only helpers below.
    ///
    /// # Safety
    /// The caller must not call anything that could mutate this storage
    /// while the reference lives (only plain reads and clones).
    #[inline]
    unsafe fn read(&self) -> &Props {
        &*self.props.get()
    }

    /// Exclusive access for the mutating helpers below.
    ///
    /// # Safety
    /// The caller must keep the reference local, must not allocate a `Gc`
    /// or call JavaScript while it lives, and must adopt/release values
    /// according to `self.rooted`.
    #[inline]
    #[allow(clippy::mut_from_ref)]
    unsafe fn write(&self) -> &mut Props {
        &mut *self.props.get()
    }

    pub fn proto(&self) -> Option<JsObject> {
        // Safety: read and clone only.
        unsafe { self.read().proto.clone() }
    }

    pub fn set_proto(&self, proto: Option<JsObject>) {
        let rooted = self.rooted.get();
        // Safety: the new value is adopted, the old one released then dropped.
        unsafe {
            adopt(&proto, rooted);
            let old = std::mem::replace(&mut self.write().proto, proto);
            release(&old, rooted);
        }
    }

    pub fn extensible(&self) -> bool {
        self.extensible.get()
    }

    pub fn set_extensible(&self, e: bool) {
        self.extensible.set(e)
    }

    /// Looks `key` up here and then along the prototype chain, without
    /// cloning the prototypes (no root-count traffic), for [[Get]]: the
    /// found property's value, or its getter. Stops with `Exotic(o)` at
    /// the first prototype `o` for which `plain(kind, key)` is false (its
    /// own lookup is not a plain storage read), which the caller then
    /// handles the general way. `site` is a member-access site's cache (or
    /// a scratch one): tried first (`cached_get`), and filled by the walk.
    #[inline]
    pub(crate) fn chain_get_target(
        &self,
        key: &PropertyKey,
        plain: impl Fn(&ObjectKind, &PropertyKey) -> bool,
        site: &MemberCache,
    ) -> Chain<GetTarget> {
        if let Some(v) = self.cached_get(key, &plain, site) {
            return Chain::Found(GetTarget::Value(v), site.depth.get() == 0);
        }
        self.chain_walk(key, plain, site, |slot| match slot {
            SlotRef::Data(v, _) => GetTarget::Value(v.clone()),
            SlotRef::Accessor(getter, _, _) => GetTarget::Getter(getter.clone()),
        })
    }

    /// An inline-cache hit for [[Get]]: the value of `key` if every
    /// object on the way from here to the cached holder still has the
    /// layout id `site` recorded for it. Valid because a layout id names
    /// one fixed set of keys, slots and attributes (a shape, or a
    /// dictionary's state between changes to its keys): the ids prove
    /// that the objects before the holder lack `key` and that the holder
    /// has it, as a data property, at the cached slot. The prototypes are
    /// the objects' current ones, so a changed prototype is followed.
    #[inline(always)]
    fn cached_get(
        &self,
        key: &PropertyKey,
        plain: &impl Fn(&ObjectKind, &PropertyKey) -> bool,
        site: &MemberCache,
    ) -> Option<Value> {
        if !shapeable(key) {
            return None;
        }
        self.cached_get_named(|kind| plain(kind, key), site)
    }

    /// The commonest inline-cache hit, small enough to inline at each
    /// member-access site: `site` names an own property (depth 0) and this
    /// object's map is still a shape with the recorded id, so the key is a
    /// data property at the recorded slot (shaped maps hold data
    /// properties only; shape ids are never 0, the id of an empty site).
    /// `None` leaves every other case to `cached_get_named`.
    #[inline(always)]
    pub(crate) fn cached_own_shaped(&self, site: &MemberCache) -> Option<Value> {
        // Safety: a read and one clone, as in `cached_get_named`.
        unsafe { self.own_shaped_ref(site).map(|v| clone_for_read(v)) }
    }

    /// The value `cached_own_shaped` copies, where it is stored.
    ///
    /// # Safety
    /// The caller only reads and clones while the reference lives.
    #[inline(always)]
    unsafe fn own_shaped_ref(&self, site: &MemberCache) -> Option<&Value> {
        if site.depth.get() != 0 {
            return None;
        }
        let ids = site.shapes.get();
        // Safety: passed on to our caller.
        unsafe {
            self.read()
                .map
                .shaped_value(ids[0], site.slot.get() as usize)
        }
    }

    /// `cached_own_shaped` with the value looked at where it is stored:
    /// `look` gets a reference to it, so that a caller who only tests it
    /// (`o.next === null`) copies nothing (for an object, a root count
    /// increment and decrement).
    ///
    /// # Safety
    /// `look` only reads: it runs no JavaScript, stores into no object or
    /// binding and allocates no `Gc`.
    #[inline(always)]
    pub(crate) unsafe fn cached_own_shaped_look<R>(
        &self,
        site: &MemberCache,
        look: impl FnOnce(&Value) -> R,
    ) -> Option<R> {
        // Safety: a read, then `look`, which only reads (our contract).
        unsafe { self.own_shaped_ref(site).map(look) }
    }

    /// The next commonest hit, a method: `site` names a property of the
    /// prototype (depth 1), this object's layout id is the recorded one
    /// (so it lacks the key) and the prototype's map is still a shape
    /// with the recorded id. `plain` is asked of the prototype's kind.
    #[inline(always)]
    pub(crate) fn cached_proto_shaped(
        &self,
        plain: impl Fn(&ObjectKind) -> bool,
        site: &MemberCache,
    ) -> Option<Value> {
        let ids = site.shapes.get();
        // Safety: reads along the chain and one clone, as in
        // `cached_get_named`.
        unsafe {
            let p = self.read();
            if site.depth.get() != 1 || p.map.shape_id() != ids[0] || ids[0] == 0 {
                return None;
            }
            let o = p.proto.as_ref()?.data_unchecked();
            if !plain(&o.kind) {
                return None;
            }
            o.storage
                .read()
                .map
                .shaped_value(ids[1], site.slot.get() as usize)
                .map(|v| clone_for_read(v))
        }
    }

    /// `cached_get` for a site whose key is named (not an index), with
    /// `plain` already applied to the key: what a member-access site
    /// tries before it makes its key.
    #[inline(always)]
    pub(crate) fn cached_get_named(
        &self,
        plain: impl Fn(&ObjectKind) -> bool,
        site: &MemberCache,
    ) -> Option<Value> {
        let ids = site.shapes.get();
        if ids[0] == 0 {
            return None;
        }
        let depth = site.depth.get() as usize;
        // Safety: reads along the chain and one clone, as in `chain_walk`;
        // the prototypes' cells and the value's copy skip the `gc` crate's
        // sweep-phase check: this is a member access, evaluation, which
        // never runs during a sweep (vendor/gc/PATCH.md).
        unsafe {
            let mut p = self.read();
            if depth == 0 {
                // An own property (most sites): no chain to check.
                return p
                    .map
                    .cached_value(ids[0], site.slot.get() as usize)
                    .map(|v| clone_for_read(v));
            }
            for &id in ids.get(..depth)? {
                if p.map.shape_id() != id {
                    return None;
                }
                let o = p.proto.as_ref()?.data_unchecked();
                if !plain(&o.kind) {
                    return None;
                }
                p = o.storage.read();
            }
            p.map
                .cached_value(*ids.get(depth)?, site.slot.get() as usize)
                .map(|v| clone_for_read(v))
        }
    }

    /// `chain_get_target` for [[Set]]: the found property's attributes, or its
    /// setter, without copying its value.
    #[inline]
    pub(crate) fn chain_set_target(
        &self,
        key: &PropertyKey,
        plain: impl Fn(&ObjectKind, &PropertyKey) -> bool,
        site: &MemberCache,
    ) -> Chain<SetTarget> {
        self.chain_walk(key, plain, site, |slot| match slot {
            SlotRef::Data(_, a) => SetTarget::Data(a),
            SlotRef::Accessor(_, setter, _) => SetTarget::Accessor(setter.clone()),
        })
    }

    /// `chain_get_target` for [[HasProperty]]: whether and where, nothing copied.
    #[inline]
    pub(crate) fn chain_has(
        &self,
        key: &PropertyKey,
        plain: impl Fn(&ObjectKind, &PropertyKey) -> bool,
    ) -> Chain<()> {
        self.chain_walk(key, plain, &MemberCache::default(), |_| ())
    }

    /// The walk behind `chain_get_target` and its siblings: `take` makes the
    /// result from the found property. (Private: every `take` passed here
    /// only reads and clones.) When a named key is found as a data
    /// property within three objects, all with layout ids, the walk
    /// records them in `site` (see `cached_get`).
    #[inline(always)]
    fn chain_walk<T>(
        &self,
        key: &PropertyKey,
        plain: impl Fn(&ObjectKind, &PropertyKey) -> bool,
        site: &MemberCache,
        take: impl Fn(SlotRef<'_>) -> T,
    ) -> Chain<T> {
        let mut s = self;
        let mut ids = [0u32; 3];
        let mut depth = 0usize;
        loop {
            // Safety: `s` and the prototypes reached from it stay alive and
            // unmodified during the walk: the loop only reads, calls `take`
            // (which only reads and clones; a clone allocates no `Gc`),
            // calls `plain`, which only inspects the kind (it is given no
            // interpreter, so it can neither run JavaScript nor allocate
            // nor mutate), and stores plain numbers into `site`'s cells.
            let p = unsafe { s.read() };
            if let PropertyKey::Index(i) = key {
                if let Some(Some(v)) = p.elements.get(*i as usize) {
                    // A dense element is a default-attribute data property.
                    return Chain::Found(take(SlotRef::Data(v, Attributes::all())), depth == 0);
                }
            }
            let named = shapeable(key);
            if named || s.indices_in_map.get() > 0 {
                if let Some(slot) = p.map.get_hinted(key, &site.hint) {
                    if named && depth < ids.len() {
                        if let SlotRef::Data(_, a) = slot {
                            ids[depth] = p.map.shape_id();
                            if ids[..=depth].iter().all(|&id| id != 0) {
                                // `get_hinted` left the key's slot in the hint
                                // (for a shape or a hashed dictionary).
                                site.shapes.set(ids);
                                site.slot.set(site.hint.get());
                                site.depth.set(depth as u8);
                                site.writable.set(a.writable());
                            }
                        }
                    }
                    return Chain::Found(take(slot), depth == 0);
                }
            }
            if let Some(id) = ids.get_mut(depth) {
                *id = p.map.shape_id();
            }
            depth += 1;
            match &p.proto {
                None => return Chain::Missing,
                Some(o) if !plain(o.kind(), key) => return Chain::Exotic(o.clone()),
                Some(o) => s = o.storage(),
            }
        }
    }

    /// A rooted copy of the own property `key`.
    pub fn get(&self, key: &PropertyKey) -> Option<PropertySlot> {
        // Safety: read and clone only.
        unsafe {
            let p = self.read();
            if let PropertyKey::Index(i) = key {
                if let Some(Some(v)) = p.elements.get(*i as usize) {
                    return Some(PropertySlot::Data(v.clone(), Attributes::all()));
                }
                if self.indices_in_map.get() == 0 {
                    return None;
                }
            }
            p.map.get(key).map(|s| s.to_slot())
        }
    }

    /// The value of the own data property `key`, if it is one (fast path).
    pub fn get_data_value(&self, key: &PropertyKey) -> Option<Value> {
        // Safety: read and one clone.
        unsafe {
            let p = self.read();
            if let PropertyKey::Index(i) = key {
                if let Some(Some(v)) = p.elements.get(*i as usize) {
                    return Some(v.clone());
                }
                if self.indices_in_map.get() == 0 {
                    return None;
                }
            }
            match p.map.get(key)? {
                SlotRef::Data(v, _) => Some(v.clone()),
                SlotRef::Accessor(..) => None,
            }
        }
    }

    pub fn contains(&self, key: &PropertyKey) -> bool {
        // Safety: plain reads.
        unsafe {
            let p = self.read();
            if let PropertyKey::Index(i) = key {
                if let Some(Some(_)) = p.elements.get(*i as usize) {
                    return true;
                }
                if self.indices_in_map.get() == 0 {
                    return false;
                }
            }
            p.map.contains_key(key)
        }
    }

    /// Creates or replaces the own property `key` (keeping its position).
    pub fn insert(&self, key: PropertyKey, slot: PropertySlot) {
        let rooted = self.rooted.get();
        // Safety: `slot` is owned and rooted; it is adopted before it is
        // stored; replaced values are dropped in their stored state.
        unsafe {
            adopt(&slot, rooted);
            let p = self.write();
            if let PropertyKey::Index(i) = key {
                let i = i as usize;
                let dense_ok = matches!(&slot, PropertySlot::Data(_, a) if *a == Attributes::all());
                let in_map = self.indices_in_map.get() > 0 && p.map.contains_key(&key);
                if dense_ok && !in_map && i <= p.elements.len() + MAX_HOLE_GROWTH {
                    let PropertySlot::Data(v, _) = slot else {
                        return;
                    };
                    if i < p.elements.len() {
                        p.elements[i] = Some(v);
                    } else {
                        p.elements.resize(i, None);
                        p.elements.push(Some(v));
                    }
                    return;
                }
                if let Some(e) = p.elements.get_mut(i) {
                    // The property leaves the dense part (non-default attributes).
                    *e = None;
                }
                if p.map.insert(key, slot).is_none() {
                    self.indices_in_map.set(self.indices_in_map.get() + 1);
                }
                return;
            }
            p.map.insert(key, slot);
        }
    }

    /// Replaces the value of an existing own data property, keeping its
    /// attributes; returns false if there is no such data property.
    pub fn set_data_value(&self, key: &PropertyKey, value: Value) -> bool {
        self.store_own(key, value, &Cell::new(0), |_| true).is_ok()
    }

    /// [[Set]]'s common case in one lookup: stores `value` into the own
    /// property `key` if that is a writable data property; otherwise hands
    /// `value` back. Tries `site`'s inline cache first (the property named
    /// there is this object's own and writable if its layout id is still
    /// the one recorded, see `cached_get`), probes the map at its hint
    /// (see `PropMap::get_hinted`), and records what it finds.
    pub fn set_own_writable(
        &self,
        key: &PropertyKey,
        value: Value,
        site: &MemberCache,
    ) -> Result<(), Value> {
        let value = if shapeable(key) {
            match self.cached_set_own(value, site) {
                Ok(()) => return Ok(()),
                Err(v) => v,
            }
        } else {
            value
        };
        self.store_own(key, value, &site.hint, Attributes::writable)?;
        if shapeable(key) {
            // Safety: a plain read.
            let id = unsafe { self.read().map.shape_id() };
            if id != 0 {
                // `store_own` left the key's slot in the hint.
                site.shapes.set([id, 0, 0]);
                site.slot.set(site.hint.get());
                site.depth.set(0);
                site.writable.set(true);
            }
        }
        Ok(())
    }

    /// `set_own_writable`'s inline-cache hit, for a site whose key is
    /// named: stores `value` at the cached slot if `site` names a writable
    /// own data property of this object's layout; otherwise hands `value`
    /// back.
    #[inline(always)]
    pub(crate) fn cached_set_own(&self, value: Value, site: &MemberCache) -> Result<(), Value> {
        let ids = site.shapes.get();
        if ids[0] == 0 || site.depth.get() != 0 || !site.writable.get() {
            return Err(value);
        }
        let rooted = self.rooted.get();
        // Safety: as in `insert`.
        unsafe {
            match self
                .write()
                .map
                .shaped_value_mut(ids[0], site.slot.get() as usize)
            {
                Some(v) => {
                    adopt(&value, rooted);
                    // The old value (a number, often) dropped without a
                    // call of the drop glue when it owns nothing.
                    crate::eval_expr::discard(std::mem::replace(v, value));
                    Ok(())
                }
                None => Err(value),
            }
        }
    }

    /// This object's layout id (0: none; see `PropMap::shape_id`).
    pub(crate) fn layout_id(&self) -> u32 {
        // Safety: a plain read.
        unsafe { self.read().map.shape_id() }
    }

    /// [[Set]] adding the new data property `key` (all attributes true)
    /// through `site`'s cached transition, if it still applies: this
    /// object is extensible and has the recorded shape, and its prototypes
    /// (the whole chain, up to `null`) have their recorded layout ids and
    /// are plain for `key` — so none of them has `key` (no setter, nothing
    /// read-only), as when the transition was recorded (`record_add`).
    /// Otherwise hands `value` back.
    #[inline(always)]
    pub(crate) fn cached_add(
        &self,
        key: &PropertyKey,
        value: Value,
        plain: impl Fn(&ObjectKind, &PropertyKey) -> bool,
        site: &MemberCache,
    ) -> Result<(), Value> {
        if (site.depth.get() as usize) < ADD_DEPTH {
            return Err(value);
        }
        self.cached_add_slow(key, value, plain, site)
    }

    /// `cached_add` past its first check.
    fn cached_add_slow(
        &self,
        key: &PropertyKey,
        value: Value,
        plain: impl Fn(&ObjectKind, &PropertyKey) -> bool,
        site: &MemberCache,
    ) -> Result<(), Value> {
        if !shapeable(key) {
            return Err(value);
        }
        let id = site.slot.get();
        self.cached_add_with(
            value,
            |kind| plain(kind, key),
            site,
            |shape| {
                let child = match shape {
                    Some(s) => s.child(key, Attributes::all(), id),
                    None => Shape::empty()?.child(key, Attributes::all(), id),
                }?;
                // For `cached_add_named` at this site next time.
                child.remember();
                Some(child)
            },
        )
    }

    /// `cached_add` for a named site, without its key: what a member site
    /// `o.name = v` tries before it makes its key. The target shape is
    /// found by the id the site recorded (`Shape::recent`); `plain` must be
    /// false for any kind whose own lookup of some named key is exotic (it
    /// cannot ask about the key). Not inlined: its callers' cached stores
    /// stay small.
    #[inline(never)]
    pub(crate) fn cached_add_named(
        &self,
        value: Value,
        plain: impl Fn(&ObjectKind) -> bool,
        site: &MemberCache,
    ) -> Result<(), Value> {
        let id = site.slot.get();
        self.cached_add_with(value, plain, site, |_| Shape::recent(id))
    }

    /// The cached add transition of `site` (see `cached_add`), taking this
    /// object from its current shape (`None`: an empty dictionary) to the
    /// shape `child` gives; `plain` tells whether a prototype's own lookup
    /// of the site's key is a plain storage read.
    #[inline(always)]
    fn cached_add_with(
        &self,
        value: Value,
        plain: impl Fn(&ObjectKind) -> bool,
        site: &MemberCache,
        child: impl FnOnce(Option<&Rc<Shape>>) -> Option<Rc<Shape>>,
    ) -> Result<(), Value> {
        let depth = site.depth.get() as usize;
        if depth < ADD_DEPTH || !self.extensible.get() {
            return Err(value);
        }
        let ids = site.shapes.get();
        let rooted = self.rooted.get();
        // Safety: the walk only reads and calls `plain` (see `chain_walk`);
        // `child` only looks shapes up (shapes hold no `Gc`); then, as in
        // `insert`, the value is adopted and stored, and the shape is
        // replaced.
        unsafe {
            let Some(chain) = ids.get(..depth - ADD_DEPTH) else {
                return Err(value);
            };
            let mut p = self.read();
            for (i, &id) in chain.iter().enumerate() {
                if p.map.shape_id() != id {
                    return Err(value);
                }
                if i + 1 == chain.len() {
                    if p.proto.is_some() {
                        return Err(value);
                    }
                    break;
                }
                let Some(o) = p.proto.as_ref() else {
                    return Err(value);
                };
                if !plain(o.kind()) {
                    return Err(value);
                }
                p = o.storage().read();
            }
            let p = self.write();
            let child = match &p.map {
                PropMap::Shaped(s, _) => child(Some(s)),
                PropMap::Dict(Dict::Small(v, _)) if v.is_empty() => child(None),
                _ => None,
            };
            let Some(child) = child else {
                return Err(value);
            };
            adopt(&value, rooted);
            match &mut p.map {
                PropMap::Shaped(s, values) => {
                    values.push(s.len(), value);
                    *s = child;
                }
                map => {
                    let mut values = ShapedValues::new();
                    values.push(0, value);
                    let old = std::mem::replace(map, PropMap::Shaped(child, values));
                    // The empty dictionary a new object starts with (see
                    // `child` above) owns no allocation: nothing to drop
                    // (no call of the drop glue, for every first add).
                    match old {
                        PropMap::Dict(Dict::Small(v, _)) if v.capacity() == 0 => {
                            std::mem::forget(v)
                        }
                        old => drop(old),
                    }
                }
            }
            Ok(())
        }
    }

    /// Gives this object, just made and still without named properties,
    /// the shape `shape` and the values of `values` in its slots (the
    /// first `shape.len()` of them, taken out), as adding the keys one by
    /// one would. False (nothing taken) if the object has named
    /// properties already or `values` is too short.
    pub(crate) fn init_shaped(&self, shape: Rc<Shape>, values: &mut [Value]) -> bool {
        let rooted = self.rooted.get();
        // Safety: as in `insert`: each value is adopted before it is
        // stored; the replaced map is empty (owns nothing).
        unsafe {
            let p = self.write();
            let Some(values) = values.get_mut(..shape.len()) else {
                return false;
            };
            let PropMap::Dict(Dict::Small(old, _)) = &p.map else {
                return false;
            };
            if !old.is_empty() {
                return false;
            }
            let mut shaped = ShapedValues::new();
            for (i, v) in values.iter_mut().enumerate() {
                let v = std::mem::take(v);
                adopt(&v, rooted);
                shaped.push(i, v);
            }
            p.map = PropMap::Shaped(shape, shaped);
        }
        true
    }

    /// Records in `site` the transition an add of `key` just made (this
    /// object's layout id was `old` before it), for `cached_add`: when
    /// the object and every prototype up to `null` (at most three objects
    /// in all) have layout ids and are plain for `key`.
    pub(crate) fn record_add(
        &self,
        key: &PropertyKey,
        plain: impl Fn(&ObjectKind, &PropertyKey) -> bool,
        old: u32,
        site: &MemberCache,
    ) {
        if old == 0 || !shapeable(key) {
            return;
        }
        let mut ids = [old, 0, 0];
        // Safety: reads only.
        unsafe {
            let p = self.read();
            let PropMap::Shaped(s, _) = &p.map else {
                return;
            };
            let new = s.id();
            let mut n = 1;
            let mut proto = p.proto.as_ref();
            while let Some(o) = proto {
                let (Some(slot), true) = (ids.get_mut(n), plain(o.kind(), key)) else {
                    return;
                };
                let q = o.storage().read();
                *slot = q.map.shape_id();
                if *slot == 0 {
                    return;
                }
                n += 1;
                proto = q.proto.as_ref();
            }
            s.remember();
            site.shapes.set(ids);
            site.slot.set(new);
            site.depth.set((ADD_DEPTH + n) as u8);
        }
    }

    /// Stores `value` into the own data property `key` if its attributes
    /// pass `accept` (a dense element always has all attributes);
    /// otherwise hands `value` back.
    #[inline(always)]
    fn store_own(
        &self,
        key: &PropertyKey,
        value: Value,
        hint: &Cell<u32>,
        accept: impl Fn(Attributes) -> bool,
    ) -> Result<(), Value> {
        let rooted = self.rooted.get();
        // Safety: as in `insert`; `accept` only looks at the attributes.
        unsafe {
            let p = self.write();
            if let PropertyKey::Index(i) = key {
                if let Some(Some(e)) = p.elements.get_mut(*i as usize) {
                    adopt(&value, rooted);
                    *e = value;
                    return Ok(());
                }
                if self.indices_in_map.get() == 0 {
                    return Err(value);
                }
            }
            match p.map.data_mut_hinted(key, hint) {
                Some((v, a)) if accept(a) => {
                    adopt(&value, rooted);
                    *v = value;
                    Ok(())
                }
                _ => Err(value),
            }
        }
    }

    /// Stores `value` into the dense element `index` if there is one (a
    /// dense element is always a writable, enumerable, configurable data
    /// property); otherwise hands `value` back.
    /// A copy of the element at `index` if it is in the dense element
    /// vector (an own data property with default attributes), else `None`
    /// (a hole, or past the end).
    #[inline]
    pub fn dense_get(&self, index: usize) -> Option<Value> {
        // Safety: a read and one copy; an element read is evaluation, never
        // run during a sweep (see `clone_for_read`).
        unsafe {
            match self.read().elements.get(index) {
                Some(Some(v)) => Some(clone_for_read(v)),
                _ => None,
            }
        }
    }

    /// Stores a copy of `value` into the element at `index` if it is in
    /// the dense element vector (`set_dense` without taking `value`);
    /// returns whether it did.
    #[inline]
    pub fn dense_set(&self, index: usize, value: &Value) -> bool {
        let rooted = self.rooted.get();
        // Safety: as in `insert`; the copy is adopted before it is stored.
        unsafe {
            match self.write().elements.get_mut(index) {
                Some(Some(e)) => {
                    let v = value.clone();
                    adopt(&v, rooted);
                    *e = v;
                    true
                }
                _ => false,
            }
        }
    }

    pub fn set_dense(&self, index: u32, value: Value) -> Result<(), Value> {
        let rooted = self.rooted.get();
        // Safety: as in `insert`.
        unsafe {
            match self.write().elements.get_mut(index as usize) {
                Some(Some(e)) => {
                    adopt(&value, rooted);
                    *e = value;
                    Ok(())
                }
                _ => Err(value),
            }
        }
    }

    /// Removes the own property `key`; returns whether it existed.
    pub fn remove(&self, key: &PropertyKey) -> bool {
        // Safety: removed values are dropped in their stored state, which
        // touches no other `Gc` box.
        unsafe {
            let p = self.write();
            if let PropertyKey::Index(i) = key {
                let i = *i as usize;
                if let Some(e) = p.elements.get_mut(i) {
                    if e.is_some() {
                        *e = None;
                        if i + 1 == p.elements.len() {
                            while matches!(p.elements.last(), Some(None)) {
                                p.elements.pop();
                            }
                        }
                        return true;
                    }
                }
                if self.indices_in_map.get() == 0 {
                    return false;
                }
                if p.map.shift_remove(key).is_some() {
                    self.indices_in_map.set(self.indices_in_map.get() - 1);
                    return true;
                }
                return false;
            }
            p.map.shift_remove(key).is_some()
        }
    }

    /// Own property keys in JavaScript order: integer indices ascending,
    /// then strings in insertion order, then symbols in insertion order.
    /// Private names are not included.
    pub fn keys(&self) -> Vec<PropertyKey> {
        // Safety: reads and clones only.
        unsafe {
            let p = self.read();
            let mut out = Vec::with_capacity(p.elements.len() + p.map.len());
            for (i, e) in p.elements.iter().enumerate() {
                if e.is_some() {
                    out.push(PropertyKey::Index(i as u32));
                }
            }
            if self.indices_in_map.get() > 0 {
                out.extend(p.map.keys_where(|k, _| matches!(k, PropertyKey::Index(_))));
                out.sort_by_key(|k| match k {
                    PropertyKey::Index(i) => *i,
                    _ => 0,
                });
            }
            p.map.for_each(|k, _| {
                if let PropertyKey::String(_) = k {
                    out.push(k.clone());
                }
            });
            p.map.for_each(|k, _| {
                if let PropertyKey::Symbol(_) = k {
                    out.push(k.clone());
                }
            });
            out
        }
    }

    /// The private names stored on this object, in insertion order.
    pub fn private_keys(&self) -> Vec<PropertyKey> {
        // Safety: reads and clones only.
        unsafe {
            self.read()
                .map
                .keys_where(|k, _| matches!(k, PropertyKey::Private(_)))
        }
    }

    /// Appends `values` to the dense elements, when they are contiguous
    /// (no holes, no index kept in the map): the bulk form of storing
    /// indices `len..len + values.len()`. Otherwise nothing is stored and
    /// the values come back.
    pub fn append_elements(&self, values: Vec<Value>) -> Result<(), Vec<Value>> {
        let rooted = self.rooted.get();
        // Safety: as in `insert`; each value is adopted as it moves in, no
        // `Gc` is allocated and no JavaScript runs meanwhile.
        unsafe {
            let p = self.write();
            if self.indices_in_map.get() > 0 || p.elements.iter().any(Option::is_none) {
                return Err(values);
            }
            p.elements.reserve_exact(values.len());
            for v in values {
                adopt(&v, rooted);
                p.elements.push(Some(v));
            }
        }
        Ok(())
    }

    /// The dense elements as numbers, if there are `len` of them, all
    /// numbers (a byte array's fast read).
    pub fn dense_numbers(&self, len: usize) -> Option<Vec<f64>> {
        // Safety: plain reads of numbers; nothing is cloned or mutated.
        unsafe {
            let p = self.read();
            let elements = p.elements.get(..len)?;
            elements
                .iter()
                .map(|e| match e {
                    Some(Value::Number(n)) => Some(*n),
                    _ => None,
                })
                .collect()
        }
    }

    /// One past the highest index stored densely.
    pub fn dense_len(&self) -> usize {
        // Safety: plain read.
        unsafe { self.read().elements.len() }
    }

    /// A copy of the value of the data property at dictionary position
    /// `pos`, if its key is the string `name` (see `PropMap::data_at_named`).
    pub(crate) fn named_data_at(&self, pos: usize, name: &str) -> Option<Value> {
        // Safety: a read and one clone.
        unsafe { self.read().map.data_at_named(pos, name).cloned() }
    }

    /// The dictionary position of the own property `key`, if this object's
    /// properties are kept in a dictionary.
    pub(crate) fn named_position(&self, key: &PropertyKey) -> Option<usize> {
        // Safety: a plain read.
        unsafe { self.read().map.position_of(key) }
    }

    /// Whether this object may have an own index property: false only
    /// when none is stored, densely or in the map.
    pub fn has_index_properties(&self) -> bool {
        // Safety: plain reads.
        self.indices_in_map.get() > 0 || unsafe { !self.read().elements.is_empty() }
    }

    /// Whether every prototype on this object's chain is `plain` (its
    /// index lookups are plain storage) and stores no index property.
    pub(crate) fn protos_without_indices(&self, plain: impl Fn(&ObjectKind) -> bool) -> bool {
        // Safety: reads along the chain, as in `chain_walk`; `plain` only
        // inspects the kind.
        unsafe {
            let mut p = self.read();
            while let Some(proto) = p.proto.as_ref() {
                let o = proto.data();
                if !plain(&o.kind) || o.storage.has_index_properties() {
                    return false;
                }
                p = o.storage.read();
            }
        }
        true
    }

    /// Appends `value` as the element at `index` when that is the end of
    /// the dense vector and no index property lives in the map (the
    /// common `push`); otherwise hands `value` back.
    #[inline]
    pub fn push_element(&self, index: usize, value: Value) -> Result<(), Value> {
        let rooted = self.rooted.get();
        // Safety: as in `insert`: `value` is owned and adopted before it is
        // stored; growing the vector allocates no `Gc`.
        unsafe {
            let p = self.write();
            if self.indices_in_map.get() != 0 || p.elements.len() != index {
                return Err(value);
            }
            adopt(&value, rooted);
            p.elements.push(Some(value));
        }
        Ok(())
    }

    /// Removes and returns the last dense element if it is at `index`
    /// (the vector is `index + 1` long and that element is not a hole):
    /// `pop` of an array whose last element is stored densely.
    pub fn pop_dense(&self, index: usize) -> Option<Value> {
        // Safety: the removed value leaves the storage; it is handed out
        // rooted (`release`), as `take_all` does.
        unsafe {
            let p = self.write();
            if p.elements.len() != index + 1 || !matches!(p.elements.last(), Some(Some(_))) {
                return None;
            }
            let v = p.elements.pop()??;
            release(&v, self.rooted.get());
            Some(v)
        }
    }

    /// Stores copies of `value` at indices `from..to` in the dense element
    /// vector, growing it (with holes) to `to` if shorter: `fill` on an
    /// array whose own and inherited index properties are all plain
    /// writable ones (checked by the caller). Stores nothing and returns
    /// false when an index property is kept in the map.
    pub fn fill_elements(&self, from: usize, to: usize, value: &Value) -> bool {
        if self.indices_in_map.get() > 0 {
            return false;
        }
        let rooted = self.rooted.get();
        // Safety: as in `insert`; each copy is adopted before it is stored,
        // no `Gc` is allocated and no JavaScript runs meanwhile.
        unsafe {
            let p = self.write();
            if p.elements.len() < to {
                p.elements.resize(to, None);
            }
            for e in &mut p.elements[from..to] {
                let v = value.clone();
                adopt(&v, rooted);
                *e = Some(v);
            }
        }
        true
    }

    /// Whether any index property is stored outside the dense part.
    pub fn has_sparse_indices(&self) -> bool {
        self.indices_in_map.get() > 0
    }

    /// Removes every index property at or above `len` (array length
    /// shrinking). Returns false if a non-configurable one blocked it (the
    /// properties below it stay).
    pub fn truncate_indices(&self, len: u32) -> bool {
        // Safety: removed values are dropped in their stored state.
        unsafe {
            let p = self.write();
            if p.elements.len() > len as usize {
                p.elements.truncate(len as usize);
            }
            if self.indices_in_map.get() > 0 {
                let doomed = p.map.keys_where(|k, a| {
                    matches!(k, PropertyKey::Index(i) if *i >= len) && a.configurable()
                });
                for k in doomed {
                    p.map.shift_remove(&k);
                    self.indices_in_map.set(self.indices_in_map.get() - 1);
                }
                return p
                    .map
                    .keys_where(|k, _| matches!(k, PropertyKey::Index(i) if *i >= len))
                    .is_empty();
            }
            true
        }
    }

    /// The highest index property + 1 (0 if none).
    pub fn index_end(&self) -> u32 {
        // Safety: plain reads.
        unsafe {
            let p = self.read();
            let mut end = p.elements.len() as u32;
            if self.indices_in_map.get() > 0 {
                p.map.for_each(|k, _| {
                    if let PropertyKey::Index(i) = k {
                        end = end.max(i + 1);
                    }
                });
            }
            end
        }
    }

    /// Number of own properties (excluding private names is not attempted).
    pub fn len(&self) -> usize {
        // Safety: plain reads.
        unsafe {
            let p = self.read();
            p.elements.iter().filter(|e| e.is_some()).count() + p.map.len()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Finalize for PropertyStorage {}
// Safety: trace/root/unroot visit the prototype, every element and every
// map value; root/unroot keep `rooted` in step with the contents.
unsafe impl Trace for PropertyStorage {
    unsafe fn trace(&self) {
        let p = self.read();
        p.proto.trace();
        for v in p.elements.iter().flatten() {
            v.trace();
        }
        p.map.trace_values(TraceOp::Trace);
    }
    unsafe fn root(&self) {
        let p = self.read();
        p.proto.root();
        for v in p.elements.iter().flatten() {
            v.root();
        }
        p.map.trace_values(TraceOp::Root);
        self.rooted.set(true);
    }
    unsafe fn unroot(&self) {
        let p = self.read();
        p.proto.unroot();
        for v in p.elements.iter().flatten() {
            v.unroot();
        }
        p.map.trace_values(TraceOp::Unroot);
        self.rooted.set(false);
    }
    fn finalize_glue(&self) {}
}

// ---------------------------------------------------------------------------
// Bindings of an environment record.

/// Binding flags.
pub const BINDING_INITIALIZED: u8 = 1;
pub const BINDING_MUTABLE: u8 = 2;
pub const BINDING_STRICT: u8 = 4;
pub const BINDING_DELETABLE: u8 = 8;
/// An import binding: the value is an `ImportCell` naming the exporting
/// module's binding, read through on every access (`modules/`).
pub const BINDING_INDIRECT: u8 = 16;

/// One binding: its name, value and flags.
struct BindingEntry {
    name: Atom,
    value: Value,
    flags: u8,
}

impl BindingEntry {
    #[inline]
    fn is_named(&self, name: &str) -> bool {
        (std::ptr::eq(self.name.as_ptr(), name.as_ptr()) && self.name.len() == name.len())
            || &*self.name == name
    }

    /// `is_named` for an identifier site's atom: the same allocation (one
    /// pointer compare, the usual case: the parser shares a name's atom
    /// between its declaration and its uses), else the same text.
    #[inline(always)]
    fn is_atom(&self, name: &Atom) -> bool {
        Rc::ptr_eq(&self.name, name) || same_text(&self.name, name)
    }
}

/// Whether two different atoms spell the same name (out of line: rare).
#[cold]
#[inline(never)]
fn same_text(a: &str, b: &str) -> bool {
    a == b
}

/// A copy of a stored value for an identifier read or a member access's
/// inline-cache hit: an object without the `gc` crate's sweep-phase check
/// (`JsObject::clone_unchecked`), anything else by `clone`.
///
/// # Safety
/// Not called while the collector sweeps (evaluation never runs then).
#[inline(always)]
unsafe fn clone_for_read(v: &Value) -> Value {
    match v {
        // Safety: passed on to our caller.
        Value::Object(o) => Value::Object(unsafe { o.clone_unchecked() }),
        _ => v.clone(),
    }
}

/// The name → value table of a declarative environment record.
pub struct BindingStorage {
    rooted: Cell<bool>,
    entries: UnsafeCell<BindingVec>,
}

/// Most records bind a handful of names (a call's parameters and locals,
/// a block's `let`s): those live inside the record, without an allocation
/// of their own.
type BindingVec = smallvec::SmallVec<[BindingEntry; 3]>;

impl Default for BindingStorage {
    fn default() -> Self {
        Self::new()
    }
}

impl BindingStorage {
    pub fn new() -> Self {
        BindingStorage {
            rooted: Cell::new(true),
            entries: UnsafeCell::new(BindingVec::new()),
        }
    }

    pub fn with_capacity(n: usize) -> Self {
        BindingStorage {
            rooted: Cell::new(true),
            entries: UnsafeCell::new(BindingVec::with_capacity(n)),
        }
    }

    /// Shared access to the entries.
    ///
    /// # Safety
    /// The caller only reads and clones while the reference lives.
    #[inline]
    unsafe fn read(&self) -> &BindingVec {
        &*self.entries.get()
    }

    /// Exclusive access to the entries.
    ///
    /// # Safety
    /// The caller keeps the reference local, does not allocate a `Gc` or
    /// run JavaScript while it lives, and adopts stored values.
    #[inline]
    #[allow(clippy::mut_from_ref)]
    unsafe fn write(&self) -> &mut BindingVec {
        &mut *self.entries.get()
    }

    /// The slot of `name`.
    #[inline]
    pub fn find(&self, name: &str) -> Option<usize> {
        // Safety: plain reads.
        unsafe { self.read().iter().position(|e| e.is_named(name)) }
    }

    /// The flags of `slot` if it binds `name` (to validate a cached slot).
    #[inline]
    pub fn flags_if_named(&self, slot: usize, name: &str) -> Option<u8> {
        // Safety: plain reads.
        unsafe {
            let e = self.read().get(slot)?;
            e.is_named(name).then_some(e.flags)
        }
    }

    /// The value in `slot` (rooted copy) if the slot binds `name` and its
    /// flags masked by `mask` are `want`: a cached identifier read checks
    /// and reads in one access.
    ///
    /// # Safety
    /// Not called while the collector sweeps (see `clone_for_read`):
    /// evaluation never runs then.
    #[inline(always)]
    pub unsafe fn get_if(&self, slot: usize, name: &Atom, mask: u8, want: u8) -> Option<Value> {
        // Safety: the reference is copied at once (nothing changes the
        // storage meanwhile); the caller is not in a sweep.
        unsafe {
            self.get_ref_if(slot, name, mask, want)
                .map(|v| clone_for_read(v))
        }
    }

    /// The value in `slot`, by reference (no copy, so no root count
    /// traffic), if the slot binds `name` and its flags masked by `mask`
    /// are `want`: for a consumer that only looks at the value
    /// (`x === null`, the base of `x.name`).
    ///
    /// # Safety
    /// While the reference lives, nothing may change this storage (store,
    /// add, remove, clear, reset), directly or by running JavaScript, and
    /// no `Gc` may be allocated: the reference points into the entries.
    #[inline(always)]
    pub unsafe fn get_ref_if(
        &self,
        slot: usize,
        name: &Atom,
        mask: u8,
        want: u8,
    ) -> Option<&Value> {
        // Safety: a plain read; the caller keeps the storage unchanged
        // while the reference lives (above).
        let e = unsafe { self.read() }.get(slot)?;
        (e.flags & mask == want && e.is_atom(name)).then_some(&e.value)
    }

    /// Stores a copy of `value` in `slot` if the slot binds `name` and its
    /// flags masked by `mask` are `want`; returns whether it did.
    #[inline(always)]
    pub fn set_if(&self, slot: usize, name: &Atom, mask: u8, want: u8, value: &Value) -> bool {
        let rooted = self.rooted.get();
        // Safety: the copy is adopted; the old value is dropped in its
        // stored state.
        unsafe {
            match self.write().get_mut(slot) {
                Some(e) if e.flags & mask == want && e.is_atom(name) => {
                    let v = match value {
                        // What clone and adopt give in an unrooted
                        // container, without raising and lowering the
                        // object's root count.
                        Value::Object(o) if !rooted => Value::Object(o.copy_unrooted()),
                        _ => {
                            let v = value.clone();
                            adopt(&v, rooted);
                            v
                        }
                    };
                    e.value = v;
                    true
                }
                _ => false,
            }
        }
    }

    /// The Number in `slot`, for an update in place (`x++`, `x += 1`, a
    /// number stored over a number), if the slot binds `name`, its flags
    /// masked by `mask` are `want` and it holds a Number. Writing through
    /// the `f64` needs no adopt or drop (a Number holds no `Gc`), and does
    /// not call `Value`'s out-of-line drop glue as assigning a whole
    /// `Value` would.
    ///
    /// # Safety
    /// While the reference lives, nothing else reads or changes this
    /// storage (no store, add, remove, clear or reset, no JavaScript) and
    /// no `Gc` is allocated: the reference points into the entries.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn number_mut_if(
        &self,
        slot: usize,
        name: &Atom,
        mask: u8,
        want: u8,
    ) -> Option<&mut f64> {
        // Safety: passed on to our caller.
        let e = unsafe { self.write() }.get_mut(slot)?;
        if e.flags & mask != want || !e.is_atom(name) {
            return None;
        }
        match &mut e.value {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn len(&self) -> usize {
        // Safety: plain read.
        unsafe { self.read().len() }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds a binding and returns its slot.
    pub fn add(&self, name: Atom, flags: u8, value: Value) -> usize {
        let rooted = self.rooted.get();
        // Safety: `value` is owned and adopted; Vec growth is not a `Gc`
        // allocation.
        unsafe {
            adopt(&value, rooted);
            let b = self.write();
            b.push(BindingEntry { name, value, flags });
            b.len() - 1
        }
    }

    pub fn name(&self, slot: usize) -> Option<Atom> {
        // Safety: read and clone of an `Rc<str>`.
        unsafe { self.read().get(slot).map(|e| e.name.clone()) }
    }

    pub fn names(&self) -> Vec<Atom> {
        // Safety: read and clone.
        unsafe { self.read().iter().map(|e| e.name.clone()).collect() }
    }

    #[inline]
    pub fn flags(&self, slot: usize) -> u8 {
        // Safety: plain read.
        unsafe { self.read().get(slot).map_or(0, |e| e.flags) }
    }

    pub fn set_flags(&self, slot: usize, flags: u8) {
        // Safety: plain write of an integer.
        unsafe {
            if let Some(e) = self.write().get_mut(slot) {
                e.flags = flags;
            }
        }
    }

    /// The value in `slot` (rooted copy).
    #[inline]
    pub fn get(&self, slot: usize) -> Value {
        // Safety: read and clone.
        unsafe {
            self.read()
                .get(slot)
                .map(|e| e.value.clone())
                .unwrap_or_default()
        }
    }

    #[inline]
    pub fn set(&self, slot: usize, value: Value) {
        let rooted = self.rooted.get();
        // Safety: `value` is adopted; the old value is dropped in its stored state.
        unsafe {
            if let Some(e) = self.write().get_mut(slot) {
                adopt(&value, rooted);
                e.value = value;
            }
        }
    }

    pub fn remove(&self, slot: usize) {
        // Safety: the removed value is dropped in its stored state.
        unsafe {
            let b = self.write();
            if slot < b.len() {
                b.remove(slot);
            }
        }
    }

    /// Stores copies of `values` in slots 0.. (at most `n` of them): a
    /// call's parameters bound into a record laid out for them.
    pub fn set_first(&self, values: &[Value], n: usize) {
        let rooted = self.rooted.get();
        // Safety: each stored copy is adopted; the old values are dropped
        // in their stored state.
        unsafe {
            let b = self.write();
            for (e, v) in b.iter_mut().zip(values.iter().take(n)) {
                let v = v.clone();
                adopt(&v, rooted);
                e.value = v;
            }
        }
    }

    /// `set_first` of values the caller gives up, into a record just
    /// `reset`: the `n` values at `src` are moved into slots 0..n (no copy
    /// of each, no drop of the copy, and nothing to drop in the slots:
    /// they hold `undefined`).
    ///
    /// # Safety
    /// `src` points to `n` initialized values that the caller treats as
    /// moved out (it neither reads nor drops them afterwards), and the
    /// record has at least `n` bindings (a call's parameters, slots
    /// 0..n of its function's layout).
    /// (Slots 0..n should hold `undefined`: another value there would be
    /// overwritten without its drop, leaked.)
    #[inline(always)]
    pub unsafe fn move_first(&self, src: *mut Value, n: usize) {
        let rooted = self.rooted.get();
        // Safety: each value read from `src` is owned from here on (the
        // caller's contract); each stored one is adopted, and written over
        // an `undefined`, which has nothing to drop; slots 0..n exist (the
        // caller's contract).
        unsafe {
            let b = self.write();
            debug_assert!(n <= b.len());
            let entries = b.as_mut_ptr();
            for i in 0..n {
                let v = &*src.add(i);
                if !rooted && v.is_object() {
                    v.unroot();
                }
                let slot = std::ptr::addr_of_mut!((*entries.add(i)).value);
                debug_assert!((*slot).is_undefined());
                std::ptr::copy_nonoverlapping(src.add(i), slot, 1);
            }
        }
    }

    /// Removes every binding.
    pub fn clear(&self) {
        // Safety: the removed values are dropped in their stored state.
        unsafe { self.write().clear() }
    }

    /// Keeps the names but gives every binding the value `undefined` and
    /// slot `i` the flags `flags[i]`, if there are exactly `flags.len()`
    /// bindings (otherwise changes nothing and returns false).
    #[inline(always)]
    pub fn reset(&self, flags: &[u8]) -> bool {
        // Safety: the old values are dropped in their stored state;
        // `undefined` holds no `Gc`, so it needs no adopting (`discard`:
        // most old values are numbers or `undefined`, dropped without a
        // call of the drop glue).
        unsafe {
            let b = self.write();
            if b.len() != flags.len() {
                return false;
            }
            for (e, &f) in b.iter_mut().zip(flags) {
                // (The tag tested in place: taking the value out first
                // copied it through the stack.)
                if e.value.owns_nothing() {
                    std::ptr::write(&mut e.value, Value::Undefined);
                } else {
                    drop(std::mem::replace(&mut e.value, Value::Undefined));
                }
                e.flags = f;
            }
        }
        true
    }
}

impl Finalize for BindingStorage {}
// Safety: as for `List`.
unsafe impl Trace for BindingStorage {
    unsafe fn trace(&self) {
        for e in self.read().iter() {
            e.value.trace();
        }
    }
    unsafe fn root(&self) {
        for e in self.read().iter() {
            e.value.root();
        }
        self.rooted.set(true);
    }
    unsafe fn unroot(&self) {
        for e in self.read().iter() {
            e.value.unroot();
        }
        self.rooted.set(false);
    }
    fn finalize_glue(&self) {}
}

// ---------------------------------------------------------------------------
// Ordered hash map keyed by SameValueZero, for Map and Set.

/// A `Value` reduced to what SameValueZero compares.
#[derive(Clone, PartialEq, Eq, Hash)]
enum MapKey {
    Undefined,
    Null,
    Bool(bool),
    Number(u64),
    String(JsString),
    Symbol(Symbol),
    Object(usize),
    BigInt(crate::bigint::JsBigInt),
}

fn map_key(v: &Value) -> MapKey {
    match v {
        Value::Undefined => MapKey::Undefined,
        Value::Null => MapKey::Null,
        Value::Bool(b) => MapKey::Bool(*b),
        Value::Number(n) => {
            let n = if *n == 0.0 { 0.0 } else { *n };
            MapKey::Number(if n.is_nan() {
                f64::NAN.to_bits()
            } else {
                n.to_bits()
            })
        }
        Value::String(s) => MapKey::String(s.clone()),
        Value::Symbol(s) => MapKey::Symbol(s.clone()),
        Value::Object(o) => MapKey::Object(o.ptr_id()),
        Value::BigInt(b) => MapKey::BigInt(b.clone()),
    }
}

struct MapInner {
    entries: Vec<Option<(Value, Value)>>,
    index: FxHashMap<MapKey, usize>,
}

/// The entries of a Map or Set (a Set stores `undefined` values), in
/// insertion order; deleted entries leave a tombstone so that live
/// iterators keep their position.
pub struct ValueMap {
    rooted: Cell<bool>,
    inner: UnsafeCell<MapInner>,
}

impl Default for ValueMap {
    fn default() -> Self {
        Self::new()
    }
}

impl ValueMap {
    pub fn new() -> Self {
        ValueMap {
            rooted: Cell::new(true),
            inner: UnsafeCell::new(MapInner {
                entries: Vec::new(),
                index: FxHashMap::default(),
            }),
        }
    }

    pub fn size(&self) -> usize {
        // Safety: plain read.
        unsafe { (&*self.inner.get()).index.len() }
    }

    pub fn get(&self, key: &Value) -> Option<Value> {
        // Safety: reads and clones.
        unsafe {
            let m = &*self.inner.get();
            let i = *m.index.get(&map_key(key))?;
            m.entries.get(i)?.as_ref().map(|(_, v)| v.clone())
        }
    }

    pub fn has(&self, key: &Value) -> bool {
        // Safety: plain reads.
        unsafe { (&*self.inner.get()).index.contains_key(&map_key(key)) }
    }

    pub fn set(&self, key: Value, value: Value) {
        let rooted = self.rooted.get();
        // Normalize -0 to +0 (Map.prototype.set step 5).
        let key = match key {
            Value::Number(n) if n == 0.0 && n.is_sign_negative() => Value::Number(0.0),
            k => k,
        };
        let mk = map_key(&key);
        // Safety: values are adopted before being stored.
        unsafe {
            let m = &mut *self.inner.get();
            if let Some(&i) = m.index.get(&mk) {
                if let Some(Some((_, v))) = m.entries.get_mut(i) {
                    adopt(&value, rooted);
                    *v = value;
                }
                return;
            }
            adopt(&key, rooted);
            adopt(&value, rooted);
            m.entries.push(Some((key, value)));
            m.index.insert(mk, m.entries.len() - 1);
        }
    }

    pub fn delete(&self, key: &Value) -> bool {
        // Safety: the removed entry is dropped in its stored state.
        unsafe {
            let m = &mut *self.inner.get();
            match m.index.remove(&map_key(key)) {
                Some(i) => {
                    if let Some(e) = m.entries.get_mut(i) {
                        *e = None;
                    }
                    true
                }
                None => false,
            }
        }
    }

    pub fn clear(&self) {
        // Safety: entries are dropped in their stored state.
        unsafe {
            let m = &mut *self.inner.get();
            for e in m.entries.iter_mut() {
                *e = None;
            }
            m.index.clear();
        }
    }

    /// The entry at iteration position `pos`: `None` past the end,
    /// `Some(None)` for a deleted entry.
    pub fn entry_at(&self, pos: usize) -> Option<Option<(Value, Value)>> {
        // Safety: reads and clones.
        unsafe { (&*self.inner.get()).entries.get(pos).cloned() }
    }

    /// Live entries (rooted copies).
    pub fn entries(&self) -> Vec<(Value, Value)> {
        // Safety: reads and clones.
        unsafe {
            (*self.inner.get())
                .entries
                .iter()
                .flatten()
                .cloned()
                .collect()
        }
    }
}

impl Finalize for ValueMap {}
// Safety: as for `List`.
unsafe impl Trace for ValueMap {
    unsafe fn trace(&self) {
        for (k, v) in (&*self.inner.get()).entries.iter().flatten() {
            k.trace();
            v.trace();
        }
    }
    unsafe fn root(&self) {
        for (k, v) in (&*self.inner.get()).entries.iter().flatten() {
            k.root();
            v.root();
        }
        self.rooted.set(true);
    }
    unsafe fn unroot(&self) {
        for (k, v) in (&*self.inner.get()).entries.iter().flatten() {
            k.unroot();
            v.unroot();
        }
        self.rooted.set(false);
    }
    fn finalize_glue(&self) {}
}
