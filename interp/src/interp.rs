//! The interpreter state: realm, execution context stack, job queue, and
//! the entry points (`call`, `construct`, running scripts and modules).

use std::collections::HashMap;
use std::rc::Rc;

use parser::ast;

use crate::environment::{Env, EnvironmentKind, FunctionEnvironment, ThisBindingStatus};
use crate::execution_context::{ContextCode, ExecutionContext, Source};
use crate::function::FunctionObjectKind;
use crate::job_queue::JobQueue;
use crate::object::{JsObject, ObjectKind};
use crate::realm::Realm;
use crate::storage::Slot;
use crate::string::JsString;
use crate::value::{Symbol, Value};
use crate::JsResult;

/// Host configuration.
#[derive(Clone, Default)]
pub struct InterpOptions {
    /// Print execution contexts at function entry and exit (`--trace-context`).
    pub trace_context: bool,
    /// test262 host mode: unhandled rejections are not fatal.
    pub test262: bool,
    /// `process.argv`.
    pub argv: Vec<String>,
}

/// Maximum nesting of JavaScript calls (Node allows about 10,800 simple frames).
pub const MAX_CALL_DEPTH: usize = 10_000;

/// Bytes of stack kept free below the limit check for the Rust frames that
/// run between two checks.
const STACK_MARGIN: usize = 256 * 1024;

/// A coroutine that is running (or resuming another one).
pub(crate) struct CoroutineFrame {
    pub yielder: *const crate::generator::GenYielder,
}

pub struct Interp {
    pub realm: Realm,
    pub(crate) context_stack: crate::execution_context::ContextStack,
    /// The built-in functions running, each above the context it was
    /// called from (see `NativeFrame`).
    pub(crate) native_frames: Vec<crate::execution_context::NativeFrame>,
    pub job_queue: JobQueue,
    /// Timers, immediates, the nextTick queue, I/O completions.
    pub event_loop: crate::event_loop::EventLoop,
    pub options: InterpOptions,
    pub(crate) call_depth: usize,
    /// Calls and loop iterations left before the program is stopped
    /// (`tick`); unlimited unless a host lowers it.
    pub step_budget: u64,
    /// Lowest stack address the current stack may grow to (0 = unchecked).
    pub(crate) stack_limit: usize,
    pub(crate) coroutines: Vec<CoroutineFrame>,
    /// `Symbol.for` registry.
    pub symbol_registry: HashMap<JsString, Symbol>,
    /// Template objects per tagged-template site (GetTemplateObject).
    pub(crate) template_cache: HashMap<usize, (Rc<ast::Template>, JsObject)>,
    /// Promises rejected with no handler yet (HostPromiseRejectionTracker).
    pub pending_rejections: Vec<JsObject>,
    /// Allocation accounting for the collection policy.
    pub(crate) allocations_since_gc: usize,
    pub(crate) gc_threshold: usize,
    /// The main source, for uncaught-error diagnostics.
    pub main_source: Option<Rc<Source>>,
    /// Position (source, offset) of the most recent `throw`, for the
    /// uncaught-exception caret.
    pub last_throw_position: Option<(Rc<Source>, u32)>,
    /// Indentation for `--trace-context`.
    pub(crate) trace_depth: usize,
    /// Interned property keys of identifier names, by index (see `name_key`).
    pub(crate) name_key_table: Vec<crate::value::PropertyKey>,
    /// The index in `name_key_table` of each distinct name (see `name_key`).
    pub(crate) name_keys: rustc_hash::FxHashMap<ast::Atom, u32>,
    /// Identifies this interpreter in the AST's name cache slots, which
    /// another interpreter running the same AST must not trust.
    pub(crate) name_key_tag: u32,
    /// Emptied records of blocks and loop heads that nothing could
    /// capture, for the next such scope with the same outer record
    /// (`eval_stmt.rs`, `uncaptured_env`). Dropped at each collection.
    pub(crate) spare_envs: Vec<Env>,
    /// The interned key `"prototype"`, read by every `new`
    /// (GetPrototypeFromConstructor) without interning it again.
    pub(crate) prototype_key: crate::value::PropertyKey,
    /// `"value"`, `"done"`, `"next"`, `"return"`, `"length"`, interned once.
    pub(crate) keys: crate::operations::CommonKeys,
    /// The results of `typeof`, made once.
    pub(crate) typeof_strings: crate::operations::TypeofStrings,
    /// String literal values per literal (see `literal_string`).
    pub(crate) string_cache: rustc_hash::FxHashMap<usize, (ast::Utf16, JsString)>,
    /// The host object `process`, once created by the binary.
    pub host_data: HashMap<&'static str, Value>,
    /// CommonJS and ES module loaders (`modules/`).
    pub modules: crate::modules::ModuleLoader,
    /// `--permission` and its `--allow-*` lists (`permission.rs`).
    pub permissions: crate::permission::Permissions,
}

/// A fresh nonzero tag for `Interp::name_key_tag` (0 marks an empty slot).
fn next_name_key_tag() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    loop {
        let t = NEXT.fetch_add(1, Ordering::Relaxed);
        if t != 0 {
            return t;
        }
    }
}

impl Interp {
    pub fn new(options: InterpOptions) -> Interp {
        gc::configure(|c| {
            // Collections are started by `maybe_collect` only, on the main
            // stack (never on a small coroutine stack).
            c.threshold = usize::MAX;
            c.leak_on_drop = true;
        });
        let realm = Realm::create();
        let context_stack = crate::execution_context::ContextStack::new(realm.global_env.clone());
        let mut interp = Interp {
            realm,
            context_stack,
            native_frames: Vec::new(),
            job_queue: JobQueue::default(),
            event_loop: Default::default(),
            options,
            call_depth: 0,
            step_budget: u64::MAX,
            stack_limit: 0,
            coroutines: Vec::new(),
            symbol_registry: HashMap::new(),
            template_cache: HashMap::new(),
            pending_rejections: Vec::new(),
            allocations_since_gc: 0,
            gc_threshold: 8_000,
            main_source: None,
            last_throw_position: None,
            trace_depth: 0,
            name_key_table: Vec::new(),
            name_key_tag: next_name_key_tag(),
            prototype_key: crate::value::PropertyKey::from("prototype"),
            keys: crate::operations::CommonKeys::new(),
            typeof_strings: crate::operations::TypeofStrings::new(),
            string_cache: Default::default(),
            spare_envs: Vec::new(),
            name_keys: Default::default(),
            host_data: HashMap::new(),
            modules: crate::modules::ModuleLoader::default(),
            permissions: Default::default(),
        };
        crate::realm::initialize_intrinsics(&mut interp);
        // The collector's pace in bytes starts from what the process holds
        // with the intrinsics made.
        crate::heap_limit::set_pace();
        interp
    }

    /// Sets the lowest stack address usable on the current (main) stack.
    /// Call on the thread that runs the interpreter, passing its stack size.
    pub fn set_stack_size(&mut self, size: usize) {
        let here = stack_pointer();
        self.stack_limit = here.saturating_sub(size.saturating_sub(STACK_MARGIN.max(size / 16)));
    }

    // ------------------------------------------------------------------
    // Allocation.

    /// Allocates an object (every object allocation goes through here).
    pub fn alloc_object(&mut self, proto: Option<JsObject>, kind: ObjectKind) -> JsObject {
        self.before_alloc();
        JsObject::new_raw(proto, kind)
    }

    /// `alloc_object` of an ordinary object (`JsObject::new_ordinary_raw`).
    #[inline]
    pub fn alloc_ordinary_object(&mut self, proto: Option<JsObject>) -> JsObject {
        self.before_alloc();
        JsObject::new_ordinary_raw(proto)
    }

    /// Allocates an environment record.
    pub(crate) fn alloc_env(
        &mut self,
        outer: Option<Env>,
        kind: EnvironmentKind,
        label: &'static str,
        cap: usize,
    ) -> Env {
        self.before_alloc();
        Env::new_raw(outer, kind, label, cap)
    }

    pub fn new_declarative_env(&mut self, outer: Env, label: &'static str, cap: usize) -> Env {
        self.alloc_env(Some(outer), EnvironmentKind::Declarative, label, cap)
    }

    pub(crate) fn new_function_env(
        &mut self,
        outer: Env,
        f: Option<JsObject>,
        this_lexical: bool,
        new_target: Value,
        cap: usize,
    ) -> Env {
        let kind = EnvironmentKind::Function(FunctionEnvironment {
            this_value: Slot::new(Value::Undefined),
            this_status: std::cell::Cell::new(if this_lexical {
                ThisBindingStatus::Lexical
            } else {
                ThisBindingStatus::Uninitialized
            }),
            function_object: f,
            new_target: Slot::new(new_target),
        });
        self.alloc_env(Some(outer), kind, "function", cap)
    }

    #[inline(always)]
    pub(crate) fn before_alloc(&mut self) {
        #[cfg(feature = "gc-stress")]
        {
            self.collect_garbage();
        }
        #[cfg(not(feature = "gc-stress"))]
        {
            self.allocations_since_gc += 1;
            if self.allocations_since_gc >= self.gc_threshold || crate::heap_limit::over_limit() {
                self.collect_garbage();
            }
        }
    }

    /// Counts memory a new object owns outside its box (the elements of a
    /// large array a host binding made, say) towards the next collection,
    /// as about one object per 128 bytes, so that garbage holding much
    /// memory in few objects is still collected in time.
    pub fn note_external_allocation(&mut self, bytes: usize) {
        #[cfg(not(feature = "gc-stress"))]
        {
            self.allocations_since_gc += bytes / 128;
            if self.allocations_since_gc >= self.gc_threshold {
                self.collect_garbage();
            }
        }
        #[cfg(feature = "gc-stress")]
        let _ = bytes;
    }

    /// Runs a full collection, on the main stack.
    pub fn collect_garbage(&mut self) {
        self.allocations_since_gc = 0;
        // Spare records keep their outer chains alive; let those go.
        self.spare_envs.clear();
        crate::generator::run_on_main_stack(&self.coroutines, gc::force_collect);
        crate::heap_limit::check_after_collection();
        let live = gc::stats().bytes_allocated;
        // Collect again after allocating about as many objects as are live
        // (each object box is roughly 100-200 bytes), but at least 8,000:
        // the collector walks a linked list of every box, and frequent small
        // collections keep that list in cache (measured: 8,000 makes
        // allocation-heavy loops about twice as fast as 100,000).
        self.gc_threshold = (live / 128).max(8_000);
        if std::env::var_os("MINIJS_GC_DEBUG").is_some() {
            let s = gc::stats();
            eprintln!(
                "gc: collections={} live_bytes={} next={}",
                s.collections_performed, s.bytes_allocated, self.gc_threshold
            );
        }
    }

    // ------------------------------------------------------------------
    // Execution contexts.

    /// The running execution context.
    pub fn running_context(&self) -> Option<&ExecutionContext> {
        self.context_stack.last()
    }

    pub(crate) fn ctx(&self) -> &ExecutionContext {
        // The context stack is never empty while code runs: every entry
        // point pushes a context first.
        match self.context_stack.last() {
            Some(c) => c,
            None => unreachable_context(),
        }
    }

    pub(crate) fn ctx_mut(&mut self) -> &mut ExecutionContext {
        match self.context_stack.last_mut() {
            Some(c) => c,
            None => unreachable_context(),
        }
    }

    /// The running context's LexicalEnvironment, borrowed: lookups walk the
    /// chain by reference, without the root-count traffic of a clone.
    #[inline]
    pub(crate) fn lexical_env_ref(&self) -> &Env {
        match self.context_stack.last() {
            Some(c) => &c.lexical_environment,
            None => &self.realm.global_env,
        }
    }

    pub fn lexical_env(&self) -> Env {
        self.context_stack
            .last()
            .map(|c| c.lexical_environment.clone())
            .unwrap_or_else(|| self.realm.global_env.clone())
    }

    pub(crate) fn set_lexical_env(&mut self, env: Env) {
        if !self.context_stack.set_lexical_env(env) {
            unreachable_context()
        }
    }

    /// The record of the running context's LexicalEnvironment (see
    /// `ContextStack::lexical_record`).
    #[inline(always)]
    pub(crate) fn lexical_record(&self) -> &crate::environment::EnvironmentRecord {
        self.context_stack.lexical_record()
    }

    pub fn is_strict(&self) -> bool {
        self.context_stack.last().is_some_and(|c| c.strict)
    }

    /// The function object of the running context (for natives that keep
    /// state in their slots).
    pub fn active_function(&self) -> Option<JsObject> {
        match self.native_frames.last() {
            Some(n) if n.depth == self.context_stack.len() => Some(n.function.clone()),
            _ => self.context_stack.last().and_then(|c| c.function.clone()),
        }
    }

    #[inline]
    pub(crate) fn set_position(&mut self, pos: u32) {
        if let Some(c) = self.context_stack.last_mut() {
            c.position = pos;
        }
    }

    /// Checks stack space and nesting; the one place where running out of
    /// stack becomes `RangeError: Maximum call stack size exceeded`.
    #[inline]
    pub(crate) fn check_stack(&mut self) -> JsResult<()> {
        if self.stack_limit != 0 && stack_pointer() < self.stack_limit {
            return Err(self.range_error("Maximum call stack size exceeded"));
        }
        Ok(())
    }

    /// Counts one step (a call or a loop iteration) against
    /// `step_budget`; when it runs out the program ends as if by
    /// `process.exit(124)` (hosts such as the fuzz targets set a budget).
    #[inline]
    pub(crate) fn tick(&mut self) -> JsResult<()> {
        if self.step_budget == 0 {
            return Err(crate::JsError::Exit(124));
        }
        self.step_budget -= 1;
        Ok(())
    }

    pub(crate) fn enter_call(&mut self) -> JsResult<()> {
        self.tick()?;
        if self.call_depth >= MAX_CALL_DEPTH {
            return Err(self.range_error("Maximum call stack size exceeded"));
        }
        self.check_stack()?;
        self.call_depth += 1;
        Ok(())
    }

    pub(crate) fn leave_call(&mut self) {
        self.call_depth = self.call_depth.saturating_sub(1);
    }

    // ------------------------------------------------------------------
    // [[Call]] and [[Construct]].

    /// Call(F, V, argumentsList) — ECMA-262 §7.3.14
    pub fn call(&mut self, f: &Value, this: &Value, args: &[Value]) -> JsResult<Value> {
        let Value::Object(fo) = f else {
            let shown = crate::inspect::short_description(self, f);
            return Err(self.type_error(format!("{shown} is not a function")));
        };
        match crate::function::function_object_kind(fo) {
            Some(FunctionObjectKind::Script) => {
                crate::function::call_script_function(self, fo, this, args)
            }
            Some(FunctionObjectKind::Native) => {
                crate::function::call_native_function(self, fo, this, args, None)
            }
            Some(FunctionObjectKind::Bound) => {
                crate::function::call_bound_function(self, fo, args, None)
            }
            None => match fo.kind() {
                ObjectKind::Proxy(p) if p.is_callable() => crate::proxy::call(self, p, this, args),
                _ => {
                    let shown = crate::inspect::short_description(self, f);
                    Err(self.type_error(format!("{shown} is not a function")))
                }
            },
        }
    }

    /// Construct(F, argumentsList, newTarget) — ECMA-262 §7.3.15
    pub fn construct(
        &mut self,
        f: &Value,
        args: &[Value],
        new_target: Option<&Value>,
    ) -> JsResult<Value> {
        let Value::Object(fo) = f else {
            let shown = crate::inspect::short_description(self, f);
            return Err(self.type_error(format!("{shown} is not a constructor")));
        };
        if !fo.is_constructor() {
            let shown = crate::inspect::short_description(self, f);
            return Err(self.type_error(format!("{shown} is not a constructor")));
        }
        let nt = new_target.cloned().unwrap_or_else(|| f.clone());
        match crate::function::function_object_kind(fo) {
            Some(FunctionObjectKind::Script) => {
                crate::function::construct_script_function(self, fo, args, &nt)
            }
            Some(FunctionObjectKind::Native) => {
                crate::function::call_native_function(self, fo, &nt, args, Some(&nt))
            }
            Some(FunctionObjectKind::Bound) => {
                crate::function::call_bound_function(self, fo, args, Some(&nt))
            }
            None => match fo.kind() {
                ObjectKind::Proxy(p) => crate::proxy::construct(self, p, args, &nt),
                _ => Err(self.type_error("not a constructor")),
            },
        }
    }

    // ------------------------------------------------------------------
    // Entry points.

    /// Runs a parsed classic script as global code (ScriptEvaluation —
    /// ECMA-262 §16.1.6).
    pub fn run_script(&mut self, program: &ast::Program, source: Rc<Source>) -> JsResult<Value> {
        let global_env = self.realm.global_env.clone();
        let global_this = Value::Object(self.realm.global_object.clone());
        self.context_stack.push(ExecutionContext {
            function: None,
            lexical_environment: global_env.clone(),
            variable_environment: global_env.clone(),
            private_environment: None,
            this_binding: global_this,
            this_fixed: false,
            code: ContextCode::Script,
            strict: program.strict,
            own_source: Some(source),
            position: 0,
            frame_name: None,
            is_construct: false,
        });
        let result = self
            .global_declaration_instantiation(program, &global_env, false)
            .and_then(|_| self.eval_statements(&program.body));
        self.context_stack.pop();
        match result? {
            crate::Completion::Normal(v) => Ok(v.unwrap_or_default()),
            crate::Completion::Return(v) => Ok(v),
            _ => Ok(Value::Undefined),
        }
    }

    /// Runs one REPL input as global code. Its `let`, `const` and `class`
    /// declarations may declare again names that earlier inputs declared.
    /// An input that awaits at its top level (parsed with
    /// `ParseOptions::top_level_await`) runs as the body of an async
    /// function: the result is then the promise of its completion value.
    pub fn run_repl_input(
        &mut self,
        program: Rc<ast::Program>,
        source: Rc<Source>,
    ) -> JsResult<ReplCompletion> {
        let global_env = self.realm.global_env.clone();
        let global_this = Value::Object(self.realm.global_object.clone());
        let context = || ExecutionContext {
            function: None,
            lexical_environment: global_env.clone(),
            variable_environment: global_env.clone(),
            private_environment: None,
            this_binding: global_this.clone(),
            this_fixed: false,
            code: ContextCode::Script,
            strict: program.strict,
            own_source: Some(source.clone()),
            position: 0,
            frame_name: None,
            is_construct: false,
        };
        self.context_stack.push(context());
        let declared = self.global_declaration_instantiation(&program, &global_env, true);
        if declared.is_err() || !program.has_top_level_await {
            let result = declared.and_then(|_| self.eval_statements(&program.body));
            self.context_stack.pop();
            return Ok(ReplCompletion::Value(match result? {
                crate::Completion::Normal(v) => v.unwrap_or_default(),
                _ => Value::Undefined,
            }));
        }
        self.context_stack.pop();
        let context = context();
        crate::generator::start_async_body(self, context, program, true)
            .map(ReplCompletion::Promise)
    }

    /// Runs a program as a CommonJS module body: the code behaves as the
    /// body of `function (exports, require, module, __filename, __dirname)`
    /// called with `this = module.exports`.
    pub fn run_commonjs(
        &mut self,
        program: &ast::Program,
        source: Rc<Source>,
        wrapper_args: &[(&str, Value)],
        this: Value,
    ) -> JsResult<Value> {
        let global_env = self.realm.global_env.clone();
        let env = self.new_function_env(global_env, None, false, Value::Undefined, 8);
        if let Some(f) = env.as_function_env() {
            f.this_value.set(this.clone());
            f.this_status.set(ThisBindingStatus::Initialized);
        }
        let arg_values: Vec<Value> = wrapper_args.iter().map(|(_, v)| v.clone()).collect();
        let arguments = crate::function::create_unmapped_arguments_object(self, &arg_values);
        env.bindings().add(
            Rc::from("arguments"),
            crate::storage::BINDING_INITIALIZED | crate::storage::BINDING_MUTABLE,
            Value::Object(arguments),
        );
        for (name, value) in wrapper_args {
            env.bindings().add(
                Rc::from(*name),
                crate::storage::BINDING_INITIALIZED | crate::storage::BINDING_MUTABLE,
                value.clone(),
            );
        }
        self.context_stack.push(ExecutionContext {
            function: None,
            lexical_environment: env.clone(),
            variable_environment: env.clone(),
            private_environment: None,
            this_binding: this,
            this_fixed: false,
            code: ContextCode::Script,
            strict: program.strict,
            own_source: Some(source),
            position: 0,
            frame_name: Some("Object.<anonymous>"),
            is_construct: false,
        });
        let result = self
            .body_declaration_instantiation(&program.scope, &env, &env, program.strict)
            .and_then(|_| self.eval_statements(&program.body));
        self.context_stack.pop();
        match result? {
            crate::Completion::Normal(v) => Ok(v.unwrap_or_default()),
            crate::Completion::Return(v) => Ok(v),
            _ => Ok(Value::Undefined),
        }
    }

    /// Runs a program as an ES module body (no imports resolved yet):
    /// strict, `this` undefined, its own module environment.
    pub fn run_module(&mut self, program: &ast::Program, source: Rc<Source>) -> JsResult<Value> {
        let global_env = self.realm.global_env.clone();
        let env = self.alloc_env(Some(global_env), EnvironmentKind::Module, "module", 8);
        self.context_stack.push(ExecutionContext {
            function: None,
            lexical_environment: env.clone(),
            variable_environment: env.clone(),
            private_environment: None,
            this_binding: Value::Undefined,
            this_fixed: false,
            code: ContextCode::Module,
            strict: true,
            own_source: Some(source),
            position: 0,
            frame_name: None,
            is_construct: false,
        });
        let result = self
            .body_declaration_instantiation(&program.scope, &env, &env, true)
            .and_then(|_| self.eval_statements(&program.body));
        self.context_stack.pop();
        match result? {
            crate::Completion::Normal(v) => Ok(v.unwrap_or_default()),
            _ => Ok(Value::Undefined),
        }
    }

    /// Runs queued jobs until the queue is empty (promise reactions).
    pub fn run_jobs(&mut self) -> JsResult<()> {
        while let Some(job) = self.job_queue.pop() {
            crate::job_queue::run_job(self, job)?;
        }
        Ok(())
    }
}

/// What a REPL input evaluated to (`Interp::run_repl_input`).
pub enum ReplCompletion {
    Value(Value),
    /// The input awaited at its top level: its completion value, later.
    Promise(JsObject),
}

#[cold]
fn unreachable_context() -> ! {
    // Every entry point pushes an execution context before evaluating code;
    // reaching this is an engine bug, not a user-triggerable condition.
    panic!("no running execution context")
}

/// The current stack pointer (approximately: on x86-64 and AArch64 the
/// register itself, one instruction; elsewhere the address of a local).
#[inline(always)]
pub(crate) fn stack_pointer() -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let sp: usize;
        // Safety: copies the stack pointer register into a general
        // register; reads and writes no memory, leaves the stack and the
        // flags alone.
        unsafe {
            std::arch::asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags));
        }
        sp
    }
    #[cfg(target_arch = "aarch64")]
    {
        let sp: usize;
        // Safety: as above (`mov` from `sp` reads only the register).
        unsafe {
            std::arch::asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags));
        }
        sp
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        let marker = 0u8;
        std::hint::black_box(&marker) as *const u8 as usize
    }
}
