//! Evaluation of expressions (ECMA-262 §13) and identifier resolution
//! (ResolveBinding / GetValue / PutValue on environment references, done
//! directly instead of through Reference Records).

use std::rc::Rc;

use parser::ast::{
    self, ArrayElement, AssignOp, BinaryOp, Expr, ExprKind, LogicalOp, MemberCache, MemberProp,
    SiteCache, UnaryOp, UpdateOp,
};

use crate::environment::{
    Env, EnvironmentKind, EnvironmentRecord, GlobalEnvironment, ThisBindingStatus,
};
use crate::function::create_script_function;
use crate::interp::Interp;
use crate::object::{JsObject, ObjectKind, PropertyDescriptor};
use crate::operations::{
    self, f64_to_int32, f64_to_uint32, get_v, instanceof_operator, is_less_than, is_loosely_equal,
    is_strictly_equal, to_boolean, to_number, to_object, to_primitive, to_property_key, to_string,
    Hint,
};
use crate::storage::{
    Attributes, BindingStorage, PropertySlot, BINDING_INDIRECT, BINDING_INITIALIZED,
    BINDING_MUTABLE, BINDING_STRICT,
};
use crate::string::JsString;
use crate::value::{PropertyKey, Value};
use crate::{JsError, JsResult};

/// Evaluated call arguments: up to this many without a heap allocation.
pub(crate) type ArgList = smallvec::SmallVec<[Value; 6]>;

/// The most properties an object literal made with its final shape at
/// once (`eval_named_object_literal`) has.
const NAMED_LITERAL_MAX: usize = 8;

/// A `SiteCache` slot with this bit set means "a property of the global
/// object"; the other bits are where the property was found in the global
/// object's dictionary (checked by its key on use), all ones if unknown.
const GLOBAL_BIT: u32 = 1 << 31;
const GLOBAL_OBJECT_SLOT: u32 = u32::MAX;

/// The flags a cached read needs: initialized, not an import.
const READ_MASK: u8 = BINDING_INITIALIZED | BINDING_INDIRECT;
const READ_WANT: u8 = BINDING_INITIALIZED;
/// The flags a cached store needs: initialized, mutable, not an import.
const WRITE_MASK: u8 = BINDING_INITIALIZED | BINDING_MUTABLE | BINDING_INDIRECT;
const WRITE_WANT: u8 = BINDING_INITIALIZED | BINDING_MUTABLE;

/// A record's identity (its address, as `Env::ptr_id`).
#[inline(always)]
fn record_id(record: &EnvironmentRecord) -> usize {
    record as *const EnvironmentRecord as usize
}

/// Whether a site's cache says its name is a property of the global object.
#[inline]
fn is_global_site(cache: &SiteCache) -> bool {
    matches!(cache.get(), Some((_, slot)) if slot & GLOBAL_BIT != 0)
}

/// Where an identifier resolved.
pub(crate) enum Resolved {
    /// A declarative binding: environment and slot.
    Binding(Env, usize),
    /// A property of an object environment or the global object.
    Object(JsObject, bool),
    Unresolvable,
}

impl Interp {
    // ------------------------------------------------------------------
    // Identifier resolution — ResolveBinding / GetIdentifierReference.

    /// The record `hops` links out from the running LexicalEnvironment,
    /// unless a dynamic record (see `Env::is_dynamic`) lies in between:
    /// a cached resolution may skip only records whose names are fixed.
    #[inline]
    fn env_at_hops(&self, hops: u32) -> Option<&Env> {
        let mut env = self.lexical_env_ref();
        for _ in 0..hops {
            let record = env.record();
            if record.is_dynamic() {
                return None;
            }
            env = record.outer.as_ref()?;
        }
        Some(env)
    }

    /// The record `hops` links out from the running LexicalEnvironment,
    /// as `env_at_hops`, for the identifier fast paths: the first record
    /// is the one the context stack keeps at hand (`lexical_record`), the
    /// others are reached through `static_outer`, which stops at a dynamic
    /// record as `env_at_hops` does.
    #[inline(always)]
    fn record_at_hops(&self, hops: u32) -> Option<&EnvironmentRecord> {
        let mut record = self.lexical_record();
        for _ in 0..hops {
            record = record.static_outer()?;
        }
        Some(record)
    }

    /// The binding a site's cache points at, validated: the record, its
    /// bindings, the slot and the slot's flags. `None` when the cache is
    /// empty or stale.
    #[inline]
    fn cached_binding(
        &self,
        name: &str,
        cache: &SiteCache,
    ) -> Option<(&Env, &BindingStorage, usize, u8)> {
        let (hops, slot) = cache.get()?;
        if slot & GLOBAL_BIT != 0 {
            return None;
        }
        let env = self.env_at_hops(hops)?;
        let bindings = env.record().bindings();
        let flags = bindings.flags_if_named(slot as usize, name)?;
        Some((env, bindings, slot as usize, flags))
    }

    /// The value of a site's cached binding, when the cache is valid and
    /// the binding initialized and direct (not an import): one walk and
    /// one access to the record's bindings. (A global-object site's slot,
    /// `u32::MAX`, is past the end of every record.)
    #[inline(always)]
    fn read_cached(&self, name: &ast::Atom, cache: &SiteCache) -> Option<Value> {
        let (hops, slot) = cache.get()?;
        let record = self.record_at_hops(hops)?;
        // Safety: evaluation, never during a sweep.
        unsafe {
            record
                .bindings()
                .get_if(slot as usize, name, READ_MASK, READ_WANT)
        }
    }

    /// A site's cached binding's value by reference, when the cache is
    /// valid and the binding initialized and direct (as for
    /// `read_cached`): no copy of the value, so no root count increment
    /// and decrement.
    ///
    /// # Safety
    /// As for `BindingStorage::get_ref_if`: while the reference lives, no
    /// JavaScript runs, no binding is stored and no `Gc` is allocated.
    #[inline(always)]
    unsafe fn cached_ref(&self, name: &ast::Atom, cache: &SiteCache) -> Option<&Value> {
        let (hops, slot) = cache.get()?;
        let record = self.record_at_hops(hops)?;
        // Safety: passed on to our caller.
        unsafe {
            record
                .bindings()
                .get_ref_if(slot as usize, name, READ_MASK, READ_WANT)
        }
    }

    /// `x === null`, `x !== null`, `x == null`, `x != null`: the literal
    /// needs no evaluation and no comparison call, and a cached identifier
    /// is looked at in place (a member expression `member_in_place` reads,
    /// read there). `None` for the other operators.
    #[inline]
    fn null_compare(&mut self, op: BinaryOp, l: &Expr) -> Option<JsResult<Value>> {
        self.null_test(op, l).map(|r| r.map(Value::Bool))
    }

    /// `null_compare`'s result as a boolean.
    #[inline(always)]
    fn null_test(&mut self, op: BinaryOp, l: &Expr) -> Option<JsResult<bool>> {
        let (loose, negate) = null_op(op)?;
        let is_null = match self.null_peek(loose, l) {
            Some(b) => b,
            None => match self.eval_expr(l) {
                Ok(v) => {
                    let b = is_null_value(&v, loose);
                    discard(v);
                    b
                }
                Err(e) => return Some(Err(e)),
            },
        };
        Some(Ok(is_null != negate))
    }

    /// Whether `l` is null (or undefined, when `loose`) when a cached
    /// identifier or a member expression `member_in_place` reads can tell
    /// without running code; `None` (nothing evaluated) otherwise.
    #[inline(always)]
    fn null_peek(&self, loose: bool, l: &Expr) -> Option<bool> {
        match &l.kind {
            // Safety: the reference is only looked at.
            ExprKind::Ident(name, cache) => {
                unsafe { self.cached_ref(name, cache) }.map(|v| is_null_value(v, loose))
            }
            // Safety: the value is only looked at.
            ExprKind::Member { object, prop, .. } => unsafe {
                self.member_look(object, prop, |v| is_null_value(v, loose))
            },
            _ => None,
        }
    }

    /// `number_operand`, or `a op b` for two such operands and an
    /// arithmetic or bitwise operator (`i < n - 1`, `k % 2 === 0`): on two
    /// numbers it runs no code.
    #[inline(always)]
    fn peek_number(&self, e: &Expr) -> Option<f64> {
        match &e.kind {
            ExprKind::Binary(op, a, b) => self.peek_arith(*op, a, b),
            _ => self.number_operand(e),
        }
    }

    /// `peek_number` of `a op b`, in a frame of its own so that
    /// `cond_peek`'s commoner cases stay small.
    #[inline(never)]
    fn peek_arith(&self, op: BinaryOp, a: &Expr, b: &Expr) -> Option<f64> {
        if !is_number_arith(op) {
            return None;
        }
        let a = self.number_operand(a)?;
        let b = self.number_operand(b)?;
        Some(number_arith(op, a, b))
    }

    /// A condition's truth when it can be had without running code or
    /// building a value: a null test or a number comparison of operands
    /// read in place (see `null_peek`, `number_operand`), or a cached
    /// identifier's ToBoolean. A small frame of its own, apart from
    /// `eval_cond_special`'s, which takes the rest (`Peek::Unknown`:
    /// nothing has been evaluated, so the general path starts afresh).
    #[inline(never)]
    fn cond_peek(&self, e: &Expr) -> Peek {
        let known = match &e.kind {
            ExprKind::Binary(op, l, r) => {
                if let ExprKind::Null = r.kind {
                    null_op(*op).and_then(|(loose, negate)| {
                        self.null_peek(loose, l).map(|is_null| is_null != negate)
                    })
                } else {
                    self.number_operand(l)
                        .and_then(|a| self.peek_number(r).and_then(|b| number_compare(*op, a, b)))
                }
            }
            // Safety: the reference is only looked at (ToBoolean runs no
            // code).
            ExprKind::Ident(name, cache) => unsafe { self.cached_ref(name, cache) }.map(to_boolean),
            _ => None,
        };
        match known {
            Some(true) => Peek::True,
            Some(false) => Peek::False,
            None => Peek::Unknown,
        }
    }

    /// The Number an operand holds when reading it runs no code and
    /// builds no value: a number literal, an identifier whose cached
    /// binding is initialized, direct and holds a Number, or a member
    /// expression `member_in_place` reads. `None` otherwise (nothing
    /// observable has been evaluated then).
    #[inline(always)]
    fn number_operand(&self, e: &Expr) -> Option<f64> {
        match &e.kind {
            ExprKind::Num(n) => Some(*n),
            // Safety: the number is copied out at once.
            ExprKind::Ident(name, cache) => match unsafe { self.cached_ref(name, cache) }? {
                Value::Number(n) => Some(*n),
                _ => None,
            },
            // `x[k]`: a dense element (see `ident_element`).
            ExprKind::Member {
                object,
                prop: MemberProp::Computed(key),
                ..
            } => match &object.kind {
                ExprKind::Ident(name, cache) => match self.ident_element(name, cache, key)? {
                    Value::Number(n) => Some(n),
                    v => {
                        discard(v);
                        None
                    }
                },
                _ => None,
            },
            // Safety: the value is only looked at.
            ExprKind::Member { object, prop, .. } => unsafe {
                self.member_look(object, prop, |v| match v {
                    Value::Number(n) => Some(*n),
                    _ => None,
                })
            }?,
            _ => None,
        }
    }

    /// `x.name` where `x` is an identifier (other member expressions take
    /// the general path): a cached binding is looked at in place, and when
    /// it holds an object whose layout the site's inline cache knows, the
    /// property is read without copying `x` out (a root count increment
    /// and decrement).
    #[inline(always)]
    fn ident_member(&mut self, object: &Expr, prop: &MemberProp, pos: u32) -> JsResult<Value> {
        let peeked = match (&object.kind, prop) {
            // Safety: until the reference's last use below, only
            // `cached_get_named` (an inline-cache probe that reads the
            // object's storage and copies a data property's value out) and
            // a clone run: no JavaScript, no store, no `Gc` allocation.
            (ExprKind::Ident(name, cache), _) => unsafe { self.cached_ref(name, cache) },
            _ => None,
        };
        let base = match peeked {
            Some(v) => {
                if let (Value::Object(o), MemberProp::Ident(n)) = (v, prop) {
                    if let Some(v) = o.cached_get_named(&n.name, &n.site) {
                        return Ok(v);
                    }
                }
                v.clone()
            }
            None => {
                let base = self.eval_expr(object)?;
                return self.get_member(&base, prop, object, pos);
            }
        };
        self.get_member_slow(&base, prop, object, pos)
    }

    /// `x[k]` where `x` is an identifier and `k` a number literal or an
    /// identifier, both cached bindings (reading them runs no code): when
    /// `x` holds an object whose dense element vector has the element `k`
    /// names, that element's value, read without copying `x` or `k` out
    /// (root count traffic) and without the general member path. `None`,
    /// with nothing evaluated, otherwise.
    #[inline(never)]
    fn ident_element(&self, name: &ast::Atom, cache: &SiteCache, key: &Expr) -> Option<Value> {
        // Safety: until the references' last use, only binding lookups and
        // a dense element's read and copy run: no JavaScript, no store, no
        // `Gc` allocation.
        unsafe {
            let Value::Object(o) = self.cached_ref(name, cache)? else {
                return None;
            };
            let n = match &key.kind {
                ExprKind::Num(n) => *n,
                ExprKind::Ident(k, kc) => match self.cached_ref(k, kc)? {
                    Value::Number(n) => *n,
                    _ => return None,
                },
                _ => return None,
            };
            o.dense_element(n)
        }
    }

    /// A site's cached binding when it is initialized, mutable and direct
    /// (not an import): the hops, the record's identity and the slot, for
    /// an assignment that stores without resolving again.
    #[inline]
    pub(crate) fn cached_target(
        &self,
        name: &ast::Atom,
        cache: &SiteCache,
    ) -> Option<(u32, usize, usize)> {
        let (hops, slot) = cache.get()?;
        let record = self.record_at_hops(hops)?;
        let flags = record.bindings().flags_if_named(slot as usize, name)?;
        (flags & WRITE_MASK == WRITE_WANT).then(|| (hops, record_id(record), slot as usize))
    }

    /// `cached_target` and the binding's value, for `x op= e`.
    #[inline]
    fn cached_target_value(
        &self,
        name: &ast::Atom,
        cache: &SiteCache,
    ) -> Option<(u32, usize, usize, Value)> {
        let (hops, slot) = cache.get()?;
        let record = self.record_at_hops(hops)?;
        // Safety: evaluation, never during a sweep.
        let old = unsafe {
            record
                .bindings()
                .get_if(slot as usize, name, WRITE_MASK, WRITE_WANT)?
        };
        Some((hops, record_id(record), slot as usize, old))
    }

    /// The Number held by a site's cached binding, for an update in place
    /// (`x++`, `x op= y`), when the cache is valid and the binding plain
    /// (initialized, mutable, direct) and holding a Number. `None`
    /// otherwise (nothing looked at has changed).
    ///
    /// # Safety
    /// As for `number_at`: while the reference lives, nothing else reads
    /// or changes the record's bindings, no JavaScript runs and no `Gc` is
    /// allocated.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    unsafe fn cached_number_mut(&self, name: &ast::Atom, cache: &SiteCache) -> Option<&mut f64> {
        let (hops, slot) = cache.get()?;
        // Safety: passed on to our caller.
        unsafe { number_at(self.record_at_hops(hops)?, slot as usize, name) }
    }

    /// PutValue for a site resolved by `cached_target` before its right
    /// side ran: the running context's chain is the same as then, so the
    /// record `hops` links out is the one resolved (checked by identity).
    /// Stores and returns true while that slot still binds `name` mutably;
    /// false if the right side deleted it (an `eval` var), and the caller
    /// assigns by name instead.
    #[inline(always)]
    pub(crate) fn store_resolved(
        &self,
        name: &ast::Atom,
        hops: u32,
        id: usize,
        slot: usize,
        v: &Value,
    ) -> bool {
        let mut record = self.lexical_record();
        for _ in 0..hops {
            match record.outer.as_ref() {
                // Safety: as above.
                Some(o) => record = unsafe { o.record_unchecked() },
                None => return false,
            }
        }
        if record_id(record) != id {
            return false;
        }
        // A number over a number: nothing to root, adopt or drop.
        if let Value::Number(n) = *v {
            // Safety: written at once.
            if let Some(x) = unsafe { number_at(record, slot, name) } {
                *x = n;
                return true;
            }
        }
        record
            .bindings()
            .set_if(slot, name, WRITE_MASK, WRITE_WANT, v)
    }

    /// The global record, when a site's cache says `name` resolved to a
    /// property of the global object and no global lexical declaration
    /// has shadowed it since.
    #[inline]
    fn cached_global(&self, name: &str, cache: &SiteCache) -> Option<&GlobalEnvironment> {
        let (hops, slot) = cache.get()?;
        if slot & GLOBAL_BIT == 0 {
            return None;
        }
        let env = self.env_at_hops(hops)?;
        match env.kind() {
            EnvironmentKind::Global(g) if env.bindings().find(name).is_none() => Some(g),
            _ => None,
        }
    }

    /// ResolveBinding — ECMA-262 §9.4.2. With a site cache, a validated
    /// cached resolution skips the walk, and a walk through records whose
    /// names are fixed fills the cache.
    pub(crate) fn resolve_binding(
        &mut self,
        name: &str,
        cache: Option<&SiteCache>,
    ) -> JsResult<Resolved> {
        if let Some(cache) = cache {
            if let Some((env, _, slot, _)) = self.cached_binding(name, cache) {
                return Ok(Resolved::Binding(env.clone(), slot));
            }
            if is_global_site(cache) {
                let key = self.interned_key(name);
                if let Some(g) = self.cached_global(name, cache) {
                    let global = g.global_object.clone();
                    if global.has_property(self, &key)? {
                        return Ok(Resolved::Object(global, false));
                    }
                }
            }
        }
        let fill = |hops: u32, slot: u32| {
            if let Some(c) = cache {
                c.set(hops, slot)
            }
        };
        // Declarative records and the global record, walked by reference,
        // counting hops; the first object record (`with`) takes the full
        // walk below.
        let mut env = self.lexical_env_ref();
        let mut hops = 0u32;
        let mut cacheable = true;
        loop {
            match env.kind() {
                EnvironmentKind::Object(_) => break,
                EnvironmentKind::Global(g) => {
                    if let Some(slot) = env.bindings().find(name) {
                        if cacheable {
                            fill(hops, slot as u32);
                        }
                        return Ok(Resolved::Binding(env.clone(), slot));
                    }
                    let key = PropertyKey::from(name);
                    let global = g.global_object.clone();
                    if global.has_property(self, &key)? {
                        if cacheable {
                            fill(hops, GLOBAL_OBJECT_SLOT);
                        }
                        return Ok(Resolved::Object(global, false));
                    }
                    return Ok(Resolved::Unresolvable);
                }
                _ => {
                    if let Some(slot) = env.bindings().find(name) {
                        if cacheable {
                            fill(hops, slot as u32);
                        }
                        return Ok(Resolved::Binding(env.clone(), slot));
                    }
                }
            }
            cacheable &= !env.is_dynamic();
            hops += 1;
            match env.outer() {
                Some(o) => env = o,
                None => return Ok(Resolved::Unresolvable),
            }
        }
        let start = env.clone();
        let mut env = &start;
        loop {
            match env.kind() {
                EnvironmentKind::Object(obj) => {
                    let key = PropertyKey::from(name);
                    if obj.has_property(self, &key)? && !self.is_unscopable(obj, &key)? {
                        return Ok(Resolved::Object(obj.clone(), true));
                    }
                }
                EnvironmentKind::Global(g) => {
                    if let Some(slot) = env.bindings().find(name) {
                        return Ok(Resolved::Binding(env.clone(), slot));
                    }
                    let key = PropertyKey::from(name);
                    let global = g.global_object.clone();
                    if global.has_property(self, &key)? {
                        return Ok(Resolved::Object(global, false));
                    }
                    return Ok(Resolved::Unresolvable);
                }
                _ => {
                    if let Some(slot) = env.bindings().find(name) {
                        return Ok(Resolved::Binding(env.clone(), slot));
                    }
                }
            }
            match env.outer() {
                Some(o) => env = o,
                None => return Ok(Resolved::Unresolvable),
            }
        }
    }

    fn is_unscopable(&mut self, obj: &JsObject, key: &PropertyKey) -> JsResult<bool> {
        let sym = self.realm.intrinsics.symbol_unscopables.clone();
        let u = obj.get(self, &PropertyKey::Symbol(sym), &Value::Object(obj.clone()))?;
        if let Value::Object(u) = u {
            let v = u.get(self, key, &Value::Object(u.clone()))?;
            return Ok(to_boolean(&v));
        }
        Ok(false)
    }

    /// GetValue of an identifier reference: a valid cached binding is read
    /// in line (in eval_expr), the rest out of line.
    #[inline(always)]
    pub(crate) fn get_identifier(
        &mut self,
        name: &ast::Atom,
        cache: &SiteCache,
        pos: u32,
    ) -> JsResult<Value> {
        if let Some(v) = self.read_cached(name, cache) {
            return Ok(v);
        }
        self.get_identifier_slow(name, cache, pos)
    }

    /// `get_identifier` when the site's cache is empty, stale or names a
    /// binding that is not a plain initialized one.
    #[inline(never)]
    fn get_identifier_slow(
        &mut self,
        name: &ast::Atom,
        cache: &SiteCache,
        pos: u32,
    ) -> JsResult<Value> {
        if let Some((env, _, slot, _)) = self.cached_binding(name, cache) {
            let env = env.clone();
            return self.read_binding(&env, slot, name);
        }
        if let Some((hops, slot)) = cache.get().filter(|&(_, s)| s & GLOBAL_BIT != 0) {
            if let Some(g) = self.cached_global(name, cache) {
                let global = &g.global_object;
                if let Some(v) = global.named_data_at((slot & !GLOBAL_BIT) as usize, name) {
                    return Ok(v);
                }
                let global = global.clone();
                let key = self.interned_key(name);
                if let Some(PropertySlot::Data(v, _)) = global.own_slot_raw(&key) {
                    // Remember where the property is, for the next read.
                    if let Some(pos) = global.named_position(&key) {
                        cache.set(hops, GLOBAL_BIT | pos.min(!GLOBAL_BIT as usize) as u32);
                    }
                    return Ok(v);
                }
            }
        }
        // Declarative records walked by reference, counting hops for the
        // cache.
        let mut env = self.lexical_env_ref();
        let mut hops = 0u32;
        let mut cacheable = true;
        loop {
            match env.kind() {
                EnvironmentKind::Object(_) => break,
                EnvironmentKind::Global(g) => {
                    if let Some(slot) = env.bindings().find(name) {
                        if cacheable {
                            cache.set(hops, slot as u32);
                        }
                        let env = env.clone();
                        return self.read_binding(&env, slot, name);
                    }
                    let key = PropertyKey::from(&**name);
                    if let Some(PropertySlot::Data(v, _)) = g.global_object.own_slot_raw(&key) {
                        if cacheable {
                            cache.set(hops, GLOBAL_OBJECT_SLOT);
                        }
                        return Ok(v);
                    }
                    break;
                }
                _ => {
                    if let Some(slot) = env.bindings().find(name) {
                        if cacheable {
                            cache.set(hops, slot as u32);
                        }
                        let b = env.bindings();
                        let flags = b.flags(slot);
                        if flags & (BINDING_INITIALIZED | BINDING_INDIRECT) == BINDING_INITIALIZED {
                            return Ok(b.get(slot));
                        }
                        let env = env.clone();
                        return self.read_binding(&env, slot, name);
                    }
                }
            }
            cacheable &= !env.is_dynamic();
            hops += 1;
            match env.outer() {
                Some(o) => env = o,
                None => break,
            }
        }
        match self.resolve_binding(name, None)? {
            Resolved::Binding(env, slot) => self.read_binding(&env, slot, name),
            Resolved::Object(obj, _) => {
                let key = PropertyKey::from(&**name);
                obj.get(self, &key, &Value::Object(obj.clone()))
            }
            Resolved::Unresolvable => {
                self.set_position(pos);
                Err(self.reference_error(format!("{name} is not defined")))
            }
        }
    }

    #[inline]
    pub(crate) fn read_binding(&mut self, env: &Env, slot: usize, name: &str) -> JsResult<Value> {
        let b = env.bindings();
        let flags = b.flags(slot);
        if flags & BINDING_INITIALIZED == 0 {
            return Err(
                self.reference_error(format!("Cannot access '{name}' before initialization"))
            );
        }
        if flags & BINDING_INDIRECT != 0 {
            return crate::modules::module_record::read_import_binding(self, &b.get(slot), name);
        }
        Ok(b.get(slot))
    }

    /// PutValue on an identifier reference.
    pub(crate) fn set_identifier(
        &mut self,
        name: &str,
        cache: Option<&SiteCache>,
        value: Value,
    ) -> JsResult<()> {
        if let Some((_, bindings, slot, flags)) = cache.and_then(|c| self.cached_binding(name, c)) {
            if flags & (BINDING_INITIALIZED | BINDING_MUTABLE)
                == BINDING_INITIALIZED | BINDING_MUTABLE
            {
                bindings.set(slot, value);
                return Ok(());
            }
        }
        let strict = self.is_strict();
        match self.resolve_binding(name, cache)? {
            Resolved::Binding(env, slot) => self.write_binding(&env, slot, name, value, strict),
            Resolved::Object(obj, _) => {
                let key = PropertyKey::from(name);
                let receiver = Value::Object(obj.clone());
                let ok = obj.set(self, key.clone(), value, &receiver)?;
                if !ok && strict {
                    return Err(operations::failed_set_error(self, &receiver, &key));
                }
                Ok(())
            }
            Resolved::Unresolvable => {
                if strict {
                    return Err(self.reference_error(format!("{name} is not defined")));
                }
                let global = self.realm.global_object.clone();
                global.set(
                    self,
                    PropertyKey::from(name),
                    value,
                    &Value::Object(global.clone()),
                )?;
                Ok(())
            }
        }
    }

    /// SetMutableBinding on a declarative record.
    pub(crate) fn write_binding(
        &mut self,
        env: &Env,
        slot: usize,
        name: &str,
        value: Value,
        strict: bool,
    ) -> JsResult<()> {
        let b = env.bindings();
        let flags = b.flags(slot);
        if flags & BINDING_INITIALIZED == 0 {
            return Err(
                self.reference_error(format!("Cannot access '{name}' before initialization"))
            );
        }
        if flags & BINDING_MUTABLE == 0 {
            if flags & BINDING_STRICT != 0 || strict {
                return Err(self.type_error("Assignment to constant variable."));
            }
            return Ok(());
        }
        b.set(slot, value);
        Ok(())
    }

    /// InitializeBinding of `name` in `env` (let/const/class declarations,
    /// parameters).
    pub(crate) fn initialize_binding(&mut self, env: &Env, name: &ast::Atom, value: Value) {
        let b = env.bindings();
        match b.find(name) {
            Some(slot) => {
                b.set(slot, value);
                b.set_flags(slot, b.flags(slot) | BINDING_INITIALIZED);
            }
            None => {
                // A name the record was not set up with.
                env.mark_dynamic();
                b.add(name.clone(), BINDING_INITIALIZED | BINDING_MUTABLE, value);
            }
        }
    }

    /// InitializeBinding of a `let`/`const` name in the running
    /// LexicalEnvironment (where its declaration instantiated it), finding
    /// the slot through the declaration site's cache (0 hops) when it is
    /// still the slot of that name.
    pub(crate) fn initialize_lexical(&mut self, name: &ast::Atom, cache: &SiteCache, value: Value) {
        let b = self.lexical_record().bindings();
        let slot = match cache.get() {
            Some((0, slot)) if b.flags_if_named(slot as usize, name).is_some() => slot as usize,
            _ => match b.find(name) {
                Some(slot) => {
                    cache.set(0, slot as u32);
                    slot
                }
                None => {
                    let env = self.lexical_env();
                    self.initialize_binding(&env, name, value);
                    return;
                }
            },
        };
        b.set(slot, value);
        b.set_flags(slot, b.flags(slot) | BINDING_INITIALIZED);
    }

    /// GetThisEnvironment — ECMA-262 §9.4.3
    pub(crate) fn get_this_environment(&self) -> Env {
        let start = self.lexical_env();
        let mut env = &start;
        loop {
            if env.has_this_binding() {
                return env.clone();
            }
            match env.outer() {
                Some(o) => env = o,
                None => return start.clone(),
            }
        }
    }

    /// ResolveThisBinding — ECMA-262 §9.4.4
    #[inline]
    pub(crate) fn resolve_this_binding(&mut self) -> JsResult<Value> {
        if let Some(c) = self.context_stack.last() {
            if c.this_fixed {
                return Ok(c.this_binding.clone());
            }
        }
        self.resolve_this_binding_slow()
    }

    /// `this.name` when the running context's `this` is fixed and an
    /// object, and the site's inline cache hits: read without copying
    /// `this` out of the context.
    #[inline(always)]
    fn this_member_cached(&self, object: &Expr, prop: &MemberProp) -> Option<Value> {
        let (ExprKind::This, MemberProp::Ident(n)) = (&object.kind, prop) else {
            return None;
        };
        let c = self.context_stack.last()?;
        match &c.this_binding {
            Value::Object(o) if c.this_fixed => o.cached_get_named(&n.name, &n.site),
            _ => None,
        }
    }

    /// ResolveThisBinding through the environment chain (arrows, eval,
    /// derived constructors, scripts).
    #[inline(never)]
    fn resolve_this_binding_slow(&mut self) -> JsResult<Value> {
        // GetThisEnvironment, walked by reference.
        let start = self.lexical_env_ref();
        let mut env = start;
        while !env.has_this_binding() {
            match env.outer() {
                Some(o) => env = o,
                None => {
                    env = start;
                    break;
                }
            }
        }
        let this = match env.kind() {
            EnvironmentKind::Function(f) => {
                if f.this_status.get() == ThisBindingStatus::Uninitialized {
                    None
                } else {
                    Some(f.this_value.get())
                }
            }
            EnvironmentKind::Global(g) => Some(Value::Object(g.global_this.clone())),
            _ => Some(Value::Undefined),
        };
        this.ok_or_else(|| {
            self.reference_error(
                "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
            )
        })
    }

    // ------------------------------------------------------------------
    // Expressions.

    /// Evaluates an expression to a value.
    ///
    /// A dispatcher without a frame of its own, inlined into its callers:
    /// every kind that needs more than a register or two is handed on to
    /// its own function, so that the saving and restoring of registers
    /// and the stack frame are paid by the kind that needs them, not by
    /// every node of every kind.
    #[inline]
    pub fn eval_expr(&mut self, e: &Expr) -> JsResult<Value> {
        match &e.kind {
            ExprKind::Num(n) => Ok(Value::Number(*n)),
            ExprKind::Ident(name, cache) => self.eval_ident_expr(name, cache, e.span.start),
            ExprKind::Str(s) => self.eval_str_expr(s),
            ExprKind::Member { .. } => self.eval_member_expr(e),
            ExprKind::Call { .. } => self.eval_call_expr(e),
            ExprKind::Binary(op, l, r) => self.eval_binary_expr(*op, l, r),
            ExprKind::Assign { op, target, value } => self.eval_assign_expr(*op, target, value),
            ExprKind::This => self.eval_this_expr(),
            ExprKind::Null => Ok(Value::Null),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Paren(inner) => self.eval_expr(inner),
            ExprKind::Update { op, prefix, target } => self.eval_update(*op, *prefix, target),
            _ => self.eval_expr_other(e),
        }
    }

    /// `eval_expr` of an identifier.
    #[inline(never)]
    fn eval_ident_expr(
        &mut self,
        name: &ast::Atom,
        cache: &SiteCache,
        pos: u32,
    ) -> JsResult<Value> {
        self.get_identifier(name, cache, pos)
    }

    /// `eval_expr` of a string literal.
    #[inline(never)]
    fn eval_str_expr(&mut self, s: &ast::Utf16) -> JsResult<Value> {
        Ok(Value::String(self.literal_string(s)))
    }

    /// `eval_expr` of a call. The two commonest callees, an identifier
    /// (`f(x)`) and a named member (`o.m(x)`, `this.m(x)`), have their own
    /// functions: each evaluates the callee, the arguments and the call in
    /// one frame, so the function and `this` are not handed back through
    /// memory to be moved again, as `eval_call` does for the other kinds.
    #[inline(never)]
    fn eval_call_expr(&mut self, e: &Expr) -> JsResult<Value> {
        if let ExprKind::Call {
            callee,
            args,
            optional: false,
        } = &e.kind
        {
            match &callee.kind {
                ExprKind::Ident(name, cache) => {
                    return self.eval_call_ident(e, callee, name, cache, args);
                }
                ExprKind::Member {
                    object,
                    prop: prop @ MemberProp::Ident(_),
                    ..
                } => return self.eval_call_member(e, callee, object, prop, args),
                _ => {}
            }
        }
        match self.eval_call(e)? {
            Some(v) => Ok(v),
            None => Ok(Value::Undefined),
        }
    }

    /// `eval_call_expr` of `name(args)`.
    #[inline(never)]
    fn eval_call_ident(
        &mut self,
        e: &Expr,
        callee: &Expr,
        name: &ast::Atom,
        cache: &SiteCache,
        args: &[ast::Arg],
    ) -> JsResult<Value> {
        self.check_stack()?;
        // A cached declarative binding: its WithBaseObject is undefined,
        // so `this` is too (as in `eval_callee`).
        let (func, this) = match self.read_cached(name, cache) {
            Some(f) => (f, Value::Undefined),
            None => self.eval_callee_slow(name, cache)?,
        };
        self.call_with_args(e, callee, args, func, this)
    }

    /// `eval_call_expr` of `object.name(args)`.
    #[inline(never)]
    fn eval_call_member(
        &mut self,
        e: &Expr,
        callee: &Expr,
        object: &Expr,
        prop: &MemberProp,
        args: &[ast::Arg],
    ) -> JsResult<Value> {
        self.check_stack()?;
        // `this.name(...)`: the method read in place (as in `eval_callee`).
        let (func, this) = match self.this_member_cached(object, prop) {
            Some(f) => (f, self.ctx().this_binding.clone()),
            None => {
                let base = self.eval_operand(object)?;
                let f = self.get_member(&base, prop, object, callee.span.start)?;
                (f, base)
            }
        };
        self.call_with_args(e, callee, args, func, this)
    }

    /// The rest of a call once the callee and `this` are known: the
    /// arguments, then an ECMAScript function's [[Call]] in line, any
    /// other callee through `call_evaluated`.
    #[inline(always)]
    fn call_with_args(
        &mut self,
        e: &Expr,
        callee: &Expr,
        args: &[ast::Arg],
        func: Value,
        this: Value,
    ) -> JsResult<Value> {
        let mut argv = ArgBuf::new();
        self.eval_args_into(args, &mut argv)?;
        if let Value::Object(fo) = &func {
            if let ObjectKind::Function(sf) = fo.kind() {
                // An ECMAScript function (never the intrinsic eval).
                self.set_position(callee_position(callee).max(e.span.start));
                return crate::function::call_script_function_owned(self, fo, sf, this, &mut argv);
            }
        }
        self.call_evaluated(e, callee, func, this, &mut argv)
    }

    /// `eval_expr` of a binary expression.
    #[inline(never)]
    fn eval_binary_expr(&mut self, op: BinaryOp, l: &Expr, r: &Expr) -> JsResult<Value> {
        self.eval_binary(op, l, r)
    }

    /// `eval_expr` of an assignment.
    #[inline(never)]
    fn eval_assign_expr(
        &mut self,
        op: AssignOp,
        target: &ast::Pattern,
        value: &Expr,
    ) -> JsResult<Value> {
        self.eval_assign(op, target, value)
    }

    /// `eval_expr` of `this`.
    #[inline(never)]
    fn eval_this_expr(&mut self) -> JsResult<Value> {
        self.resolve_this_binding()
    }

    /// `eval_expr` of the kinds without a function of their own above.
    #[inline(never)]
    fn eval_expr_other(&mut self, e: &Expr) -> JsResult<Value> {
        self.check_stack()?;
        self.eval_expr_slow(e)
    }

    /// `eval_expr` of a member expression `o.name` or `o[key]`.
    #[inline(never)]
    fn eval_member_expr(&mut self, e: &Expr) -> JsResult<Value> {
        match &e.kind {
            ExprKind::Member {
                object,
                prop,
                optional: _,
            } => {
                if let Some(v) = self.this_member_cached(object, prop) {
                    return Ok(v);
                }
                match (&object.kind, prop) {
                    (ExprKind::Ident(..), MemberProp::Ident(_)) => {
                        return self.ident_member(object, prop, e.span.start);
                    }
                    (ExprKind::Ident(name, cache), MemberProp::Computed(key)) => {
                        if let Some(v) = self.ident_element(name, cache, key) {
                            return Ok(v);
                        }
                    }
                    _ => {}
                }
                let base = self.eval_operand(object)?;
                self.get_member(&base, prop, object, e.span.start)
            }
            _ => self.eval_expr_other(e),
        }
    }

    /// A binary expression `l op r`: the operands read in place (see
    /// `eval_operand`), and two numbers combined here for the commonest
    /// operators, without a call of `binary_op`.
    #[inline(always)]
    fn eval_binary(&mut self, op: BinaryOp, l: &Expr, r: &Expr) -> JsResult<Value> {
        if let ExprKind::Null = r.kind {
            if let Some(v) = self.null_compare(op, l) {
                return v;
            }
        }
        let lv = self.eval_operand(l)?;
        let rv = self.eval_operand(r)?;
        if let (Value::Number(a), Value::Number(b)) = (&lv, &rv) {
            if let Some(v) = number_binary(op, *a, *b) {
                std::mem::forget((lv, rv));
                return Ok(v);
            }
        }
        self.binary_op(op, &lv, &rv)
    }

    /// ToBoolean(GetValue(e)) for an expression whose value is only tested
    /// (an `if`'s or a loop's condition, `?:`'s test, `!`'s operand, the
    /// operands of `&&` and `||` there): a comparison of two numbers, an
    /// identifier's value (looked at in place), `!`, `&&` and `||` give the
    /// boolean without building a value or a call of `eval_expr`. The
    /// operands are evaluated as `eval_expr` would, in the same order.
    /// The kinds it does not treat itself go to `eval_expr` from here
    /// (inlined where conditions are tested), not through another frame.
    #[inline(always)]
    pub(crate) fn eval_cond(&mut self, e: &Expr) -> JsResult<bool> {
        match &e.kind {
            ExprKind::Binary(..) | ExprKind::Ident(..) => match self.cond_peek(e) {
                Peek::True => Ok(true),
                Peek::False => Ok(false),
                Peek::Unknown => self.eval_cond_special(e),
            },
            ExprKind::Bool(_)
            | ExprKind::Unary(UnaryOp::Not, _)
            | ExprKind::Logical(LogicalOp::And | LogicalOp::Or, ..)
            | ExprKind::Paren(_) => self.eval_cond_special(e),
            _ => Ok(truthy(self.eval_expr(e)?)),
        }
    }

    /// `eval_cond` of the kinds it treats itself.
    /// (A binary expression or an identifier comes here when `cond_peek`
    /// could not tell.)
    fn eval_cond_special(&mut self, e: &Expr) -> JsResult<bool> {
        match &e.kind {
            ExprKind::Binary(op, l, r) => {
                if let ExprKind::Null = r.kind {
                    if let Some((loose, negate)) = null_op(*op) {
                        let v = self.eval_expr(l)?;
                        let is_null = is_null_value(&v, loose);
                        discard(v);
                        return Ok(is_null != negate);
                    }
                }
                // Two numbers read in place (literals, cached bindings,
                // own data properties read through the site's cache):
                // compared without building values. The left operand is
                // read once; reading the right one runs no code, so when
                // it is not a number the general path reads it again.
                let lv = if matches!(
                    r.kind,
                    ExprKind::Num(_) | ExprKind::Ident(..) | ExprKind::Member { .. }
                ) {
                    let peeked = match &l.kind {
                        ExprKind::Num(a) => Ok(*a),
                        // Safety: the reference is only looked at and
                        // cloned.
                        ExprKind::Ident(name, cache) => {
                            match unsafe { self.cached_ref(name, cache) } {
                                Some(Value::Number(a)) => Ok(*a),
                                Some(v) => Err(Some(v.clone())),
                                None => Err(None),
                            }
                        }
                        ExprKind::Member { object, prop, .. } => {
                            match self.member_in_place(object, prop) {
                                Some(Value::Number(a)) => Ok(a),
                                v => Err(v),
                            }
                        }
                        _ => Err(None),
                    };
                    match peeked {
                        Ok(a) => {
                            if let Some(b) = self.number_operand(r) {
                                if let Some(t) = number_compare(*op, a, b) {
                                    return Ok(t);
                                }
                            }
                            Value::Number(a)
                        }
                        Err(Some(v)) => v,
                        Err(None) => self.eval_expr(l)?,
                    }
                } else {
                    self.eval_operand(l)?
                };
                let rv = self.eval_operand(r)?;
                if let (Value::Number(a), Value::Number(b)) = (&lv, &rv) {
                    let Some(t) = number_compare(*op, *a, *b) else {
                        return Ok(truthy(self.binary_op(*op, &lv, &rv)?));
                    };
                    // Two numbers: nothing to drop.
                    std::mem::forget((lv, rv));
                    return Ok(t);
                }
                match op {
                    // Never runs code: no value built.
                    BinaryOp::StrictEq => Ok(is_strictly_equal(&lv, &rv)),
                    BinaryOp::StrictNotEq => Ok(!is_strictly_equal(&lv, &rv)),
                    _ => Ok(truthy(self.binary_op(*op, &lv, &rv)?)),
                }
            }
            ExprKind::Bool(b) => Ok(*b),
            ExprKind::Unary(UnaryOp::Not, arg) => {
                self.check_stack()?;
                Ok(!self.eval_cond(arg)?)
            }
            // ToBoolean(a && b) is ToBoolean(a) && ToBoolean(b), with `b`
            // evaluated only when `a` is truthy; `||` likewise.
            ExprKind::Logical(LogicalOp::And, l, r) => {
                self.check_stack()?;
                Ok(self.eval_cond(l)? && self.eval_cond(r)?)
            }
            ExprKind::Logical(LogicalOp::Or, l, r) => {
                self.check_stack()?;
                Ok(self.eval_cond(l)? || self.eval_cond(r)?)
            }
            ExprKind::Paren(inner) => {
                self.check_stack()?;
                self.eval_cond(inner)
            }
            _ => Ok(truthy(self.eval_expr(e)?)),
        }
    }

    /// Evaluates an expression whose value nobody observes (an expression
    /// statement where no completion value is kept, a `for` loop's
    /// initializer and update): `x++`, `x--`, `x op= e` and `x = e` on a
    /// plain binding without building or copying the result.
    /// The kinds it does not treat itself go to `eval_expr` from here
    /// (inlined in the statement loops), not through another frame. The
    /// in-place number updates (`x++`, `x op= n`, `x = x op n`) have their
    /// own small frames, apart from the general store `x = e`.
    #[inline(always)]
    pub(crate) fn eval_effect(&mut self, e: &Expr) -> JsResult<()> {
        match &e.kind {
            ExprKind::Update { op, target, .. } if matches!(target.kind, ExprKind::Ident(..)) => {
                self.effect_update(*op, target, e)
            }
            ExprKind::Assign {
                op: AssignOp::Op(_),
                target,
                ..
            } if matches!(target.kind, ast::PatternKind::Ident(..)) => self.effect_in_place(e),
            ExprKind::Assign {
                op: AssignOp::Assign,
                target,
                value,
            } => match (&target.kind, &value.kind) {
                (ast::PatternKind::Ident(..), ExprKind::Binary(..)) => self.effect_in_place(e),
                (ast::PatternKind::Ident(name, cache), _) => {
                    self.effect_assign(name, cache, value, e)
                }
                (ast::PatternKind::Expr(t), _) => match &t.kind {
                    ExprKind::Member { object, prop, .. }
                        if !matches!(prop, MemberProp::Private(_)) =>
                    {
                        self.effect_member_assign(object, prop, value)
                    }
                    _ => {
                        discard(self.eval_expr(e)?);
                        Ok(())
                    }
                },
                _ => {
                    discard(self.eval_expr(e)?);
                    Ok(())
                }
            },
            _ => {
                discard(self.eval_expr(e)?);
                Ok(())
            }
        }
    }

    /// `eval_effect` of `x++` and `x--` (`target` an identifier, `e` the
    /// update expression): a Number in a plain binding is stepped in place.
    #[inline(never)]
    fn effect_update(&mut self, op: UpdateOp, target: &Expr, e: &Expr) -> JsResult<()> {
        if let ExprKind::Ident(name, cache) = &target.kind {
            // Safety: updated at once.
            if let Some(x) = unsafe { self.cached_number_mut(name, cache) } {
                *x = update_step(op, *x);
                return Ok(());
            }
        }
        self.eval_update_slow(e)
    }

    /// `x++` or `x--` through `eval_update` (not a Number in a plain
    /// binding).
    #[inline(never)]
    fn eval_update_slow(&mut self, e: &Expr) -> JsResult<()> {
        if let ExprKind::Update { op, prefix, target } = &e.kind {
            self.eval_update(*op, *prefix, target)?;
            return Ok(());
        }
        discard(self.eval_expr(e)?);
        Ok(())
    }

    /// `eval_effect` of `x op= y` and of `x = l op r` (`x` an
    /// identifier): updated in place when `update_in_place` applies,
    /// otherwise evaluated as `eval_expr` would (`x = e` through
    /// `effect_assign`).
    #[inline(never)]
    fn effect_in_place(&mut self, e: &Expr) -> JsResult<()> {
        let ExprKind::Assign { op, target, value } = &e.kind else {
            return self.effect_general(e);
        };
        let ast::PatternKind::Ident(name, cache) = &target.kind else {
            return self.effect_general(e);
        };
        let updated = match op {
            AssignOp::Op(bop) => self.update_in_place(name, cache, *bop, value),
            AssignOp::Assign => {
                if let Some((bop, r)) = self_update(name, value) {
                    if self.update_in_place(name, cache, bop, r).is_some() {
                        return Ok(());
                    }
                }
                return self.effect_assign(name, cache, value, e);
            }
            _ => None,
        };
        if updated.is_some() {
            return Ok(());
        }
        self.effect_general(e)
    }

    /// `eval_effect` of an expression evaluated as `eval_expr` does.
    #[inline(never)]
    fn effect_general(&mut self, e: &Expr) -> JsResult<()> {
        discard(self.eval_expr(e)?);
        Ok(())
    }

    /// `eval_effect` of `x = value` (`e`) with `x` the identifier `name`:
    /// a cached plain binding is resolved before the right side runs
    /// (spec order) and stored without resolving again.
    #[inline(never)]
    fn effect_assign(
        &mut self,
        name: &ast::Atom,
        cache: &SiteCache,
        value: &Expr,
        e: &Expr,
    ) -> JsResult<()> {
        if let Some((hops, id, slot)) = self.cached_target(name, cache) {
            let v = self.eval_assigned(value, name)?;
            if !self.store_resolved(name, hops, id, slot, &v) {
                self.set_identifier(name, None, v)?;
                return Ok(());
            }
            discard(v);
            return Ok(());
        }
        discard(self.eval_expr(e)?);
        Ok(())
    }

    /// `x = x op y` and `x op= y` where `x` is a plain binding (cached,
    /// initialized, mutable, direct) holding a number, `y` a number literal
    /// or an identifier whose cached binding holds a number, and `op` an
    /// arithmetic or bitwise operator: read, computed and stored in place.
    /// No code can run between the resolution of `x` and the store (both
    /// reads are plain, neither operand converts), so the spec's order
    /// (resolve `x`, read it, evaluate `y`, apply, store) is not
    /// observable. The new value, or `None` when any of that does not
    /// hold (nothing has been evaluated then).
    #[inline(always)]
    fn update_in_place(
        &self,
        name: &ast::Atom,
        cache: &SiteCache,
        op: BinaryOp,
        r: &Expr,
    ) -> Option<f64> {
        if !is_number_arith(op) {
            return None;
        }
        let y = match &r.kind {
            ExprKind::Num(n) => *n,
            // Safety: the number is copied out at once.
            ExprKind::Ident(rn, rc) => match unsafe { self.cached_ref(rn, rc) }? {
                Value::Number(n) => *n,
                _ => return None,
            },
            _ => return None,
        };
        // Safety: updated at once (`integer_op` runs no code).
        let x = unsafe { self.cached_number_mut(name, cache) }?;
        *x = number_arith(op, *x, y);
        Some(*x)
    }

    /// The value assigned to the identifier `name` (NamedEvaluation of an
    /// anonymous function or class): a binary expression, an identifier, a
    /// number or a member expression is evaluated here (none is a function
    /// definition).
    #[inline(always)]
    pub(crate) fn eval_assigned(&mut self, value: &Expr, name: &ast::Atom) -> JsResult<Value> {
        match &value.kind {
            ExprKind::Binary(op, l, r) => self.eval_binary(*op, l, r),
            ExprKind::Ident(..) | ExprKind::Num(_) | ExprKind::Member { .. } => {
                self.eval_operand(value)
            }
            _ => self.eval_named_ident(value, name),
        }
    }

    /// UpdateExpression evaluation — ECMA-262 §13.4.2-13.4.5 (`x++`,
    /// `--x`, ...).
    #[inline(never)]
    fn eval_update(&mut self, op: UpdateOp, prefix: bool, target: &Expr) -> JsResult<Value> {
        // ToNumeric(old), and old + 1 / old - 1 of its type.
        let numeric_step = |interp: &mut Interp, old: &Value| -> JsResult<(Value, Value)> {
            Ok(match to_numeric_value(interp, old)? {
                Value::BigInt(b) => {
                    let new = b.step(op == UpdateOp::Inc);
                    (Value::BigInt(b), Value::BigInt(new))
                }
                v => {
                    let n = to_numeric(interp, &v)?;
                    (Value::Number(n), Value::Number(update_step(op, n)))
                }
            })
        };
        let mut t: &Expr = target;
        while let ExprKind::Paren(inner) = &t.kind {
            t = inner;
        }
        let (old_num, new) = if let ExprKind::Ident(name, cache) = &t.kind {
            // A number in a plain binding: no code runs between the read
            // and the write.
            // Safety: updated at once.
            if let Some(x) = unsafe { self.cached_number_mut(name, cache) } {
                let old = *x;
                *x = update_step(op, old);
                return Ok(Value::Number(if prefix { *x } else { old }));
            }
            let resolved = self.resolve_binding(name, Some(cache))?;
            let old = self.get_resolved(&resolved, name)?;
            let (old_num, new) = numeric_step(self, &old)?;
            self.put_resolved(resolved, name, new.clone())?;
            (old_num, new)
        } else if let Some((object, prop, n)) = named_member(t) {
            // `o.name++`: one site for the read and the write.
            let base = self.eval_expr(object)?;
            let old = self.get_member(&base, prop, object, t.span.start)?;
            let (old_num, new) = numeric_step(self, &old)?;
            self.put_named_member(&base, n, new.clone())?;
            (old_num, new)
        } else {
            self.check_stack()?;
            let (base, key) = self.eval_reference(t)?;
            let old = self.get_reference(&base, &key)?;
            let (old_num, new) = numeric_step(self, &old)?;
            self.put_reference(&base, key, new.clone())?;
            (old_num, new)
        };
        Ok(if prefix { new } else { old_num })
    }

    fn eval_expr_slow(&mut self, e: &Expr) -> JsResult<Value> {
        match &e.kind {
            ExprKind::Template(t) => self.eval_template(t),
            ExprKind::TaggedTemplate(tag, t) => self.eval_tagged_template(tag, t, e.span.start),
            ExprKind::Regex { pattern, flags } => {
                let ctor = self.realm.intrinsics.constructor("RegExp");
                match ctor {
                    Some(c) => {
                        let c = Value::Object(c);
                        self.construct(&c, &[Value::from(&**pattern), Value::from(&**flags)], None)
                    }
                    None => Err(self.syntax_error("Regular expressions are not supported")),
                }
            }
            ExprKind::Array(elems) => {
                let arr = crate::builtins::array::array_create(self, 0);
                let mut index = 0u32;
                for el in elems {
                    match el {
                        ArrayElement::Hole => index += 1,
                        ArrayElement::Expr(x) => {
                            let v = self.eval_expr(x)?;
                            arr.define_value(PropertyKey::Index(index), v, Attributes::all());
                            index += 1;
                        }
                        ArrayElement::Spread(x) => {
                            let v = self.eval_expr(x)?;
                            self.require_iterable(&v, x)?;
                            for item in operations::iterate_to_list(self, &v)? {
                                arr.define_value(
                                    PropertyKey::Index(index),
                                    item,
                                    Attributes::all(),
                                );
                                index += 1;
                            }
                        }
                    }
                }
                if let ObjectKind::Array(a) = arr.kind() {
                    a.length.set(index);
                }
                Ok(Value::Object(arr))
            }
            ExprKind::Object(props) => self.eval_object_literal(props),
            ExprKind::Function(f) => {
                Ok(Value::Object(self.instantiate_function_expression(f, None)))
            }
            ExprKind::Arrow(f) => {
                let env = self.lexical_env();
                let private_env = self.ctx().private_environment.clone();
                Ok(Value::Object(create_script_function(
                    self,
                    f,
                    env,
                    private_env,
                    None,
                    JsString::empty(),
                )))
            }
            ExprKind::Class(c) => self.class_definition_evaluation(c, c.name.clone(), None),
            ExprKind::Unary(op, arg) => self.eval_unary(*op, arg),
            ExprKind::Logical(op, l, r) => {
                let lv = self.eval_expr(l)?;
                if !logical_continues(*op, &lv) {
                    return Ok(lv);
                }
                self.eval_expr(r)
            }
            ExprKind::Cond(t, a, b) => {
                if self.eval_cond(t)? {
                    self.eval_expr(a)
                } else {
                    self.eval_expr(b)
                }
            }
            ExprKind::New { callee, args } => {
                let c = self.eval_expr(callee)?;
                let mut argv = ArgBuf::new();
                self.eval_args_into(args, &mut argv)?;
                if !operations::is_constructor(&c) {
                    let text = callee_text(callee);
                    return Err(self.type_error(format!("{text} is not a constructor")));
                }
                self.set_position(e.span.start);
                if let Value::Object(fo) = &c {
                    if let ObjectKind::Function(sf) = fo.kind() {
                        // An ECMAScript constructor (checked above), its
                        // own NewTarget, taking the argument list.
                        return crate::function::construct_script_function_owned(
                            self, fo, sf, &mut argv, &c,
                        );
                    }
                }
                self.construct(&c, &argv, None)
            }
            ExprKind::SuperMember(prop) => {
                let this = self.resolve_this_binding()?;
                let key = match prop {
                    MemberProp::Ident(n) => self.name_key(n),
                    MemberProp::Computed(x) => {
                        let k = self.eval_expr(x)?;
                        to_property_key(self, &k)?
                    }
                    MemberProp::Private(_) => {
                        return Err(self.syntax_error("Unexpected private name"))
                    }
                };
                let base = self.super_base()?;
                match base {
                    Some(b) => b.get(self, &key, &this),
                    None => Err(self.type_error(format!(
                        "Cannot read properties of null (reading '{}')",
                        key.to_display()
                    ))),
                }
            }
            ExprKind::SuperCall(args) => self.eval_super_call(args, e.span.start),
            ExprKind::OptionalChain(inner) => match self.eval_chain(inner)? {
                Some(v) => Ok(v),
                None => Ok(Value::Undefined),
            },
            ExprKind::Seq(es) => {
                let mut last = Value::Undefined;
                for x in es {
                    last = self.eval_expr(x)?;
                }
                Ok(last)
            }
            ExprKind::Yield { arg, delegate } => {
                let v = match arg {
                    Some(a) => self.eval_expr(a)?,
                    None => Value::Undefined,
                };
                if *delegate {
                    crate::generator::yield_delegate(self, v)
                } else {
                    crate::generator::generator_yield(self, v)
                }
            }
            ExprKind::Await(arg) => {
                let v = self.eval_expr(arg)?;
                crate::generator::await_value(self, v)
            }
            ExprKind::NewTarget => {
                let env = self.get_this_environment();
                match env.as_function_env() {
                    Some(f) => Ok(f.new_target.get()),
                    None => Ok(Value::Undefined),
                }
            }
            ExprKind::ImportMeta => crate::modules::dynamic_import::import_meta(self),
            ExprKind::ImportCall(arg) => {
                let v = self.eval_expr(arg)?;
                crate::modules::dynamic_import::import_call(self, v)
            }
            ExprKind::PrivateIn(name, obj) => {
                let o = self.eval_expr(obj)?;
                let Value::Object(o) = o else {
                    return Err(self.type_error(
                        "Cannot use 'in' operator to search for a private field in a non-object",
                    ));
                };
                let key = self.resolve_private(name)?;
                Ok(Value::Bool(o.private_get(&key).is_some()))
            }
            ExprKind::BigInt(b) => Ok(Value::BigInt(crate::bigint::JsBigInt::from_literal(b))),
            // Handled in eval_expr's fast path.
            ExprKind::Num(_)
            | ExprKind::Ident(..)
            | ExprKind::Str(_)
            | ExprKind::Member { .. }
            | ExprKind::Call { .. }
            | ExprKind::Binary(..)
            | ExprKind::Assign { .. }
            | ExprKind::This
            | ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Paren(_)
            | ExprKind::Update { .. } => self.eval_expr(e),
        }
    }

    /// Evaluates `e`, naming an anonymous function or class `name`
    /// (NamedEvaluation — ECMA-262 §8.4.5).
    /// NamedEvaluation with an identifier name; the key is only built when
    /// `e` is an anonymous function or class definition.
    pub(crate) fn eval_named_ident(&mut self, e: &Expr, name: &ast::Atom) -> JsResult<Value> {
        if is_anonymous_function_definition(e) {
            let key = PropertyKey::from(&**name);
            return self.eval_named(e, &key);
        }
        self.eval_expr(e)
    }

    pub(crate) fn eval_named(&mut self, e: &Expr, name: &PropertyKey) -> JsResult<Value> {
        match &e.kind {
            ExprKind::Function(f) if f.name.is_none() => {
                let n = crate::function::function_name_from_key(name, None);
                Ok(Value::Object(
                    self.instantiate_function_expression(f, Some(n)),
                ))
            }
            ExprKind::Arrow(f) => {
                let env = self.lexical_env();
                let private_env = self.ctx().private_environment.clone();
                let n = crate::function::function_name_from_key(name, None);
                Ok(Value::Object(create_script_function(
                    self,
                    f,
                    env,
                    private_env,
                    None,
                    n,
                )))
            }
            ExprKind::Class(c) if c.name.is_none() => {
                let n = crate::function::function_name_from_key(name, None);
                self.class_definition_evaluation(c, None, Some(n))
            }
            ExprKind::Paren(inner) => self.eval_named(inner, name),
            _ => self.eval_expr(e),
        }
    }

    /// InstantiateOrdinaryFunctionExpression — ECMA-262 §15.2.5: a named
    /// function expression gets its own scope binding its name.
    pub(crate) fn instantiate_function_expression(
        &mut self,
        f: &Rc<ast::Function>,
        name: Option<JsString>,
    ) -> JsObject {
        let env = self.lexical_env();
        let private_env = self.ctx().private_environment.clone();
        match (&f.name, f.is_expression) {
            (Some(n), true) => {
                let func_env = self.new_declarative_env(env, "function name", 1);
                let fo = create_script_function(
                    self,
                    f,
                    func_env.clone(),
                    private_env,
                    None,
                    JsString::from(&**n),
                );
                func_env
                    .bindings()
                    .add(n.clone(), BINDING_INITIALIZED, Value::Object(fo.clone()));
                fo
            }
            _ => {
                let n = name.unwrap_or_else(|| {
                    f.name
                        .as_deref()
                        .map(JsString::from)
                        .unwrap_or_else(JsString::empty)
                });
                create_script_function(self, f, env, private_env, None, n)
            }
        }
    }

    /// ArgumentListEvaluation. Short lists stay on the Rust stack (no
    /// allocation per call).
    pub(crate) fn eval_args(&mut self, args: &[ast::Arg]) -> JsResult<ArgList> {
        let mut out = ArgList::new();
        self.eval_args_into(args, &mut out)?;
        Ok(out)
    }

    /// `eval_args` into a list the caller owns (no copy of the list out).
    #[inline(always)]
    fn eval_args_into(&mut self, args: &[ast::Arg], out: &mut ArgList) -> JsResult<()> {
        for a in args {
            match a {
                ast::Arg::Expr(x) => out.push(self.eval_operand(x)?),
                ast::Arg::Spread(x) => {
                    let v = self.eval_expr(x)?;
                    if !v.is_nullish() && !self.has_iterator(&v)? {
                        return Err(self.type_error(
                            "Spread syntax requires ...iterable[Symbol.iterator] to be a function",
                        ));
                    }
                    out.extend(operations::iterate_to_list(self, &v)?);
                }
            }
        }
        Ok(())
    }

    /// `eval_expr` of an operand (an argument, a call's base, a binary
    /// operator's operand, a member access's object or computed key, an
    /// assigned value), with the most common kinds (an identifier read
    /// through its site's cache, a number, a member expression
    /// `member_in_place` reads) evaluated here, without a call of
    /// `eval_expr` (whose entry and dispatch cost more than either).
    #[inline(always)]
    fn eval_operand(&mut self, e: &Expr) -> JsResult<Value> {
        if let ExprKind::Member { object, prop, .. } = &e.kind {
            return match self.member_in_place(object, prop) {
                Some(v) => Ok(v),
                None => self.eval_expr(e),
            };
        }
        self.eval_simple_operand(e)
    }

    /// `eval_operand` without its member case, for operands that are
    /// seldom member expressions (the object and key of a member store),
    /// where its code would only make the frame bigger.
    #[inline(always)]
    fn eval_simple_operand(&mut self, e: &Expr) -> JsResult<Value> {
        match &e.kind {
            ExprKind::Ident(name, cache) => match self.read_cached(name, cache) {
                Some(v) => Ok(v),
                None => self.eval_expr(e),
            },
            ExprKind::Num(n) => Ok(Value::Number(*n)),
            _ => self.eval_expr(e),
        }
    }

    /// `this.name`, or `x.name` with `x` a cached initialized binding,
    /// when the site's inline cache finds an own data property of the
    /// object's layout, or `name` is an array's or a string's `length`:
    /// [[Get]] reads the slot and runs no code, so the
    /// value is copied out here, without copying the object out (root
    /// count traffic) and without the member-access path's call. `None`,
    /// with nothing evaluated, otherwise.
    #[inline(always)]
    fn member_in_place(&self, object: &Expr, prop: &MemberProp) -> Option<Value> {
        let MemberProp::Ident(n) = prop else {
            return None;
        };
        // Safety: only looked at until the property's value is copied out
        // (an inline-cache probe).
        match unsafe { self.member_base(object) }? {
            Value::Object(o) => o.cached_get_own_named(&n.name, &n.site),
            // A string's own `length`.
            Value::String(s) if &*n.name == "length" => Some(Value::from(s.len())),
            _ => None,
        }
    }

    /// The object of a member expression `member_in_place` reads: `this`
    /// (when fixed) or a cached, initialized binding, looked at in place.
    ///
    /// # Safety
    /// As for `cached_ref`: while the reference lives, no JavaScript runs,
    /// no binding is stored and no `Gc` is allocated.
    #[inline(always)]
    unsafe fn member_base(&self, object: &Expr) -> Option<&Value> {
        match &object.kind {
            ExprKind::This => {
                let c = self.context_stack.last()?;
                if !c.this_fixed {
                    return None;
                }
                Some(&c.this_binding)
            }
            // Safety: passed on to our caller.
            ExprKind::Ident(name, cache) => unsafe { self.cached_ref(name, cache) },
            _ => None,
        }
    }

    /// `member_in_place` with the value looked at where it is stored
    /// (`look` gets a reference to it) rather than copied out: a test of
    /// it (`o.next === null`, a Number's value) costs no copy.
    ///
    /// # Safety
    /// `look` only reads and clones: it runs no JavaScript, stores into no
    /// object or binding and allocates no `Gc`.
    #[inline(always)]
    unsafe fn member_look<R>(
        &self,
        object: &Expr,
        prop: &MemberProp,
        look: impl FnOnce(&Value) -> R,
    ) -> Option<R> {
        let MemberProp::Ident(n) = prop else {
            return None;
        };
        // Safety: only looked at until `look` returns (an inline-cache
        // probe): no JavaScript, no store, no `Gc` allocation.
        match unsafe { self.member_base(object) }? {
            // Safety: passed on to our caller.
            Value::Object(o) => unsafe { o.cached_own_named_look(&n.name, &n.site, look) },
            // A string's own `length`.
            Value::String(s) if &*n.name == "length" => Some(look(&Value::from(s.len()))),
            _ => None,
        }
    }

    fn has_iterator(&mut self, v: &Value) -> JsResult<bool> {
        if v.is_nullish() {
            return Ok(false);
        }
        let sym = self.realm.intrinsics.symbol_iterator.clone();
        Ok(operations::get_method(self, v, &PropertyKey::Symbol(sym))?.is_some())
    }

    /// Throws V8's "x is not iterable" (naming the expression) unless `v`
    /// has a `Symbol.iterator` method.
    pub(crate) fn require_iterable(&mut self, v: &Value, expr: &Expr) -> JsResult<()> {
        if self.has_iterator(v)? {
            return Ok(());
        }
        let text = callee_text(expr);
        let text = if text == "(intermediate value)" {
            crate::inspect::short_description(self, v)
        } else {
            text
        };
        Err(self.type_error(format!("{text} is not iterable")))
    }

    /// The property key for an identifier name written in the source,
    /// interned once per distinct name (so keys compare by pointer) and
    /// remembered in the name's AST cache slot, so that evaluating `o.x`
    /// again neither allocates nor hashes: the slot holds this
    /// interpreter's tag and the key's index in `name_key_table`.
    #[inline]
    pub(crate) fn name_key(&mut self, p: &ast::PropName) -> PropertyKey {
        let c = p.cache.get();
        if (c >> 32) as u32 == self.name_key_tag {
            if let Some(k) = self.name_key_table.get(c as u32 as usize) {
                return k.clone();
            }
        }
        self.name_key_slow(p)
    }

    /// The interned property key for `name`, the same one `o.name` in the
    /// source uses (so host code's lookups hit by pointer too): one
    /// FxHash lookup, no allocation once the name is known.
    pub fn interned_key(&mut self, name: &str) -> PropertyKey {
        if let Some(&i) = self.name_keys.get(name) {
            if let Some(k) = self.name_key_table.get(i as usize) {
                return k.clone();
            }
        }
        let i = self.name_key_table.len() as u32;
        self.name_key_table.push(PropertyKey::from(name));
        self.name_keys.insert(ast::Atom::from(name), i);
        self.name_key_table[i as usize].clone()
    }

    #[cold]
    fn name_key_slow(&mut self, p: &ast::PropName) -> PropertyKey {
        let index = match self.name_keys.get(&p.name) {
            Some(&i) => i,
            None => {
                let i = self.name_key_table.len() as u32;
                self.name_key_table.push(PropertyKey::from(&*p.name));
                self.name_keys.insert(p.name.clone(), i);
                i
            }
        };
        p.cache
            .set(((self.name_key_tag as u64) << 32) | index as u64);
        self.name_key_table[index as usize].clone()
    }

    /// A string literal's value, created once per literal.
    #[inline]
    pub(crate) fn literal_string(&mut self, s: &ast::Utf16) -> JsString {
        let id = s.as_ptr() as usize;
        if let Some((_, v)) = self.string_cache.get(&id) {
            return v.clone();
        }
        // Interned, so that equal literals (and `typeof` results) are one
        // string and compare by pointer.
        let v = JsString::from_utf16(s).intern();
        self.string_cache.insert(id, (s.clone(), v.clone()));
        v
    }

    /// The key of a member expression.
    pub(crate) fn member_key(&mut self, prop: &MemberProp) -> JsResult<PropertyKey> {
        match prop {
            MemberProp::Ident(n) => Ok(self.name_key(n)),
            MemberProp::Computed(x) => {
                let k = self.eval_expr(x)?;
                self.computed_key(&k)
            }
            MemberProp::Private(n) => self.resolve_private(n),
        }
    }

    /// ToPropertyKey of a computed member's key value, with array
    /// indices made directly.
    fn computed_key(&mut self, k: &Value) -> JsResult<PropertyKey> {
        match *k {
            Value::Number(n) if (0.0..4294967295.0).contains(&n) && n.fract() == 0.0 => {
                Ok(PropertyKey::Index(n as u32))
            }
            _ => to_property_key(self, k),
        }
    }

    pub(crate) fn resolve_private(&mut self, name: &str) -> JsResult<PropertyKey> {
        let env = self.ctx().private_environment.clone();
        match env.and_then(|e| e.resolve(name)) {
            Some(p) => Ok(PropertyKey::Private(p)),
            None => Err(self.syntax_error(format!(
                "Private field '#{name}' must be declared in an enclosing class"
            ))),
        }
    }

    /// GetValue of a member expression whose base evaluated to `base`:
    /// the site's inline cache first (inlined into the callers), then
    /// `get_member_slow`.
    #[inline(always)]
    fn get_member(
        &mut self,
        base: &Value,
        prop: &MemberProp,
        object: &Expr,
        pos: u32,
    ) -> JsResult<Value> {
        match (prop, base) {
            (MemberProp::Ident(n), Value::Object(o)) => {
                if let Some(v) = o.cached_get_named(&n.name, &n.site) {
                    return Ok(v);
                }
            }
            (MemberProp::Computed(x), Value::Object(o)) => {
                // `o[k]`: an element in the dense vector is an own data
                // property, what [[Get]] returns without looking further.
                let k = self.eval_operand(x)?;
                if let Value::Number(n) = k {
                    if let Some(v) = o.dense_element(n) {
                        return Ok(v);
                    }
                }
                return self.get_element_slow(o, &k, base);
            }
            _ => {}
        }
        self.get_member_slow(base, prop, object, pos)
    }

    /// [[Get]] of `o[k]` where `k` is the key's value and no dense element
    /// answered: ToPropertyKey, then the general lookup.
    #[inline(never)]
    fn get_element_slow(&mut self, o: &JsObject, k: &Value, base: &Value) -> JsResult<Value> {
        let key = self.computed_key(k)?;
        o.get_at_site(self, &key, base, &MemberCache::default())
    }

    #[inline(never)]
    fn get_member_slow(
        &mut self,
        base: &Value,
        prop: &MemberProp,
        object: &Expr,
        pos: u32,
    ) -> JsResult<Value> {
        if base.is_nullish() {
            let key = match prop {
                MemberProp::Ident(n) => Some(n.to_string()),
                MemberProp::Private(n) => Some(format!("#{n}")),
                MemberProp::Computed(x) => {
                    // The key is converted only after the base check.
                    let k = self.eval_expr(x)?;
                    key_display_without_side_effects(self, &k)
                }
            };
            let _ = object;
            self.set_position(pos);
            let what = if base.is_null() { "null" } else { "undefined" };
            return Err(self.type_error(match key {
                Some(key) => format!("Cannot read properties of {what} (reading '{key}')"),
                None => format!("Cannot read properties of {what}"),
            }));
        }
        if let MemberProp::Private(n) = prop {
            let key = self.resolve_private(n)?;
            return self.private_get(base, &key);
        }
        if let MemberProp::Ident(n) = prop {
            // `s.name` on a string or number: the prototype's property,
            // through the site's cache (String.prototype's own `length`
            // is not the string's).
            let proto = match base {
                // A string's own `length` (not String.prototype's).
                Value::String(s) if &*n.name == "length" => return Ok(Value::from(s.len())),
                Value::String(_) => Some(&self.realm.intrinsics.string_prototype),
                Value::Number(_) => Some(&self.realm.intrinsics.number_prototype),
                _ => None,
            };
            if let Some(proto) = proto {
                if let Some(v) = proto.cached_get_named(&n.name, &n.site) {
                    return Ok(v);
                }
                let proto = proto.clone();
                let key = self.name_key(n);
                return proto.get_at_site(self, &key, base, &n.site);
            }
        }
        let key = match prop {
            MemberProp::Ident(n) => self.name_key(n),
            _ => self.member_key(prop)?,
        };
        if let Value::Object(o) = base {
            return o.get_at_site(self, &key, base, member_site(prop, &MemberCache::default()));
        }
        get_v(self, base, &key)
    }

    pub(crate) fn private_get(&mut self, base: &Value, key: &PropertyKey) -> JsResult<Value> {
        let Value::Object(o) = base else {
            return Err(self.type_error(
                "Cannot read private member from an object whose class did not declare it",
            ));
        };
        match o.private_get(key) {
            Some(PropertySlot::Data(v, _)) => Ok(v),
            Some(PropertySlot::Accessor(Some(g), _, _)) => self.call(&Value::Object(g), base, &[]),
            Some(PropertySlot::Accessor(None, _, _)) => Err(self.type_error(format!(
                "'{}' was defined without a getter",
                key.to_display()
            ))),
            None => Err(self.type_error(format!(
                "Cannot read private member {} from an object whose class did not declare it",
                key.to_display()
            ))),
        }
    }

    pub(crate) fn private_set(
        &mut self,
        base: &Value,
        key: &PropertyKey,
        value: Value,
    ) -> JsResult<()> {
        let Value::Object(o) = base else {
            return Err(self.type_error(
                "Cannot write private member to an object whose class did not declare it",
            ));
        };
        match o.private_get(key) {
            Some(PropertySlot::Data(_, a)) => {
                if !a.writable() {
                    return Err(self.type_error(format!(
                        "Private method '{}' is not writable",
                        key.to_display()
                    )));
                }
                o.storage_set_value(key, value);
                Ok(())
            }
            Some(PropertySlot::Accessor(_, Some(s), _)) => {
                self.call(&Value::Object(s), base, &[value])?;
                Ok(())
            }
            Some(PropertySlot::Accessor(_, None, _)) => Err(self.type_error(format!(
                "'{}' was defined without a setter",
                key.to_display()
            ))),
            None => Err(self.type_error(format!(
                "Cannot write private member {} to an object whose class did not declare it",
                key.to_display()
            ))),
        }
    }

    /// PutValue of `value` to `base.name` (the base already read from, so
    /// not nullish), through the site's inline cache first.
    fn put_named_member(
        &mut self,
        base: &Value,
        name: &ast::PropName,
        value: Value,
    ) -> JsResult<()> {
        let value = match base {
            Value::Object(o) => match o.cached_set_named(value, &name.site) {
                Ok(()) => return Ok(()),
                Err(v) => v,
            },
            _ => value,
        };
        let key = self.name_key(name);
        self.put_property_at(base, key, value, &name.site)
    }

    /// PutValue for a property reference, from a member-access site whose
    /// cache is `site` (see `JsObject::get_at_site`).
    pub(crate) fn put_property_at(
        &mut self,
        base: &Value,
        key: PropertyKey,
        value: Value,
        site: &MemberCache,
    ) -> JsResult<()> {
        match base {
            Value::Object(o) => {
                let ok = o.set_at_site(self, &key, value, base, site)?;
                if !ok && self.is_strict() {
                    return Err(operations::failed_set_error(self, base, &key));
                }
                Ok(())
            }
            Value::Undefined | Value::Null => {
                let what = if base.is_null() { "null" } else { "undefined" };
                Err(self.type_error(format!(
                    "Cannot set properties of {what} (setting '{}')",
                    key.to_display()
                )))
            }
            _ => {
                // Primitive base: setters on the prototype chain run; a
                // plain write is silently dropped (TypeError in strict mode).
                let proto = to_object(self, base)?;
                let ok = proto.set(self, key.clone(), value, base)?;
                if !ok && self.is_strict() {
                    let shown = to_string(self, base)?;
                    return Err(self.type_error(format!(
                        "Cannot create property '{}' on {} '{}'",
                        key.to_display(),
                        base.type_of(),
                        shown
                    )));
                }
                Ok(())
            }
        }
    }

    /// PutValue on the reference an expression denotes.
    pub(crate) fn put_value_expr(&mut self, target: &Expr, value: Value) -> JsResult<()> {
        match &target.kind {
            ExprKind::Ident(name, cache) => self.set_identifier(name, Some(cache), value),
            ExprKind::Paren(inner) => self.put_value_expr(inner, value),
            ExprKind::Member { object, prop, .. } => {
                let base = self.eval_expr(object)?;
                if let MemberProp::Private(n) = prop {
                    let key = self.resolve_private(n)?;
                    return self.private_set(&base, &key, value);
                }
                let key = self.member_key(prop)?;
                self.put_property_at(
                    &base,
                    key,
                    value,
                    member_site(prop, &MemberCache::default()),
                )
            }
            ExprKind::SuperMember(prop) => {
                let this = self.resolve_this_binding()?;
                let key = match prop {
                    MemberProp::Ident(n) => self.name_key(n),
                    MemberProp::Computed(x) => {
                        let k = self.eval_expr(x)?;
                        to_property_key(self, &k)?
                    }
                    MemberProp::Private(_) => {
                        return Err(self.syntax_error("Unexpected private name"))
                    }
                };
                if let Some(b) = self.super_base()? {
                    let ok = b.set(self, key.clone(), value, &this)?;
                    if !ok && self.is_strict() {
                        return Err(operations::failed_set_error(self, &this, &key));
                    }
                }
                Ok(())
            }
            _ => Err(self.syntax_error("Invalid left-hand side in assignment")),
        }
    }

    fn eval_assign(
        &mut self,
        op: AssignOp,
        target: &ast::Pattern,
        value: &Expr,
    ) -> JsResult<Value> {
        match op {
            AssignOp::Assign => match &target.kind {
                ast::PatternKind::Ident(name, cache) => {
                    if let Some((bop, r)) = self_update(name, value) {
                        if let Some(n) = self.update_in_place(name, cache, bop, r) {
                            return Ok(Value::Number(n));
                        }
                    }
                    // Resolve before evaluating the right side (spec order).
                    if let Some((hops, id, slot)) = self.cached_target(name, cache) {
                        let v = self.eval_assigned(value, name)?;
                        if !self.store_resolved(name, hops, id, slot, &v) {
                            self.set_identifier(name, None, v.clone())?;
                        }
                        return Ok(v);
                    }
                    let resolved = self.resolve_binding(name, Some(cache))?;
                    let v = self.eval_named_ident(value, name)?;
                    self.put_resolved(resolved, name, v.clone())?;
                    Ok(v)
                }
                ast::PatternKind::Expr(target_expr) => self.assign_to_expr(target_expr, value),
                _ => {
                    let v = self.eval_expr(value)?;
                    self.bind_pattern(target, v.clone(), None)?;
                    Ok(v)
                }
            },
            AssignOp::Op(bop) => {
                let target_expr = pattern_expr(target);
                match target_expr {
                    TargetRef::Ident(name, cache) => {
                        if let Some(n) = self.update_in_place(name, cache, bop, value) {
                            return Ok(Value::Number(n));
                        }
                        if let Some((hops, id, slot, old)) = self.cached_target_value(name, cache) {
                            let r = self.eval_operand(value)?;
                            let v = self.binary_op(bop, &old, &r)?;
                            if !self.store_resolved(name, hops, id, slot, &v) {
                                self.set_identifier(name, None, v.clone())?;
                            }
                            return Ok(v);
                        }
                        let resolved = self.resolve_binding(name, Some(cache))?;
                        let old = self.get_resolved(&resolved, name)?;
                        let r = self.eval_expr(value)?;
                        let v = self.binary_op(bop, &old, &r)?;
                        self.put_resolved(resolved, name, v.clone())?;
                        Ok(v)
                    }
                    TargetRef::Expr(te) => {
                        if let Some((object, prop, n)) = named_member(te) {
                            // `o.name op= v`: one site for the read and the write.
                            let base = self.eval_expr(object)?;
                            let old = self.get_member(&base, prop, object, te.span.start)?;
                            let r = self.eval_expr(value)?;
                            let v = self.binary_op(bop, &old, &r)?;
                            self.put_named_member(&base, n, v.clone())?;
                            return Ok(v);
                        }
                        let (base, key) = self.eval_reference(te)?;
                        let old = self.get_reference(&base, &key)?;
                        let r = self.eval_expr(value)?;
                        let v = self.binary_op(bop, &old, &r)?;
                        self.put_reference(&base, key, v.clone())?;
                        Ok(v)
                    }
                }
            }
            AssignOp::Logical(lop) => {
                let target_expr = pattern_expr(target);
                match target_expr {
                    TargetRef::Ident(name, cache) => {
                        let resolved = self.resolve_binding(name, Some(cache))?;
                        let old = self.get_resolved(&resolved, name)?;
                        if !logical_continues(lop, &old) {
                            return Ok(old);
                        }
                        let v = self.eval_named_ident(value, name)?;
                        self.put_resolved(resolved, name, v.clone())?;
                        Ok(v)
                    }
                    TargetRef::Expr(te) => {
                        let (base, key) = self.eval_reference(te)?;
                        let old = self.get_reference(&base, &key)?;
                        if !logical_continues(lop, &old) {
                            return Ok(old);
                        }
                        let v = self.eval_expr(value)?;
                        self.put_reference(&base, key, v.clone())?;
                        Ok(v)
                    }
                }
            }
        }
    }

    fn assign_to_expr(&mut self, target: &Expr, value: &Expr) -> JsResult<Value> {
        match &target.kind {
            ExprKind::Ident(name, cache) => {
                let resolved = self.resolve_binding(name, Some(cache))?;
                let v = self.eval_named_ident(value, name)?;
                self.put_resolved(resolved, name, v.clone())?;
                Ok(v)
            }
            ExprKind::Paren(inner) => self.assign_to_expr(inner, value),
            ExprKind::Member { object, prop, .. } if !matches!(prop, MemberProp::Private(_)) => {
                let v = self.assign_member::<true>(object, prop, value)?;
                Ok(v.unwrap_or_default())
            }
            ExprKind::SuperMember(MemberProp::Computed(x)) => {
                let this = self.resolve_this_binding()?;
                let key_value = self.eval_expr(x)?;
                let v = self.eval_expr(value)?;
                let key = to_property_key(self, &key_value)?;
                self.put_reference(&RefBase::Super(this), key, v.clone())?;
                Ok(v)
            }
            _ => {
                let (base, key) = self.eval_reference_for(target, true)?;
                let v = self.eval_expr(value)?;
                self.put_reference(&base, key, v.clone())?;
                Ok(v)
            }
        }
    }

    /// `object.prop = value` for a named or computed (not private)
    /// member, in PutValue's order: the base, the key, the right-hand
    /// side, then the base check and ToPropertyKey. The assigned value
    /// when `KEEP` (the assignment's value is used), `None` otherwise:
    /// an assignment statement hands its value to the store without a
    /// copy (a root count increment and decrement for an object).
    #[inline(always)]
    fn assign_member<const KEEP: bool>(
        &mut self,
        object: &Expr,
        prop: &MemberProp,
        value: &Expr,
    ) -> JsResult<Option<Value>> {
        if let MemberProp::Ident(n) = prop {
            if matches!(object.kind, ExprKind::This)
                && self.context_stack.last().is_some_and(|c| c.this_fixed)
            {
                // `this.name = v` with `this` fixed (evaluating it can
                // neither fail nor run code): stored through the site's
                // cache without copying `this` out.
                let v = self.eval_operand(value)?;
                let v = match self.context_stack.last().map(|c| &c.this_binding) {
                    Some(Value::Object(o)) => match store_at_site::<KEEP>(o, v, &n.site) {
                        Ok(r) => return Ok(r),
                        Err(v) => v,
                    },
                    _ => v,
                };
                let base = self.resolve_this_binding()?;
                return self
                    .put_member_value(&base, prop, None, v)
                    .map(kept::<KEEP>);
            }
            let base = self.eval_simple_operand(object)?;
            let v = self.eval_operand(value)?;
            // Through the site's inline cache.
            let v = match &base {
                Value::Object(o) => match store_at_site::<KEEP>(o, v, &n.site) {
                    Ok(r) => return Ok(r),
                    Err(v) => v,
                },
                _ => v,
            };
            return self
                .put_member_value(&base, prop, None, v)
                .map(kept::<KEEP>);
        }
        let base = self.eval_simple_operand(object)?;
        let key_value = match prop {
            MemberProp::Computed(x) => Some(self.eval_simple_operand(x)?),
            _ => None,
        };
        let v = self.eval_operand(value)?;
        // `o[i] = v` into an existing dense element.
        if let (Value::Object(o), Some(Value::Number(i))) = (&base, &key_value) {
            if o.set_dense_element(*i, &v) {
                return Ok(kept::<KEEP>(v));
            }
        }
        self.put_member_value(&base, prop, key_value, v)
            .map(kept::<KEEP>)
    }

    /// `eval_effect` of `object.prop = value` (see `assign_member`).
    #[inline(never)]
    fn effect_member_assign(
        &mut self,
        object: &Expr,
        prop: &MemberProp,
        value: &Expr,
    ) -> JsResult<()> {
        self.assign_member::<false>(object, prop, value)?;
        Ok(())
    }

    /// The TypeError for reading (or, `for_set`, writing) the member
    /// `prop` of a null or undefined `base`; `key_value` is a computed
    /// member's key, shown without converting it.
    fn nullish_member_error(
        &mut self,
        base: &Value,
        prop: &MemberProp,
        key_value: Option<&Value>,
        for_set: bool,
    ) -> JsError {
        let what = if base.is_null() { "null" } else { "undefined" };
        let (verb, ing) = if for_set {
            ("set", "setting")
        } else {
            ("read", "reading")
        };
        let shown = match (key_value, prop) {
            (Some(k), _) => key_display_without_side_effects(self, k),
            (None, MemberProp::Ident(n)) => Some(n.to_string()),
            _ => Some(String::new()),
        };
        self.type_error(match shown {
            Some(shown) => format!("Cannot {verb} properties of {what} ({ing} '{shown}')"),
            None => format!("Cannot {verb} properties of {what}"),
        })
    }

    /// The property key of member `prop`: ToPropertyKey of a computed
    /// member's already evaluated key value, or the named member's key.
    fn member_key_of(
        &mut self,
        prop: &MemberProp,
        key_value: Option<Value>,
    ) -> JsResult<PropertyKey> {
        match key_value {
            Some(k) => self.computed_key(&k),
            None => self.member_key(prop),
        }
    }

    /// The end of `base[key] = v` / `base.name = v` once the right side
    /// has run: the base check, ToPropertyKey of the key's value (`None`
    /// for a named member) and [[Set]]. Returns `v`.
    fn put_member_value(
        &mut self,
        base: &Value,
        prop: &MemberProp,
        key_value: Option<Value>,
        v: Value,
    ) -> JsResult<Value> {
        if base.is_nullish() {
            return Err(self.nullish_member_error(base, prop, key_value.as_ref(), true));
        }
        let key = self.member_key_of(prop, key_value)?;
        self.put_property_at(
            base,
            key,
            v.clone(),
            member_site(prop, &MemberCache::default()),
        )?;
        Ok(v)
    }

    pub(crate) fn get_resolved(&mut self, r: &Resolved, name: &str) -> JsResult<Value> {
        match r {
            Resolved::Binding(env, slot) => self.read_binding(env, *slot, name),
            Resolved::Object(o, _) => {
                let key = self.interned_key(name);
                o.get(self, &key, &Value::Object(o.clone()))
            }
            Resolved::Unresolvable => Err(self.reference_error(format!("{name} is not defined"))),
        }
    }

    pub(crate) fn put_resolved(&mut self, r: Resolved, name: &str, v: Value) -> JsResult<()> {
        let strict = self.is_strict();
        match r {
            Resolved::Binding(env, slot) => self.write_binding(&env, slot, name, v, strict),
            Resolved::Object(o, _) => {
                let key = self.interned_key(name);
                // Object Environment Record SetMutableBinding: a binding
                // deleted meanwhile is a ReferenceError in strict code.
                if strict && !o.has_property(self, &key)? {
                    return Err(self.reference_error(format!("{name} is not defined")));
                }
                let receiver = Value::Object(o.clone());
                let ok = o.set(self, key.clone(), v, &receiver)?;
                if !ok && strict {
                    return Err(operations::failed_set_error(self, &receiver, &key));
                }
                Ok(())
            }
            Resolved::Unresolvable => {
                if strict {
                    return Err(self.reference_error(format!("{name} is not defined")));
                }
                let g = self.realm.global_object.clone();
                g.set(self, PropertyKey::from(name), v, &Value::Object(g.clone()))?;
                Ok(())
            }
        }
    }

    /// Evaluates a member-expression reference to (base, key).
    pub(crate) fn eval_reference(&mut self, target: &Expr) -> JsResult<(RefBase, PropertyKey)> {
        self.eval_reference_for(target, false)
    }

    pub(crate) fn eval_reference_for(
        &mut self,
        target: &Expr,
        for_set: bool,
    ) -> JsResult<(RefBase, PropertyKey)> {
        match &target.kind {
            ExprKind::Member { object, prop, .. } => {
                let base = self.eval_expr(object)?;
                if let MemberProp::Private(n) = prop {
                    let key = self.resolve_private(n)?;
                    return Ok((RefBase::Private(base), key));
                }
                // The key expression is evaluated before the base is checked,
                // and converted (ToPropertyKey) only after the check.
                let key_value = match prop {
                    MemberProp::Computed(x) => Some(self.eval_expr(x)?),
                    _ => None,
                };
                if base.is_nullish() {
                    return Err(self.nullish_member_error(
                        &base,
                        prop,
                        key_value.as_ref(),
                        for_set,
                    ));
                }
                let key = self.member_key_of(prop, key_value)?;
                Ok((RefBase::Value(base), key))
            }
            ExprKind::SuperMember(prop) => {
                let this = self.resolve_this_binding()?;
                let key = match prop {
                    MemberProp::Ident(n) => self.name_key(n),
                    MemberProp::Computed(x) => {
                        let k = self.eval_expr(x)?;
                        to_property_key(self, &k)?
                    }
                    MemberProp::Private(_) => {
                        return Err(self.syntax_error("Unexpected private name"))
                    }
                };
                Ok((RefBase::Super(this), key))
            }
            ExprKind::Paren(inner) => self.eval_reference_for(inner, for_set),
            _ => Err(self.syntax_error("Invalid left-hand side in assignment")),
        }
    }

    pub(crate) fn get_reference(&mut self, base: &RefBase, key: &PropertyKey) -> JsResult<Value> {
        match base {
            RefBase::Value(v) => get_v(self, v, key),
            RefBase::Private(v) => self.private_get(v, key),
            RefBase::Super(this) => match self.super_base()? {
                Some(b) => b.get(self, key, this),
                None => Ok(Value::Undefined),
            },
        }
    }

    pub(crate) fn put_reference(
        &mut self,
        base: &RefBase,
        key: PropertyKey,
        v: Value,
    ) -> JsResult<()> {
        match base {
            RefBase::Value(b) => self.put_property_at(b, key, v, &MemberCache::default()),
            RefBase::Private(b) => self.private_set(b, &key, v),
            RefBase::Super(this) => {
                if let Some(b) = self.super_base()? {
                    // PutValue: a failed [[Set]] throws in strict code.
                    if !b.set(self, key.clone(), v, this)? && self.is_strict() {
                        return Err(operations::failed_set_error(self, this, &key));
                    }
                }
                Ok(())
            }
        }
    }

    /// The object `super.x` looks `x` up on: [[HomeObject]].[[GetPrototypeOf]]().
    pub(crate) fn super_base(&mut self) -> JsResult<Option<JsObject>> {
        let env = self.get_this_environment();
        let home = env
            .as_function_env()
            .and_then(|f| f.function_object.clone())
            .and_then(|f| match f.kind() {
                ObjectKind::Function(sf) => sf.home_object.clone(),
                _ => None,
            });
        match home {
            Some(h) => Ok(h.prototype()),
            None => Err(self.syntax_error("'super' keyword unexpected here")),
        }
    }

    fn eval_super_call(&mut self, args: &[ast::Arg], pos: u32) -> JsResult<Value> {
        let env = self.get_this_environment();
        let Some(fenv) = env.as_function_env() else {
            return Err(self.syntax_error("'super' keyword unexpected here"));
        };
        let Some(active) = fenv.function_object.clone() else {
            return Err(self.syntax_error("'super' keyword unexpected here"));
        };
        let new_target = fenv.new_target.get();
        let super_ctor = active.prototype();
        let argv = self.eval_args(args)?;
        let Some(super_ctor) = super_ctor.filter(|c| c.is_constructor()) else {
            return Err(self.type_error("Super constructor is not a constructor"));
        };
        self.set_position(pos);
        let result = self.construct(&Value::Object(super_ctor), &argv, Some(&new_target))?;
        let fenv = env
            .as_function_env()
            .ok_or_else(|| JsError::Throw(Value::Undefined))?;
        if fenv.this_status.get() == ThisBindingStatus::Initialized {
            return Err(self.reference_error("Super constructor may only be called once"));
        }
        fenv.this_value.set(result.clone());
        fenv.this_status.set(ThisBindingStatus::Initialized);
        if let Some(c) = self.context_stack.last_mut() {
            if c.this_binding.is_undefined() {
                c.this_binding = result.clone();
            }
        }
        if let Value::Object(o) = &result {
            crate::function::initialize_instance_elements(self, o, &active)?;
        }
        Ok(result)
    }

    fn eval_unary(&mut self, op: UnaryOp, arg: &Expr) -> JsResult<Value> {
        match op {
            UnaryOp::Typeof => {
                // A parenthesized expression is the reference it wraps
                // (ECMA-262 §13.2.9.1): `typeof (x)` of an undeclared `x`
                // is "undefined" too.
                let mut arg = arg;
                while let ExprKind::Paren(inner) = &arg.kind {
                    arg = inner;
                }
                if let ExprKind::Ident(name, cache) = &arg.kind {
                    if let Some(v) = self.read_cached(name, cache) {
                        return Ok(self.typeof_strings.of(&v));
                    }
                    return match self.resolve_binding(name, Some(cache))? {
                        Resolved::Unresolvable => Ok(self.typeof_strings.of(&Value::Undefined)),
                        r => {
                            let v = self.get_resolved(&r, name)?;
                            Ok(self.typeof_strings.of(&v))
                        }
                    };
                }
                let v = self.eval_expr(arg)?;
                Ok(self.typeof_strings.of(&v))
            }
            UnaryOp::Delete => self.eval_delete(arg),
            UnaryOp::Void => {
                self.eval_expr(arg)?;
                Ok(Value::Undefined)
            }
            UnaryOp::Not => Ok(Value::Bool(!self.eval_cond(arg)?)),
            UnaryOp::Neg => {
                let v = self.eval_expr(arg)?;
                match to_numeric_value(self, &v)? {
                    Value::BigInt(b) => Ok(Value::BigInt(b.negate())),
                    n => Ok(Value::Number(-to_numeric(self, &n)?)),
                }
            }
            UnaryOp::Plus => {
                let v = self.eval_expr(arg)?;
                Ok(Value::Number(to_number(self, &v)?))
            }
            UnaryOp::BitNot => {
                let v = self.eval_expr(arg)?;
                match to_numeric_value(self, &v)? {
                    Value::BigInt(b) => Ok(Value::BigInt(b.bitwise_not())),
                    n => Ok(Value::Number(!f64_to_int32(to_numeric(self, &n)?) as f64)),
                }
            }
        }
    }

    fn eval_delete(&mut self, arg: &Expr) -> JsResult<Value> {
        match &arg.kind {
            ExprKind::Paren(inner) => self.eval_delete(inner),
            ExprKind::Ident(name, _) => match self.resolve_binding(name, None)? {
                Resolved::Unresolvable => Ok(Value::Bool(true)),
                Resolved::Object(o, _) => Ok(Value::Bool(
                    o.try_delete(self, &PropertyKey::from(&**name))?,
                )),
                Resolved::Binding(env, slot) => {
                    let b = env.bindings();
                    if b.flags(slot) & crate::storage::BINDING_DELETABLE != 0 {
                        env.mark_dynamic();
                        b.remove(slot);
                        Ok(Value::Bool(true))
                    } else {
                        Ok(Value::Bool(false))
                    }
                }
            },
            ExprKind::Member { object, prop, .. } => {
                let base = self.eval_expr(object)?;
                let key = self.member_key(prop)?;
                let o = to_object(self, &base)?;
                let ok = o.try_delete(self, &key)?;
                if !ok && self.is_strict() {
                    return Err(operations::failed_delete_error(self, &o, &key));
                }
                Ok(Value::Bool(ok))
            }
            ExprKind::SuperMember(_) => {
                Err(self.reference_error("Unsupported reference to 'super'"))
            }
            ExprKind::OptionalChain(inner) => {
                // delete a?.b: short-circuits to true.
                if let ExprKind::Member { object, prop, .. } = &inner.kind {
                    let Some(base) = self.eval_chain(object)? else {
                        return Ok(Value::Bool(true));
                    };
                    if base.is_nullish() {
                        return Ok(Value::Bool(true));
                    }
                    let key = self.member_key(prop)?;
                    let o = to_object(self, &base)?;
                    return Ok(Value::Bool(o.try_delete(self, &key)?));
                }
                self.eval_expr(arg)?;
                Ok(Value::Bool(true))
            }
            _ => {
                self.eval_expr(arg)?;
                Ok(Value::Bool(true))
            }
        }
    }

    /// Applies a binary operator (ECMA-262 §13.15.3 ApplyStringOrNumericBinaryOperator
    /// and the relational/equality operators).
    pub fn binary_op(&mut self, op: BinaryOp, l: &Value, r: &Value) -> JsResult<Value> {
        if let (Value::Number(a), Value::Number(b)) = (l, r) {
            return match number_binary(op, *a, *b) {
                Some(v) => Ok(v),
                None => self.binary_op_slow(op, l, r),
            };
        }
        // Strict (in)equality never runs code: no need for the slow path
        // (`node !== null` in every list walk).
        match op {
            BinaryOp::StrictEq => Ok(Value::Bool(is_strictly_equal(l, r))),
            BinaryOp::StrictNotEq => Ok(Value::Bool(!is_strictly_equal(l, r))),
            _ => self.binary_op_slow(op, l, r),
        }
    }

    fn binary_op_slow(&mut self, op: BinaryOp, l: &Value, r: &Value) -> JsResult<Value> {
        Ok(match op {
            BinaryOp::Add => {
                match (l, r) {
                    (Value::String(a), Value::String(b)) => {
                        self.check_string_length((a.len() + b.len()) as f64)?;
                        return Ok(Value::String(a.concat(b)));
                    }
                    // A number's text is shorter than 25 characters: the
                    // result cannot be too long.
                    (Value::String(s), Value::Number(n)) | (Value::Number(n), Value::String(s))
                        if s.len() + 25 <= crate::string::MAX_LENGTH =>
                    {
                        let before = matches!(l, Value::Number(_));
                        return Ok(Value::String(s.concat_number(*n, before)));
                    }
                    _ => {}
                }
                let lp = to_primitive(self, l, Hint::Default)?;
                let rp = to_primitive(self, r, Hint::Default)?;
                if matches!(lp, Value::String(_)) || matches!(rp, Value::String(_)) {
                    let ls = to_string(self, &lp)?;
                    let rs = to_string(self, &rp)?;
                    self.check_string_length((ls.len() + rs.len()) as f64)?;
                    return Ok(Value::String(ls.concat(&rs)));
                }
                let a = to_numeric_value(self, &lp)?;
                let b = to_numeric_value(self, &rp)?;
                let (Value::Number(a), Value::Number(b)) = (&a, &b) else {
                    return self.bigint_op(op, &a, &b);
                };
                Value::Number(a + b)
            }
            BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod | BinaryOp::Exp => {
                let a = to_numeric_value(self, l)?;
                let b = to_numeric_value(self, r)?;
                let (Value::Number(a), Value::Number(b)) = (&a, &b) else {
                    return self.bigint_op(op, &a, &b);
                };
                let (a, b) = (*a, *b);
                Value::Number(match op {
                    BinaryOp::Sub => a - b,
                    BinaryOp::Mul => a * b,
                    BinaryOp::Div => a / b,
                    BinaryOp::Mod => js_remainder(a, b),
                    _ => js_pow(a, b),
                })
            }
            BinaryOp::Shl
            | BinaryOp::Shr
            | BinaryOp::UShr
            | BinaryOp::BitAnd
            | BinaryOp::BitOr
            | BinaryOp::BitXor => {
                let a = to_numeric_value(self, l)?;
                let b = to_numeric_value(self, r)?;
                let (Value::Number(a), Value::Number(b)) = (&a, &b) else {
                    return self.bigint_op(op, &a, &b);
                };
                Value::Number(integer_op(op, *a, *b))
            }
            BinaryOp::Eq => Value::Bool(is_loosely_equal(self, l, r)?),
            BinaryOp::NotEq => Value::Bool(!is_loosely_equal(self, l, r)?),
            BinaryOp::StrictEq => Value::Bool(is_strictly_equal(l, r)),
            BinaryOp::StrictNotEq => Value::Bool(!is_strictly_equal(l, r)),
            BinaryOp::Lt => Value::Bool(is_less_than(self, l, r, true)? == Some(true)),
            BinaryOp::Gt => Value::Bool(is_less_than(self, r, l, false)? == Some(true)),
            BinaryOp::LtEq => Value::Bool(is_less_than(self, r, l, false)? == Some(false)),
            BinaryOp::GtEq => Value::Bool(is_less_than(self, l, r, true)? == Some(false)),
            BinaryOp::In => {
                let Value::Object(o) = r else {
                    let shown = crate::inspect::short_description(self, r);
                    let key = to_string(self, l)
                        .map(|s| s.to_rust_string())
                        .unwrap_or_default();
                    return Err(self.type_error(format!(
                        "Cannot use 'in' operator to search for '{key}' in {shown}"
                    )));
                };
                let key = to_property_key(self, l)?;
                Value::Bool(o.has_property(self, &key)?)
            }
            BinaryOp::InstanceOf => Value::Bool(instanceof_operator(self, l, r)?),
        })
    }

    /// An arithmetic, bitwise or shift operator on two numeric values of
    /// which at least one is a BigInt (ECMA-262 §13.15.3
    /// ApplyStringOrNumericBinaryOperator, steps 6-10): both must be.
    #[inline(never)]
    fn bigint_op(&mut self, op: BinaryOp, l: &Value, r: &Value) -> JsResult<Value> {
        use crate::bigint::BigIntOp as B;
        let (Value::BigInt(a), Value::BigInt(b)) = (l, r) else {
            return Err(
                self.type_error("Cannot mix BigInt and other types, use explicit conversions")
            );
        };
        let op = match op {
            BinaryOp::Add => B::Add,
            BinaryOp::Sub => B::Sub,
            BinaryOp::Mul => B::Mul,
            BinaryOp::Div => B::Div,
            BinaryOp::Mod => B::Rem,
            BinaryOp::Exp => B::Exp,
            BinaryOp::BitAnd => B::BitAnd,
            BinaryOp::BitOr => B::BitOr,
            BinaryOp::BitXor => B::BitXor,
            BinaryOp::Shl => B::Shl,
            BinaryOp::Shr => B::Shr,
            _ => {
                return Err(self.type_error("BigInts have no unsigned right shift, use >> instead"))
            }
        };
        match crate::bigint::binary(op, a, b) {
            Ok(v) => Ok(Value::BigInt(v)),
            Err(message) => Err(self.range_error(message)),
        }
    }

    fn eval_object_literal(&mut self, props: &[ast::PropDef]) -> JsResult<Value> {
        if props.len() <= NAMED_LITERAL_MAX
            && props
                .iter()
                .all(|p| matches!(p, ast::PropDef::Value(ast::PropKey::Ident(_), _)))
        {
            return self.eval_named_object_literal(props);
        }
        let obj = operations::new_object(self);
        for p in props {
            match p {
                ast::PropDef::Value(ast::PropKey::Ident(n), v) => {
                    // `name: value` (an identifier name is never an array
                    // index): through the site's cached transition.
                    let value = self.eval_literal_value(n, v)?;
                    obj.define_literal_named(|| self.name_key(n), value, &n.site);
                }
                ast::PropDef::Value(k, v) => {
                    let key = self.eval_prop_key(k)?;
                    let value = self.eval_named(v, &key)?;
                    // CreateDataPropertyOrThrow on a fresh ordinary object
                    // that no code can reach yet: always extensible, and
                    // every property it has is configurable, so the define
                    // is a store (in place for a repeated key).
                    obj.define_value(key, value, Attributes::all());
                }
                ast::PropDef::Method(k, f) => {
                    let key = self.eval_prop_key(k)?;
                    let fo = self.define_method(&obj, &key, f, None)?;
                    obj.define_own_property(
                        self,
                        key,
                        PropertyDescriptor::data(Value::Object(fo), Attributes::all()),
                    )?;
                }
                ast::PropDef::Getter(k, f) => {
                    let key = self.eval_prop_key(k)?;
                    let fo = self.define_method(&obj, &key, f, Some("get"))?;
                    obj.define_own_property(
                        self,
                        key,
                        PropertyDescriptor {
                            get: Some(Value::Object(fo)),
                            enumerable: Some(true),
                            configurable: Some(true),
                            ..Default::default()
                        },
                    )?;
                }
                ast::PropDef::Setter(k, f) => {
                    let key = self.eval_prop_key(k)?;
                    let fo = self.define_method(&obj, &key, f, Some("set"))?;
                    obj.define_own_property(
                        self,
                        key,
                        PropertyDescriptor {
                            set: Some(Value::Object(fo)),
                            enumerable: Some(true),
                            configurable: Some(true),
                            ..Default::default()
                        },
                    )?;
                }
                ast::PropDef::Spread(x) => {
                    let v = self.eval_expr(x)?;
                    copy_data_properties(self, &obj, &v, &[])?;
                }
                ast::PropDef::Proto(x) => {
                    let v = self.eval_expr(x)?;
                    match v {
                        Value::Object(p) => {
                            obj.set_prototype_of(Some(p));
                        }
                        Value::Null => {
                            obj.set_prototype_of(None);
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(Value::Object(obj))
    }

    /// The value of `name: v` in an object literal (a function, class or
    /// arrow is named after the key).
    #[inline(always)]
    fn eval_literal_value(&mut self, name: &ast::PropName, v: &Expr) -> JsResult<Value> {
        match &v.kind {
            ExprKind::Function(_)
            | ExprKind::Arrow(_)
            | ExprKind::Class(_)
            | ExprKind::Paren(_) => {
                let key = self.name_key(name);
                self.eval_named(v, &key)
            }
            _ => self.eval_expr(v),
        }
    }

    /// An object literal of `name: value` properties only (at most
    /// `NAMED_LITERAL_MAX`). The values are evaluated first, then the
    /// object is made (unobservable: no code can reach it before it is
    /// complete), with its final shape at once when the keys' sites
    /// recorded it (`storage::literal_shape`), else by defining the keys
    /// in order (which records the transitions).
    fn eval_named_object_literal(&mut self, props: &[ast::PropDef]) -> JsResult<Value> {
        let mut values = smallvec::SmallVec::<[Value; NAMED_LITERAL_MAX]>::new();
        for p in props {
            if let ast::PropDef::Value(ast::PropKey::Ident(n), v) = p {
                let value = self.eval_literal_value(n, v)?;
                values.push(value);
            }
        }
        let site = |i: usize| match props.get(i) {
            Some(ast::PropDef::Value(ast::PropKey::Ident(n), _)) => Some(&n.site),
            _ => None,
        };
        let obj = operations::new_object(self);
        if let Some(shape) = crate::storage::literal_shape(props.len(), site) {
            if obj.storage().init_shaped(shape, &mut values) {
                return Ok(Value::Object(obj));
            }
        }
        for (p, value) in props.iter().zip(values) {
            if let ast::PropDef::Value(ast::PropKey::Ident(n), _) = p {
                obj.define_literal_named(|| self.name_key(n), value, &n.site);
            }
        }
        Ok(Value::Object(obj))
    }

    /// Evaluates a property name (PropName / ComputedPropertyName).
    pub(crate) fn eval_prop_key(&mut self, k: &ast::PropKey) -> JsResult<PropertyKey> {
        match k {
            ast::PropKey::Ident(n) => Ok(self.name_key(n)),
            ast::PropKey::Str(s) => Ok(PropertyKey::from(JsString::from_utf16(s))),
            ast::PropKey::Num(n) => to_property_key(self, &Value::Number(*n)),
            ast::PropKey::Computed(x) => {
                let v = self.eval_expr(x)?;
                to_property_key(self, &v)
            }
            ast::PropKey::Private(n) => self.resolve_private(n),
        }
    }

    /// DefineMethod — ECMA-262 §15.4.4: a method closure with [[HomeObject]].
    pub(crate) fn define_method(
        &mut self,
        home: &JsObject,
        key: &PropertyKey,
        f: &Rc<ast::Function>,
        prefix: Option<&str>,
    ) -> JsResult<JsObject> {
        let env = self.lexical_env();
        let private_env = self.ctx().private_environment.clone();
        let name = crate::function::function_name_from_key(key, prefix);
        Ok(create_script_function(
            self,
            f,
            env,
            private_env,
            Some(home.clone()),
            name,
        ))
    }

    /// A template literal's value: the cooked strings and the substitutions'
    /// strings, in order. Short parts are copied into one string; a long
    /// substitution is linked as a rope (`JsString::concat`) instead, so
    /// that a loop that rebuilds a string from itself with a template stays
    /// linear, as `s += ...` does.
    fn eval_template(&mut self, t: &ast::Template) -> JsResult<Value> {
        /// Substitutions at least this long are not copied.
        const LINK_MIN: usize = 256;
        let mut head: Option<JsString> = None;
        let mut out = crate::string::JsStringBuilder::new();
        for (i, cooked) in t.cooked.iter().enumerate() {
            if let Some(c) = cooked {
                out.push_utf16(c);
            }
            if let Some(ex) = t.exprs.get(i) {
                let v = self.eval_expr(ex)?;
                let s = to_string(self, &v)?;
                let head_len = head.as_ref().map_or(0, JsString::len);
                self.check_string_length((head_len + out.len() + s.len()) as f64)?;
                if s.len() >= LINK_MIN {
                    let text = std::mem::take(&mut out).build();
                    head = Some(match head {
                        Some(h) => h.concat(&text).concat(&s),
                        None => text.concat(&s),
                    });
                } else {
                    out.push_str(&s);
                }
            }
        }
        let text = out.build();
        Ok(Value::String(match head {
            Some(h) => {
                self.check_string_length((h.len() + text.len()) as f64)?;
                h.concat(&text)
            }
            None => text,
        }))
    }

    fn eval_tagged_template(
        &mut self,
        tag: &Expr,
        t: &Rc<ast::Template>,
        pos: u32,
    ) -> JsResult<Value> {
        let (func, this) = self.eval_callee(tag)?;
        let site = Rc::as_ptr(t) as usize;
        let template = match self.template_cache.get(&site) {
            Some((_, o)) => o.clone(),
            None => {
                let cooked: Vec<Value> = t
                    .cooked
                    .iter()
                    .map(|c| {
                        c.as_ref()
                            .map(|c| Value::String(JsString::from_utf16(c)))
                            .unwrap_or_default()
                    })
                    .collect();
                let raw: Vec<Value> = t
                    .raw
                    .iter()
                    .map(|r| Value::String(JsString::from_utf16(r)))
                    .collect();
                let raw_arr = operations::create_array_from_list(self, raw);
                let arr = operations::create_array_from_list(self, cooked);
                arr.define_value("raw", Value::Object(raw_arr.clone()), Attributes::none());
                crate::builtins::object::set_integrity_level(self, &raw_arr, true)?;
                crate::builtins::object::set_integrity_level(self, &arr, true)?;
                self.template_cache.insert(site, (t.clone(), arr.clone()));
                arr
            }
        };
        let mut args = vec![Value::Object(template)];
        for x in &t.exprs {
            args.push(self.eval_expr(x)?);
        }
        if !operations::is_callable(&func) {
            let text = callee_text(tag);
            return Err(self.type_error(format!("{text} is not a function")));
        }
        self.set_position(pos);
        self.call(&func, &this, &args)
    }

    /// Evaluates a callee to (function, this value).
    fn eval_callee(&mut self, callee: &Expr) -> JsResult<(Value, Value)> {
        match &callee.kind {
            ExprKind::Member { object, prop, .. } => {
                // `this.name(...)`: the method read in place.
                if let Some(f) = self.this_member_cached(object, prop) {
                    return Ok((f, self.ctx().this_binding.clone()));
                }
                let base = self.eval_operand(object)?;
                let f = self.get_member(&base, prop, object, callee.span.start)?;
                Ok((f, base))
            }
            ExprKind::SuperMember(_) => {
                let this = self.resolve_this_binding()?;
                let f = self.eval_expr(callee)?;
                Ok((f, this))
            }
            ExprKind::Ident(name, cache) => {
                // A cached declarative binding (initialized, not an
                // import): its WithBaseObject is undefined, so `this` is too.
                if let Some(f) = self.read_cached(name, cache) {
                    return Ok((f, Value::Undefined));
                }
                self.eval_callee_slow(name, cache)
            }
            // A parenthesized reference is the reference it wraps:
            // `(a.b)()` and `(a?.b)()` call with `this` = `a`.
            ExprKind::Paren(inner) => self.eval_callee(inner),
            ExprKind::OptionalChain(chain) => match &chain.kind {
                ExprKind::Member {
                    object,
                    prop,
                    optional,
                } => Ok(self
                    .eval_chain_method(object, prop, *optional, chain.span.start)?
                    // Short-circuited: the call then throws.
                    .unwrap_or((Value::Undefined, Value::Undefined))),
                _ => Ok((self.eval_expr(callee)?, Value::Undefined)),
            },
            _ => Ok((self.eval_expr(callee)?, Value::Undefined)),
        }
    }

    /// An identifier callee resolved by name (and `this` taken from a
    /// `with` object).
    fn eval_callee_slow(
        &mut self,
        name: &ast::Atom,
        cache: &SiteCache,
    ) -> JsResult<(Value, Value)> {
        match self.resolve_binding(name, Some(cache))? {
            Resolved::Object(o, true) => {
                let f = o.get(self, &PropertyKey::from(&**name), &Value::Object(o.clone()))?;
                Ok((f, Value::Object(o)))
            }
            r => Ok((self.get_resolved(&r, name)?, Value::Undefined)),
        }
    }

    /// Evaluates a call; `None` when an optional chain short-circuited.
    /// Out of line: `eval_call_expr`, which every call enters, would
    /// otherwise carry the in-line call's frame for its other callees.
    #[inline(never)]
    fn eval_call(&mut self, e: &Expr) -> JsResult<Option<Value>> {
        let ExprKind::Call {
            callee,
            args,
            optional,
        } = &e.kind
        else {
            return Ok(Some(self.eval_expr(e)?));
        };
        self.check_stack()?;
        let (func, this) = self.eval_callee(callee)?;
        if *optional && func.is_nullish() {
            return Ok(None);
        }
        self.call_with_args(e, callee, args, func, this).map(Some)
    }

    /// A call of `func` with `this` and the evaluated arguments `argv`
    /// (which the callee may take); `e` is the call, `callee` its callee
    /// expression (for the error message and position).
    #[inline(never)]
    fn call_evaluated(
        &mut self,
        e: &Expr,
        callee: &Expr,
        func: Value,
        this: Value,
        argv: &mut ArgList,
    ) -> JsResult<Value> {
        let Value::Object(fo) = &func else {
            let text = callee_text(callee);
            self.set_position(callee_position(callee));
            return Err(self.type_error(format!("{text} is not a function")));
        };
        match fo.kind() {
            ObjectKind::Function(sf) => {
                // An ECMAScript function (never the intrinsic eval).
                self.set_position(callee_position(callee).max(e.span.start));
                crate::function::call_script_function_owned(self, fo, sf, this, argv)
            }
            ObjectKind::NativeFunction(_) => {
                // Direct eval — ECMA-262 §13.3.6.1 step 6.
                if *fo == self.realm.intrinsics.eval_function {
                    if let ExprKind::Ident(n, _) = &callee.kind {
                        if &**n == "eval" {
                            return crate::builtins::global::perform_eval(
                                self,
                                argv.first().cloned().unwrap_or_default(),
                                true,
                            );
                        }
                    }
                }
                self.set_position(callee_position(callee).max(e.span.start));
                crate::function::call_native_function(self, fo, &this, argv, None)
            }
            ObjectKind::BoundFunction(_) => {
                self.set_position(callee_position(callee).max(e.span.start));
                crate::function::call_bound_function(self, fo, argv, None)
            }
            ObjectKind::Proxy(p) if p.is_callable() => {
                self.set_position(callee_position(callee).max(e.span.start));
                crate::proxy::call(self, p, &this, argv)
            }
            _ => {
                let text = callee_text(callee);
                self.set_position(callee_position(callee));
                Err(self.type_error(format!("{text} is not a function")))
            }
        }
    }

    /// Evaluates the inside of an optional chain; `None` = short-circuited.
    fn eval_chain(&mut self, e: &Expr) -> JsResult<Option<Value>> {
        match &e.kind {
            ExprKind::Member {
                object,
                prop,
                optional,
            } => {
                let Some(base) = self.eval_chain(object)? else {
                    return Ok(None);
                };
                if *optional && base.is_nullish() {
                    return Ok(None);
                }
                Ok(Some(self.get_member(&base, prop, object, e.span.start)?))
            }
            ExprKind::Call {
                callee,
                args,
                optional,
            } => {
                let (func, this) = match &callee.kind {
                    ExprKind::Member {
                        object,
                        prop,
                        optional: mopt,
                    } => match self.eval_chain_method(object, prop, *mopt, callee.span.start)? {
                        Some(f) => f,
                        None => return Ok(None),
                    },
                    _ => {
                        let Some(f) = self.eval_chain_callee(callee)? else {
                            return Ok(None);
                        };
                        f
                    }
                };
                if *optional && func.is_nullish() {
                    return Ok(None);
                }
                Ok(Some(self.call_with_args(e, callee, args, func, this)?))
            }
            _ => Ok(Some(self.eval_expr(e)?)),
        }
    }

    /// A member callee inside an optional chain (`a?.b()`, `(a?.b)()`):
    /// (function, this = the base), or `None` when the chain
    /// short-circuited before the member was read.
    fn eval_chain_method(
        &mut self,
        object: &Expr,
        prop: &MemberProp,
        optional: bool,
        pos: u32,
    ) -> JsResult<Option<(Value, Value)>> {
        let Some(base) = self.eval_chain(object)? else {
            return Ok(None);
        };
        if optional && base.is_nullish() {
            return Ok(None);
        }
        let f = self.get_member(&base, prop, object, pos)?;
        Ok(Some((f, base)))
    }

    fn eval_chain_callee(&mut self, callee: &Expr) -> JsResult<Option<(Value, Value)>> {
        match &callee.kind {
            ExprKind::Call { .. } => Ok(self.eval_chain(callee)?.map(|f| (f, Value::Undefined))),
            _ => Ok(Some(self.eval_callee(callee)?)),
        }
    }
}

/// A call expression's argument list, whose drop skips the drop glue's
/// call when the list holds nothing (a callee took its values, see
/// `BindingStorage::move_first`), as after most calls.
struct ArgBuf(std::mem::ManuallyDrop<ArgList>);

impl ArgBuf {
    #[inline(always)]
    fn new() -> ArgBuf {
        ArgBuf(std::mem::ManuallyDrop::new(ArgList::new()))
    }
}

impl Drop for ArgBuf {
    #[inline(always)]
    fn drop(&mut self) {
        if !self.0.is_empty() || self.0.spilled() {
            // Safety: dropped once, here; the field is not used again.
            unsafe { std::mem::ManuallyDrop::drop(&mut self.0) }
        }
    }
}

impl std::ops::Deref for ArgBuf {
    type Target = ArgList;
    #[inline(always)]
    fn deref(&self) -> &ArgList {
        &self.0
    }
}

impl std::ops::DerefMut for ArgBuf {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut ArgList {
        &mut self.0
    }
}

/// The base of a property reference.
pub(crate) enum RefBase {
    Value(Value),
    Private(Value),
    Super(Value),
}

enum TargetRef<'a> {
    Ident(&'a ast::Atom, &'a SiteCache),
    Expr(&'a Expr),
}

fn pattern_expr(p: &ast::Pattern) -> TargetRef<'_> {
    match &p.kind {
        ast::PatternKind::Ident(n, c) => TargetRef::Ident(n, c),
        ast::PatternKind::Expr(e) => match &e.kind {
            ExprKind::Ident(n, c) => TargetRef::Ident(n, c),
            ExprKind::Paren(inner) => match &inner.kind {
                ExprKind::Ident(n, c) => TargetRef::Ident(n, c),
                _ => TargetRef::Expr(inner),
            },
            _ => TargetRef::Expr(e),
        },
        _ => TargetRef::Expr(match &p.kind {
            ast::PatternKind::Expr(e) => e,
            _ => unreachable_pattern(),
        }),
    }
}

#[cold]
fn unreachable_pattern() -> ! {
    // Compound assignment targets are always simple (an early error
    // otherwise), so the parser never produces a destructuring pattern here.
    panic!("compound assignment to a destructuring pattern")
}

fn logical_continues(op: LogicalOp, v: &Value) -> bool {
    match op {
        LogicalOp::And => to_boolean(v),
        LogicalOp::Or => !to_boolean(v),
        LogicalOp::Nullish => v.is_nullish(),
    }
}

/// Drops a value without a call of `Value`'s drop glue, which is out of
/// line, when it holds nothing to free (undefined, null, a boolean, a
/// number) or is an object (whose drop, a root count decrement, is small
/// enough to stand here).
#[inline(always)]
pub(crate) fn discard(v: Value) {
    match v {
        v if v.owns_nothing() => std::mem::forget(v),
        Value::Object(o) => drop(o),
        v => drop(v),
    }
}

/// `v` as `assign_member` returns it: kept when `KEEP`, else dropped.
#[inline(always)]
fn kept<const KEEP: bool>(v: Value) -> Option<Value> {
    if KEEP {
        Some(v)
    } else {
        discard(v);
        None
    }
}

/// `o.name = v` through the inline cache of the member site `site`:
/// `Ok` (with `v` when `KEEP`) when it stored, `Err(v)` otherwise.
#[inline(always)]
fn store_at_site<const KEEP: bool>(
    o: &JsObject,
    v: Value,
    site: &MemberCache,
) -> Result<Option<Value>, Value> {
    if !KEEP {
        return o.cached_set_named(v, site).map(|()| None);
    }
    match o.cached_set_named(v.clone(), site) {
        Ok(()) => Ok(Some(v)),
        Err(copy) => {
            discard(copy);
            Err(v)
        }
    }
}

/// `x op y` when `value` is that with `x` the identifier `name` (the
/// right side of `x = x op y`).
#[inline(always)]
fn self_update<'e>(name: &ast::Atom, value: &'e Expr) -> Option<(BinaryOp, &'e Expr)> {
    let ExprKind::Binary(op, l, r) = &value.kind else {
        return None;
    };
    match &l.kind {
        ExprKind::Ident(ln, _) if Rc::ptr_eq(ln, name) || **ln == **name => Some((*op, r)),
        _ => None,
    }
}

/// ToBoolean of a value that is dropped after (see `discard`).
#[inline(always)]
fn truthy(v: Value) -> bool {
    let b = to_boolean(&v);
    discard(v);
    b
}

/// `l op r` on two numbers, for the arithmetic, bitwise and comparison
/// operators (`number_arith`, `number_compare`); `None` for the others
/// (`**`, `in`, `instanceof`, see `binary_op`).
#[inline(always)]
fn number_binary(op: BinaryOp, a: f64, b: f64) -> Option<Value> {
    if is_number_arith(op) {
        return Some(Value::Number(number_arith(op, a, b)));
    }
    number_compare(op, a, b).map(Value::Bool)
}

/// Whether `number_arith` applies to `op`: + - * / % and the bitwise and
/// shift operators.
#[inline(always)]
fn is_number_arith(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Add
            | BinaryOp::Sub
            | BinaryOp::Mul
            | BinaryOp::Div
            | BinaryOp::Mod
            | BinaryOp::BitAnd
            | BinaryOp::BitOr
            | BinaryOp::BitXor
            | BinaryOp::Shl
            | BinaryOp::Shr
            | BinaryOp::UShr
    )
}

/// `a op b` for an operator for which `is_number_arith` holds: + - * /
/// here, the others through `integer_op`.
#[inline(always)]
fn number_arith(op: BinaryOp, a: f64, b: f64) -> f64 {
    match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        BinaryOp::Div => a / b,
        _ => integer_op(op, a, b),
    }
}

/// A relational or equality operator on two numbers (IsLessThan and
/// Number::equal, ECMA-262 §7.2.13, §6.1.6.1.13); `None` for the other
/// operators.
#[inline(always)]
fn number_compare(op: BinaryOp, a: f64, b: f64) -> Option<bool> {
    Some(match op {
        BinaryOp::Lt => a < b,
        BinaryOp::Gt => a > b,
        BinaryOp::LtEq => a <= b,
        BinaryOp::GtEq => a >= b,
        BinaryOp::StrictEq | BinaryOp::Eq => a == b,
        BinaryOp::StrictNotEq | BinaryOp::NotEq => a != b,
        _ => return None,
    })
}

/// `cond_peek`'s answer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Peek {
    False,
    True,
    /// Not known without the general path.
    Unknown,
}

/// `(loose, negate)` for the operators `null_test` treats: `x === null`,
/// `x !== null`, `x == null`, `x != null`.
#[inline(always)]
fn null_op(op: BinaryOp) -> Option<(bool, bool)> {
    match op {
        BinaryOp::StrictEq => Some((false, false)),
        BinaryOp::StrictNotEq => Some((false, true)),
        BinaryOp::Eq => Some((true, false)),
        BinaryOp::NotEq => Some((true, true)),
        _ => None,
    }
}

/// `v === null`, or `v == null` when `loose` (there are no [[IsHTMLDDA]]
/// objects here).
#[inline(always)]
fn is_null_value(v: &Value, loose: bool) -> bool {
    match v {
        Value::Null => true,
        Value::Undefined => loose,
        _ => false,
    }
}

/// `x++`'s and `x--`'s step on a number.
#[inline(always)]
fn update_step(op: UpdateOp, old: f64) -> f64 {
    match op {
        UpdateOp::Inc => old + 1.0,
        UpdateOp::Dec => old - 1.0,
    }
}

/// The Number in `record`'s `slot` when the slot is a plain binding
/// (initialized, mutable, direct) of `name` holding a Number: the one
/// place the in-place number updates test the slot.
///
/// # Safety
/// As for `BindingStorage::number_mut_if`: while the reference lives,
/// nothing else reads or changes the record's bindings, no JavaScript runs
/// and no `Gc` is allocated.
#[inline(always)]
#[allow(clippy::mut_from_ref)]
unsafe fn number_at<'r>(
    record: &'r EnvironmentRecord,
    slot: usize,
    name: &ast::Atom,
) -> Option<&'r mut f64> {
    // Safety: passed on to our caller.
    unsafe {
        record
            .bindings()
            .number_mut_if(slot, name, WRITE_MASK, WRITE_WANT)
    }
}

/// `%` and the bitwise and shift operators on two numbers — Number::remainder,
/// Number::bitwiseAND (and siblings) and Number::leftShift (and siblings),
/// ECMA-262 §6.1.6.1. Out of line, so that `binary_op`'s path for `+`, `-`,
/// `<` and the like stays short.
#[inline(never)]
fn integer_op(op: BinaryOp, a: f64, b: f64) -> f64 {
    let shift = f64_to_uint32(b) & 31;
    match op {
        BinaryOp::Mod => js_remainder(a, b),
        BinaryOp::BitAnd => (f64_to_int32(a) & f64_to_int32(b)) as f64,
        BinaryOp::BitOr => (f64_to_int32(a) | f64_to_int32(b)) as f64,
        BinaryOp::BitXor => (f64_to_int32(a) ^ f64_to_int32(b)) as f64,
        BinaryOp::Shl => f64_to_int32(a).wrapping_shl(shift) as f64,
        BinaryOp::Shr => (f64_to_int32(a) >> shift) as f64,
        _ => (f64_to_uint32(a) >> shift) as f64,
    }
}

/// ToNumeric — ECMA-262 §7.1.3: a Number or a BigInt value.
pub(crate) fn to_numeric_value(interp: &mut Interp, v: &Value) -> JsResult<Value> {
    match v {
        Value::Number(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Object(_) => {
            let p = to_primitive(interp, v, Hint::Number)?;
            match p {
                Value::BigInt(_) => Ok(p),
                _ => Ok(Value::Number(to_number(interp, &p)?)),
            }
        }
        _ => Ok(Value::Number(to_number(interp, v)?)),
    }
}

/// ToNumeric for a value that must be a Number: ToNumber after
/// ToPrimitive (a BigInt is a TypeError).
pub(crate) fn to_numeric(interp: &mut Interp, v: &Value) -> JsResult<f64> {
    match v {
        Value::Number(n) => Ok(*n),
        _ => to_number(interp, v),
    }
}

/// Number::remainder — ECMA-262 §6.1.6.1.6
pub fn js_remainder(a: f64, b: f64) -> f64 {
    // Two integers below 2^53 (a hash modulo a prime, an index modulo a
    // length): the integer remainder is exact and has the dividend's sign,
    // as the spec's; only a zero result needs the dividend's sign added.
    const EXACT: f64 = 9007199254740992.0;
    let (ia, ib) = (a as i64, b as i64);
    if ia as f64 == a && ib as f64 == b && ib != 0 && a.abs() < EXACT && b.abs() < EXACT {
        let r = ia % ib;
        return if r == 0 { 0.0f64.copysign(a) } else { r as f64 };
    }
    if a.is_nan() || b.is_nan() || a.is_infinite() || b == 0.0 {
        return f64::NAN;
    }
    if b.is_infinite() || a == 0.0 {
        return a;
    }
    let r = a % b;
    if r == 0.0 {
        0.0f64.copysign(a)
    } else {
        r
    }
}

/// Number::exponentiate — ECMA-262 §6.1.6.1.3
pub fn js_pow(a: f64, b: f64) -> f64 {
    if b.is_nan() {
        return f64::NAN;
    }
    if b == 0.0 {
        return 1.0;
    }
    if (a == 1.0 || a == -1.0) && b.is_infinite() {
        return f64::NAN;
    }
    a.powf(b)
}

/// CopyDataProperties — ECMA-262 §7.3.25
pub(crate) fn copy_data_properties(
    interp: &mut Interp,
    target: &JsObject,
    source: &Value,
    excluded: &[PropertyKey],
) -> JsResult<()> {
    if source.is_nullish() {
        return Ok(());
    }
    let from = to_object(interp, source)?;
    for key in from.try_own_property_keys(interp)? {
        if excluded.contains(&key) {
            continue;
        }
        if let Some(d) = from.try_get_own_property(interp, &key)? {
            if d.enumerable_or_false() {
                let v = from.get(interp, &key, &Value::Object(from.clone()))?;
                operations::create_data_property_or_throw(interp, target, key, v)?;
            }
        }
    }
    Ok(())
}

/// IsAnonymousFunctionDefinition — ECMA-262 §8.4.3
fn is_anonymous_function_definition(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Function(f) => f.name.is_none(),
        ExprKind::Arrow(_) => true,
        ExprKind::Class(c) => c.name.is_none(),
        ExprKind::Paren(inner) => is_anonymous_function_definition(inner),
        _ => false,
    }
}

/// A property key value shown in an error message, without running user
/// code (the key has not been converted yet when the base is nullish).
fn key_display_without_side_effects(interp: &mut Interp, k: &Value) -> Option<String> {
    Some(match k {
        Value::Object(o) => return object_display_without_side_effects(interp, o),
        Value::Symbol(s) => s.descriptive_string(),
        Value::String(s) => s.to_rust_string(),
        Value::Number(n) => crate::number::number_to_string(*n),
        Value::BigInt(b) => b.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Undefined => "undefined".into(),
        Value::Null => "null".into(),
    })
}

/// An object as V8 shows it in a message without running code: a
/// function's source text, an error's "name: message", `#<Ctor>` for an
/// object whose `toString` is Object.prototype's own; `None` when showing
/// it would need a call (its own `toString`, an accessor, a proxy).
fn object_display_without_side_effects(interp: &mut Interp, o: &JsObject) -> Option<String> {
    let data_lookup = operations::data_lookup_without_side_effects;
    if o.is_callable() {
        return Some(crate::builtins::function::source_text(o));
    }
    if matches!(o.kind(), ObjectKind::Error) {
        let name = match data_lookup(o, "name") {
            Some(Value::String(s)) => s.to_rust_string(),
            _ => "Error".into(),
        };
        return Some(match data_lookup(o, "message") {
            Some(Value::String(m)) if !m.is_empty() => format!("{name}: {m}"),
            _ => name,
        });
    }
    let to_string = data_lookup(o, "toString")?;
    let object_proto = interp.realm.intrinsics.object_prototype.clone();
    let builtin = object_proto
        .get_own_property(&PropertyKey::from("toString"))?
        .value?;
    let is_builtin = matches!((&to_string, &builtin), (Value::Object(a), Value::Object(b))
        if a == b && matches!(b.kind(), ObjectKind::NativeFunction(_)));
    is_builtin.then(|| crate::inspect::short_description(interp, &Value::Object(o.clone())))
}

/// Renders a callee for "x is not a function" messages, as V8 does.
pub(crate) fn callee_text(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Ident(n, _) => n.to_string(),
        ExprKind::This => "this".into(),
        ExprKind::Num(n) => crate::number::number_to_string(*n),
        ExprKind::Str(s) => format!("\"{}\"", String::from_utf16_lossy(s)),
        ExprKind::Null => "null".into(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Object(p) if p.is_empty() => "{}".into(),
        ExprKind::Array(a) if a.is_empty() => "[]".into(),
        ExprKind::Member {
            object,
            prop,
            optional,
        } => {
            let base = callee_text(object);
            let dot = if *optional { "?." } else { "." };
            let open = if *optional { "?.[" } else { "[" };
            match prop {
                MemberProp::Ident(n) => format!("{base}{dot}{n}"),
                MemberProp::Private(n) => format!("{base}{dot}#{n}"),
                MemberProp::Computed(x) => match &x.kind {
                    ExprKind::Num(n) => {
                        format!("{base}{open}{}]", crate::number::number_to_string(*n))
                    }
                    // node shows `a['k']` as `a.k`.
                    ExprKind::Str(s) => format!("{base}{dot}{}", String::from_utf16_lossy(s)),
                    ExprKind::Ident(n, _) => format!("{base}{open}{n}]"),
                    _ => format!("{base}{open}...]"),
                },
            }
        }
        ExprKind::SuperMember(MemberProp::Ident(n)) => format!("(intermediate value).{n}"),
        // node names a parenthesized optional chain by its value.
        ExprKind::Paren(inner) if matches!(inner.kind, ExprKind::OptionalChain(_)) => {
            "(intermediate value)".into()
        }
        ExprKind::Paren(inner) => callee_text(inner),
        ExprKind::OptionalChain(inner) => callee_text(inner),
        ExprKind::Call { callee, .. } => format!("{}(...)", callee_text(callee)),
        _ => "(intermediate value)".into(),
    }
}

/// Where V8 points for a failed call: the property name of a member callee.
fn callee_position(e: &Expr) -> u32 {
    match &e.kind {
        ExprKind::Member {
            prop: MemberProp::Ident(n),
            ..
        } => e.span.end.saturating_sub(n.len() as u32),
        _ => e.span.start,
    }
}

/// The inline cache of a member-access site (`o.name`), or `scratch` for
/// other keys (`o[k]`: no cache in the AST, and the key changes from one
/// evaluation to the next).
#[inline]
fn member_site<'a>(prop: &'a MemberProp, scratch: &'a MemberCache) -> &'a MemberCache {
    match prop {
        MemberProp::Ident(n) => &n.site,
        _ => scratch,
    }
}

/// The base expression and name of an update or compound assignment
/// target `o.name` (possibly parenthesized).
fn named_member(target: &Expr) -> Option<(&Expr, &MemberProp, &ast::PropName)> {
    match &target.kind {
        ExprKind::Member {
            object,
            prop: prop @ MemberProp::Ident(n),
            ..
        } => Some((object, prop, n)),
        ExprKind::Paren(inner) => named_member(inner),
        _ => None,
    }
}
