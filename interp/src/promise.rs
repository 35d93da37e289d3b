//! Promise objects (ECMA-262 §27.2): states, reactions, resolving
//! functions, and the `Promise` constructor and prototype.

use std::cell::Cell;

use gc::{Finalize, Trace};

use crate::function::{create_native_closure, native_slots};
use crate::interp::Interp;
use crate::job_queue::Job;
use crate::object::{JsObject, ObjectKind};
use crate::operations::{self, get_str, is_callable, is_constructor};
use crate::storage::{List, Slot};
use crate::value::{PropertyKey, Value};
use crate::{JsError, JsResult};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PromiseState {
    Pending,
    Fulfilled,
    Rejected,
}

/// PromiseCapability Record — ECMA-262 §27.2.1.1
///
/// A capability made by `then` for a new %Promise% has `undefined` resolve
/// and reject: nothing but its reaction job can reach those functions, so
/// the job settles the promise directly (see [`settle_capability`]) with
/// the same observable steps and without allocating the two functions.
#[derive(Clone)]
pub struct Capability {
    pub promise: Value,
    pub resolve: Value,
    pub reject: Value,
}

/// PromiseReaction Record — ECMA-262 §27.2.1.2
#[derive(Clone)]
pub struct PromiseReaction {
    pub capability: Option<Capability>,
    pub is_reject: bool,
    /// `undefined` when there is no handler.
    pub handler: Value,
}

impl Finalize for Capability {}
// Safety: forwards to the contained values.
unsafe impl Trace for Capability {
    gc::custom_trace!(this, {
        mark(&this.promise);
        mark(&this.resolve);
        mark(&this.reject);
    });
}

impl Finalize for PromiseReaction {}
// Safety: forwards to the contained values.
unsafe impl Trace for PromiseReaction {
    gc::custom_trace!(this, {
        mark(&this.capability);
        mark(&this.handler);
    });
}

/// The internal slots of a promise.
#[derive(Trace, Finalize)]
pub struct PromiseData {
    #[unsafe_ignore_trace]
    pub state: Cell<PromiseState>,
    pub result: Slot<Value>,
    fulfill_reactions: List<PromiseReaction>,
    reject_reactions: List<PromiseReaction>,
    #[unsafe_ignore_trace]
    pub is_handled: Cell<bool>,
}

pub fn promise_data(o: &JsObject) -> Option<&PromiseData> {
    match o.kind() {
        ObjectKind::Promise(p) => Some(p),
        _ => None,
    }
}

fn new_promise_with_proto(interp: &mut Interp, proto: JsObject) -> JsObject {
    interp.alloc_object(
        Some(proto),
        ObjectKind::Promise(Box::new(PromiseData {
            state: Cell::new(PromiseState::Pending),
            result: Slot::new(Value::Undefined),
            fulfill_reactions: List::new(),
            reject_reactions: List::new(),
            is_handled: Cell::new(false),
        })),
    )
}

/// A new pending %Promise%.
pub fn new_promise(interp: &mut Interp) -> JsObject {
    let proto = interp.realm.intrinsics.promise_prototype.clone();
    new_promise_with_proto(interp, proto)
}

/// The settled result of a promise value, if settled.
pub fn settled_result(p: &Value) -> Option<JsResult<Value>> {
    let Value::Object(o) = p else {
        return Some(Ok(p.clone()));
    };
    let d = promise_data(o)?;
    match d.state.get() {
        PromiseState::Pending => None,
        PromiseState::Fulfilled => Some(Ok(d.result.get())),
        PromiseState::Rejected => Some(Err(JsError::Throw(d.result.get()))),
    }
}

pub fn mark_handled(interp: &mut Interp, p: &JsObject) {
    if let Some(d) = promise_data(p) {
        d.is_handled.set(true);
    }
    interp.pending_rejections.retain(|x| x != p);
}

/// FulfillPromise — ECMA-262 §27.2.1.4
pub fn fulfill_promise(interp: &mut Interp, p: &JsObject, v: Value) {
    let Some(d) = promise_data(p) else { return };
    if d.state.get() != PromiseState::Pending {
        return;
    }
    let reactions = d.fulfill_reactions.take_all();
    d.reject_reactions.clear();
    d.result.set(v.clone());
    d.state.set(PromiseState::Fulfilled);
    trigger_reactions(interp, reactions, v);
}

/// RejectPromise — ECMA-262 §27.2.1.7
pub fn reject_promise(interp: &mut Interp, p: &JsObject, reason: Value) {
    let Some(d) = promise_data(p) else { return };
    if d.state.get() != PromiseState::Pending {
        return;
    }
    let reactions = d.reject_reactions.take_all();
    d.fulfill_reactions.clear();
    d.result.set(reason.clone());
    d.state.set(PromiseState::Rejected);
    if !d.is_handled.get() {
        // HostPromiseRejectionTracker(promise, "reject")
        interp.pending_rejections.push(p.clone());
    }
    trigger_reactions(interp, reactions, reason);
}

fn trigger_reactions(interp: &mut Interp, reactions: Vec<PromiseReaction>, argument: Value) {
    for reaction in reactions {
        interp.job_queue.push(Job::PromiseReaction {
            reaction,
            argument: argument.clone(),
        });
    }
}

/// The [[Resolve]] steps of promise resolve functions — ECMA-262 §27.2.1.3.2
/// (without the already-resolved check, which the caller owns).
pub fn resolve_promise(interp: &mut Interp, p: &JsObject, resolution: Value) -> JsResult<()> {
    if let Value::Object(r) = &resolution {
        if r == p {
            let err = crate::error::create_error(
                interp,
                crate::error::ErrorType::TypeError,
                "Chaining cycle detected for promise #<Promise>",
            );
            reject_promise(interp, p, Value::Object(err));
            return Ok(());
        }
        let then = match get_str(interp, r, "then") {
            Ok(t) => t,
            Err(JsError::Throw(e)) => {
                reject_promise(interp, p, e);
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        if is_callable(&then) {
            interp.job_queue.push(Job::PromiseResolveThenable {
                promise: p.clone(),
                thenable: resolution.clone(),
                then,
            });
            return Ok(());
        }
    }
    fulfill_promise(interp, p, resolution);
    Ok(())
}

/// CreateResolvingFunctions — ECMA-262 §27.2.1.3
pub fn create_resolving_functions(interp: &mut Interp, p: &JsObject) -> (JsObject, JsObject) {
    let record = operations::new_object(interp);
    let slots = vec![Value::Object(p.clone()), Value::Object(record)];
    let resolve = create_native_closure(interp, resolve_function, "", 1, slots.clone());
    let reject = create_native_closure(interp, reject_function, "", 1, slots);
    (resolve, reject)
}

fn take_resolving_slots(interp: &mut Interp) -> Option<JsObject> {
    let slots = native_slots(interp);
    let p = slots.first()?.as_object()?.clone();
    let record = slots.get(1)?.as_object()?.clone();
    let key = PropertyKey::from("resolved");
    if record.get_own_data(&key).is_some() {
        return None;
    }
    record.define_value(key, Value::Bool(true), crate::storage::Attributes::all());
    Some(p)
}

fn resolve_function(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    if let Some(p) = take_resolving_slots(interp) {
        resolve_promise(interp, &p, args.first().cloned().unwrap_or_default())?;
    }
    Ok(Value::Undefined)
}

fn reject_function(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    if let Some(p) = take_resolving_slots(interp) {
        reject_promise(interp, &p, args.first().cloned().unwrap_or_default());
    }
    Ok(Value::Undefined)
}

/// A capability for an existing %Promise% (with fresh resolving functions).
pub fn capability_for(interp: &mut Interp, p: &JsObject) -> Capability {
    let (resolve, reject) = create_resolving_functions(interp, p);
    Capability {
        promise: Value::Object(p.clone()),
        resolve: Value::Object(resolve),
        reject: Value::Object(reject),
    }
}

/// NewPromiseCapability(C) — ECMA-262 §27.2.1.5
pub fn new_promise_capability(interp: &mut Interp, c: &Value) -> JsResult<Capability> {
    if let Value::Object(co) = c {
        if *co == interp.realm.intrinsics.promise_constructor {
            let p = new_promise(interp);
            return Ok(capability_for(interp, &p));
        }
    }
    if !is_constructor(c) {
        return Err(interp.type_error("Promise resolve or reject function is not callable"));
    }
    let record = operations::new_object(interp);
    let executor = create_native_closure(
        interp,
        capability_executor,
        "",
        2,
        vec![Value::Object(record.clone())],
    );
    let promise = interp.construct(c, &[Value::Object(executor)], None)?;
    let resolve = operations::get_str(interp, &record, "resolve")?;
    let reject = operations::get_str(interp, &record, "reject")?;
    if !is_callable(&resolve) || !is_callable(&reject) {
        return Err(interp.type_error("Promise resolve or reject function is not callable"));
    }
    Ok(Capability {
        promise,
        resolve,
        reject,
    })
}

fn capability_executor(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let Some(record) = native_slots(interp)
        .first()
        .and_then(|v| v.as_object().cloned())
    else {
        return Ok(Value::Undefined);
    };
    let has = |k: &str| {
        record
            .get_own_data(&PropertyKey::from(k))
            .is_some_and(|v| !v.is_undefined())
    };
    if has("resolve") || has("reject") {
        return Err(interp
            .type_error("Promise executor has already been invoked with non-undefined arguments"));
    }
    let attrs = crate::storage::Attributes::all();
    record.define_value("resolve", args.first().cloned().unwrap_or_default(), attrs);
    record.define_value("reject", args.get(1).cloned().unwrap_or_default(), attrs);
    Ok(Value::Undefined)
}

/// Calls a capability's resolve (`fulfilled`) or reject function with `v`;
/// for a capability without functions (made by `then`), the steps of the
/// promise resolve functions run directly on its promise.
pub fn settle_capability(
    interp: &mut Interp,
    cap: &Capability,
    fulfilled: bool,
    v: Value,
) -> JsResult<()> {
    let f = if fulfilled { &cap.resolve } else { &cap.reject };
    if !f.is_undefined() {
        interp.call(f, &Value::Undefined, &[v])?;
        return Ok(());
    }
    let Value::Object(p) = &cap.promise else {
        return Ok(());
    };
    if fulfilled {
        resolve_promise(interp, p, v)
    } else {
        reject_promise(interp, p, v);
        Ok(())
    }
}

/// PerformPromiseThen — ECMA-262 §27.2.5.4.1
pub fn perform_promise_then(
    interp: &mut Interp,
    p: &JsObject,
    on_fulfilled: Value,
    on_rejected: Value,
    capability: Option<Capability>,
) {
    let Some(d) = promise_data(p) else { return };
    let on_fulfilled = if is_callable(&on_fulfilled) {
        on_fulfilled
    } else {
        Value::Undefined
    };
    let on_rejected = if is_callable(&on_rejected) {
        on_rejected
    } else {
        Value::Undefined
    };
    let fulfill = PromiseReaction {
        capability: capability.clone(),
        is_reject: false,
        handler: on_fulfilled,
    };
    let reject = PromiseReaction {
        capability,
        is_reject: true,
        handler: on_rejected,
    };
    match d.state.get() {
        PromiseState::Pending => {
            d.fulfill_reactions.push(fulfill);
            d.reject_reactions.push(reject);
        }
        PromiseState::Fulfilled => {
            let argument = d.result.get();
            interp.job_queue.push(Job::PromiseReaction {
                reaction: fulfill,
                argument,
            });
        }
        PromiseState::Rejected => {
            let argument = d.result.get();
            if !d.is_handled.get() {
                interp.pending_rejections.retain(|x| x != p);
            }
            interp.job_queue.push(Job::PromiseReaction {
                reaction: reject,
                argument,
            });
        }
    }
    d.is_handled.set(true);
}

/// PromiseResolve(%Promise%, x) — ECMA-262 §27.2.4.7.1
pub fn promise_resolve(interp: &mut Interp, x: Value) -> JsResult<Value> {
    if let Value::Object(o) = &x {
        if promise_data(o).is_some() {
            let ctor = get_str(interp, o, "constructor")?;
            if matches!(&ctor, Value::Object(c) if *c == interp.realm.intrinsics.promise_constructor)
            {
                return Ok(x);
            }
        }
    }
    let p = new_promise(interp);
    resolve_promise(interp, &p, x)?;
    Ok(Value::Object(p))
}

/// PromiseResolve(C, x) — ECMA-262 §27.2.4.7.1
pub fn promise_resolve_with(interp: &mut Interp, c: &Value, x: Value) -> JsResult<Value> {
    if matches!(c, Value::Object(co) if *co == interp.realm.intrinsics.promise_constructor) {
        return promise_resolve(interp, x);
    }
    if let Value::Object(xo) = &x {
        if promise_data(xo).is_some() {
            let ctor = get_str(interp, xo, "constructor")?;
            if operations::same_value(&ctor, c) {
                return Ok(x);
            }
        }
    }
    let cap = new_promise_capability(interp, c)?;
    interp.call(&cap.resolve, &Value::Undefined, &[x])?;
    Ok(cap.promise)
}

/// A new %Promise% rejected with `reason`.
pub fn promise_rejected(interp: &mut Interp, reason: Value) -> JsObject {
    let p = new_promise(interp);
    reject_promise(interp, &p, reason);
    p
}

// ---------------------------------------------------------------------------
// The Promise constructor and prototype.

fn promise_call(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("Promise constructor cannot be invoked without 'new'"))
}

/// Promise(executor) — ECMA-262 §27.2.3.1
fn promise_construct(interp: &mut Interp, new_target: &Value, args: &[Value]) -> JsResult<Value> {
    let executor = args.first().cloned().unwrap_or_default();
    if !is_callable(&executor) {
        let shown = crate::inspect::short_description(interp, &executor);
        return Err(interp.type_error(format!("Promise resolver {shown} is not a function")));
    }
    let default = interp.realm.intrinsics.promise_prototype.clone();
    let proto = operations::get_prototype_from_constructor(interp, new_target, default)?;
    let p = new_promise_with_proto(interp, proto);
    let (resolve, reject) = create_resolving_functions(interp, &p);
    if let Err(JsError::Throw(e)) = interp.call(
        &executor,
        &Value::Undefined,
        &[Value::Object(resolve), Value::Object(reject.clone())],
    ) {
        interp.call(&Value::Object(reject), &Value::Undefined, &[e])?;
    }
    Ok(Value::Object(p))
}

fn this_promise(interp: &mut Interp, this: &Value, method: &str) -> JsResult<JsObject> {
    match this {
        Value::Object(o) if promise_data(o).is_some() => Ok(o.clone()),
        _ => {
            let shown = crate::inspect::short_description(interp, this);
            Err(interp.type_error(format!(
                "Method Promise.prototype.{method} called on incompatible receiver {shown}"
            )))
        }
    }
}

/// SpeciesConstructor(O, %Promise%) — ECMA-262 §7.3.22
fn species_constructor(interp: &mut Interp, o: &JsObject) -> JsResult<Value> {
    let default = Value::Object(interp.realm.intrinsics.promise_constructor.clone());
    let c = get_str(interp, o, "constructor")?;
    if c.is_undefined() {
        return Ok(default);
    }
    let Value::Object(co) = &c else {
        return Err(interp.type_error("The .constructor property is not an object"));
    };
    let species = interp.realm.intrinsics.symbol_species.clone();
    let s = operations::get(interp, co, &PropertyKey::Symbol(species))?;
    if s.is_nullish() {
        return Ok(default);
    }
    if is_constructor(&s) {
        return Ok(s);
    }
    Err(interp.type_error("object.constructor[Symbol.species] is not a constructor"))
}

/// Promise.prototype.then — ECMA-262 §27.2.5.4
fn promise_then(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let p = this_promise(interp, this, "then")?;
    let c = species_constructor(interp, &p)?;
    let cap = match &c {
        Value::Object(co) if *co == interp.realm.intrinsics.promise_constructor => Capability {
            promise: Value::Object(new_promise(interp)),
            resolve: Value::Undefined,
            reject: Value::Undefined,
        },
        _ => new_promise_capability(interp, &c)?,
    };
    let result = cap.promise.clone();
    perform_promise_then(
        interp,
        &p,
        args.first().cloned().unwrap_or_default(),
        args.get(1).cloned().unwrap_or_default(),
        Some(cap),
    );
    Ok(result)
}

/// Promise.prototype.catch — ECMA-262 §27.2.5.1
fn promise_catch(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    operations::invoke(
        interp,
        this,
        &PropertyKey::from("then"),
        &[Value::Undefined, args.first().cloned().unwrap_or_default()],
    )
}

/// Promise.prototype.finally — ECMA-262 §27.2.5.3
fn promise_finally(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let Value::Object(o) = this else {
        return Err(interp.type_error("Promise.prototype.finally called on a non-object"));
    };
    let c = species_constructor(interp, o)?;
    let on_finally = args.first().cloned().unwrap_or_default();
    let (then_finally, catch_finally) = if !is_callable(&on_finally) {
        (on_finally.clone(), on_finally)
    } else {
        let tf = create_native_closure(
            interp,
            then_finally_fn,
            "",
            1,
            vec![on_finally.clone(), c.clone()],
        );
        let cf = create_native_closure(interp, catch_finally_fn, "", 1, vec![on_finally, c]);
        (Value::Object(tf), Value::Object(cf))
    };
    operations::invoke(
        interp,
        this,
        &PropertyKey::from("then"),
        &[then_finally, catch_finally],
    )
}

fn then_finally_fn(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let slots = native_slots(interp);
    let on_finally = slots.first().cloned().unwrap_or_default();
    let c = slots.get(1).cloned().unwrap_or_default();
    let result = interp.call(&on_finally, &Value::Undefined, &[])?;
    let p = promise_resolve_with(interp, &c, result)?;
    let value = args.first().cloned().unwrap_or_default();
    let value_thunk = create_native_closure(interp, return_slot, "", 0, vec![value]);
    operations::invoke(
        interp,
        &p,
        &PropertyKey::from("then"),
        &[Value::Object(value_thunk)],
    )
}

fn catch_finally_fn(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let slots = native_slots(interp);
    let on_finally = slots.first().cloned().unwrap_or_default();
    let c = slots.get(1).cloned().unwrap_or_default();
    let result = interp.call(&on_finally, &Value::Undefined, &[])?;
    let p = promise_resolve_with(interp, &c, result)?;
    let reason = args.first().cloned().unwrap_or_default();
    let thrower = create_native_closure(interp, throw_slot, "", 0, vec![reason]);
    operations::invoke(
        interp,
        &p,
        &PropertyKey::from("then"),
        &[Value::Object(thrower)],
    )
}

fn return_slot(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(native_slots(interp).first().cloned().unwrap_or_default())
}

fn throw_slot(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(JsError::Throw(
        native_slots(interp).first().cloned().unwrap_or_default(),
    ))
}

/// Promise.resolve — ECMA-262 §27.2.4.7
fn promise_static_resolve(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    if !this.is_object() {
        return Err(interp.type_error("PromiseResolve called on non-object"));
    }
    promise_resolve_with(interp, this, args.first().cloned().unwrap_or_default())
}

/// Promise.reject — ECMA-262 §27.2.4.6
fn promise_static_reject(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let cap = new_promise_capability(interp, this)?;
    interp.call(
        &cap.reject,
        &Value::Undefined,
        &[args.first().cloned().unwrap_or_default()],
    )?;
    Ok(cap.promise)
}

/// Promise.withResolvers
fn promise_with_resolvers(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let cap = new_promise_capability(interp, this)?;
    let o = operations::new_object(interp);
    let a = crate::storage::Attributes::all();
    o.define_value("promise", cap.promise, a);
    o.define_value("resolve", cap.resolve, a);
    o.define_value("reject", cap.reject, a);
    Ok(Value::Object(o))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Combinator {
    All,
    AllSettled,
    Any,
    Race,
}

/// Shared driver of Promise.all / allSettled / any / race: steps 1-9 of
/// each (GetPromiseResolve, GetIterator, then the Perform* loop, closing
/// the iterator if the loop ends abruptly before it is done).
fn promise_combinator(
    interp: &mut Interp,
    this: &Value,
    args: &[Value],
    which: Combinator,
) -> JsResult<Value> {
    let cap = new_promise_capability(interp, this)?;
    let reject_with = |interp: &mut Interp, r: JsError| match r {
        JsError::Throw(e) => {
            interp.call(&cap.reject, &Value::Undefined, &[e])?;
            Ok(cap.promise.clone())
        }
        e => Err(e),
    };
    // GetPromiseResolve(C)
    let resolve_fn = match operations::get_v(interp, this, &PropertyKey::from("resolve")) {
        Ok(f) if is_callable(&f) => f,
        Ok(_) => {
            let e = interp.type_error("Promise resolve is not a function");
            return reject_with(interp, e);
        }
        Err(e) => return reject_with(interp, e),
    };
    let iterable = args.first().cloned().unwrap_or_default();
    let mut rec = match operations::get_iterator(interp, &iterable) {
        Ok(r) => r,
        Err(e) => return reject_with(interp, e),
    };
    let r = combinator_body(interp, this, &resolve_fn, &mut rec, which, &cap);
    let r = if r.is_err() && !rec.done {
        operations::iterator_close(interp, &rec, r)
    } else {
        r
    };
    match r {
        Ok(v) => Ok(v),
        Err(e) => reject_with(interp, e),
    }
}

/// PerformPromiseAll / AllSettled / Any / Race — ECMA-262 §27.2.4.
fn combinator_body(
    interp: &mut Interp,
    c: &Value,
    resolve_fn: &Value,
    rec: &mut operations::IteratorRecord,
    which: Combinator,
    cap: &Capability,
) -> JsResult<Value> {
    let values = crate::builtins::array::array_create(interp, 0);
    // State shared by the element closures: [values, remaining counter object, capability].
    let counter = operations::new_object(interp);
    counter.define_value("n", Value::from(1), crate::storage::Attributes::all());
    let attrs = crate::storage::Attributes::all();
    let mut i = 0usize;
    while let Some(item) = operations::iterator_step_value(interp, rec)? {
        if which != Combinator::Race {
            values.define_value(PropertyKey::from(i), Value::Undefined, attrs);
        }
        let next = interp.call(resolve_fn, c, &[item])?;
        let shared = vec![
            Value::Object(values.clone()),
            Value::Object(counter.clone()),
            cap.resolve.clone(),
            cap.reject.clone(),
            Value::from(i),
            Value::Object(operations::new_object(interp)),
        ];
        let (on_ok, on_err) = match which {
            Combinator::All => (
                Value::Object(create_native_closure(
                    interp,
                    all_resolve_element,
                    "",
                    1,
                    shared,
                )),
                cap.reject.clone(),
            ),
            Combinator::AllSettled => {
                let ok =
                    create_native_closure(interp, all_settled_fulfilled, "", 1, shared.clone());
                let err = create_native_closure(interp, all_settled_rejected, "", 1, shared);
                (Value::Object(ok), Value::Object(err))
            }
            Combinator::Any => (
                cap.resolve.clone(),
                Value::Object(create_native_closure(
                    interp,
                    any_reject_element,
                    "",
                    1,
                    shared,
                )),
            ),
            Combinator::Race => (cap.resolve.clone(), cap.reject.clone()),
        };
        if which != Combinator::Race {
            let n = operations::get_str(interp, &counter, "n")?;
            let n = n.as_number().unwrap_or(0.0) + 1.0;
            counter.define_value("n", Value::Number(n), attrs);
        }
        operations::invoke(interp, &next, &PropertyKey::from("then"), &[on_ok, on_err])?;
        i += 1;
    }
    if which != Combinator::Race && decrement(interp, &counter)? {
        finish_combinator(interp, which, &values, &cap.resolve, &cap.reject)?;
    }
    Ok(cap.promise.clone())
}

fn decrement(interp: &mut Interp, counter: &JsObject) -> JsResult<bool> {
    let n = operations::get_str(interp, counter, "n")?;
    let n = n.as_number().unwrap_or(0.0) - 1.0;
    counter.define_value("n", Value::Number(n), crate::storage::Attributes::all());
    Ok(n == 0.0)
}

fn finish_combinator(
    interp: &mut Interp,
    which: Combinator,
    values: &JsObject,
    resolve: &Value,
    reject: &Value,
) -> JsResult<()> {
    if which == Combinator::Any {
        let ctor = interp.realm.intrinsics.constructor("AggregateError");
        let err = match ctor {
            Some(c) => interp.construct(
                &Value::Object(c),
                &[
                    Value::Object(values.clone()),
                    Value::from("All promises were rejected"),
                ],
                None,
            )?,
            None => {
                let e = crate::error::create_error(
                    interp,
                    crate::error::ErrorType::Error,
                    "All promises were rejected",
                );
                e.define_value(
                    "errors",
                    Value::Object(values.clone()),
                    crate::storage::Attributes::hidden(),
                );
                Value::Object(e)
            }
        };
        interp.call(reject, &Value::Undefined, &[err])?;
    } else {
        interp.call(resolve, &Value::Undefined, &[Value::Object(values.clone())])?;
    }
    Ok(())
}

/// Common element-closure bookkeeping: returns false if already called.
fn element_once(slots: &[Value]) -> bool {
    let Some(Value::Object(flag)) = slots.get(5) else {
        return false;
    };
    let key = PropertyKey::from("called");
    if flag.get_own_data(&key).is_some() {
        return false;
    }
    flag.define_value(key, Value::Bool(true), crate::storage::Attributes::all());
    true
}

fn element_store(
    interp: &mut Interp,
    slots: &[Value],
    v: Value,
    which: Combinator,
) -> JsResult<Value> {
    let (Some(Value::Object(values)), Some(Value::Object(counter))) = (slots.first(), slots.get(1))
    else {
        return Ok(Value::Undefined);
    };
    let index = slots.get(4).and_then(|v| v.as_number()).unwrap_or(0.0) as usize;
    values.define_value(
        PropertyKey::from(index),
        v,
        crate::storage::Attributes::all(),
    );
    if decrement(interp, counter)? {
        let resolve = slots.get(2).cloned().unwrap_or_default();
        let reject = slots.get(3).cloned().unwrap_or_default();
        finish_combinator(interp, which, values, &resolve, &reject)?;
    }
    Ok(Value::Undefined)
}

fn all_resolve_element(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let slots = native_slots(interp);
    if !element_once(&slots) {
        return Ok(Value::Undefined);
    }
    element_store(
        interp,
        &slots,
        args.first().cloned().unwrap_or_default(),
        Combinator::All,
    )
}

fn settled_record(interp: &mut Interp, fulfilled: bool, v: Value) -> Value {
    let o = operations::new_object(interp);
    let a = crate::storage::Attributes::all();
    o.define_value(
        "status",
        Value::from(if fulfilled { "fulfilled" } else { "rejected" }),
        a,
    );
    o.define_value(if fulfilled { "value" } else { "reason" }, v, a);
    Value::Object(o)
}

fn all_settled_fulfilled(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let slots = native_slots(interp);
    if !element_once(&slots) {
        return Ok(Value::Undefined);
    }
    let rec = settled_record(interp, true, args.first().cloned().unwrap_or_default());
    element_store(interp, &slots, rec, Combinator::AllSettled)
}

fn all_settled_rejected(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let slots = native_slots(interp);
    if !element_once(&slots) {
        return Ok(Value::Undefined);
    }
    let rec = settled_record(interp, false, args.first().cloned().unwrap_or_default());
    element_store(interp, &slots, rec, Combinator::AllSettled)
}

fn any_reject_element(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let slots = native_slots(interp);
    if !element_once(&slots) {
        return Ok(Value::Undefined);
    }
    element_store(
        interp,
        &slots,
        args.first().cloned().unwrap_or_default(),
        Combinator::Any,
    )
}

fn promise_all(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    promise_combinator(interp, this, args, Combinator::All)
}
fn promise_all_settled(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    promise_combinator(interp, this, args, Combinator::AllSettled)
}
fn promise_any(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    promise_combinator(interp, this, args, Combinator::Any)
}
fn promise_race(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    promise_combinator(interp, this, args, Combinator::Race)
}

fn species_getter(_interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(this.clone())
}

/// Installs `Promise` on the global object.
pub(crate) fn init(interp: &mut Interp) {
    use crate::function::{define_methods, define_native_accessor};
    let proto = interp.realm.intrinsics.promise_prototype.clone();
    let ctor = interp.realm.intrinsics.promise_constructor.clone();
    let a = crate::storage::Attributes::new(false, false, true);
    ctor.define_value("length", Value::from(1), a);
    ctor.define_value("name", Value::from("Promise"), a);
    ctor.define_value(
        "prototype",
        Value::Object(proto.clone()),
        crate::storage::Attributes::none(),
    );
    proto.define_value(
        "constructor",
        Value::Object(ctor.clone()),
        crate::storage::Attributes::hidden(),
    );
    interp.realm.intrinsics.register("Promise", ctor.clone());
    crate::realm::define_global(interp, "Promise", Value::Object(ctor.clone()));
    define_methods(
        interp,
        &proto,
        &[
            ("then", promise_then, 2),
            ("catch", promise_catch, 1),
            ("finally", promise_finally, 1),
        ],
    );
    define_methods(
        interp,
        &ctor,
        &[
            ("all", promise_all, 1),
            ("allSettled", promise_all_settled, 1),
            ("any", promise_any, 1),
            ("race", promise_race, 1),
            ("reject", promise_static_reject, 1),
            ("resolve", promise_static_resolve, 1),
            ("withResolvers", promise_with_resolvers, 0),
        ],
    );
    let species = interp.realm.intrinsics.symbol_species.clone();
    define_native_accessor(
        interp,
        &ctor,
        PropertyKey::Symbol(species),
        Some(species_getter),
        None,
        crate::storage::Attributes::new(false, false, true),
    );
    crate::function::define_to_string_tag(interp, &proto, "Promise");
}

/// The native call/construct behaviours of %Promise% (used by the realm).
pub(crate) const PROMISE_CALL: crate::NativeFn = promise_call;
pub(crate) const PROMISE_CONSTRUCT: crate::NativeFn = promise_construct;
