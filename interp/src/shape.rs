//! Hidden classes ("shapes"): the key layout of an object's named data
//! properties, shared by every object whose properties were added with the
//! same keys, in the same order, with the same attributes.
//!
//! A shape is immutable: its keys, their slot indices and attributes never
//! change once made. Objects in shape mode (`storage.rs`'s
//! `PropMap::Shaped`) hold only their values, indexed by slot. Shapes form
//! a transition tree from the empty shape: adding key `k` with attributes
//! `a` to an object of shape `S` moves it to `S`'s child for `(k, a)`,
//! made once and then found again by every object built the same way.
//!
//! Every shape has an `id`, unique for the thread's lifetime (ids are
//! never reused; when they run out, no new shape is made and objects stay
//! in dictionary mode), so a member-access site can cache "shape `id`
//! has the key at slot `n`" and validate it with one compare.
//!
//! Shapes hold property keys (interned strings, symbols, private names:
//! `Rc`s, no `Gc` pointers), so they need no tracing.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use rustc_hash::FxHashMap;

use crate::storage::Attributes;
use crate::value::PropertyKey;

/// The most keys a shape holds; an object that grows past it goes to
/// dictionary mode.
/// (Each shape has its own copy of its keys: a chain of `n` shapes holds
/// `n * (n + 1) / 2` entries, so this also bounds what one object adding
/// keys no other object has can cost.)
pub(crate) const SHAPE_MAX: usize = 20;

/// A shape's children by the key and attributes added: a short list while
/// few (most shapes have one child), hashed beyond that (the empty shape
/// has a child for every first key in the program).
enum Transitions {
    Few(Vec<(PropertyKey, Attributes, Weak<Shape>)>),
    Many(FxHashMap<(PropertyKey, Attributes), Weak<Shape>>),
}

/// Above this many children a shape hashes them.
const FEW_TRANSITIONS: usize = 8;

impl Transitions {
    fn get(&self, key: &PropertyKey, attrs: Attributes) -> Option<Rc<Shape>> {
        match self {
            Transitions::Few(v) => v
                .iter()
                .find(|(k, a, _)| k == key && *a == attrs)
                .and_then(|(_, _, c)| c.upgrade()),
            Transitions::Many(m) => m.get(&(key.clone(), attrs))?.upgrade(),
        }
    }

    /// Adds (or replaces a dead) child, forgetting dead children now and
    /// then (a key made at run time per object would otherwise leave one
    /// entry each).
    fn insert(&mut self, key: &PropertyKey, attrs: Attributes, child: Weak<Shape>) {
        match self {
            Transitions::Few(v) => {
                if let Some(e) = v.iter_mut().find(|(k, a, _)| k == key && *a == attrs) {
                    e.2 = child;
                    return;
                }
                v.retain(|(_, _, c)| c.strong_count() > 0);
                if v.len() < FEW_TRANSITIONS {
                    v.push((key.clone(), attrs, child));
                    return;
                }
                let mut m: FxHashMap<_, _> = v.drain(..).map(|(k, a, c)| ((k, a), c)).collect();
                m.insert((key.clone(), attrs), child);
                *self = Transitions::Many(m);
            }
            Transitions::Many(m) => {
                if m.len() >= 2 * FEW_TRANSITIONS && m.len().is_power_of_two() {
                    m.retain(|_, c| c.strong_count() > 0);
                }
                m.insert((key.clone(), attrs), child);
            }
        }
    }
}

pub(crate) struct Shape {
    id: u32,
    /// The keys and their attributes, in slot order.
    keys: Box<[(PropertyKey, Attributes)]>,
    /// Keeps the chain alive (and so its transitions found again) while
    /// any object uses a descendant.
    parent: Option<Rc<Shape>>,
    /// Children by added key and attributes; weak, so that shapes no
    /// object uses any more are freed.
    transitions: RefCell<Transitions>,
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(EMPTY_ID + 1) };
    static EMPTY: Rc<Shape> = Rc::new(Shape {
        id: EMPTY_ID,
        keys: Box::new([]),
        parent: None,
        transitions: RefCell::new(Transitions::Few(Vec::new())),
    });
}

/// How many entries `RECENT` has.
const RECENT_SLOTS: usize = 256;

thread_local! {
    /// Shapes that add transitions recently led to, by id (direct-mapped
    /// on the id's low bits; a newer shape evicts an older one): lets a
    /// member site that recorded an add transition find its target shape
    /// from the recorded id alone, without the key (`Shape::recent`).
    /// Weak: an entry keeps no shape alive.
    static RECENT: RefCell<[Weak<Shape>; RECENT_SLOTS]> =
        const { RefCell::new([const { Weak::new() }; RECENT_SLOTS]) };
}

/// The id of the empty shape, which an object with no named properties
/// has whether or not it holds a `Shape`.
pub(crate) const EMPTY_ID: u32 = 1;

/// A fresh shape id (never 0, never reused), or `None` once exhausted.
fn next_id() -> Option<u32> {
    NEXT_ID.with(|n| {
        let id = n.get();
        if id == u32::MAX {
            return None;
        }
        n.set(id + 1);
        Some(id)
    })
}

/// A fresh layout id for a dictionary (`storage.rs`'s `LargeMap`), from
/// the same sequence as shape ids; 0 (never cached) once exhausted.
pub(crate) fn fresh_id() -> u32 {
    next_id().unwrap_or(0)
}

impl Shape {
    /// The shape with no keys (`None` only while the thread's locals are
    /// being destroyed).
    pub(crate) fn empty() -> Option<Rc<Shape>> {
        EMPTY.try_with(Rc::clone).ok()
    }

    /// This shape's id: equal ids mean the same shape (see module doc).
    #[inline]
    pub(crate) fn id(&self) -> u32 {
        self.id
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The slot of `key` and its attributes.
    #[inline]
    pub(crate) fn find(&self, key: &PropertyKey) -> Option<(usize, Attributes)> {
        // String keys are interned: this compares addresses, never text.
        let i = self.keys.iter().position(|(k, _)| k == key)?;
        Some((i, self.keys[i].1))
    }

    /// `find`, trying slot `hint` first (updated when the key is
    /// elsewhere); the key is compared wherever it is looked for.
    #[inline(always)]
    pub(crate) fn find_hinted(
        &self,
        key: &PropertyKey,
        hint: &Cell<u32>,
    ) -> Option<(usize, Attributes)> {
        let h = hint.get() as usize;
        if let Some((k, a)) = self.keys.get(h) {
            if k == key {
                return Some((h, *a));
            }
        }
        let found = self.find(key)?;
        hint.set(found.0 as u32);
        Some(found)
    }

    /// Calls `f` with each key and its attributes, in slot order.
    pub(crate) fn for_each(&self, mut f: impl FnMut(usize, &PropertyKey, Attributes)) {
        for (i, (k, a)) in self.keys.iter().enumerate() {
            f(i, k, *a);
        }
    }

    /// The child shape for `key` and `attrs` if it is alive and has id
    /// `id`.
    pub(crate) fn child(&self, key: &PropertyKey, attrs: Attributes, id: u32) -> Option<Rc<Shape>> {
        let c = self.transitions.borrow().get(key, attrs)?;
        (c.id == id).then_some(c)
    }

    /// Remembers this shape as the target of an add transition, for
    /// `recent`.
    pub(crate) fn remember(self: &Rc<Shape>) {
        let _ = RECENT.try_with(|r| {
            if let Ok(mut r) = r.try_borrow_mut() {
                if let Some(e) = r.get_mut(self.id as usize % RECENT_SLOTS) {
                    *e = Rc::downgrade(self);
                }
            }
        });
    }

    /// The shape with id `id` if it is alive and still remembered (see
    /// `remember`). Equal ids mean the same shape, so this is the shape an
    /// add transition that recorded `id` leads to.
    #[inline]
    pub(crate) fn recent(id: u32) -> Option<Rc<Shape>> {
        RECENT
            .try_with(|r| {
                let s = r
                    .try_borrow()
                    .ok()?
                    .get(id as usize % RECENT_SLOTS)?
                    .upgrade()?;
                (s.id == id).then_some(s)
            })
            .ok()
            .flatten()
    }

    /// The shape without its last key (what deleting that key leaves).
    pub(crate) fn parent(&self) -> Option<&Rc<Shape>> {
        self.parent.as_ref()
    }

    /// The shape reached by adding `key` (not already present) with
    /// attributes `attrs`, made if new; `None` when the object should go
    /// to dictionary mode instead (too many keys, ids exhausted).
    pub(crate) fn with_key(
        self: &Rc<Shape>,
        key: &PropertyKey,
        attrs: Attributes,
    ) -> Option<Rc<Shape>> {
        if self.len() >= SHAPE_MAX {
            return None;
        }
        if let Some(c) = self.transitions.borrow().get(key, attrs) {
            return Some(c);
        }
        let id = next_id()?;
        let mut keys = Vec::with_capacity(self.len() + 1);
        keys.extend_from_slice(&self.keys);
        keys.push((key.clone(), attrs));
        let child = Rc::new(Shape {
            id,
            keys: keys.into_boxed_slice(),
            parent: Some(Rc::clone(self)),
            transitions: RefCell::new(Transitions::Few(Vec::new())),
        });
        self.transitions
            .borrow_mut()
            .insert(key, attrs, Rc::downgrade(&child));
        Some(child)
    }
}
