//! Suspension: generators, async functions and async generators.
//!
//! Mechanism: each generator or async activation runs its body on its own
//! stackful coroutine (`corosensei`) on the interpreter's thread. `yield`
//! and `await` suspend the coroutine, handing a `Suspend` to whoever
//! resumed it; `next`/`throw`/`return` and promise reactions resume it.
//! The evaluator stays an ordinary recursive tree-walker: no frame has to
//! be reified. The `gc` crate finds roots by counting, not by scanning
//! stacks, so values held by a suspended coroutine stay rooted; a
//! suspended generator that becomes garbage is dropped by the collector,
//! and dropping a suspended coroutine unwinds its stack (releasing those
//! roots). Collections are always run on the main stack (see
//! `run_on_main_stack`) so the collector's recursive marking never runs
//! on a coroutine stack.

use std::cell::{Cell, RefCell};

use corosensei::stack::{DefaultStack, Stack};
use corosensei::{Coroutine, CoroutineResult, Yielder};
use gc::{Finalize, Trace};

use crate::function::{create_native_closure, native_slots, prepare_ordinary_call};
use crate::interp::{CoroutineFrame, Interp};
use crate::object::{JsObject, ObjectKind};
use crate::operations::{self, create_iter_result_object, get_method, IteratorRecord};
use crate::promise;
use crate::storage::List;
use crate::value::{PropertyKey, Value};
use crate::{JsError, JsResult};

/// How a suspended activation is resumed.
pub enum ResumeInput {
    Next(Value),
    Throw(Value),
    Return(Value),
}

/// Why an activation suspended.
pub enum Suspend {
    /// `yield v` (wrapped into `{ value, done: false }` by the caller).
    Yield(Value),
    /// `yield*` passing an inner iterator result object through as is.
    YieldRaw(Value),
    /// `await v`.
    Await(Value),
}

type Input = (*mut Interp, ResumeInput);
type Coro = Coroutine<Input, Suspend, JsResult<Value>, DefaultStack>;
pub type GenYielder = Yielder<Input, Suspend>;

/// Coroutine stacks reserve this much address space (touched lazily).
const COROUTINE_STACK_SIZE: usize = 16 * 1024 * 1024;
/// Finished coroutines return their stacks to a small pool.
const STACK_POOL_MAX: usize = 16;

thread_local! {
    static STACK_POOL: RefCell<Vec<DefaultStack>> = const { RefCell::new(Vec::new()) };
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GeneratorState {
    SuspendedStart,
    SuspendedYield,
    Executing,
    /// Async generators: waiting on an `await` inside the body.
    Awaiting,
    Completed,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GeneratorKind {
    Sync,
    AsyncFunction,
    AsyncGenerator,
}

/// A queued `next`/`throw`/`return` on an async generator
/// (AsyncGeneratorRequest — ECMA-262 §27.6.3.1).
#[derive(Clone)]
pub struct AsyncGeneratorRequest {
    pub kind: u8,
    pub value: Value,
    pub promise: JsObject,
}

impl Finalize for AsyncGeneratorRequest {}
// Safety: forwards to the contained values.
unsafe impl Trace for AsyncGeneratorRequest {
    gc::custom_trace!(this, {
        mark(&this.value);
        mark(&this.promise);
    });
}

const REQ_NEXT: u8 = 0;
const REQ_THROW: u8 = 1;
const REQ_RETURN: u8 = 2;

/// The internal slots of a generator, async generator, or running async
/// function.
#[derive(Trace, Finalize)]
pub struct GeneratorData {
    #[unsafe_ignore_trace]
    pub state: Cell<GeneratorState>,
    #[unsafe_ignore_trace]
    pub kind: GeneratorKind,
    #[unsafe_ignore_trace]
    coroutine: RefCell<Option<Box<Coro>>>,
    #[unsafe_ignore_trace]
    yielder: Cell<*const GenYielder>,
    #[unsafe_ignore_trace]
    stack_limit: usize,
    /// The async function's result promise.
    pub promise: Option<JsObject>,
    /// [[AsyncGeneratorQueue]]
    pub queue: List<AsyncGeneratorRequest>,
    /// The fulfilled and rejected closures of `await`, made at the first
    /// `await` and reused (no code can see them, so one pair serves every
    /// `await` of the activation).
    await_handlers: List<Value>,
}

fn take_stack() -> std::io::Result<DefaultStack> {
    if let Some(s) = STACK_POOL.with(|p| p.borrow_mut().pop()) {
        return Ok(s);
    }
    DefaultStack::new(COROUTINE_STACK_SIZE)
}

fn recycle(coro: Coro) {
    if !coro.done() {
        return;
    }
    let stack = coro.into_stack();
    STACK_POOL.with(|p| {
        let mut p = p.borrow_mut();
        if p.len() < STACK_POOL_MAX {
            p.push(stack);
        }
    });
}

/// A pointer list that may cross `on_parent_stack` (same thread only).
struct FrameList(Vec<*const GenYielder>);
// Safety: `on_parent_stack` requires `Send` to keep yielders on one thread;
// the closure runs on the same thread, on the parent's stack, while every
// listed coroutine is suspended inside `resume`, so the pointers are valid.
unsafe impl Send for FrameList {}

/// Runs `f` on the main thread stack, hopping through the parent stacks of
/// the running coroutines.
pub(crate) fn run_on_main_stack(frames: &[CoroutineFrame], f: fn()) {
    let list = FrameList(frames.iter().map(|fr| fr.yielder).collect());
    hop(list, f);
}

fn hop(mut list: FrameList, f: fn()) {
    match list.0.pop() {
        None => f(),
        Some(y) if y.is_null() => hop(list, f),
        Some(y) => {
            // Safety: `y` is the yielder of a coroutine that is running
            // (we are on its stack or on the stack of a coroutine it
            // resumed); it stays valid until that coroutine finishes.
            let y = unsafe { &*y };
            y.on_parent_stack(move || hop(list, f));
        }
    }
}

/// Creates the coroutine that runs the body of the function whose context
/// (after FunctionDeclarationInstantiation) is `ctx`.
fn make_coroutine(
    interp: &mut Interp,
    ctx: crate::execution_context::ExecutionContext,
    code: std::rc::Rc<parser::ast::Function>,
) -> JsResult<(Box<Coro>, usize)> {
    let stack = match take_stack() {
        Ok(s) => s,
        Err(_) => return Err(interp.range_error("Maximum call stack size exceeded")),
    };
    let limit = stack.limit().get() + 128 * 1024;
    let coro = Coroutine::with_stack(stack, move |yielder: &GenYielder, (ip, input): Input| {
        // Safety: the resumer passes the interpreter it borrows mutably for
        // the duration of the resume; it is the same object every time.
        let interp = unsafe { &mut *ip };
        if let Some(fr) = interp.coroutines.last_mut() {
            fr.yielder = yielder as *const GenYielder;
        }
        interp.context_stack.push(ctx);
        let r = match input {
            ResumeInput::Next(_) => crate::function::evaluate_body(interp, &code),
            ResumeInput::Throw(e) => Err(JsError::Throw(e)),
            ResumeInput::Return(v) => Err(JsError::GeneratorReturn(v)),
        };
        crate::function::finish_call(interp, r)
    });
    Ok((Box::new(coro), limit))
}

/// Resumes a generator-like object's coroutine.
fn resume(
    interp: &mut Interp,
    data: &GeneratorData,
    input: ResumeInput,
) -> JsResult<CoroutineResult<Suspend, JsResult<Value>>> {
    let Some(mut coro) = data.coroutine.borrow_mut().take() else {
        return Ok(CoroutineResult::Return(Ok(Value::Undefined)));
    };
    if let Err(e) = interp.enter_call() {
        *data.coroutine.borrow_mut() = Some(coro);
        return Err(e);
    }
    interp.coroutines.push(CoroutineFrame {
        yielder: data.yielder.get(),
    });
    let saved_limit = interp.stack_limit;
    interp.stack_limit = data.stack_limit;
    let r = coro.resume((interp as *mut Interp, input));
    interp.stack_limit = saved_limit;
    if let Some(fr) = interp.coroutines.pop() {
        data.yielder.set(fr.yielder);
    }
    interp.leave_call();
    match &r {
        CoroutineResult::Yield(_) => *data.coroutine.borrow_mut() = Some(coro),
        CoroutineResult::Return(_) => recycle(*coro),
    }
    Ok(r)
}

fn suspend(interp: &mut Interp, s: Suspend) -> JsResult<ResumeInput> {
    let Some(frame) = interp.coroutines.last() else {
        return Err(interp.syntax_error(
            "await is only valid in async functions and the top level bodies of modules",
        ));
    };
    let y = frame.yielder;
    if y.is_null() {
        return Err(interp.syntax_error("yield outside a generator"));
    }
    let ctx = interp.context_stack.pop();
    // Safety: `y` is the yielder of the coroutine we are running on.
    let (_, input) = unsafe { (*y).suspend(s) };
    if let Some(ctx) = ctx {
        interp.context_stack.push(ctx);
    }
    Ok(input)
}

fn input_to_result(input: ResumeInput) -> JsResult<Value> {
    match input {
        ResumeInput::Next(v) => Ok(v),
        ResumeInput::Throw(e) => Err(JsError::Throw(e)),
        ResumeInput::Return(v) => Err(JsError::GeneratorReturn(v)),
    }
}

fn current_generator_kind(interp: &Interp) -> Option<GeneratorKind> {
    let code = interp.context_stack.last()?.function_code()?;
    Some(match (code.is_async, code.is_generator) {
        (true, true) => GeneratorKind::AsyncGenerator,
        (true, false) => GeneratorKind::AsyncFunction,
        _ => GeneratorKind::Sync,
    })
}

/// GeneratorYield / AsyncGeneratorYield — `yield v`.
pub(crate) fn generator_yield(interp: &mut Interp, v: Value) -> JsResult<Value> {
    if current_generator_kind(interp) == Some(GeneratorKind::AsyncGenerator) {
        let v = await_value(interp, v)?;
        let input = suspend(interp, Suspend::Yield(v))?;
        // AsyncGeneratorYield step: a `return` resumption awaits its value.
        if let ResumeInput::Return(r) = input {
            let r = await_value(interp, r)?;
            return Err(JsError::GeneratorReturn(r));
        }
        return input_to_result(input);
    }
    let input = suspend(interp, Suspend::Yield(v))?;
    input_to_result(input)
}

/// Await — ECMA-262 §27.7.5.3
pub fn await_value(interp: &mut Interp, v: Value) -> JsResult<Value> {
    if interp.coroutines.is_empty() {
        // Top-level await outside any coroutine: run jobs until settled.
        let p = promise::promise_resolve(interp, v)?;
        loop {
            if let Some(r) = promise::settled_result(&p) {
                if let Value::Object(o) = &p {
                    promise::mark_handled(interp, o);
                }
                return r;
            }
            match interp.job_queue.pop() {
                Some(job) => crate::job_queue::run_job(interp, job)?,
                None => {
                    if !crate::event_loop::turn(interp)? {
                        return Err(interp.syntax_error("await on a promise that never settles"));
                    }
                }
            }
        }
    }
    let input = suspend(interp, Suspend::Await(v))?;
    match input {
        ResumeInput::Next(v) => Ok(v),
        ResumeInput::Throw(e) => Err(JsError::Throw(e)),
        ResumeInput::Return(v) => Err(JsError::GeneratorReturn(v)),
    }
}

/// `yield* iterable` — ECMA-262 §15.5.5
pub(crate) fn yield_delegate(interp: &mut Interp, iterable: Value) -> JsResult<Value> {
    let is_async = current_generator_kind(interp) == Some(GeneratorKind::AsyncGenerator);
    let rec = if is_async {
        get_async_iterator(interp, &iterable)?
    } else {
        operations::get_iterator(interp, &iterable)?
    };
    let mut received = ResumeInput::Next(Value::Undefined);
    loop {
        let inner_result = match received {
            ResumeInput::Next(v) => {
                let r = interp.call(&rec.next_method, &rec.iterator, &[v])?;
                if is_async {
                    await_value(interp, r)?
                } else {
                    r
                }
            }
            ResumeInput::Throw(e) => {
                match get_method(interp, &rec.iterator, &PropertyKey::from("throw"))? {
                    Some(t) => {
                        let r = interp.call(&t, &rec.iterator, &[e])?;
                        if is_async {
                            await_value(interp, r)?
                        } else {
                            r
                        }
                    }
                    None => {
                        let closed = if is_async {
                            async_iterator_close(interp, &rec, Ok(crate::Completion::Normal(None)))
                        } else {
                            operations::iterator_close(
                                interp,
                                &rec,
                                Ok(crate::Completion::Normal(None)),
                            )
                        };
                        closed?;
                        return Err(
                            interp.type_error("The iterator does not provide a 'throw' method")
                        );
                    }
                }
            }
            ResumeInput::Return(v) => {
                match get_method(interp, &rec.iterator, &return_key(interp))? {
                    None => {
                        let v = if is_async { await_value(interp, v)? } else { v };
                        return Err(JsError::GeneratorReturn(v));
                    }
                    Some(r) => {
                        let res = interp.call(&r, &rec.iterator, &[v])?;
                        let res = if is_async {
                            await_value(interp, res)?
                        } else {
                            res
                        };
                        if !res.is_object() {
                            return Err(operations::iterator_result_not_object(interp, &res));
                        }
                        if operations::iterator_complete(interp, &res)? {
                            let v = operations::iterator_value(interp, &res)?;
                            return Err(JsError::GeneratorReturn(v));
                        }
                        received = if is_async {
                            let v = operations::iterator_value(interp, &res)?;
                            suspend(interp, Suspend::Yield(v))?
                        } else {
                            suspend(interp, Suspend::YieldRaw(res))?
                        };
                        continue;
                    }
                }
            }
        };
        if !inner_result.is_object() {
            return Err(operations::iterator_result_not_object(
                interp,
                &inner_result,
            ));
        }
        if operations::iterator_complete(interp, &inner_result)? {
            return operations::iterator_value(interp, &inner_result);
        }
        received = if is_async {
            let v = operations::iterator_value(interp, &inner_result)?;
            suspend(interp, Suspend::Yield(v))?
        } else {
            suspend(interp, Suspend::YieldRaw(inner_result))?
        };
    }
}

/// Starts a generator, async function or async generator call: runs
/// FunctionDeclarationInstantiation now, the body on a coroutine.
pub(crate) fn start_suspendable(
    interp: &mut Interp,
    f: &JsObject,
    this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    let ObjectKind::Function(sf) = f.kind() else {
        return Err(interp.type_error("not a function"));
    };
    let code = sf.code.clone();
    let kind = match (code.is_async, code.is_generator) {
        (false, _) => GeneratorKind::Sync,
        (true, false) => GeneratorKind::AsyncFunction,
        (true, true) => GeneratorKind::AsyncGenerator,
    };
    interp.enter_call()?;
    let prepared = prepare_ordinary_call(interp, f, this, args, Value::Undefined);
    let ctx = match prepared {
        Ok(_) => interp.context_stack.pop(),
        Err(e) => {
            interp.leave_call();
            if kind == GeneratorKind::AsyncFunction {
                if let JsError::Throw(v) = e {
                    return Ok(Value::Object(promise::promise_rejected(interp, v)));
                }
            }
            return Err(e);
        }
    };
    interp.leave_call();
    let Some(ctx) = ctx else {
        return Err(interp.type_error("missing execution context"));
    };
    let (coro, limit) = make_coroutine(interp, ctx, code)?;
    let result_promise = if kind == GeneratorKind::AsyncFunction {
        Some(promise::new_promise(interp))
    } else {
        None
    };
    let proto = match kind {
        GeneratorKind::AsyncFunction => interp.realm.intrinsics.object_prototype.clone(),
        _ => {
            let default = if kind == GeneratorKind::Sync {
                interp.realm.intrinsics.generator_prototype.clone()
            } else {
                interp.realm.intrinsics.async_generator_prototype.clone()
            };
            match operations::get_str(interp, f, "prototype")? {
                Value::Object(p) => p,
                _ => default,
            }
        }
    };
    let gen = interp.alloc_object(
        Some(proto),
        ObjectKind::Generator(Box::new(GeneratorData {
            state: Cell::new(GeneratorState::SuspendedStart),
            kind,
            coroutine: RefCell::new(Some(coro)),
            yielder: Cell::new(std::ptr::null()),
            stack_limit: limit,
            promise: result_promise.clone(),
            queue: List::new(),
            await_handlers: List::new(),
        })),
    );
    match kind {
        GeneratorKind::AsyncFunction => {
            async_function_step(interp, &gen, ResumeInput::Next(Value::Undefined))?;
            Ok(result_promise.map(Value::Object).unwrap_or_default())
        }
        _ => Ok(Value::Object(gen)),
    }
}

/// Starts the body of an ES module with top-level await on a coroutine,
/// as the body of an async function whose context is `ctx` (ExecuteModule
/// with a promise capability — ECMA-262 §16.2.1.6.5). Returns the promise
/// its completion settles: with `undefined` for a module, with the
/// completion value when `keep_value` (a REPL input).
pub(crate) fn start_async_body(
    interp: &mut Interp,
    ctx: crate::execution_context::ExecutionContext,
    program: std::rc::Rc<parser::ast::Program>,
    keep_value: bool,
) -> JsResult<JsObject> {
    let stack = match take_stack() {
        Ok(s) => s,
        Err(_) => return Err(interp.range_error("Maximum call stack size exceeded")),
    };
    let limit = stack.limit().get() + 128 * 1024;
    let coro = Coroutine::with_stack(stack, move |yielder: &GenYielder, (ip, input): Input| {
        // Safety: as in `make_coroutine`.
        let interp = unsafe { &mut *ip };
        if let Some(fr) = interp.coroutines.last_mut() {
            fr.yielder = yielder as *const GenYielder;
        }
        interp.context_stack.push(ctx);
        let r = match input {
            ResumeInput::Next(_) => {
                interp
                    .eval_statements(&program.body)
                    .map(|completion| match completion {
                        crate::Completion::Normal(Some(v)) if keep_value => v,
                        _ => Value::Undefined,
                    })
            }
            ResumeInput::Throw(e) => Err(JsError::Throw(e)),
            ResumeInput::Return(v) => Err(JsError::GeneratorReturn(v)),
        };
        interp.context_stack.pop();
        r
    });
    let result_promise = promise::new_promise(interp);
    let proto = interp.realm.intrinsics.object_prototype.clone();
    let gen = interp.alloc_object(
        Some(proto),
        ObjectKind::Generator(Box::new(GeneratorData {
            state: Cell::new(GeneratorState::SuspendedStart),
            kind: GeneratorKind::AsyncFunction,
            coroutine: RefCell::new(Some(Box::new(coro))),
            yielder: Cell::new(std::ptr::null()),
            stack_limit: limit,
            promise: Some(result_promise.clone()),
            queue: List::new(),
            await_handlers: List::new(),
        })),
    );
    async_function_step(interp, &gen, ResumeInput::Next(Value::Undefined))?;
    Ok(result_promise)
}

fn generator_data(o: &JsObject) -> Option<&GeneratorData> {
    match o.kind() {
        ObjectKind::Generator(g) => Some(g),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// Sync generators: %GeneratorPrototype%.next / return / throw.

/// GeneratorResume / GeneratorResumeAbrupt — ECMA-262 §27.5.3.3-4
pub fn generator_resume(
    interp: &mut Interp,
    this: &Value,
    input: ResumeInput,
    method: &str,
) -> JsResult<Value> {
    let data = match this {
        Value::Object(o) => generator_data(o).filter(|g| g.kind == GeneratorKind::Sync),
        _ => None,
    };
    let Some(data) = data else {
        let shown = crate::inspect::short_description(interp, this);
        return Err(interp.type_error(format!(
            "{method} method called on incompatible receiver {shown}"
        )));
    };
    match data.state.get() {
        GeneratorState::Executing | GeneratorState::Awaiting => {
            return Err(interp.type_error("Generator is already running"));
        }
        GeneratorState::Completed => {
            return match input {
                ResumeInput::Next(_) => {
                    Ok(create_iter_result_object(interp, Value::Undefined, true))
                }
                ResumeInput::Return(v) => Ok(create_iter_result_object(interp, v, true)),
                ResumeInput::Throw(e) => Err(JsError::Throw(e)),
            };
        }
        GeneratorState::SuspendedStart => match input {
            ResumeInput::Next(_) => {}
            ResumeInput::Return(v) => {
                finish_generator(data);
                return Ok(create_iter_result_object(interp, v, true));
            }
            ResumeInput::Throw(e) => {
                finish_generator(data);
                return Err(JsError::Throw(e));
            }
        },
        GeneratorState::SuspendedYield => {}
    }
    data.state.set(GeneratorState::Executing);
    let r = resume(interp, data, input);
    let r = match r {
        Ok(r) => r,
        Err(e) => {
            data.state.set(GeneratorState::SuspendedYield);
            return Err(e);
        }
    };
    match r {
        CoroutineResult::Yield(Suspend::Yield(v)) => {
            data.state.set(GeneratorState::SuspendedYield);
            Ok(create_iter_result_object(interp, v, false))
        }
        CoroutineResult::Yield(Suspend::YieldRaw(r)) => {
            data.state.set(GeneratorState::SuspendedYield);
            Ok(r)
        }
        CoroutineResult::Yield(Suspend::Await(_)) => {
            data.state.set(GeneratorState::Completed);
            Err(interp.syntax_error("await is only valid in async functions"))
        }
        CoroutineResult::Return(r) => {
            data.state.set(GeneratorState::Completed);
            match r {
                Ok(v) | Err(JsError::GeneratorReturn(v)) => {
                    Ok(create_iter_result_object(interp, v, true))
                }
                Err(e) => Err(e),
            }
        }
    }
}

fn finish_generator(data: &GeneratorData) {
    data.state.set(GeneratorState::Completed);
    // Dropping an unstarted coroutine just drops its closure.
    let c = data.coroutine.borrow_mut().take();
    drop(c);
}

pub(crate) fn generator_next(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    generator_resume(
        interp,
        this,
        ResumeInput::Next(args.first().cloned().unwrap_or_default()),
        "Generator.prototype.next",
    )
}

pub(crate) fn generator_return(
    interp: &mut Interp,
    this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    generator_resume(
        interp,
        this,
        ResumeInput::Return(args.first().cloned().unwrap_or_default()),
        "Generator.prototype.return",
    )
}

pub(crate) fn generator_throw(
    interp: &mut Interp,
    this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    generator_resume(
        interp,
        this,
        ResumeInput::Throw(args.first().cloned().unwrap_or_default()),
        "Generator.prototype.throw",
    )
}

// ---------------------------------------------------------------------------
// Async functions: AsyncBlockStart driven by promise reactions.

fn async_function_step(interp: &mut Interp, gen: &JsObject, input: ResumeInput) -> JsResult<()> {
    let Some(data) = generator_data(gen) else {
        return Ok(());
    };
    let Some(p) = data.promise.clone() else {
        return Ok(());
    };
    data.state.set(GeneratorState::Executing);
    let r = match resume(interp, data, input) {
        Ok(r) => r,
        Err(JsError::Throw(e)) => {
            promise::reject_promise(interp, &p, e);
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    match r {
        CoroutineResult::Yield(Suspend::Await(v))
        | CoroutineResult::Yield(Suspend::Yield(v))
        | CoroutineResult::Yield(Suspend::YieldRaw(v)) => {
            data.state.set(GeneratorState::Awaiting);
            await_then(
                interp,
                gen,
                v,
                async_function_fulfilled,
                async_function_rejected,
            )
        }
        CoroutineResult::Return(r) => {
            data.state.set(GeneratorState::Completed);
            match r {
                Ok(v) | Err(JsError::GeneratorReturn(v)) => promise::resolve_promise(interp, &p, v),
                Err(JsError::Throw(e)) => {
                    promise::reject_promise(interp, &p, e);
                    Ok(())
                }
                Err(e) => Err(e),
            }
        }
    }
}

/// Registers `on_ok`/`on_err` (closures over `gen`) on PromiseResolve(v).
fn await_then(
    interp: &mut Interp,
    gen: &JsObject,
    v: Value,
    on_ok: crate::NativeFn,
    on_err: crate::NativeFn,
) -> JsResult<()> {
    let p = match promise::promise_resolve(interp, v) {
        Ok(p) => p,
        Err(JsError::Throw(e)) => Value::Object(promise::promise_rejected(interp, e)),
        Err(e) => return Err(e),
    };
    let cached = generator_data(gen).map(|d| d.await_handlers.to_vec());
    let (f, r) = match cached.as_deref() {
        Some([f, r]) => (f.clone(), r.clone()),
        _ => {
            let slots = vec![Value::Object(gen.clone())];
            let f = Value::Object(create_native_closure(interp, on_ok, "", 1, slots.clone()));
            let r = Value::Object(create_native_closure(interp, on_err, "", 1, slots));
            if let Some(d) = generator_data(gen) {
                d.await_handlers.push(f.clone());
                d.await_handlers.push(r.clone());
            }
            (f, r)
        }
    };
    if let Value::Object(po) = &p {
        promise::perform_promise_then(interp, po, f, r, None);
    }
    Ok(())
}

fn slot_gen(interp: &Interp) -> Option<JsObject> {
    native_slots(interp)
        .into_iter()
        .next()
        .and_then(|v| v.as_object().cloned())
}

fn async_function_fulfilled(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    if let Some(g) = slot_gen(interp) {
        async_function_step(
            interp,
            &g,
            ResumeInput::Next(args.first().cloned().unwrap_or_default()),
        )?;
    }
    Ok(Value::Undefined)
}

fn async_function_rejected(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    if let Some(g) = slot_gen(interp) {
        async_function_step(
            interp,
            &g,
            ResumeInput::Throw(args.first().cloned().unwrap_or_default()),
        )?;
    }
    Ok(Value::Undefined)
}

// ---------------------------------------------------------------------------
// Async generators — ECMA-262 §27.6.

fn async_gen_enqueue(interp: &mut Interp, this: &Value, kind: u8, value: Value) -> JsResult<Value> {
    let p = promise::new_promise(interp);
    let data = match this {
        Value::Object(o) => generator_data(o)
            .filter(|g| g.kind == GeneratorKind::AsyncGenerator)
            .map(|_| o.clone()),
        _ => None,
    };
    let Some(gen) = data else {
        let err = crate::error::create_error(
            interp,
            crate::error::ErrorType::TypeError,
            "not an AsyncGenerator",
        );
        promise::reject_promise(interp, &p, Value::Object(err));
        return Ok(Value::Object(p));
    };
    if let Some(d) = generator_data(&gen) {
        d.queue.push(AsyncGeneratorRequest {
            kind,
            value,
            promise: p.clone(),
        });
        if !matches!(
            d.state.get(),
            GeneratorState::Executing | GeneratorState::Awaiting
        ) {
            async_gen_resume_next(interp, &gen)?;
        }
    }
    Ok(Value::Object(p))
}

pub(crate) fn async_generator_next(
    interp: &mut Interp,
    this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    async_gen_enqueue(
        interp,
        this,
        REQ_NEXT,
        args.first().cloned().unwrap_or_default(),
    )
}
pub(crate) fn async_generator_return(
    interp: &mut Interp,
    this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    async_gen_enqueue(
        interp,
        this,
        REQ_RETURN,
        args.first().cloned().unwrap_or_default(),
    )
}
pub(crate) fn async_generator_throw(
    interp: &mut Interp,
    this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    async_gen_enqueue(
        interp,
        this,
        REQ_THROW,
        args.first().cloned().unwrap_or_default(),
    )
}

/// AsyncGeneratorResumeNext (ES2021 formulation): serve queued requests.
fn async_gen_resume_next(interp: &mut Interp, gen: &JsObject) -> JsResult<()> {
    loop {
        let Some(data) = generator_data(gen) else {
            return Ok(());
        };
        if matches!(
            data.state.get(),
            GeneratorState::Executing | GeneratorState::Awaiting
        ) {
            return Ok(());
        }
        let Some(req) = data.queue.get(0) else {
            return Ok(());
        };
        if req.kind != REQ_NEXT && data.state.get() == GeneratorState::SuspendedStart {
            finish_generator(data);
        }
        if data.state.get() == GeneratorState::Completed {
            data.queue.remove(0);
            match req.kind {
                REQ_NEXT => {
                    let r = create_iter_result_object(interp, Value::Undefined, true);
                    promise::resolve_promise(interp, &req.promise, r)?;
                }
                REQ_RETURN => {
                    let v = req.value.clone();
                    let r = create_iter_result_object(interp, v, true);
                    promise::resolve_promise(interp, &req.promise, r)?;
                }
                _ => promise::reject_promise(interp, &req.promise, req.value.clone()),
            }
            continue;
        }
        let input = match req.kind {
            REQ_NEXT => ResumeInput::Next(req.value.clone()),
            REQ_THROW => ResumeInput::Throw(req.value.clone()),
            _ => ResumeInput::Return(req.value.clone()),
        };
        return async_gen_run(interp, gen, input);
    }
}

fn async_gen_run(interp: &mut Interp, gen: &JsObject, input: ResumeInput) -> JsResult<()> {
    let Some(data) = generator_data(gen) else {
        return Ok(());
    };
    data.state.set(GeneratorState::Executing);
    let r = match resume(interp, data, input) {
        Ok(r) => r,
        Err(JsError::Throw(e)) => CoroutineResult::Return(Err(JsError::Throw(e))),
        Err(e) => return Err(e),
    };
    match r {
        CoroutineResult::Yield(Suspend::Await(v)) => {
            data.state.set(GeneratorState::Awaiting);
            await_then(
                interp,
                gen,
                v,
                async_gen_await_fulfilled,
                async_gen_await_rejected,
            )
        }
        CoroutineResult::Yield(Suspend::Yield(v))
        | CoroutineResult::Yield(Suspend::YieldRaw(v)) => {
            data.state.set(GeneratorState::SuspendedYield);
            if let Some(req) = data.queue.remove(0) {
                let r = create_iter_result_object(interp, v, false);
                promise::resolve_promise(interp, &req.promise, r)?;
            }
            async_gen_resume_next(interp, gen)
        }
        CoroutineResult::Return(r) => {
            data.state.set(GeneratorState::Completed);
            if let Some(req) = data.queue.remove(0) {
                match r {
                    Ok(v) | Err(JsError::GeneratorReturn(v)) => {
                        let r = create_iter_result_object(interp, v, true);
                        promise::resolve_promise(interp, &req.promise, r)?;
                    }
                    Err(JsError::Throw(e)) => promise::reject_promise(interp, &req.promise, e),
                    Err(e) => return Err(e),
                }
            }
            async_gen_resume_next(interp, gen)
        }
    }
}

fn async_gen_await_fulfilled(
    interp: &mut Interp,
    _this: &Value,
    args: &[Value],
) -> JsResult<Value> {
    if let Some(g) = slot_gen(interp) {
        async_gen_run(
            interp,
            &g,
            ResumeInput::Next(args.first().cloned().unwrap_or_default()),
        )?;
    }
    Ok(Value::Undefined)
}

fn async_gen_await_rejected(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    if let Some(g) = slot_gen(interp) {
        async_gen_run(
            interp,
            &g,
            ResumeInput::Throw(args.first().cloned().unwrap_or_default()),
        )?;
    }
    Ok(Value::Undefined)
}

// ---------------------------------------------------------------------------
// Async iteration helpers.

/// GetIterator(obj, async) — ECMA-262 §7.4.3 with CreateAsyncFromSyncIterator.
pub fn get_async_iterator(interp: &mut Interp, v: &Value) -> JsResult<IteratorRecord> {
    let sym = interp.realm.intrinsics.symbol_async_iterator.clone();
    if let Some(m) = get_method(interp, v, &PropertyKey::Symbol(sym))? {
        return operations::get_iterator_from_method(interp, v, &m);
    }
    let sync = operations::get_iterator(interp, v)?;
    // CreateAsyncFromSyncIterator — ECMA-262 §27.1.6.1
    let obj = operations::new_object(interp);
    let next = create_native_closure(
        interp,
        async_from_sync_next,
        "next",
        1,
        vec![sync.iterator.clone(), sync.next_method.clone()],
    );
    let ret = create_native_closure(
        interp,
        async_from_sync_return,
        "return",
        1,
        vec![sync.iterator.clone()],
    );
    obj.define_value(
        "next",
        Value::Object(next.clone()),
        crate::storage::Attributes::hidden(),
    );
    obj.define_value(
        "return",
        Value::Object(ret),
        crate::storage::Attributes::hidden(),
    );
    let throw = create_native_closure(
        interp,
        async_from_sync_throw,
        "throw",
        1,
        vec![sync.iterator.clone()],
    );
    obj.define_value(
        "throw",
        Value::Object(throw),
        crate::storage::Attributes::hidden(),
    );
    Ok(IteratorRecord {
        iterator: Value::Object(obj),
        next_method: Value::Object(next),
        done: false,
    })
}

/// Turns a sync iterator result into a promise for `{ value: await value, done }`.
fn async_from_sync_continuation(interp: &mut Interp, result: JsResult<Value>) -> JsResult<Value> {
    let result = match result {
        Ok(r) => r,
        Err(JsError::Throw(e)) => return Ok(Value::Object(promise::promise_rejected(interp, e))),
        Err(e) => return Err(e),
    };
    if !result.is_object() {
        return match operations::iterator_result_not_object(interp, &result) {
            JsError::Throw(err) => Ok(Value::Object(promise::promise_rejected(interp, err))),
            e => Err(e),
        };
    }
    let done = operations::iterator_complete(interp, &result)?;
    let value = operations::iterator_value(interp, &result)?;
    let vp = match promise::promise_resolve(interp, value) {
        Ok(p) => p,
        Err(JsError::Throw(e)) => return Ok(Value::Object(promise::promise_rejected(interp, e))),
        Err(e) => return Err(e),
    };
    let unwrap = create_native_closure(
        interp,
        async_from_sync_unwrap,
        "",
        1,
        vec![Value::Bool(done)],
    );
    let out = promise::new_promise(interp);
    if let Value::Object(po) = &vp {
        let cap = promise::capability_for(interp, &out);
        promise::perform_promise_then(
            interp,
            po,
            Value::Object(unwrap),
            Value::Undefined,
            Some(cap),
        );
    }
    Ok(Value::Object(out))
}

fn async_from_sync_unwrap(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let done = matches!(native_slots(interp).first(), Some(Value::Bool(true)));
    Ok(create_iter_result_object(
        interp,
        args.first().cloned().unwrap_or_default(),
        done,
    ))
}

fn async_from_sync_next(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let slots = native_slots(interp);
    let (it, next) = (
        slots.first().cloned().unwrap_or_default(),
        slots.get(1).cloned().unwrap_or_default(),
    );
    let r = interp.call(&next, &it, args);
    async_from_sync_continuation(interp, r)
}

fn async_from_sync_return(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let it = native_slots(interp).first().cloned().unwrap_or_default();
    let m = match get_method(interp, &it, &return_key(interp)) {
        Ok(m) => m,
        Err(JsError::Throw(e)) => return Ok(Value::Object(promise::promise_rejected(interp, e))),
        Err(e) => return Err(e),
    };
    match m {
        None => {
            let r =
                create_iter_result_object(interp, args.first().cloned().unwrap_or_default(), true);
            let p = promise::new_promise(interp);
            promise::resolve_promise(interp, &p, r)?;
            Ok(Value::Object(p))
        }
        Some(m) => {
            let r = interp.call(&m, &it, args);
            async_from_sync_continuation(interp, r)
        }
    }
}

/// %AsyncFromSyncIteratorPrototype%.throw — ECMA-262 §27.1.6.2.3
fn async_from_sync_throw(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let it = native_slots(interp).first().cloned().unwrap_or_default();
    let m = match get_method(interp, &it, &PropertyKey::from("throw")) {
        Ok(m) => m,
        Err(JsError::Throw(e)) => return Ok(Value::Object(promise::promise_rejected(interp, e))),
        Err(e) => return Err(e),
    };
    match m {
        None => {
            // No `throw`: close the sync iterator, then reject with a TypeError.
            let rec = IteratorRecord {
                iterator: it.clone(),
                next_method: Value::Undefined,
                done: false,
            };
            if let Err(JsError::Throw(e)) = operations::iterator_close(interp, &rec, Ok(())) {
                return Ok(Value::Object(promise::promise_rejected(interp, e)));
            }
            let err = crate::error::create_error(
                interp,
                crate::error::ErrorType::TypeError,
                "The iterator does not provide a 'throw' method",
            );
            Ok(Value::Object(promise::promise_rejected(
                interp,
                Value::Object(err),
            )))
        }
        Some(m) => {
            let r = interp.call(&m, &it, args);
            async_from_sync_continuation(interp, r)
        }
    }
}

/// AsyncIteratorClose — ECMA-262 §7.4.12
pub(crate) fn async_iterator_close(
    interp: &mut Interp,
    rec: &IteratorRecord,
    completion: JsResult<crate::Completion>,
) -> JsResult<crate::Completion> {
    let ret = get_method(interp, &rec.iterator, &return_key(interp));
    let inner = match ret {
        Ok(None) => return completion,
        Ok(Some(f)) => interp
            .call(&f, &rec.iterator, &[])
            .and_then(|r| await_value(interp, r)),
        Err(e) => Err(e),
    };
    match completion {
        Err(e @ JsError::Throw(_)) => Err(e),
        Err(e) => {
            inner?;
            Err(e)
        }
        Ok(c) => {
            let r = inner?;
            if !r.is_object() {
                return Err(interp.type_error("iterator.return() did not return an object"));
            }
            Ok(c)
        }
    }
}

/// The interned key `"return"`.
fn return_key(interp: &Interp) -> PropertyKey {
    interp.keys.return_.clone()
}
