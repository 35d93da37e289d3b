//! Execution contexts (ECMA-262 §9.4) and the source files they run.
//!
//! There is one realm per interpreter, so the spec's `realm` field is the
//! interpreter's `realm`; the context adds what stack traces need: the
//! source it runs and the position of the call or `throw` in progress.

use std::rc::Rc;

use parser::ast;

use crate::environment::{Env, EnvironmentRecord};
use crate::function::ScriptFunction;
use crate::object::{JsObject, ObjectKind};
use crate::value::{PrivateName, Value};

/// A loaded source text with its line table (spans are byte offsets;
/// line:col is computed only when an error is shown).
pub struct Source {
    pub name: String,
    pub text: Rc<str>,
    line_starts: Vec<u32>,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<Rc<str>>) -> Rc<Source> {
        let text: Rc<str> = text.into();
        let mut line_starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        Rc::new(Source {
            name: name.into(),
            text,
            line_starts,
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(self.text.len() as u32);
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let mut end = offset as usize;
        while end > start && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line + 1, col)
    }

    /// The text of the 1-based line `line`.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map(|&e| e as usize - 1)
            .unwrap_or(self.text.len());
        let text = &self.text[start as usize..end.max(start as usize)];
        text.strip_suffix('\r').unwrap_or(text)
    }
}

/// The private names visible to a class body (PrivateEnvironment Record —
/// ECMA-262 §9.2).
pub struct PrivateEnvironment {
    pub outer: Option<Rc<PrivateEnvironment>>,
    pub names: Vec<(ast::Atom, PrivateName)>,
}

impl PrivateEnvironment {
    /// ResolvePrivateIdentifier — ECMA-262 §9.2.1.2
    pub fn resolve(&self, name: &str) -> Option<PrivateName> {
        if let Some((_, p)) = self.names.iter().find(|(n, _)| &**n == name) {
            return Some(p.clone());
        }
        self.outer.as_ref().and_then(|o| o.resolve(name))
    }
}

/// A built-in function's call in progress. Built-ins get no
/// [`ExecutionContext`]: nothing evaluates code in them, so they need
/// neither environments nor `this`. What their frame is for (the active
/// function, stack traces, `new` in a stack trace) is kept on the
/// interpreter's `native_frames`, beside the context stack.
pub struct NativeFrame {
    pub function: JsObject,
    /// The number of execution contexts below this frame (it runs above
    /// `context_stack[depth - 1]`).
    pub depth: usize,
    pub is_construct: bool,
}

/// What an execution context is running.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ContextCode {
    Script,
    Module,
    Eval,
    /// The code of the context's `function` (an ECMAScript function).
    Function,
}

/// The execution context stack — ECMA-262 §9.4 — with the running
/// context and the record of its LexicalEnvironment kept at hand: `this`
/// reads the running context (`last`) without computing where the top of
/// the stack is, and a cached identifier read starts from the record
/// (`Interp::lexical_record`) without dereferencing the environment handle.
///
/// Reads go through `last` and the slice (`Deref`); changes through
/// `push`, `pop`, `last_mut` and `set_lexical_env`, which keep `running`
/// and `top` up to date. A context's `lexical_environment` is replaced
/// only by `set_lexical_env` (never by assigning through `last_mut`).
pub struct ContextStack {
    stack: Vec<ExecutionContext>,
    /// The top context of `stack` (null when it is empty). Points into
    /// `stack`'s buffer: recomputed by every push and pop, the only
    /// changes of its length (and so of where the buffer is).
    running: *mut ExecutionContext,
    /// The record of the top context's LexicalEnvironment, or of `base`
    /// when the stack is empty. Always points at a live record: the one a
    /// context on the stack (or `base`) holds a handle to.
    top: *const EnvironmentRecord,
    /// The environment used when no context runs (the realm's global
    /// environment).
    base: Env,
}

impl ContextStack {
    pub(crate) fn new(base: Env) -> ContextStack {
        let mut s = ContextStack {
            stack: Vec::new(),
            running: std::ptr::null_mut(),
            top: std::ptr::null(),
            base,
        };
        s.refresh();
        s
    }

    /// The record of `env`, as a pointer.
    #[inline(always)]
    fn record_of(env: &Env) -> *const EnvironmentRecord {
        // Safety: contexts are pushed and popped, and lexical environments
        // replaced, only by evaluation and the host, never while the
        // collector sweeps (see `Env::record_unchecked`).
        unsafe { env.record_unchecked() as *const EnvironmentRecord }
    }

    #[inline(always)]
    fn refresh(&mut self) {
        match self.stack.last_mut() {
            Some(c) => {
                self.top = Self::record_of(&c.lexical_environment);
                self.running = c;
            }
            None => {
                self.top = Self::record_of(&self.base);
                self.running = std::ptr::null_mut();
            }
        }
    }

    #[inline(always)]
    pub fn push(&mut self, c: ExecutionContext) {
        self.reserve_one();
        // Safety: room was made just above.
        unsafe { self.push_reserved(c) }
    }

    /// Makes room for one more context, for `push_reserved`.
    #[inline(always)]
    pub fn reserve_one(&mut self) {
        if self.stack.len() == self.stack.capacity() {
            self.grow();
        }
    }

    /// `push` into room `reserve_one` made: no growth test or call between
    /// the context's construction and its write, so the compiler may
    /// build it in place.
    ///
    /// # Safety
    /// `reserve_one` was called since the last push.
    #[inline(always)]
    pub unsafe fn push_reserved(&mut self, c: ExecutionContext) {
        let len = self.stack.len();
        debug_assert!(len < self.stack.capacity());
        self.top = Self::record_of(&c.lexical_environment);
        // Safety: the buffer has room for element `len` (our caller's
        // contract), which is written before the length counts it.
        unsafe {
            let p = self.stack.as_mut_ptr().add(len);
            p.write(c);
            self.stack.set_len(len + 1);
            self.running = p;
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        self.stack.reserve(1);
    }

    #[inline(always)]
    pub fn pop(&mut self) -> Option<ExecutionContext> {
        let c = self.stack.pop();
        self.refresh();
        c
    }

    /// `pop` of a function's context (one `prepare_call` pushed: function
    /// code, no `own_source`), handing back its VariableEnvironment. The
    /// other fields are dropped in place, each tested only for what it can
    /// hold (the function and LexicalEnvironment are often unrooted
    /// copies, the private environment and `this` often nothing to drop),
    /// rather than read out and moved through the stack.
    #[inline(always)]
    pub(crate) fn pop_function(&mut self) -> Option<Env> {
        let len = self.stack.len().checked_sub(1)?;
        // Safety: element `len` is initialized; once the length no longer
        // counts it, each field is read or dropped exactly once below. Its
        // memory stays the buffer's and is not written (nothing pushes
        // until this returns: dropping handles and an `Rc` runs no
        // evaluation).
        let c = unsafe {
            self.stack.set_len(len);
            self.stack.as_mut_ptr().add(len)
        };
        // (Before the drops, which the compiler cannot see through: the
        // stack's pointer and length are still in registers.)
        self.refresh();
        // Safety: see above.
        unsafe {
            debug_assert!((*c).code == ContextCode::Function && (*c).own_source.is_none());
            std::ptr::drop_in_place(std::ptr::addr_of_mut!((*c).function));
            std::ptr::drop_in_place(std::ptr::addr_of_mut!((*c).lexical_environment));
            if (*c).private_environment.is_some() {
                std::ptr::drop_in_place(std::ptr::addr_of_mut!((*c).private_environment));
            }
            // (Tested in place: a read of the value would copy it to the
            // stack first.)
            if !(*c).this_binding.owns_nothing() {
                std::ptr::drop_in_place(std::ptr::addr_of_mut!((*c).this_binding));
            }
            if (*c).own_source.is_some() {
                std::ptr::drop_in_place(std::ptr::addr_of_mut!((*c).own_source));
            }
            Some(std::ptr::read(std::ptr::addr_of!(
                (*c).variable_environment
            )))
        }
    }

    /// The running context (the top of the stack).
    #[inline(always)]
    pub fn last(&self) -> Option<&ExecutionContext> {
        debug_assert!(std::ptr::eq(
            self.running,
            self.stack.last().map_or(std::ptr::null(), |c| c)
        ));
        // Safety: `running` is null or points at the last element of
        // `stack` (kept so by `push` and `pop`, the only changes of its
        // length), which lives as long as `self` is borrowed.
        unsafe { self.running.as_ref() }
    }

    /// The running context, to change anything but its
    /// `lexical_environment` (see `set_lexical_env`).
    #[inline(always)]
    pub fn last_mut(&mut self) -> Option<&mut ExecutionContext> {
        debug_assert!(std::ptr::eq(
            self.running,
            self.stack.last().map_or(std::ptr::null(), |c| c)
        ));
        // Safety: as in `last`; `&mut self` makes the borrow exclusive.
        unsafe { self.running.as_mut() }
    }

    /// Replaces the running context's LexicalEnvironment; `false` (and
    /// nothing changed) when no context runs.
    #[inline(always)]
    pub fn set_lexical_env(&mut self, env: Env) -> bool {
        match self.last_mut() {
            Some(c) => {
                c.lexical_environment = env;
                self.top = Self::record_of(&c.lexical_environment);
                true
            }
            None => false,
        }
    }

    /// The record of the running context's LexicalEnvironment (the global
    /// record when no context runs).
    #[inline(always)]
    pub fn lexical_record(&self) -> &EnvironmentRecord {
        debug_assert!(std::ptr::eq(
            self.top,
            match self.stack.last() {
                Some(c) => Self::record_of(&c.lexical_environment),
                None => Self::record_of(&self.base),
            }
        ));
        // Safety: `top` points at the record of an environment handle held
        // by the top context or by `base` (kept so by every change of the
        // stack and of the top context's LexicalEnvironment), which keeps
        // it alive at least as long as `self` is borrowed: it can change
        // only through `&mut self`.
        unsafe { &*self.top }
    }
}

impl std::ops::Deref for ContextStack {
    type Target = [ExecutionContext];

    #[inline(always)]
    fn deref(&self) -> &[ExecutionContext] {
        &self.stack
    }
}

/// An execution context — ECMA-262 §9.4.
///
/// One is pushed per call, so it keeps only what differs per call: what
/// the called function object already holds (its code and source text) is
/// read through `function` (`function_code`, `source`).
pub struct ExecutionContext {
    /// The function object whose code is running (`None` for scripts).
    pub function: Option<JsObject>,
    pub lexical_environment: Env,
    pub variable_environment: Env,
    pub private_environment: Option<Rc<PrivateEnvironment>>,
    /// The `this` value bound on entry (for display; evaluation resolves
    /// `this` through the environment chain, as the spec does, unless
    /// `this_fixed`).
    pub this_binding: Value,
    /// The source of script, module and eval code (`None` for function
    /// code, whose source is its function's: see `source`).
    pub own_source: Option<Rc<Source>>,
    /// Name shown in stack traces.
    pub frame_name: Option<&'static str>,
    /// Byte offset of the call, `new` or `throw` in progress (stack traces).
    pub position: u32,
    pub code: ContextCode,
    /// `this_binding` is what ResolveThisBinding gives everywhere in this
    /// context's code: an ordinary (not arrow, not derived-constructor)
    /// function's context, whose `this` is bound once on entry.
    pub this_fixed: bool,
    pub strict: bool,
    pub is_construct: bool,
}

impl ExecutionContext {
    /// The ECMAScript function object running, if this is function code.
    fn script_function(&self) -> Option<&ScriptFunction> {
        if self.code != ContextCode::Function {
            return None;
        }
        match self.function.as_ref()?.kind() {
            ObjectKind::Function(sf) => Some(sf),
            _ => None,
        }
    }

    /// The code of a function context.
    pub fn function_code(&self) -> Option<&Rc<ast::Function>> {
        self.script_function().map(|sf| &sf.code)
    }

    /// The source text this context runs (`None` for built-ins).
    pub fn source(&self) -> Option<&Rc<Source>> {
        match self.script_function() {
            Some(sf) => Some(&sf.source),
            None => self.own_source.as_ref(),
        }
    }
}
