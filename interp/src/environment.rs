//! Environment records (ECMA-262 §9.1): the scope chain.
//!
//! Departure from the spec, on purpose: every record kind keeps its own
//! bindings in one `BindingStorage` (a name → slot table), and identifier
//! lookups walk the chain comparing names. The global record keeps the
//! spec's split between its declarative part (let/const/class) and its
//! object part (the global object).

use std::cell::{Cell, RefCell};

use gc::{Finalize, Gc, Trace};
use parser::ast::Atom;

use crate::object::JsObject;
use crate::storage::{BindingStorage, Slot};
use crate::value::Value;

/// [[ThisBindingStatus]] of a function environment.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ThisBindingStatus {
    Lexical,
    Initialized,
    Uninitialized,
}

/// Function Environment Record fields — ECMA-262 §9.1.1.3
#[derive(Trace, Finalize)]
pub struct FunctionEnvironment {
    pub this_value: Slot<Value>,
    #[unsafe_ignore_trace]
    pub this_status: Cell<ThisBindingStatus>,
    /// [[FunctionObject]] (`None` for the CommonJS module wrapper).
    pub function_object: Option<JsObject>,
    /// [[NewTarget]]: set on entry (a reused record serves [[Call]] and
    /// [[Construct]] alike, see `ScriptFunction::spare_envs`).
    pub new_target: Slot<Value>,
}

/// Global Environment Record fields — ECMA-262 §9.1.1.4
#[derive(Trace, Finalize)]
pub struct GlobalEnvironment {
    pub global_object: JsObject,
    pub global_this: JsObject,
    /// [[VarNames]]
    #[unsafe_ignore_trace]
    pub var_names: RefCell<Vec<Atom>>,
}

#[derive(Trace, Finalize)]
pub enum EnvironmentKind {
    /// DeclarativeEnvironment — blocks, catch clauses, arrows, loop bodies.
    Declarative,
    /// FunctionEnvironment.
    Function(FunctionEnvironment),
    /// GlobalEnvironment.
    Global(GlobalEnvironment),
    /// ObjectEnvironment (`with`).
    Object(JsObject),
    /// ModuleEnvironment (`this` is undefined).
    Module,
}

#[derive(Trace, Finalize)]
pub struct EnvironmentRecord {
    pub outer: Option<Env>,
    pub kind: EnvironmentKind,
    bindings: BindingStorage,
    /// Whether the set of names bound here can change after the record
    /// was set up: object records (`with`), and declarative records into
    /// which code added bindings later (sloppy direct `eval` vars, ...).
    /// An identifier site's cached resolution (`ast::SiteCache`) may skip
    /// over a record only if it is not dynamic.
    #[unsafe_ignore_trace]
    dynamic: Cell<bool>,
    /// `outer`'s record while this record is not dynamic, else null (and
    /// null for the outermost record): what a cached resolution's walk
    /// steps to, one load and one test per hop (`static_outer`).
    #[unsafe_ignore_trace]
    static_outer: Cell<*const EnvironmentRecord>,
    /// What the record belongs to, for `--trace-context` ("block", "catch", ...).
    #[unsafe_ignore_trace]
    pub label: &'static str,
}

impl EnvironmentRecord {
    #[inline]
    pub fn bindings(&self) -> &BindingStorage {
        &self.bindings
    }

    /// See `EnvironmentRecord::dynamic`.
    #[inline]
    pub fn is_dynamic(&self) -> bool {
        self.dynamic.get()
    }

    /// The record a cached resolution may step out to: `outer`'s record,
    /// unless this record is dynamic or has no outer record.
    #[inline(always)]
    pub fn static_outer(&self) -> Option<&EnvironmentRecord> {
        // Safety: a non-null pointer is the record `outer` names (set
        // once, in `Env::new_raw`; `outer` never changes), which `outer`
        // keeps alive as long as `self`.
        unsafe { self.static_outer.get().as_ref() }
    }
}

/// A reference to an environment record.
#[derive(Clone, Trace, Finalize)]
pub struct Env(Gc<EnvironmentRecord>);

impl PartialEq for Env {
    fn eq(&self, other: &Self) -> bool {
        Gc::ptr_eq(&self.0, &other.0)
    }
}

impl Env {
    pub(crate) fn new_raw(
        outer: Option<Env>,
        kind: EnvironmentKind,
        label: &'static str,
        capacity: usize,
    ) -> Env {
        let dynamic = matches!(kind, EnvironmentKind::Object(_));
        let static_outer = match &outer {
            Some(o) if !dynamic => o.record() as *const EnvironmentRecord,
            _ => std::ptr::null(),
        };
        Env(Gc::new(EnvironmentRecord {
            outer,
            kind,
            bindings: BindingStorage::with_capacity(capacity),
            dynamic: Cell::new(dynamic),
            static_outer: Cell::new(static_outer),
            label,
        }))
    }

    /// The record itself: one `Gc` dereference for several field reads.
    #[inline]
    pub fn record(&self) -> &EnvironmentRecord {
        &self.0
    }

    /// The record, without the `gc` crate's check that no collection is
    /// sweeping (a thread-local read whenever the pointer is unrooted, as
    /// every `outer` link is): for the identifier fast paths, which walk
    /// `outer` links on every read.
    ///
    /// # Safety
    /// Not called while the collector sweeps (see
    /// `gc::Gc::deref_unchecked`). Evaluation never runs then: a sweep
    /// only drops unreachable boxes, and no drop in minijs runs
    /// JavaScript or looks at environments.
    #[inline(always)]
    pub(crate) unsafe fn record_unchecked(&self) -> &EnvironmentRecord {
        // Safety: passed on to our caller.
        unsafe { Gc::deref_unchecked(&self.0) }
    }

    /// `Trace::unroot` of this reference, in line and without the `gc`
    /// crate's sweep-phase check (see `Gc::unroot_unchecked`; the derived
    /// `Trace::unroot` of `Env` is a call): for a record entering an
    /// unrooted list (`List::push_env`).
    ///
    /// # Safety
    /// As for `Trace::unroot`: `self` is rooted and enters the traced
    /// container that will hold it. And not called while the collector
    /// sweeps (as `record_unchecked`).
    #[inline(always)]
    pub(crate) unsafe fn unroot_unchecked(&self) {
        // Safety: passed on to our caller.
        unsafe { Gc::unroot_unchecked(&self.0) }
    }

    /// A copy of this reference that is not a root (`gc::Gc::copy_unrooted`),
    /// for a holder outside the heap that `self` outlives.
    ///
    /// # Safety
    /// `self` is rooted, and the copy is dropped (or replaced) before
    /// `self` is: the copy alone keeps nothing alive. It may be cloned
    /// (a clone is a root) but must not be unrooted or stored in the heap.
    #[inline(always)]
    pub(crate) unsafe fn copy_unrooted(&self) -> Env {
        // Safety: passed on to our caller.
        Env(unsafe { Gc::copy_unrooted(&self.0) })
    }

    /// Whether this handle is a root (`gc::Gc::is_rooted`): a call's
    /// record taken from its function's spare list is handed out as an
    /// unrooted copy (see `ScriptFunction::spare_in_use`), a fresh one
    /// rooted.
    #[inline(always)]
    pub(crate) fn is_rooted(&self) -> bool {
        Gc::is_rooted(&self.0)
    }

    pub fn outer(&self) -> Option<&Env> {
        self.0.outer.as_ref()
    }

    pub fn kind(&self) -> &EnvironmentKind {
        &self.0.kind
    }

    pub fn label(&self) -> &'static str {
        self.0.label
    }

    pub fn bindings(&self) -> &BindingStorage {
        &self.0.bindings
    }

    /// See `EnvironmentRecord::dynamic`.
    #[inline]
    pub fn is_dynamic(&self) -> bool {
        self.0.dynamic.get()
    }

    /// Records that names may be bound here after code has run in (or
    /// below) this record, so cached resolutions must not skip it.
    pub fn mark_dynamic(&self) {
        self.0.dynamic.set(true);
        self.0.static_outer.set(std::ptr::null());
    }

    pub fn ptr_id(&self) -> usize {
        Gc::as_ptr(&self.0) as *const u8 as usize
    }

    /// HasThisBinding — ECMA-262 §9.1.1.3.2 and friends.
    pub fn has_this_binding(&self) -> bool {
        match &self.0.kind {
            EnvironmentKind::Function(f) => f.this_status.get() != ThisBindingStatus::Lexical,
            EnvironmentKind::Global(_) | EnvironmentKind::Module => true,
            _ => false,
        }
    }

    #[inline]
    pub fn as_function_env(&self) -> Option<&FunctionEnvironment> {
        match &self.0.kind {
            EnvironmentKind::Function(f) => Some(f),
            _ => None,
        }
    }

    pub fn as_global_env(&self) -> Option<&GlobalEnvironment> {
        match &self.0.kind {
            EnvironmentKind::Global(g) => Some(g),
            _ => None,
        }
    }
}
