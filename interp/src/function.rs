//! Function objects (ECMA-262 §10.2 ordinary functions, §10.3 built-in
//! functions, §10.4.1 bound functions), their [[Call]] / [[Construct]],
//! and FunctionDeclarationInstantiation.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

use gc::{Finalize, Trace};
use parser::ast::{self, FunctionKind};

use crate::environment::{Env, EnvironmentKind, ThisBindingStatus};
use crate::execution_context::{
    ContextCode, ExecutionContext, NativeFrame, PrivateEnvironment, Source,
};
use crate::interp::Interp;
use crate::object::{JsObject, MappedArguments, ObjectKind};
use crate::operations::to_object;
use crate::storage::{
    Attributes, List, PropertySlot, BINDING_INITIALIZED, BINDING_MUTABLE, BINDING_STRICT,
};
use crate::string::JsString;
use crate::value::{PropertyKey, Value};
use crate::{JsError, JsResult};

/// The one signature of native functions. For a [[Construct]] call `this`
/// is NewTarget.
pub type NativeFn = fn(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value>;

/// A built-in function object — ECMA-262 §10.3.
#[derive(Trace, Finalize)]
pub struct NativeFunction {
    #[unsafe_ignore_trace]
    pub call: NativeFn,
    /// Behaviour under `new` (`None`: not a constructor).
    #[unsafe_ignore_trace]
    pub constructor: Option<NativeFn>,
    /// Internal slots of closures made by built-ins (resolve functions...).
    pub slots: List<Value>,
}

/// A bound function exotic object — ECMA-262 §10.4.1.
#[derive(Trace, Finalize)]
pub struct BoundFunction {
    pub target: JsObject,
    pub bound_this: Value,
    pub bound_args: Vec<Value>,
}

/// [[ConstructorKind]] plus "is this a class constructor".
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ConstructorKind {
    /// Not a class constructor.
    None,
    Base,
    Derived,
}

/// A class element to install on instances — [[Fields]] and private
/// methods (ECMA-262 §15.7.14 ClassFieldDefinition / PrivateElement).
#[derive(Clone)]
pub enum ClassElement {
    Field {
        key: PropertyKey,
        initializer: Option<JsObject>,
    },
    PrivateMethod {
        key: PropertyKey,
        slot: PropertySlot,
    },
}

impl Finalize for ClassElement {}
// Safety: forwards to the contained values.
unsafe impl Trace for ClassElement {
    gc::custom_trace!(this, {
        match this {
            ClassElement::Field { initializer, .. } => mark(initializer),
            ClassElement::PrivateMethod { slot, .. } => mark(slot),
        }
    });
}

/// An ECMAScript function object — ECMA-262 §10.2.
#[derive(Trace, Finalize)]
pub struct ScriptFunction {
    #[unsafe_ignore_trace]
    pub code: Rc<ast::Function>,
    /// [[Environment]]
    pub environment: Env,
    /// [[PrivateEnvironment]]
    #[unsafe_ignore_trace]
    pub private_environment: Option<Rc<PrivateEnvironment>>,
    /// [[HomeObject]]
    pub home_object: Option<JsObject>,
    #[unsafe_ignore_trace]
    pub source: Rc<Source>,
    #[unsafe_ignore_trace]
    pub constructor_kind: ConstructorKind,
    /// A class with no explicit constructor.
    #[unsafe_ignore_trace]
    pub is_default_constructor: bool,
    /// [[Fields]] and private methods (class constructors).
    pub fields: List<ClassElement>,
    /// The class's source span, for `toString` and `[class A]`.
    #[unsafe_ignore_trace]
    pub class_span: Option<ast::Span>,
    /// `extends` present (for inspect: `[class B extends A]`).
    #[unsafe_ignore_trace]
    pub class_extends: RefCell<Option<String>>,
    /// Environments of finished calls, for later calls to use instead of
    /// allocating one (see `env_reusable`): a few, so that recursive calls
    /// find one too. Each is reset to the state FunctionDeclarationInstantiation
    /// leaves before parameters are bound (`binding_layout`), or emptied.
    /// The first `spare_in_use` are the records of calls in progress.
    pub spare_envs: List<Env>,
    /// How many of `spare_envs` (the first ones) calls in progress use
    /// (at most `MAX_SPARE_ENVS` others are kept).
    /// A call takes record `spare_in_use` (when there is one) and leaves
    /// it in the list, which keeps it alive: the call's context holds
    /// unrooted copies only, so taking and giving back a record changes
    /// no root count. Calls of one function return in the reverse order
    /// of their start ([[Call]] and [[Construct]] of reusable code, which
    /// never suspends), so the returning call's record is always record
    /// `spare_in_use - 1`.
    #[unsafe_ignore_trace]
    pub spare_in_use: Cell<usize>,
    /// `env_reusable`, computed when the function is made
    /// (`env_reusable_code`): read twice on every call.
    #[unsafe_ignore_trace]
    pub env_reuse: bool,
    /// See `ScriptFunction::binding_layout`.
    #[unsafe_ignore_trace]
    pub layout: OnceCell<Option<Box<[u8]>>>,
    /// The inline cache of GetPrototypeFromConstructor's read of this
    /// function's `prototype` when it is a `new` target (validated on
    /// every use, like a member site's).
    #[unsafe_ignore_trace]
    pub prototype_site: ast::MemberCache,
}

/// How many finished calls' environments a function keeps (besides
/// those of its calls in progress).
const MAX_SPARE_ENVS: usize = 8;

impl ScriptFunction {
    /// Whether nothing can keep a call's environment once the call has
    /// returned, so that the next call may reuse it: the code creates no
    /// closure or class (which would capture it), has no direct `eval`
    /// (which could), no `arguments` object (a mapped one aliases it), and
    /// does not suspend (generators and async functions keep it).
    #[inline]
    fn env_reusable(&self) -> bool {
        self.env_reuse
    }

    /// The flags of the bindings FunctionDeclarationInstantiation creates
    /// in the function's environment, in order (parameters first, bound to
    /// slots 0..n), when that is all it does: simple, distinct parameters,
    /// no `arguments`, no direct `eval`, no hoisted function declarations.
    /// `None` otherwise. A spare environment reset to these flags needs
    /// only its parameters bound to be what FunctionDeclarationInstantiation
    /// would make of a fresh one. Computed on the first call.
    #[inline(always)]
    fn binding_layout(&self) -> Option<&[u8]> {
        match self.layout.get() {
            Some(l) => l.as_deref(),
            None => self.binding_layout_first(),
        }
    }

    /// `binding_layout` on the first call: computed and kept.
    #[cold]
    #[inline(never)]
    fn binding_layout_first(&self) -> Option<&[u8]> {
        self.layout
            .get_or_init(|| binding_layout_of(&self.code))
            .as_deref()
    }

    pub fn is_constructor(&self) -> bool {
        if self.constructor_kind != ConstructorKind::None {
            return true;
        }
        self.code.kind == FunctionKind::Normal && !self.code.is_async && !self.code.is_generator
    }
    pub fn is_arrow(&self) -> bool {
        self.code.kind == FunctionKind::Arrow
    }
}

/// `ScriptFunction::env_reusable` of a function with code `c`.
pub(crate) fn env_reusable_code(c: &ast::Function) -> bool {
    !(c.inner_closures || c.uses_eval || c.uses_arguments || c.is_generator || c.is_async)
}

/// See `ScriptFunction::binding_layout`.
#[cold]
fn binding_layout_of(c: &ast::Function) -> Option<Box<[u8]>> {
    if !c.simple_params || c.uses_eval || c.uses_arguments || !c.scope.functions.is_empty() {
        return None;
    }
    let mut names: Vec<&str> = Vec::new();
    let mut flags = Vec::new();
    for p in c.param_names.iter() {
        if names.contains(&&**p) {
            return None;
        }
        names.push(p);
        flags.push(BINDING_INITIALIZED | BINDING_MUTABLE);
    }
    let vars = c
        .scope
        .var_names
        .iter()
        .chain(c.scope.annex_b_functions.iter());
    let vars = vars.map(|n| (n, BINDING_INITIALIZED | BINDING_MUTABLE));
    let lexical = c
        .scope
        .lexical
        .iter()
        .map(|(n, k)| (n, lexical_binding_flags(*k)));
    for (n, f) in vars.chain(lexical) {
        if !names.contains(&&**n) {
            names.push(n);
            flags.push(f);
        }
    }
    Some(flags.into_boxed_slice())
}

pub(crate) enum FunctionObjectKind {
    Script,
    Native,
    Bound,
}

pub(crate) fn function_object_kind(f: &JsObject) -> Option<FunctionObjectKind> {
    match f.kind() {
        ObjectKind::Function(_) => Some(FunctionObjectKind::Script),
        ObjectKind::NativeFunction(_) => Some(FunctionObjectKind::Native),
        ObjectKind::BoundFunction(_) => Some(FunctionObjectKind::Bound),
        _ => None,
    }
}

/// The function's `name` own data property (no getters run).
pub fn function_name(f: &JsObject) -> String {
    match f.get_own_data(&PropertyKey::from("name")) {
        Some(Value::String(s)) => s.to_rust_string(),
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------------
// Creating functions.

/// SetFunctionName's name computation — ECMA-262 §10.2.9.
pub fn function_name_from_key(key: &PropertyKey, prefix: Option<&str>) -> JsString {
    let base = match key {
        PropertyKey::Symbol(s) => match s.description() {
            Some(d) => format!("[{}]", d.to_rust_string()),
            None => String::new(),
        },
        PropertyKey::Private(p) => format!("#{}", p.description()),
        other => other.to_display(),
    };
    match prefix {
        Some(p) => JsString::from(format!("{p} {base}")),
        None => JsString::from(base),
    }
}

/// Defines `length` then `name` (in Node's order) on a new function.
fn define_length_and_name(f: &JsObject, length: u32, name: JsString) {
    f.define_value(
        "length",
        Value::from(length),
        Attributes::new(false, false, true),
    );
    f.define_value(
        "name",
        Value::String(name),
        Attributes::new(false, false, true),
    );
}

/// Creates a built-in function (CreateBuiltinFunction — ECMA-262 §10.3.4).
pub fn create_native_function(
    interp: &mut Interp,
    call: NativeFn,
    name: &str,
    length: u32,
) -> JsObject {
    create_native_function_full(interp, call, None, name, length, Vec::new())
}

/// Creates a built-in constructor (`ctor` runs for `new`).
pub fn create_native_constructor(
    interp: &mut Interp,
    call: NativeFn,
    ctor: NativeFn,
    name: &str,
    length: u32,
) -> JsObject {
    create_native_function_full(interp, call, Some(ctor), name, length, Vec::new())
}

/// Creates a built-in function with internal slots (read them back with
/// `native_slots`).
pub fn create_native_closure(
    interp: &mut Interp,
    call: NativeFn,
    name: &str,
    length: u32,
    slots: Vec<Value>,
) -> JsObject {
    create_native_function_full(interp, call, None, name, length, slots)
}

pub fn create_native_function_full(
    interp: &mut Interp,
    call: NativeFn,
    constructor: Option<NativeFn>,
    name: &str,
    length: u32,
    slots: Vec<Value>,
) -> JsObject {
    let proto = interp.realm.intrinsics.function_prototype.clone();
    let f = interp.alloc_object(
        Some(proto),
        ObjectKind::NativeFunction(Box::new(NativeFunction {
            call,
            constructor,
            slots: List::from_vec(slots),
        })),
    );
    define_length_and_name(&f, length, JsString::from(name));
    f
}

/// The slots of the running native closure.
pub fn native_slots(interp: &Interp) -> Vec<Value> {
    match interp.active_function() {
        Some(f) => match f.kind() {
            ObjectKind::NativeFunction(n) => n.slots.to_vec(),
            _ => Vec::new(),
        },
        None => Vec::new(),
    }
}

/// Registers methods from a table: `[("push", array_push, 1), ...]`
/// (writable, configurable, not enumerable).
pub fn define_methods(interp: &mut Interp, obj: &JsObject, methods: &[(&str, NativeFn, u32)]) {
    for (name, f, len) in methods {
        let func = create_native_function(interp, *f, name, *len);
        obj.define_value(*name, Value::Object(func), Attributes::hidden());
    }
}

/// Defines `obj[Symbol.toStringTag] = tag` as the built-ins have it
/// (not writable, not enumerable, configurable).
pub fn define_to_string_tag(interp: &Interp, obj: &JsObject, tag: &str) {
    let key = PropertyKey::Symbol(interp.realm.intrinsics.symbol_to_string_tag.clone());
    obj.define_value(key, Value::from(tag), Attributes::new(false, false, true));
}

/// Registers symbol-keyed methods: `[(symbol, "[Symbol.iterator]", f, 0)]`.
pub fn define_symbol_methods(
    interp: &mut Interp,
    obj: &JsObject,
    methods: &[(crate::value::Symbol, &str, NativeFn, u32)],
) {
    for (sym, name, f, len) in methods {
        let func = create_native_function(interp, *f, name, *len);
        obj.define_value(
            PropertyKey::Symbol(sym.clone()),
            Value::Object(func),
            Attributes::hidden(),
        );
    }
}

/// Registers a getter (and optional setter) implemented natively.
pub fn define_native_accessor(
    interp: &mut Interp,
    obj: &JsObject,
    key: PropertyKey,
    getter: Option<NativeFn>,
    setter: Option<NativeFn>,
    attrs: Attributes,
) {
    let g = getter.map(|f| {
        let name = function_name_from_key(&key, Some("get"));
        create_native_function(interp, f, &name.to_rust_string(), 0)
    });
    let s = setter.map(|f| {
        let name = function_name_from_key(&key, Some("set"));
        create_native_function(interp, f, &name.to_rust_string(), 1)
    });
    obj.define_accessor(key, g, s, attrs);
}

/// OrdinaryFunctionCreate + SetFunctionName + MakeConstructor as the
/// evaluator needs them — ECMA-262 §10.2.3.
pub(crate) fn create_script_function(
    interp: &mut Interp,
    code: &Rc<ast::Function>,
    env: Env,
    private_env: Option<Rc<PrivateEnvironment>>,
    home_object: Option<JsObject>,
    name: JsString,
) -> JsObject {
    let intr = &interp.realm.intrinsics;
    let proto = match (code.is_async, code.is_generator) {
        (false, false) => intr.function_prototype.clone(),
        (false, true) => intr.generator_function_prototype.clone(),
        (true, false) => intr.async_function_prototype.clone(),
        (true, true) => intr.async_generator_function_prototype.clone(),
    };
    let source = interp
        .context_stack
        .last()
        .and_then(|c| c.source().cloned())
        .unwrap_or_else(|| Source::new("<anonymous>", ""));
    let constructor_kind = match code.kind {
        FunctionKind::ClassConstructor => ConstructorKind::Base,
        FunctionKind::DerivedConstructor => ConstructorKind::Derived,
        _ => ConstructorKind::None,
    };
    let f = interp.alloc_object(
        Some(proto),
        ObjectKind::Function(Box::new(ScriptFunction {
            code: code.clone(),
            environment: env,
            private_environment: private_env,
            home_object,
            source,
            constructor_kind,
            is_default_constructor: false,
            fields: List::new(),
            class_span: None,
            class_extends: RefCell::new(None),
            spare_envs: List::new(),
            spare_in_use: Cell::new(0),
            env_reuse: env_reusable_code(code),
            layout: OnceCell::new(),
            prototype_site: ast::MemberCache::default(),
        })),
    );
    define_length_and_name(&f, code.length, name);
    // MakeConstructor for plain functions; generators, generator methods
    // included (ECMA-262 §15.5.4), get a prototype too.
    if matches!(code.kind, FunctionKind::Normal | FunctionKind::Method) {
        if code.is_generator {
            let gp = if code.is_async {
                interp.realm.intrinsics.async_generator_prototype.clone()
            } else {
                interp.realm.intrinsics.generator_prototype.clone()
            };
            let p = interp.alloc_object(Some(gp), ObjectKind::Ordinary);
            f.define_value(
                "prototype",
                Value::Object(p),
                Attributes::new(true, false, false),
            );
        } else if code.kind == FunctionKind::Normal && !code.is_async {
            let op = interp.realm.intrinsics.object_prototype.clone();
            let p = interp.alloc_object(Some(op), ObjectKind::Ordinary);
            p.define_value(
                "constructor",
                Value::Object(f.clone()),
                Attributes::hidden(),
            );
            f.define_value(
                "prototype",
                Value::Object(p),
                Attributes::new(true, false, false),
            );
        }
    }
    f
}

/// BoundFunctionCreate — ECMA-262 §10.4.1.3
pub fn bound_function_create(
    interp: &mut Interp,
    target: JsObject,
    bound_this: Value,
    bound_args: Vec<Value>,
) -> JsObject {
    let proto = target.prototype();
    interp.alloc_object(
        proto,
        ObjectKind::BoundFunction(Box::new(BoundFunction {
            target,
            bound_this,
            bound_args,
        })),
    )
}

// ---------------------------------------------------------------------------
// [[Call]] and [[Construct]].

/// [[Call]] (`new_target` `None`) or [[Construct]] of a built-in function
/// object — ECMA-262 §10.3.1, §10.3.2. The built-in runs in a
/// `NativeFrame`, not an execution context of its own.
pub(crate) fn call_native_function(
    interp: &mut Interp,
    f: &JsObject,
    this: &Value,
    args: &[Value],
    new_target: Option<&Value>,
) -> JsResult<Value> {
    let ObjectKind::NativeFunction(nf) = f.kind() else {
        return Err(interp.type_error("not a function"));
    };
    let func = match new_target {
        Some(_) => match nf.constructor {
            Some(c) => c,
            None => return Err(interp.type_error("not a constructor")),
        },
        None => nf.call,
    };
    interp.enter_call()?;
    interp.native_frames.push(NativeFrame {
        function: f.clone(),
        depth: interp.context_stack.len(),
        is_construct: new_target.is_some(),
    });
    let r = func(interp, this, args);
    interp.native_frames.pop();
    interp.leave_call();
    r
}

/// Runs `f` with the running built-in's own frame hidden (for stack
/// traces that start at its caller).
pub(crate) fn without_native_frame<T>(interp: &mut Interp, f: impl FnOnce(&mut Interp) -> T) -> T {
    let saved = interp.native_frames.pop();
    let r = f(interp);
    if let Some(frame) = saved {
        interp.native_frames.push(frame);
    }
    r
}

pub(crate) fn call_bound_function(
    interp: &mut Interp,
    f: &JsObject,
    args: &[Value],
    new_target: Option<&Value>,
) -> JsResult<Value> {
    let ObjectKind::BoundFunction(b) = f.kind() else {
        return Err(interp.type_error("not a function"));
    };
    let mut all = b.bound_args.clone();
    all.extend_from_slice(args);
    let target = Value::Object(b.target.clone());
    match new_target {
        None => {
            let this = b.bound_this.clone();
            interp.call(&target, &this, &all)
        }
        Some(nt) => {
            // If newTarget is F, use the target instead.
            let nt = if matches!(nt, Value::Object(o) if o == f) {
                target.clone()
            } else {
                nt.clone()
            };
            interp.construct(&target, &all, Some(&nt))
        }
    }
}

/// [[Call]] of an ECMAScript function object — ECMA-262 §10.2.1
pub(crate) fn call_script_function(
    interp: &mut Interp,
    f: &JsObject,
    this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    call_script_function_with(interp, f, this.clone(), args)
}

/// [[Call]] of an ECMAScript function object with an owned `this` (a
/// call expression's, moved into the callee's context).
pub(crate) fn call_script_function_with(
    interp: &mut Interp,
    f: &JsObject,
    this: Value,
    args: &[Value],
) -> JsResult<Value> {
    call_script(interp, f, this, CallArgs::Shared(args))
}

/// `call_script_function_with` of an argument list the caller owns and
/// no longer needs (a call expression's): parameters are moved out of it
/// into the callee's environment rather than copied. `sf` is `f`'s
/// `ScriptFunction` (the caller has matched it already).
pub(crate) fn call_script_function_owned(
    interp: &mut Interp,
    f: &JsObject,
    sf: &ScriptFunction,
    this: Value,
    args: &mut crate::eval_expr::ArgList,
) -> JsResult<Value> {
    call_script_of(interp, f, sf, this, CallArgs::Owned(args))
}

/// The arguments of a call: borrowed, or owned by a caller that lets the
/// callee take them (see `BindingStorage::take_first`).
pub(crate) enum CallArgs<'a> {
    Shared(&'a [Value]),
    Owned(&'a mut crate::eval_expr::ArgList),
}

impl CallArgs<'_> {
    #[inline(always)]
    fn as_slice(&self) -> &[Value] {
        match self {
            CallArgs::Shared(a) => a,
            CallArgs::Owned(a) => a,
        }
    }

    /// Binds the first `n` arguments to slots 0..n of `b`, a record just
    /// reset to its layout (so they hold `undefined`; the layout has a
    /// slot for each of the `n` parameters).
    #[inline(always)]
    fn bind_first(&mut self, b: &crate::storage::BindingStorage, n: usize) {
        match self {
            CallArgs::Shared(a) => b.set_first(a, n),
            CallArgs::Owned(a) => {
                let len = a.len();
                let k = n.min(len);
                // Safety: the list forgets its values (length 0) before
                // the first `k` are moved into the record (whose slots
                // hold `undefined`: it was reset, and it has a slot for
                // each of the `n` parameters); the other ones are dropped
                // here, in place.
                unsafe {
                    a.set_len(0);
                    let p = a.as_mut_ptr();
                    b.move_first(p, k);
                    if k < len {
                        std::ptr::drop_in_place(std::ptr::slice_from_raw_parts_mut(
                            p.add(k),
                            len - k,
                        ));
                    }
                }
            }
        }
    }
}

#[inline(always)]
fn call_script(
    interp: &mut Interp,
    f: &JsObject,
    this: Value,
    args: CallArgs<'_>,
) -> JsResult<Value> {
    let ObjectKind::Function(sf) = f.kind() else {
        return Err(interp.type_error("not a function"));
    };
    call_script_of(interp, f, sf, this, args)
}

/// `call_script` of `f`, whose `ScriptFunction` is `sf`.
#[inline(always)]
fn call_script_of(
    interp: &mut Interp,
    f: &JsObject,
    sf: &ScriptFunction,
    this: Value,
    args: CallArgs<'_>,
) -> JsResult<Value> {
    if sf.constructor_kind != ConstructorKind::None {
        let name = function_name(f);
        return Err(interp.type_error(format!(
            "Class constructor {name} cannot be invoked without 'new'"
        )));
    }
    let code = &*sf.code;
    if code.is_generator || code.is_async {
        return crate::generator::start_suspendable(interp, f, &this, args.as_slice());
    }
    interp.enter_call()?;
    let kept = match prepare_call::<false>(interp, f, sf, this, args, None) {
        Ok(kept) => kept,
        Err(e) => {
            interp.leave_call();
            return Err(e);
        }
    };
    // (The body's result is what this returns, with no other value merged
    // into it: the compiler lets the body write it in place.)
    let r = evaluate_body(interp, code);
    let popped = pop_call(interp, &r);
    if let Some(env) = kept.or(popped) {
        keep_spare_env(interp, sf, env, false);
    }
    interp.leave_call();
    r
}

/// Keeps the environment of a call of `sf` that has returned for a later
/// call, when `sf`'s code lets nothing else hold it
/// (`ScriptFunction::env_reusable`): then the popped context was its last
/// user, and the records it was the `outer` of are unreachable too. The
/// bindings are reset to their state before parameter binding
/// (`binding_layout`; a record that does not match it is dropped) or, for
/// code without a layout, removed; `this` and NewTarget are cleared. A
/// record into which bindings were added later (`is_dynamic`) is dropped,
/// and so is every record under `--trace-context` (whose output names
/// records by identity).
///
/// A record the call took from `spare_envs` (an unrooted handle, see
/// `ScriptFunction::spare_in_use`) is given back in place, or removed
/// from the list when it cannot be reused.
#[inline(always)]
fn keep_spare_env(interp: &Interp, sf: &ScriptFunction, env: Env, constructed: bool) {
    let taken = !env.is_rooted();
    // (The records of calls in progress do not count: a deep recursion
    // keeps the list's last records in use, and the calls beyond them
    // need spare records too.)
    if !taken
        && (!sf.env_reusable()
            || interp.options.trace_context
            || sf.spare_envs.len() - sf.spare_in_use.get() >= MAX_SPARE_ENVS)
    {
        return;
    }
    // Safety: a call's return is evaluation, never during a sweep; `env`
    // (rooted, or for a taken record kept alive by `sf.spare_envs`, which
    // `sf`'s caller keeps reachable) keeps the record alive while `rec`
    // is used.
    let rec = unsafe { env.record_unchecked() };
    let b = rec.bindings();
    // A record that does not reset to the layout is not kept: so every
    // spare record of a function with a layout is prefilled (see
    // `prepare_call`).
    let reset = !rec.is_dynamic()
        && match sf.binding_layout() {
            Some(flags) => b.reset(flags),
            None => {
                b.clear();
                true
            }
        };
    if taken {
        let i = sf.spare_in_use.get().wrapping_sub(1);
        debug_assert!(sf.spare_envs.is_at(i, &env));
        sf.spare_in_use.set(i);
        if !reset {
            drop(env);
            drop(sf.spare_envs.remove(i));
            return;
        }
        // At most `MAX_SPARE_ENVS` records not in use are kept.
        if sf.spare_envs.len() - i > MAX_SPARE_ENVS {
            drop(sf.spare_envs.pop());
        }
    } else if !reset {
        return;
    }
    // A [[Call]] of reusable code binds neither `this` in the record (it
    // is `this_fixed`, see `prepare_call`) nor NewTarget: only a
    // [[Construct]] (a derived constructor's `super()`) leaves them set.
    if constructed {
        if let EnvironmentKind::Function(fe) = &rec.kind {
            if fe.this_status.get() != ThisBindingStatus::Uninitialized {
                fe.this_value.set(Value::Undefined);
                fe.this_status.set(ThisBindingStatus::Uninitialized);
            }
            // A class constructor's record serves only [[Construct]],
            // which sets NewTarget on entry (`prepare_call`): when it is
            // the constructor itself (a plain `new C`), it stays, and the
            // next `new C` finds it in place. Any other value is cleared
            // (the record must not keep it alive).
            let is_self = |nt: &Value| {
                matches!(nt, Value::Object(o)
                    if matches!(o.kind(), ObjectKind::Function(s) if std::ptr::eq(&**s, sf)))
            };
            // Safety: `is_self` only compares pointers; it stores nothing.
            let keep = sf.constructor_kind != ConstructorKind::None
                && unsafe { fe.new_target.test(is_self) };
            if !keep {
                fe.new_target.set(Value::Undefined);
            }
        }
    }
    if !taken {
        // Safety: a call's return is evaluation, never during a sweep.
        unsafe { sf.spare_envs.push_env(env) };
    }
}

/// Removes the record a call took from `spare_envs` (an unrooted `env`,
/// see `ScriptFunction::spare_in_use`) when the call fails before its
/// code runs; a fresh record is just dropped.
#[cold]
#[inline(never)]
fn drop_call_env(sf: &ScriptFunction, env: Env) {
    if !env.is_rooted() {
        let i = sf.spare_in_use.get().wrapping_sub(1);
        debug_assert!(sf.spare_envs.is_at(i, &env));
        sf.spare_in_use.set(i);
        drop(env);
        drop(sf.spare_envs.remove(i));
    }
}

/// Runs the body of the function whose context is on top of the stack.
/// Inlined into the call paths: a statement body (most functions) goes
/// straight to the statement list.
#[inline(always)]
pub(crate) fn evaluate_body(interp: &mut Interp, code: &ast::Function) -> JsResult<Value> {
    match &code.body {
        ast::FunctionBody::Block(stmts) => interp.eval_body_statements(stmts),
        ast::FunctionBody::Expr(e) => evaluate_expr_body(interp, code, e),
    }
}

/// `evaluate_body` of an arrow function's or field initializer's
/// expression body.
#[inline(never)]
fn evaluate_expr_body(interp: &mut Interp, code: &ast::Function, e: &ast::Expr) -> JsResult<Value> {
    if code.kind == FunctionKind::ClassField {
        // A field initializer names anonymous functions after the field.
        if let Some(f) = interp.active_function() {
            let name = function_name(&f);
            if !name.is_empty() {
                return interp.eval_named(e, &PropertyKey::from(name.as_str()));
            }
        }
    }
    interp.eval_expr(e)
}

/// Pops the function's context (after `--trace-context` output).
pub(crate) fn finish_call(interp: &mut Interp, r: JsResult<Value>) -> JsResult<Value> {
    if interp.options.trace_context {
        crate::inspect::trace_context_exit(interp, &r);
    }
    interp.context_stack.pop();
    r
}

/// PrepareForOrdinaryCall + OrdinaryCallBindThis +
/// FunctionDeclarationInstantiation: pushes the callee context. On error the
/// context is popped again.
pub(crate) fn prepare_ordinary_call(
    interp: &mut Interp,
    f: &JsObject,
    this_arg: &Value,
    args: &[Value],
    new_target: Value,
) -> JsResult<Env> {
    let ObjectKind::Function(sf) = f.kind() else {
        return Err(interp.type_error("not a function"));
    };
    let env = prepare_call::<true>(
        interp,
        f,
        sf,
        this_arg.clone(),
        CallArgs::Shared(args),
        match &new_target {
            Value::Object(o) => Some(o),
            _ => None,
        },
    )?;
    match env {
        Some(env) => Ok(env),
        None => Err(interp.type_error("not a function")),
    }
}

/// `prepare_ordinary_call` of `f`, whose `ScriptFunction` is `sf`.
/// Inlined into its two callers: a call of a script function is mostly
/// this, and one call layer fewer is worth the code.
/// Returns the function's environment record, except (without `KEEP`)
/// when the record is the context's only (see `pop_call`).
#[inline(always)]
fn prepare_call<const KEEP: bool>(
    interp: &mut Interp,
    f: &JsObject,
    sf: &ScriptFunction,
    this_arg: Value,
    mut args: CallArgs<'_>,
    new_target: Option<&JsObject>,
) -> JsResult<Option<Env>> {
    let code = &sf.code;
    let arrow = sf.is_arrow();
    let reusable = sf.env_reusable();
    // Room for the context pushed below, made first (see `push_reserved`).
    interp.context_stack.reserve_one();
    // 1-6. PrepareForOrdinaryCall: a new function environment, or one an
    // earlier call left (same outer and function; reset by `keep_spare_env`).
    // Safety: a call is evaluation, which never runs during a sweep.
    // The record stays in the list, which keeps it alive: the call gets
    // an unrooted copy (see `ScriptFunction::spare_in_use`). Not for a
    // `KEEP` context, which outlives the call.
    let spare = if reusable && !KEEP {
        let i = sf.spare_in_use.get();
        // Safety: `sf` is `f`'s, and `f` is alive until this call returns:
        // a root the caller holds for the whole call or (`function`
        // below) a rooted clone in the context; its `spare_envs` are
        // traced through it. The record leaves the list only when its
        // call returns or fails (`keep_spare_env`, `drop_call_env`), after
        // the context holding the copies is popped. Readers of the
        // context's environments clone them (a root) or borrow them.
        let e = unsafe { sf.spare_envs.get_unrooted(i) };
        if e.is_some() {
            sf.spare_in_use.set(i + 1);
        }
        e
    } else {
        None
    };
    let mut prefilled = false;
    let env = if let Some(env) = spare {
        // Safety: a call is evaluation, never during a sweep; `env`
        // (rooted) keeps the record alive while `rec` is used.
        let rec = unsafe { env.record_unchecked() };
        // (Not counted as an allocation: garbage the calls leave, arrays
        // say, counts towards the collector's pace by its bytes, see
        // `heap_limit::set_pace`.)
        // (A [[Call]]'s undefined NewTarget needs neither a store nor a
        // drop: the record's was cleared when it was kept.)
        if let Some(nt) = new_target {
            if let EnvironmentKind::Function(fe) = &rec.kind {
                // Kept from the last `new` of this constructor (see
                // `keep_spare_env`) when it is the same object.
                // Safety: the test only compares two objects' identity; it
                // stores nothing.
                let same = unsafe {
                    fe.new_target.test(|old| match old {
                        Value::Object(a) => a == nt,
                        _ => false,
                    })
                };
                if !same {
                    fe.new_target.set(Value::Object(nt.clone()));
                }
            }
        }
        // Reset to the layout when it was kept (`keep_spare_env` keeps no
        // other record of a function with a layout), and nothing adds
        // bindings to a spare record.
        prefilled = sf.binding_layout().is_some();
        debug_assert!(
            !prefilled || sf.binding_layout().map(<[u8]>::len) == Some(rec.bindings().len())
        );
        env
    } else {
        fresh_call_env(interp, f, sf, new_target)
    };
    // OrdinaryCallBindThis — ECMA-262 §10.2.1.2
    let this_fixed = !arrow && sf.constructor_kind != ConstructorKind::Derived;
    // Code that never reads `this` (no `this`, `super` or `new.target` in
    // it) and has no arrow or direct eval inside that could (reusable
    // code has neither) leaves it unbound: nothing sees the difference,
    // and a sloppy call saves the coercion (the global object's copy, a
    // primitive's wrapper). `--trace-context` shows it, so binds it.
    let this_read = code.uses_this || !reusable || interp.options.trace_context;
    // (Bound once, not assigned over an initial undefined: that
    // assignment's drop of the old value was a call.)
    let this_value = if this_fixed && this_read {
        let this_value = if code.strict || this_arg.is_object() {
            this_arg
        } else if this_arg.is_nullish() {
            // (Consumed on every path, so no drop flag is kept for it.)
            std::mem::forget(this_arg);
            Value::Object(interp.realm.global_this.clone())
        } else {
            match primitive_this(interp, this_arg) {
                Ok(v) => v,
                Err(e) => {
                    drop_call_env(sf, env);
                    return Err(e);
                }
            }
        };
        // The context's `this_binding` is what this code's `this` reads
        // (`this_fixed`); only arrows and direct eval inside walk to the
        // record for it, and reusable code has neither.
        if !reusable {
            if let Some(fe) = env.as_function_env() {
                fe.this_value.set(this_value.clone());
                fe.this_status.set(ThisBindingStatus::Initialized);
            }
        }
        this_value
    } else {
        // (`discard`, with the tag tested where the value is: moved into
        // `discard`, it was copied through the stack.)
        if this_arg.owns_nothing() {
            std::mem::forget(this_arg);
        } else {
            drop(this_arg);
        }
        Value::Undefined
    };
    if prefilled {
        // FunctionDeclarationInstantiation on a record reset to its layout:
        // only the parameters (slots 0..n) change.
        // Safety: as for `rec` above (`env` is rooted).
        args.bind_first(
            unsafe { env.record_unchecked() }.bindings(),
            code.param_names.len(),
        );
    }
    // Without `KEEP`, a prefilled call's record is only the context's
    // (FunctionDeclarationInstantiation, which could change its
    // VariableEnvironment, does not run): `pop_call` hands it back.
    // (A taken record's copy stays unrooted: `keep_spare_env` tells it
    // by that.)
    let kept = if KEEP || !prefilled {
        Some(if env.is_rooted() {
            env.clone()
        } else {
            // Safety: as for the copy taken from the list above.
            unsafe { env.copy_unrooted() }
        })
    } else {
        None
    };
    // The context's `function` and (for a prefilled record)
    // LexicalEnvironment need not be roots of their own when a root that
    // outlives the context already keeps their box alive: then they are
    // unrooted copies, which cost no root count change on push or pop.
    // Only without `KEEP`: those contexts are popped before this call
    // returns (by `pop_call`, or on the error paths of `prepare_call` and
    // `construct_ordinary`), whereas a `KEEP` context (a generator's)
    // outlives it.
    let function = if !KEEP && f.is_rooted() {
        // Safety: `f` is a root borrowed for the whole call (the caller
        // holds it until we return), and the context is popped before
        // this call returns, so the box outlives the copy. Readers of
        // `function` clone it (a clone is a root) or borrow it; nothing
        // unroots it or moves it into the heap; dropping an unrooted
        // handle changes no root count.
        unsafe { f.copy_unrooted() }
    } else {
        f.clone()
    };
    let lexical_environment = if !KEEP && prefilled {
        // Safety: `env` (rooted) becomes this context's
        // VariableEnvironment, which no code replaces once
        // FunctionDeclarationInstantiation has run (and it does not run
        // for a prefilled record); the two fields leave the stack
        // together, so the record outlives the copy. A block replaces
        // the LexicalEnvironment with a root (`set_lexical_env`), and
        // readers clone it (a root) or borrow it.
        unsafe { env.copy_unrooted() }
    } else {
        env.clone()
    };
    // Safety: room was made on entry (`reserve_one`); nothing since
    // pushed a context (to_object and the record's allocation do not).
    unsafe {
        interp.context_stack.push_reserved(ExecutionContext {
            function: Some(function),
            lexical_environment,
            variable_environment: env,
            private_environment: sf.private_environment.clone(),
            this_binding: this_value,
            this_fixed,
            code: ContextCode::Function,
            strict: code.strict,
            own_source: None,
            position: code.span.start,
            frame_name: None,
            is_construct: false,
        })
    };
    if !prefilled {
        if let Some(env) = &kept {
            if let Err(e) =
                function_declaration_instantiation(interp, f, code, env, args.as_slice())
            {
                interp.context_stack.pop();
                if let Some(env) = kept {
                    drop_call_env(sf, env);
                }
                return Err(e);
            }
        }
    }
    if interp.options.trace_context {
        crate::inspect::trace_context_entry(interp);
    }
    Ok(kept)
}

/// A new environment record for a call of `sf` (`f`'s) that found no
/// spare one: PrepareForOrdinaryCall's steps 4-6 (a declarative record
/// for an arrow function). Out of line: most calls of a function reuse a
/// record (see `keep_spare_env`), and this path's code would enlarge the
/// frame of every call.
#[cold]
#[inline(never)]
fn fresh_call_env(
    interp: &mut Interp,
    f: &JsObject,
    sf: &ScriptFunction,
    new_target: Option<&JsObject>,
) -> Env {
    let code = &sf.code;
    let cap = code.param_names.len() + code.scope.var_names.len() + code.scope.lexical.len() + 1;
    if sf.is_arrow() {
        return interp.new_declarative_env(sf.environment.clone(), "arrow", cap);
    }
    interp.new_function_env(
        sf.environment.clone(),
        Some(f.clone()),
        false,
        new_target.map_or(Value::Undefined, |o| Value::Object(o.clone())),
        cap,
    )
}

/// OrdinaryCallBindThis step 6.b for sloppy code and a primitive `this`
/// (not `undefined` or `null`): its wrapper. Out of line (see
/// `fresh_call_env`).
#[cold]
#[inline(never)]
fn primitive_this(interp: &mut Interp, this_arg: Value) -> JsResult<Value> {
    to_object(interp, &this_arg).map(Value::Object)
}

/// `finish_call` that hands back the popped context's
/// VariableEnvironment. (`r` borrowed: moved through here, the body's
/// result was copied once more.)
#[inline(always)]
fn pop_call(interp: &mut Interp, r: &JsResult<Value>) -> Option<Env> {
    if interp.options.trace_context {
        crate::inspect::trace_context_exit(interp, r);
    }
    interp.context_stack.pop_function()
}

/// [[Construct]] of an ECMAScript function object — ECMA-262 §10.2.2
pub(crate) fn construct_script_function(
    interp: &mut Interp,
    f: &JsObject,
    args: &[Value],
    new_target: &Value,
) -> JsResult<Value> {
    construct_script(interp, f, CallArgs::Shared(args), new_target)
}

/// `construct_script_function` of an argument list the caller owns and
/// no longer needs (see `call_script_function_owned`; `sf` is `f`'s
/// `ScriptFunction`).
pub(crate) fn construct_script_function_owned(
    interp: &mut Interp,
    f: &JsObject,
    sf: &ScriptFunction,
    args: &mut crate::eval_expr::ArgList,
    new_target: &Value,
) -> JsResult<Value> {
    construct_script_of(interp, f, sf, CallArgs::Owned(args), new_target)
}

#[inline(always)]
fn construct_script(
    interp: &mut Interp,
    f: &JsObject,
    args: CallArgs<'_>,
    new_target: &Value,
) -> JsResult<Value> {
    let ObjectKind::Function(sf) = f.kind() else {
        return Err(interp.type_error("not a constructor"));
    };
    construct_script_of(interp, f, sf, args, new_target)
}

/// `construct_script` of `f`, whose `ScriptFunction` is `sf`.
#[inline(always)]
fn construct_script_of(
    interp: &mut Interp,
    f: &JsObject,
    sf: &ScriptFunction,
    args: CallArgs<'_>,
    new_target: &Value,
) -> JsResult<Value> {
    interp.enter_call()?;
    let r = if sf.constructor_kind == ConstructorKind::Derived && sf.is_default_constructor {
        construct_default_derived(interp, f, args.as_slice(), new_target)
    } else {
        construct_ordinary(interp, f, sf, args, new_target)
    };
    interp.leave_call();
    r
}

/// The default derived constructor: `constructor(...args) { super(...args); }`.
#[inline(never)]
fn construct_default_derived(
    interp: &mut Interp,
    f: &JsObject,
    args: &[Value],
    new_target: &Value,
) -> JsResult<Value> {
    let parent = f.prototype();
    let Some(parent) = parent.filter(|p| p.is_constructor()) else {
        return Err(interp.type_error("Super constructor is not a constructor"));
    };
    let result = interp.construct(&Value::Object(parent), args, Some(new_target))?;
    if let Value::Object(o) = &result {
        initialize_instance_elements(interp, o, f)?;
    }
    Ok(result)
}

/// [[Construct]] steps 3-12 for a constructor with code of its own.
#[inline(always)]
fn construct_ordinary(
    interp: &mut Interp,
    f: &JsObject,
    sf: &ScriptFunction,
    args: CallArgs<'_>,
    new_target: &Value,
) -> JsResult<Value> {
    let this_obj = if sf.constructor_kind != ConstructorKind::Derived {
        let default = interp.realm.intrinsics.object_prototype.clone();
        let obj =
            crate::operations::ordinary_create_plain_from_constructor(interp, new_target, default)?;
        Some(obj)
    } else {
        None
    };
    let this_val = match &this_obj {
        // The context's `this` need not be a root of its own: `this_obj`
        // (a root) outlives the context (see below).
        // Safety: `this_obj` lives until this function returns, and the
        // context that holds the copy is popped before that on every path
        // (`pop_call` below, the error paths of `prepare_call` and of the
        // instance elements' initialization). Whatever keeps `this` longer
        // clones it (a root): `this` expressions, the record's `this`
        // binding of non-reusable code (`prepare_call`); dropping the copy
        // changes no root count.
        Some(o) => Value::Object(unsafe { o.copy_unrooted() }),
        None => Value::Undefined,
    };
    let new_target = match new_target {
        Value::Object(o) => Some(o),
        _ => None,
    };
    let kept = prepare_call::<false>(interp, f, sf, this_val, args, new_target)?;
    interp.ctx_mut().is_construct = true;
    // (A class without fields or private methods has nothing to add.)
    if let (Some(obj), false) = (&this_obj, sf.fields.is_empty()) {
        if let Err(e) = initialize_instance_elements(interp, obj, f) {
            let popped = interp.context_stack.pop().map(|c| c.variable_environment);
            if let Some(env) = kept.or(popped) {
                keep_spare_env(interp, sf, env, true);
            }
            return Err(e);
        }
    }
    let result = evaluate_body(interp, &sf.code);
    let popped = pop_call(interp, &result);
    // The function's environment record: the context's VariableEnvironment
    // unless FunctionDeclarationInstantiation made a separate one (then
    // `prepare_call` kept it).
    let env = kept.or(popped);
    let r = match result {
        Err(e) => Err(e),
        Ok(result @ Value::Object(_)) => Ok(result),
        Ok(_) if this_obj.is_some() => Ok(this_obj.map(Value::Object).unwrap_or_default()),
        Ok(result) if !result.is_undefined() => Err(
            interp.type_error("Derived constructors may only return object or undefined"),
        ),
        Ok(_) => match env.as_ref().and_then(|e| e.as_function_env()) {
            Some(fe) if fe.this_status.get() == ThisBindingStatus::Initialized => {
                Ok(fe.this_value.get())
            }
            _ => Err(interp.reference_error(
                "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
            )),
        },
    };
    if let Some(env) = env {
        keep_spare_env(interp, sf, env, true);
    }
    r
}

/// InitializeInstanceElements — ECMA-262 §7.3.34
pub(crate) fn initialize_instance_elements(
    interp: &mut Interp,
    o: &JsObject,
    constructor: &JsObject,
) -> JsResult<()> {
    let ObjectKind::Function(sf) = constructor.kind() else {
        return Ok(());
    };
    if sf.fields.is_empty() {
        // A class without fields or private methods (or a plain function).
        return Ok(());
    }
    let elements = sf.fields.to_vec();
    // Private methods first, then fields in order.
    for e in &elements {
        if let ClassElement::PrivateMethod { key, slot } = e {
            if o.private_get(key).is_some() {
                return Err(interp.type_error(
                    "Cannot initialize private methods of class twice on the same object",
                ));
            }
            o.storage_insert(key.clone(), slot.clone());
        }
    }
    let ov = Value::Object(o.clone());
    for e in &elements {
        if let ClassElement::Field { key, initializer } = e {
            let value = match initializer {
                Some(init) => interp.call(&Value::Object(init.clone()), &ov, &[])?,
                None => Value::Undefined,
            };
            if let PropertyKey::Private(_) = key {
                if o.private_get(key).is_some() {
                    return Err(interp.type_error("Cannot initialize #x twice on the same object"));
                }
                o.storage_insert(
                    key.clone(),
                    PropertySlot::Data(value, Attributes::new(true, false, false)),
                );
            } else {
                crate::operations::create_data_property_or_throw(interp, o, key.clone(), value)?;
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// FunctionDeclarationInstantiation — ECMA-262 §10.2.11

fn function_declaration_instantiation(
    interp: &mut Interp,
    f: &JsObject,
    code: &Rc<ast::Function>,
    env: &Env,
    args: &[Value],
) -> JsResult<()> {
    let strict = code.strict;
    let param_names = &code.param_names;
    let has_param_exprs = !code.simple_params;
    // 20. A sloppy function whose parameter expressions may call eval binds
    // its parameters in a separate environment, so that vars the eval
    // declares (in the function environment, the VariableEnvironment while
    // parameters are evaluated) stay outside it.
    let env = &if has_param_exprs && !strict && code.uses_eval {
        let e = interp.new_declarative_env(env.clone(), "parameters", param_names.len() + 1);
        interp.set_lexical_env(e.clone());
        e
    } else {
        env.clone()
    };
    let b = env.bindings();
    let is_arrow = code.kind == FunctionKind::Arrow;
    let arguments_needed = code.uses_arguments
        && !is_arrow
        && !param_names.iter().any(|n| &**n == "arguments")
        && !(!has_param_exprs
            && (code
                .scope
                .functions
                .iter()
                .any(|fd| fd.name.as_deref() == Some("arguments"))
                || code.scope.lexical.iter().any(|(n, _)| &**n == "arguments")));

    // 21-22. Parameter bindings.
    if code.simple_params {
        for (i, name) in param_names.iter().enumerate() {
            let v = args.get(i).cloned().unwrap_or_default();
            match b.find(name) {
                Some(slot) => b.set(slot, v),
                None => {
                    b.add(name.clone(), BINDING_INITIALIZED | BINDING_MUTABLE, v);
                }
            }
        }
    } else {
        for name in param_names {
            if b.find(name).is_none() {
                b.add(name.clone(), BINDING_MUTABLE, Value::Undefined);
            }
        }
    }

    // 22. The arguments object.
    if arguments_needed {
        let ao = if strict || !code.simple_params {
            create_unmapped_arguments_object(interp, args)
        } else {
            create_mapped_arguments_object(interp, f, param_names, args, env)
        };
        let flags = if strict {
            BINDING_INITIALIZED
        } else {
            BINDING_INITIALIZED | BINDING_MUTABLE
        };
        b.add(Rc::from("arguments"), flags, Value::Object(ao));
    }

    // 25-26. IteratorBindingInitialization of the formals (non-simple lists).
    if !code.simple_params {
        let mut i = 0usize;
        for p in &code.params {
            if p.is_rest {
                let rest: Vec<Value> = args.get(i..).map(|s| s.to_vec()).unwrap_or_default();
                let arr = crate::operations::create_array_from_list(interp, rest);
                interp.bind_pattern(&p.pattern, Value::Object(arr), Some(env))?;
                i = args.len();
            } else {
                let v = args.get(i).cloned().unwrap_or_default();
                i += 1;
                interp.bind_pattern(&p.pattern, v, Some(env))?;
            }
        }
    }

    // 27-28. Var bindings: in the same environment when there are no
    // parameter expressions, otherwise in a separate one.
    let var_env = if !has_param_exprs {
        for name in code
            .scope
            .var_names
            .iter()
            .chain(code.scope.annex_b_functions.iter())
        {
            if b.find(name).is_none() {
                b.add(
                    name.clone(),
                    BINDING_INITIALIZED | BINDING_MUTABLE,
                    Value::Undefined,
                );
            }
        }
        env.clone()
    } else {
        let cap = code.scope.var_names.len() + code.scope.lexical.len();
        let var_env = interp.new_declarative_env(env.clone(), "function body", cap);
        let vb = var_env.bindings();
        for name in code
            .scope
            .var_names
            .iter()
            .chain(code.scope.annex_b_functions.iter())
        {
            if vb.find(name).is_some() {
                continue;
            }
            let initial = match b.find(name) {
                Some(slot) => b.get(slot),
                None => Value::Undefined,
            };
            vb.add(name.clone(), BINDING_INITIALIZED | BINDING_MUTABLE, initial);
        }
        interp.ctx_mut().variable_environment = var_env.clone();
        interp.set_lexical_env(var_env.clone());
        var_env
    };

    // 30-33. Lexical declarations (in a separate environment when the body
    // contains direct eval, so eval-introduced vars cannot clash).
    let lex_env = if !strict && code.uses_eval {
        let e = interp.new_declarative_env(
            var_env.clone(),
            "function lexical",
            code.scope.lexical.len(),
        );
        interp.set_lexical_env(e.clone());
        e
    } else {
        var_env.clone()
    };
    instantiate_lexical_names(&lex_env, &code.scope.lexical);

    // 36. Function declarations (later ones win).
    instantiate_hoisted_functions(interp, &code.scope.functions, &lex_env, &var_env)?;
    Ok(())
}

/// Creates TDZ bindings for let/const/class names.
pub(crate) fn instantiate_lexical_names(env: &Env, lexical: &[(ast::Atom, ast::LexicalKind)]) {
    let b = env.bindings();
    for (name, kind) in lexical {
        if b.find(name).is_some() {
            continue;
        }
        b.add(name.clone(), lexical_binding_flags(*kind), Value::Undefined);
    }
}

/// The flags of a fresh lexical binding of `kind` (uninitialized except
/// for functions).
pub(crate) fn lexical_binding_flags(kind: ast::LexicalKind) -> u8 {
    match kind {
        ast::LexicalKind::Const => BINDING_STRICT,
        ast::LexicalKind::Function => BINDING_MUTABLE | BINDING_INITIALIZED,
        _ => BINDING_MUTABLE,
    }
}

/// Instantiates hoisted function declarations into `var_env` (closures over
/// `lex_env`), the last declaration of a name winning.
pub(crate) fn instantiate_hoisted_functions(
    interp: &mut Interp,
    functions: &[Rc<ast::Function>],
    lex_env: &Env,
    var_env: &Env,
) -> JsResult<()> {
    for (i, fd) in functions.iter().enumerate() {
        let Some(name) = &fd.name else { continue };
        if functions[i + 1..]
            .iter()
            .any(|later| later.name.as_deref() == Some(&**name))
        {
            continue;
        }
        let private_env = interp.ctx().private_environment.clone();
        let fo = create_script_function(
            interp,
            fd,
            lex_env.clone(),
            private_env,
            None,
            JsString::from(&**name),
        );
        let vb = var_env.bindings();
        match vb.find(name) {
            Some(slot) => {
                vb.set(slot, Value::Object(fo));
                vb.set_flags(slot, vb.flags(slot) | BINDING_INITIALIZED);
            }
            None => {
                vb.add(
                    name.clone(),
                    BINDING_INITIALIZED | BINDING_MUTABLE,
                    Value::Object(fo),
                );
            }
        }
    }
    Ok(())
}

/// CreateUnmappedArgumentsObject — ECMA-262 §10.4.4.6
pub fn create_unmapped_arguments_object(interp: &mut Interp, args: &[Value]) -> JsObject {
    let proto = interp.realm.intrinsics.object_prototype.clone();
    let obj = interp.alloc_object(Some(proto), ObjectKind::Arguments(None));
    for (i, a) in args.iter().enumerate() {
        obj.define_value(PropertyKey::from(i), a.clone(), Attributes::all());
    }
    obj.define_value("length", Value::from(args.len()), Attributes::hidden());
    let values = interp.realm.intrinsics.array_prototype_values.clone();
    let iter_sym = interp.realm.intrinsics.symbol_iterator.clone();
    obj.define_value(
        PropertyKey::Symbol(iter_sym),
        Value::Object(values),
        Attributes::hidden(),
    );
    let thrower = interp.realm.intrinsics.throw_type_error.clone();
    obj.define_accessor(
        "callee",
        Some(thrower.clone()),
        Some(thrower),
        Attributes::none(),
    );
    obj
}

/// CreateMappedArgumentsObject — ECMA-262 §10.4.4.7
fn create_mapped_arguments_object(
    interp: &mut Interp,
    f: &JsObject,
    formals: &[ast::Atom],
    args: &[Value],
    env: &Env,
) -> JsObject {
    let mut map = vec![None; args.len()];
    let mut seen: Vec<&str> = Vec::new();
    for (i, name) in formals.iter().enumerate().rev() {
        if seen.contains(&&**name) {
            continue;
        }
        seen.push(name);
        if i < args.len() {
            map[i] = env.bindings().find(name);
        }
    }
    let proto = interp.realm.intrinsics.object_prototype.clone();
    let obj = interp.alloc_object(
        Some(proto),
        ObjectKind::Arguments(Some(Box::new(MappedArguments {
            env: env.clone(),
            map: RefCell::new(map),
        }))),
    );
    for (i, a) in args.iter().enumerate() {
        obj.define_value(PropertyKey::from(i), a.clone(), Attributes::all());
    }
    obj.define_value("length", Value::from(args.len()), Attributes::hidden());
    let values = interp.realm.intrinsics.array_prototype_values.clone();
    let iter_sym = interp.realm.intrinsics.symbol_iterator.clone();
    obj.define_value(
        PropertyKey::Symbol(iter_sym),
        Value::Object(values),
        Attributes::hidden(),
    );
    obj.define_value("callee", Value::Object(f.clone()), Attributes::hidden());
    obj
}

/// A JsError for a thrown value (helper for natives).
pub fn throw_value<T>(v: Value) -> JsResult<T> {
    Err(JsError::Throw(v))
}
