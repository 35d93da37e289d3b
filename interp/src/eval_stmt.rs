//! Evaluation of statements (ECMA-262 §14) with completion records, and
//! GlobalDeclarationInstantiation (§16.1.7).

use std::rc::Rc;

use smallvec::SmallVec;

use parser::ast::{self, ForHead, ForInit, Stmt, StmtKind, VarKind};

use crate::builtins::{array, iterator};
use crate::environment::{Env, EnvironmentKind};
use crate::function::{
    create_script_function, instantiate_hoisted_functions, instantiate_lexical_names,
    lexical_binding_flags,
};
use crate::interp::Interp;
use crate::object::{JsObject, ObjectKind, PropertyDescriptor};
use crate::operations::{self, to_object, IteratorRecord};
use crate::storage::{Attributes, BINDING_INITIALIZED};
use crate::string::JsString;
use crate::value::{PropertyKey, Value};
use crate::{Completion, JsError, JsResult};

type Labels<'a> = &'a [ast::Atom];

/// LoopContinues — ECMA-262 §14.7.1.2
fn loop_continues(c: &Completion, labels: Labels) -> bool {
    match c {
        Completion::Normal(_) => true,
        Completion::Continue(None, _) => true,
        Completion::Continue(Some(l), _) => labels.contains(l),
        _ => false,
    }
}

/// UpdateEmpty(C, V) — ECMA-262 §6.2.4.5
#[inline]
fn update_empty(c: Completion, v: Option<Value>) -> Completion {
    match c {
        Completion::Normal(None) => Completion::Normal(v),
        Completion::Break(l, None) => Completion::Break(l, v),
        Completion::Continue(l, None) => Completion::Continue(l, v),
        c => c,
    }
}

/// The [[Value]] of a completion, if not empty.
fn completion_value(c: &Completion) -> Option<&Value> {
    match c {
        Completion::Normal(v) | Completion::Break(_, v) | Completion::Continue(_, v) => v.as_ref(),
        Completion::Return(v) => Some(v),
    }
}

/// What a loop returns when its body completed abruptly:
/// UpdateEmpty(stmtResult, V), an unlabeled break becoming normal.
fn loop_exit(c: Completion, last: Option<Value>) -> Completion {
    match update_empty(c, last) {
        Completion::Break(None, v) => Completion::Normal(v),
        other => other,
    }
}

/// What a loop does with its body's completion `c`: `Some(exit)` when the
/// loop ends there (a break, a return, a continue to an outer label),
/// `None` when it goes on; where the completion value is observed (`V`),
/// `last` keeps the body's value (UpdateEmpty).
#[inline(always)]
fn after_iteration<const V: bool>(
    c: Completion,
    labels: Labels,
    last: &mut Option<Value>,
) -> Option<Completion> {
    if !loop_continues(&c, labels) {
        return Some(loop_exit(c, last.take()));
    }
    if V {
        if let Some(v) = completion_value(&c) {
            *last = Some(v.clone());
        }
    }
    discard_completion(c);
    None
}

/// Drops a completion. A normal completion without a value, what a
/// statement evaluated for no completion value leaves, owns nothing: it
/// is forgotten without a call of the drop glue.
#[inline(always)]
fn discard_completion(c: Completion) {
    if matches!(c, Completion::Normal(None)) {
        std::mem::forget(c);
    } else {
        drop(c);
    }
}

/// See `Interp::loop_scope`.
struct LoopScope {
    /// The record of the last iteration, when it may serve the next one.
    env: Option<Env>,
    keep: bool,
    /// The flags of the record's fresh bindings, in the order
    /// `instantiate_lexical_names` adds them.
    flags: SmallVec<[u8; 4]>,
}

impl Interp {
    /// Evaluates a statement list, keeping the last value (UpdateEmpty).
    pub fn eval_statements(&mut self, stmts: &[Stmt]) -> JsResult<Completion> {
        self.eval_statements_in::<true>(stmts)
    }

    /// Evaluates a function body's statements. Nothing observes the
    /// completion values of a function body's statements (only script,
    /// module and eval code have a completion value), so they are not
    /// computed: only a `return`'s value and the kind of an abrupt
    /// completion come out.
    /// The result is the returned value (`undefined` when the body ends
    /// without `return`): a `break` or `continue` cannot leave a function
    /// body, so no other completion comes out of one.
    pub(crate) fn eval_body_statements(&mut self, stmts: &[Stmt]) -> JsResult<Value> {
        for s in stmts {
            match &s.kind {
                StmtKind::Expr(e) => self.eval_effect(e)?,
                StmtKind::Return(e) => return self.return_value(e),
                // No completion value: no `Completion` built.
                StmtKind::Var(decl) => self.eval_var_decl(decl)?,
                _ => match self.eval_stmt_in::<false>(s, &[])? {
                    Completion::Return(v) => return Ok(v),
                    c => discard_completion(c),
                },
            }
        }
        Ok(Value::Undefined)
    }

    /// The value a `return` statement returns: its operand's, or
    /// `undefined` without one.
    #[inline(always)]
    fn return_value(&mut self, e: &Option<Box<ast::Expr>>) -> JsResult<Value> {
        match e {
            Some(e) => self.eval_expr(e),
            None => Ok(Value::Undefined),
        }
    }

    /// A statement list; `V`: whether the completion value is wanted (see
    /// `eval_body_statements`). With `V` false, normal completions carry
    /// no value and break/continue completions may carry any.
    fn eval_statements_in<const V: bool>(&mut self, stmts: &[Stmt]) -> JsResult<Completion> {
        let mut last = None;
        for s in stmts {
            // The most common statement, without building a completion.
            match &s.kind {
                StmtKind::Expr(e) => {
                    if V {
                        last = Some(self.eval_expr(e)?);
                    } else {
                        self.eval_effect(e)?;
                    }
                    continue;
                }
                // An empty completion: `last` stays as it is.
                StmtKind::Var(decl) => {
                    self.eval_var_decl(decl)?;
                    continue;
                }
                // `return` inside a block or branch of a function body.
                StmtKind::Return(e) if !V => {
                    return Ok(Completion::Return(self.return_value(e)?));
                }
                // `if` in a function body: no completion built for a
                // branch not taken or an expression-statement branch.
                StmtKind::If(test, cons, alt) if !V => {
                    let branch = if self.eval_cond(test)? {
                        &**cons
                    } else {
                        match alt {
                            Some(a) => &**a,
                            None => continue,
                        }
                    };
                    match &branch.kind {
                        StmtKind::Expr(e) => self.eval_effect(e)?,
                        StmtKind::Return(e) => {
                            return Ok(Completion::Return(self.return_value(e)?));
                        }
                        _ => match self.eval_stmt_in::<false>(branch, &[])? {
                            c @ Completion::Normal(_) => discard_completion(c),
                            r => return Ok(r),
                        },
                    }
                    continue;
                }
                _ => {}
            }
            match self.eval_stmt_in::<V>(s, &[])? {
                Completion::Normal(v) => {
                    if V && v.is_some() {
                        last = v;
                    }
                }
                r if V => return Ok(update_empty(r, last)),
                r => return Ok(r),
            }
        }
        Ok(Completion::Normal(last))
    }

    pub(crate) fn eval_stmt(&mut self, s: &Stmt, labels: Labels) -> JsResult<Completion> {
        self.eval_stmt_in::<true>(s, labels)
    }

    fn eval_stmt_in<const V: bool>(&mut self, s: &Stmt, labels: Labels) -> JsResult<Completion> {
        match &s.kind {
            StmtKind::Expr(e) => {
                if !V {
                    self.eval_effect(e)?;
                    return Ok(Completion::Normal(None));
                }
                let v = self.eval_expr(e)?;
                Ok(Completion::Normal(Some(v)))
            }
            StmtKind::Var(decl) => {
                self.eval_var_decl(decl)?;
                Ok(Completion::Normal(None))
            }
            StmtKind::Return(e) => Ok(Completion::Return(self.return_value(e)?)),
            StmtKind::If(test, cons, alt) => {
                let branch = if self.eval_cond(test)? {
                    cons
                } else if let Some(a) = alt {
                    a
                } else if V {
                    return Ok(Completion::Normal(Some(Value::Undefined)));
                } else {
                    // (Not `V.then_some(..)`: that builds the value first
                    // and drops it through a call when `V` is false.)
                    return Ok(Completion::Normal(None));
                };
                if !V {
                    // The branch's completion as it is: a tail call, not
                    // a result moved through this frame.
                    return self.eval_stmt_in::<V>(branch, &[]);
                }
                let r = self.eval_stmt_in::<V>(branch, &[])?;
                Ok(update_empty(r, Some(Value::Undefined)))
            }
            StmtKind::Block(b) => self.eval_block_in::<V>(b),
            StmtKind::Empty | StmtKind::Debugger => Ok(Completion::Normal(None)),
            StmtKind::Function(f) => {
                self.annex_b_function_statement(f)?;
                Ok(Completion::Normal(None))
            }
            StmtKind::Class(c) => {
                let v = self.class_definition_evaluation(c, c.name.clone(), None)?;
                if let Some(name) = &c.name {
                    let env = self.lexical_env();
                    self.initialize_binding(&env, name, v);
                }
                Ok(Completion::Normal(None))
            }
            StmtKind::For(f) => self.eval_for::<V>(f, labels),
            StmtKind::ForIn(f) => self.eval_for_in(f, labels),
            StmtKind::ForOf(f) => self.eval_for_of(f, labels),
            StmtKind::While(test, body) => {
                let mut last = Some(Value::Undefined);
                loop {
                    self.tick()?;
                    if !self.eval_cond(test)? {
                        return Ok(Completion::Normal(last));
                    }
                    if let Some(exit) = self.loop_body::<V>(body, labels, &mut last)? {
                        return Ok(exit);
                    }
                }
            }
            StmtKind::DoWhile(body, test) => {
                let mut last = Some(Value::Undefined);
                loop {
                    self.tick()?;
                    if let Some(exit) = self.loop_body::<V>(body, labels, &mut last)? {
                        return Ok(exit);
                    }
                    if !self.eval_cond(test)? {
                        return Ok(Completion::Normal(last));
                    }
                }
            }
            StmtKind::Break(l) => Ok(Completion::Break(l.clone(), None)),
            StmtKind::Continue(l) => Ok(Completion::Continue(l.clone(), None)),
            StmtKind::Throw(e) => {
                let v = self.eval_expr(e)?;
                self.set_position(s.span.start);
                if let Some(src) = self.ctx().source().cloned() {
                    self.last_throw_position = Some((src, s.span.start));
                }
                Err(JsError::Throw(v))
            }
            StmtKind::Try(t) => self.eval_try(t),
            StmtKind::Switch(sw) => self.eval_switch(sw),
            StmtKind::Labeled(label, body) => {
                let mut set: Vec<ast::Atom> = labels.to_vec();
                set.push(label.clone());
                let r = self.eval_stmt_in::<V>(body, &set)?;
                Ok(match r {
                    Completion::Break(Some(l), v) if l == *label => Completion::Normal(v),
                    r => r,
                })
            }
            StmtKind::With(obj, body) => {
                let v = self.eval_expr(obj)?;
                let o = to_object(self, &v)?;
                let outer = self.lexical_env();
                let env =
                    self.alloc_env(Some(outer.clone()), EnvironmentKind::Object(o), "with", 0);
                self.set_lexical_env(env);
                let r = self.eval_stmt_in::<V>(body, labels);
                self.set_lexical_env(outer);
                r.map(|c| update_empty(c, Some(Value::Undefined)))
            }
            StmtKind::Import(_) => Ok(Completion::Normal(None)),
            StmtKind::Export(e) => self.eval_export(e),
        }
    }

    fn eval_export(&mut self, e: &ast::ExportDecl) -> JsResult<Completion> {
        match e {
            ast::ExportDecl::Decl(s) => self.eval_stmt(s, &[]),
            ast::ExportDecl::DefaultDecl(s) => {
                if let StmtKind::Class(c) = &s.kind {
                    let name = c.name.clone().unwrap_or_else(|| Rc::from("*default*"));
                    let v = self.class_definition_evaluation(
                        c,
                        c.name.clone(),
                        Some(JsString::from("default")),
                    )?;
                    let env = self.lexical_env();
                    self.initialize_binding(&env, &name, v);
                    return Ok(Completion::Normal(None));
                }
                self.eval_stmt(s, &[])
            }
            ast::ExportDecl::DefaultExpr(x) => {
                let v = self.eval_named(x, &PropertyKey::from("default"))?;
                let env = self.lexical_env();
                self.initialize_binding(&env, &Rc::from("*default*"), v);
                Ok(Completion::Normal(None))
            }
            _ => Ok(Completion::Normal(None)),
        }
    }

    /// Annex B.3.3: evaluating a block-level function declaration in sloppy
    /// mode copies the block binding to the function-level var binding.
    fn annex_b_function_statement(&mut self, f: &Rc<ast::Function>) -> JsResult<()> {
        if self.is_strict() || f.is_async || f.is_generator {
            return Ok(());
        }
        let Some(name) = &f.name else { return Ok(()) };
        let lex = self.lexical_env();
        let var_env = self.ctx().variable_environment.clone();
        if lex == var_env {
            return Ok(());
        }
        // Only blocks: the binding must live in a declarative record below
        // the variable environment.
        let Some(slot) = lex.bindings().find(name) else {
            return Ok(());
        };
        let value = lex.bindings().get(slot);
        let is_annex_b = match self.ctx().function_code() {
            Some(code) => code.scope.annex_b_functions.iter().any(|n| n == name),
            None => true,
        };
        if !is_annex_b {
            return Ok(());
        }
        match var_env.kind() {
            EnvironmentKind::Global(g) => {
                // Only names GlobalDeclarationInstantiation declared as vars
                // (which includes the script's Annex B function names).
                let declared = g.var_names.borrow().iter().any(|n| n == name);
                if declared && self.realm.global_env.bindings().find(name).is_none() {
                    let obj = g.global_object.clone();
                    obj.set(
                        self,
                        PropertyKey::from(&**name),
                        value,
                        &Value::Object(obj.clone()),
                    )?;
                }
            }
            _ => {
                let vb = var_env.bindings();
                if let Some(vs) = vb.find(name) {
                    vb.set(vs, value);
                }
            }
        }
        Ok(())
    }

    fn eval_var_decl(&mut self, decl: &ast::VarDecl) -> JsResult<()> {
        for d in &decl.decls {
            match decl.kind {
                VarKind::Var => {
                    let Some(init) = &d.init else { continue };
                    if let ast::PatternKind::Ident(name, cache) = &d.target.kind {
                        // A cached plain binding (a function's or an
                        // outer var, initialized and mutable): resolved
                        // before the initializer runs and stored without
                        // resolving again, as `x = e` is.
                        if let Some((hops, id, slot)) = self.cached_target(name, cache) {
                            let v = self.eval_assigned(init, name)?;
                            if self.store_resolved(name, hops, id, slot, &v) {
                                crate::eval_expr::discard(v);
                            } else {
                                self.set_identifier(name, None, v)?;
                            }
                            continue;
                        }
                        let resolved = self.resolve_binding(name, Some(cache))?;
                        let v = self.eval_named_ident(init, name)?;
                        self.put_resolved(resolved, name, v)?;
                    } else {
                        let v = self.eval_expr(init)?;
                        if let ast::PatternKind::Array(..) = d.target.kind {
                            self.require_iterable(&v, init)?;
                        }
                        self.bind_pattern(&d.target, v, None)?;
                    }
                }
                VarKind::Let | VarKind::Const => {
                    let v = match (&d.init, &d.target.kind) {
                        (Some(init), ast::PatternKind::Ident(name, _)) => {
                            self.eval_assigned(init, name)?
                        }
                        (Some(init), ast::PatternKind::Array(..)) => {
                            let v = self.eval_expr(init)?;
                            self.require_iterable(&v, init)?;
                            v
                        }
                        (Some(init), _) => self.eval_expr(init)?,
                        (None, _) => Value::Undefined,
                    };
                    if let ast::PatternKind::Ident(name, cache) = &d.target.kind {
                        self.initialize_lexical(name, cache, v);
                        continue;
                    }
                    let env = self.lexical_env();
                    self.bind_pattern(&d.target, v, Some(&env))?;
                }
            }
        }
        Ok(())
    }

    /// BlockDeclarationInstantiation + evaluation — ECMA-262 §14.2.
    pub(crate) fn eval_block(&mut self, b: &ast::Block) -> JsResult<Completion> {
        self.eval_block_in::<true>(b)
    }

    fn eval_block_in<const V: bool>(&mut self, b: &ast::Block) -> JsResult<Completion> {
        if b.scope.lexical.is_empty() && b.scope.functions.is_empty() {
            return self.eval_statements_in::<V>(&b.body);
        }
        let outer = self.lexical_env();
        let env = self.scope_env(&b.scope, &outer, "block");
        self.block_declaration_instantiation(&b.scope, &env)?;
        self.set_lexical_env(env.clone());
        let r = self.eval_statements_in::<V>(&b.body);
        self.set_lexical_env(outer);
        self.leave_scope_env(&b.scope, env);
        r
    }

    /// A new declarative record for a block or loop scope whose outer
    /// record is `outer`. When nothing in the scope can capture its record
    /// (`Scope::captures` is false), this is an emptied record that an
    /// earlier scope with the same outer record left (`leave_scope_env`),
    /// if there is one: it was unreachable once that scope ended. A
    /// departure from the spec's letter (a fresh record per evaluation)
    /// that no program can observe.
    fn scope_env(&mut self, scope: &ast::Scope, outer: &Env, label: &'static str) -> Env {
        if !scope.captures {
            // (A reused record is not counted as an allocation: what a
            // loop that reuses its records drops, a big array per call
            // say, counts towards the collector's pace by its bytes, see
            // `heap_limit::set_pace`.)
            let id = outer.ptr_id();
            let spare = self
                .spare_envs
                .iter()
                .rposition(|e| e.outer().is_some_and(|o| o.ptr_id() == id));
            if let Some(i) = spare {
                return self.spare_envs.swap_remove(i);
            }
        }
        self.new_declarative_env(outer.clone(), label, scope.lexical.len())
    }

    /// Ends the evaluation of a scope whose record `scope_env` made: an
    /// uncaptured record is emptied and kept for reuse.
    fn leave_scope_env(&mut self, scope: &ast::Scope, env: Env) {
        const MAX_SPARE_ENVS: usize = 8;
        if scope.captures || env.is_dynamic() || self.options.trace_context {
            return;
        }
        env.bindings().clear();
        if self.spare_envs.len() == MAX_SPARE_ENVS {
            self.spare_envs.remove(0);
        }
        self.spare_envs.push(env);
    }

    pub(crate) fn block_declaration_instantiation(
        &mut self,
        scope: &ast::Scope,
        env: &Env,
    ) -> JsResult<()> {
        instantiate_lexical_names(env, &scope.lexical);
        for f in &scope.functions {
            let Some(name) = &f.name else { continue };
            let private_env = self.ctx().private_environment.clone();
            let fo = create_script_function(
                self,
                f,
                env.clone(),
                private_env,
                None,
                JsString::from(&**name),
            );
            self.initialize_binding(env, name, Value::Object(fo));
        }
        Ok(())
    }

    /// One run of a loop body: `Some(completion)` when the loop ends
    /// there (break, return, a continue to an outer label), `None` when it
    /// goes on; `last` keeps the body's last value (UpdateEmpty) for
    /// script code. Where no completion value is observed (`!V`), an
    /// expression-statement body is evaluated without a `Completion`.
    #[inline(always)]
    fn loop_body<const V: bool>(
        &mut self,
        body: &Stmt,
        labels: Labels,
        last: &mut Option<Value>,
    ) -> JsResult<Option<Completion>> {
        if !V {
            if let StmtKind::Expr(e) = &body.kind {
                self.eval_effect(e)?;
                return Ok(None);
            }
        }
        let c = self.eval_stmt_in::<V>(body, &[])?;
        Ok(after_iteration::<V>(c, labels, last))
    }

    fn eval_for<const V: bool>(
        &mut self,
        f: &ast::ForStmt,
        labels: Labels,
    ) -> JsResult<Completion> {
        let outer = self.lexical_env();
        let mut per_iteration: Vec<ast::Atom> = Vec::new();
        let mut head_env = None;
        if let Some(ForInit::Var(decl)) = &f.init {
            if decl.kind != VarKind::Var {
                let env = self.scope_env(&f.scope, &outer, "for");
                instantiate_lexical_names(&env, &f.scope.lexical);
                self.set_lexical_env(env.clone());
                head_env = Some(env);
                // Copies per iteration are observable only through a
                // closure (or eval) in the loop; without one, the loop
                // keeps one record.
                if decl.kind == VarKind::Let && f.scope.captures {
                    per_iteration = f.scope.lexical.iter().map(|(n, _)| n.clone()).collect();
                }
            }
        }
        let r = self.eval_for_inner::<V>(f, labels, &per_iteration);
        self.set_lexical_env(outer);
        if let Some(env) = head_env {
            self.leave_scope_env(&f.scope, env);
        }
        r
    }

    fn eval_for_inner<const V: bool>(
        &mut self,
        f: &ast::ForStmt,
        labels: Labels,
        per_iteration: &[ast::Atom],
    ) -> JsResult<Completion> {
        match &f.init {
            Some(ForInit::Var(decl)) => self.eval_var_decl(decl)?,
            Some(ForInit::Expr(e)) => self.eval_effect(e)?,
            None => {}
        }
        self.create_per_iteration_environment(per_iteration);
        let mut last = Some(Value::Undefined);
        loop {
            self.tick()?;
            if let Some(t) = &f.test {
                if !self.eval_cond(t)? {
                    return Ok(Completion::Normal(last));
                }
            }
            if let Some(exit) = self.loop_body::<V>(&f.body, labels, &mut last)? {
                return Ok(exit);
            }
            self.create_per_iteration_environment(per_iteration);
            if let Some(u) = &f.update {
                self.eval_effect(u)?;
            }
        }
    }

    /// CreatePerIterationEnvironment — ECMA-262 §14.7.4.4. Most loops
    /// need no copies (`names` empty): that test stays in the loop.
    #[inline(always)]
    fn create_per_iteration_environment(&mut self, names: &[ast::Atom]) {
        if !names.is_empty() {
            self.copy_iteration_environment(names);
        }
    }

    fn copy_iteration_environment(&mut self, names: &[ast::Atom]) {
        let last = self.lexical_env();
        let Some(outer) = last.outer().cloned() else {
            return;
        };
        let env = self.new_declarative_env(outer, "for", names.len());
        for name in names {
            if let Some(slot) = last.bindings().find(name) {
                let b = last.bindings();
                env.bindings().add(name.clone(), b.flags(slot), b.get(slot));
            }
        }
        self.set_lexical_env(env);
    }

    /// ForIn/OfHeadEvaluation's TDZ scope for the right-hand side.
    fn eval_for_head_expr(&mut self, f: &ast::ForInOf) -> JsResult<Value> {
        if let ForHead::Decl(VarKind::Let | VarKind::Const, _, _) = &f.left {
            if !f.scope.lexical.is_empty() {
                let outer = self.lexical_env();
                let env = self.new_declarative_env(outer.clone(), "for", f.scope.lexical.len());
                instantiate_lexical_names(&env, &f.scope.lexical);
                self.set_lexical_env(env);
                let r = self.eval_expr(&f.right);
                self.set_lexical_env(outer);
                return r;
            }
        }
        if let ForHead::Decl(VarKind::Var, pat, Some(init)) = &f.left {
            // Annex B: for (var x = init in o)
            let v = self.eval_expr(init)?;
            self.bind_pattern(pat, v, None)?;
        }
        self.eval_expr(&f.right)
    }

    /// The iteration record a `for (let/const … in/of …)` loop may keep:
    /// ECMA-262 makes a new one per iteration, which only a closure or a
    /// direct eval in the loop could tell apart (`Scope::captures`), or
    /// `--trace-context`, which names records by identity.
    fn loop_scope(&self, f: &ast::ForInOf) -> LoopScope {
        let keep = matches!(f.left, ForHead::Decl(VarKind::Let | VarKind::Const, _, _))
            && !f.scope.captures
            && !self.options.trace_context;
        let flags = if keep {
            f.scope
                .lexical
                .iter()
                .map(|(_, kind)| lexical_binding_flags(*kind))
                .collect()
        } else {
            SmallVec::new()
        };
        LoopScope {
            env: None,
            keep,
            flags,
        }
    }

    /// Hands a kept iteration record back for reuse (`leave_scope_env`).
    fn end_loop_scope(&mut self, f: &ast::ForInOf, kept: LoopScope) {
        if let Some(env) = kept.env {
            self.leave_scope_env(&f.scope, env);
        }
    }

    /// Binds the loop variable for one iteration and runs the body.
    fn for_in_of_iteration(
        &mut self,
        f: &ast::ForInOf,
        value: Value,
        labels: Labels,
        kept: &mut LoopScope,
    ) -> JsResult<Completion> {
        self.tick()?;
        let outer = self.lexical_env();
        match &f.left {
            ForHead::Decl(VarKind::Var, pat, _) => self.bind_pattern(pat, value, None)?,
            ForHead::Decl(_, pat, _) => {
                let env = match kept.env.take() {
                    // Back to the state `instantiate_lexical_names` gives
                    // a fresh record: the same names, uninitialized.
                    Some(env) if !env.is_dynamic() && env.bindings().reset(&kept.flags) => env,
                    _ => {
                        let env = self.scope_env(&f.scope, &outer, "for");
                        instantiate_lexical_names(&env, &f.scope.lexical);
                        env
                    }
                };
                self.set_lexical_env(env.clone());
                let r = self
                    .bind_pattern(pat, value, Some(&env))
                    .and_then(|_| self.eval_stmt(&f.body, &[]));
                self.set_lexical_env(outer);
                if kept.keep && !env.is_dynamic() {
                    kept.env = Some(env);
                } else {
                    self.leave_scope_env(&f.scope, env);
                }
                return r;
            }
            ForHead::Pattern(pat) => self.bind_pattern(pat, value, None)?,
        }
        let r = self.eval_stmt(&f.body, &[]);
        self.set_lexical_env(outer);
        let _ = labels;
        r
    }

    fn eval_for_in(&mut self, f: &ast::ForInOf, labels: Labels) -> JsResult<Completion> {
        let v = self.eval_for_head_expr(f)?;
        if v.is_nullish() {
            return Ok(Completion::Normal(Some(Value::Undefined)));
        }
        let obj = to_object(self, &v)?;
        let keys = enumerate_object_properties(self, &obj)?;
        let mut last = Some(Value::Undefined);
        let mut kept = self.loop_scope(f);
        for (owner, key) in keys {
            // Skip properties deleted before they were reached (a proxy's
            // keys are checked for enumerability here, as V8 checks them).
            let present = match owner.kind() {
                ObjectKind::Proxy(_) => owner
                    .try_get_own_property(self, &key)?
                    .is_some_and(|d| d.enumerable_or_false()),
                _ => owner.has_own_property(&key),
            };
            if !present {
                continue;
            }
            let c = self.for_in_of_iteration(f, key.to_value(), labels, &mut kept)?;
            if let Some(exit) = after_iteration::<true>(c, labels, &mut last) {
                self.end_loop_scope(f, kept);
                return Ok(exit);
            }
        }
        self.end_loop_scope(f, kept);
        Ok(Completion::Normal(last))
    }

    fn eval_for_of(&mut self, f: &ast::ForInOf, labels: Labels) -> JsResult<Completion> {
        let v = self.eval_for_head_expr(f)?;
        if let Value::Object(o) = &v {
            if !f.is_await && o.is_array() && array::has_original_iterator(self, o) {
                return self.eval_for_of_array(f, o, labels);
            }
        }
        let mut rec = if f.is_await {
            crate::generator::get_async_iterator(self, &v)?
        } else {
            self.require_iterable(&v, &f.right)?;
            operations::get_iterator(self, &v)?
        };
        let mut last = Some(Value::Undefined);
        let mut kept = self.loop_scope(f);
        loop {
            let next = if f.is_await {
                // ForIn/OfBodyEvaluation step 6.b-c: the result is awaited
                // before it is checked to be an object.
                let r = self.call(&rec.next_method, &rec.iterator, &[])?;
                let r = crate::generator::await_value(self, r)?;
                if !r.is_object() {
                    return Err(operations::iterator_result_not_object(self, &r));
                }
                if operations::iterator_complete(self, &r)? {
                    None
                } else {
                    Some(operations::iterator_value(self, &r)?)
                }
            } else {
                operations::iterator_step_value(self, &mut rec)?
            };
            let Some(value) = next else {
                self.end_loop_scope(f, kept);
                return Ok(Completion::Normal(last));
            };
            let c = self.for_in_of_iteration(f, value, labels, &mut kept);
            let c = match c {
                Ok(c) => c,
                Err(e) => return self.close_for_of(&rec, f.is_await, Err(e)),
            };
            if let Some(exit) = after_iteration::<true>(c, labels, &mut last) {
                self.end_loop_scope(f, kept);
                return self.close_for_of(&rec, f.is_await, Ok(exit));
            }
        }
    }

    /// `for (x of array)` when iterating it cannot run user code: the
    /// array's `[Symbol.iterator]` is %Array.prototype.values% found on an
    /// unmodified Array.prototype and %ArrayIteratorPrototype%.next is the
    /// intrinsic (`has_original_iterator`). Then the iterator object, its
    /// `next` lookup and the result objects cannot be observed, and this
    /// does exactly what that `next` would (ECMA-262 §23.1.5.2.1): each
    /// step reads the array's length again and the element through [[Get]]
    /// (so holes reach the prototypes and their getters). Replacing the
    /// iterator or `next` during the loop changes nothing, as the iterator
    /// and its `next` were fetched before the first step. Only leaving the
    /// loop early looks up `return` on the iterator, which may be
    /// observed: that is done on a real array iterator in the same state.
    fn eval_for_of_array(
        &mut self,
        f: &ast::ForInOf,
        arr: &JsObject,
        labels: Labels,
    ) -> JsResult<Completion> {
        let mut last = Some(Value::Undefined);
        let mut index: u32 = 0;
        let mut kept = self.loop_scope(f);
        loop {
            if index >= arr.array_length() {
                self.end_loop_scope(f, kept);
                return Ok(Completion::Normal(last));
            }
            // A throwing getter ends the loop without closing, as the
            // iterator is then done.
            let value = operations::get(self, arr, &PropertyKey::Index(index))?;
            // `index < length <= u32::MAX`: no overflow.
            index += 1;
            let c = match self.for_in_of_iteration(f, value, labels, &mut kept) {
                Ok(c) => c,
                Err(e) => return self.close_array_for_of(arr, index, Err(e)),
            };
            if let Some(exit) = after_iteration::<true>(c, labels, &mut last) {
                self.end_loop_scope(f, kept);
                return self.close_array_for_of(arr, index, Ok(exit));
            }
        }
    }

    /// IteratorClose for `eval_for_of_array`, on an array iterator that
    /// has yielded `index` elements.
    fn close_array_for_of(
        &mut self,
        arr: &JsObject,
        index: u32,
        c: JsResult<Completion>,
    ) -> JsResult<Completion> {
        let it = iterator::create_array_iterator(
            self,
            Value::Object(arr.clone()),
            iterator::IterKind::Values,
        );
        if let Some(state) = it.host::<iterator::ArrayIterator>() {
            state.index.set(u64::from(index));
        }
        let rec = IteratorRecord {
            iterator: Value::Object(it),
            next_method: Value::Object(self.realm.intrinsics.array_iterator_next.clone()),
            done: false,
        };
        operations::iterator_close(self, &rec, c)
    }

    fn close_for_of(
        &mut self,
        rec: &IteratorRecord,
        is_await: bool,
        c: JsResult<Completion>,
    ) -> JsResult<Completion> {
        if is_await {
            return crate::generator::async_iterator_close(self, rec, c);
        }
        operations::iterator_close(self, rec, c)
    }

    fn eval_try(&mut self, t: &ast::TryStmt) -> JsResult<Completion> {
        let r = self.eval_block(&t.block);
        let r = match r {
            Err(JsError::Throw(exc)) if t.handler.is_some() => self.eval_catch(t, exc),
            r => r,
        };
        if let Err(JsError::Exit(_)) = r {
            return r;
        }
        let r = match &t.finalizer {
            None => r,
            Some(fin) => match self.eval_block(fin)? {
                Completion::Normal(_) => r,
                abrupt => Ok(abrupt),
            },
        };
        // UpdateEmpty(C, undefined)
        r.map(|c| update_empty(c, Some(Value::Undefined)))
    }

    fn eval_catch(&mut self, t: &ast::TryStmt, exc: Value) -> JsResult<Completion> {
        let Some(handler) = &t.handler else {
            return Err(JsError::Throw(exc));
        };
        let Some(param) = &t.param else {
            return self.eval_block(handler);
        };
        let outer = self.lexical_env();
        let env = self.new_declarative_env(outer.clone(), "catch", 1);
        let mut names = Vec::new();
        crate::eval_pattern::bound_names(param, &mut names);
        for n in &names {
            env.bindings()
                .add(n.clone(), crate::storage::BINDING_MUTABLE, Value::Undefined);
        }
        self.set_lexical_env(env.clone());
        let r = self
            .bind_pattern(param, exc, Some(&env))
            .and_then(|_| self.eval_block(handler));
        self.set_lexical_env(outer);
        r
    }

    fn eval_switch(&mut self, sw: &ast::SwitchStmt) -> JsResult<Completion> {
        let v = self.eval_expr(&sw.discriminant)?;
        let outer = self.lexical_env();
        let scoped = !sw.scope.lexical.is_empty() || !sw.scope.functions.is_empty();
        if scoped {
            let env = self.new_declarative_env(outer.clone(), "switch", sw.scope.lexical.len());
            self.block_declaration_instantiation(&sw.scope, &env)?;
            self.set_lexical_env(env);
        }
        let r = self.eval_switch_cases(sw, &v);
        if scoped {
            self.set_lexical_env(outer);
        }
        match r? {
            Completion::Break(None, v) => Ok(Completion::Normal(v.or(Some(Value::Undefined)))),
            c => Ok(c),
        }
    }

    fn eval_switch_cases(&mut self, sw: &ast::SwitchStmt, v: &Value) -> JsResult<Completion> {
        let mut start = None;
        for (i, c) in sw.cases.iter().enumerate() {
            if let Some(test) = &c.test {
                let tv = self.eval_expr(test)?;
                if operations::is_strictly_equal(v, &tv) {
                    start = Some(i);
                    break;
                }
            }
        }
        let start = match start.or_else(|| sw.cases.iter().position(|c| c.test.is_none())) {
            Some(s) => s,
            None => return Ok(Completion::Normal(Some(Value::Undefined))),
        };
        // CaseBlockEvaluation: V starts undefined and takes each non-empty value.
        let mut last = Some(Value::Undefined);
        for c in &sw.cases[start..] {
            match self.eval_statements(&c.body)? {
                Completion::Normal(v) => {
                    if v.is_some() {
                        last = v;
                    }
                }
                other => return Ok(update_empty(other, last)),
            }
        }
        Ok(Completion::Normal(last))
    }

    // ------------------------------------------------------------------
    // Declaration instantiation.

    /// GlobalDeclarationInstantiation — ECMA-262 §16.1.7
    pub(crate) fn global_declaration_instantiation(
        &mut self,
        program: &ast::Program,
        env: &Env,
        repl: bool,
    ) -> JsResult<()> {
        let Some(g) = env.as_global_env() else {
            return self.body_declaration_instantiation(&program.scope, env, env, program.strict);
        };
        let global = g.global_object.clone();
        // 3-4. Lexical names must not clash with vars or restricted globals.
        for (name, kind) in &program.scope.lexical {
            if let (true, Some(slot)) = (repl, env.bindings().find(name)) {
                // A REPL input may declare again a name that an earlier
                // input declared (as browser consoles allow): the binding
                // goes back to its temporal dead zone.
                env.bindings().set(slot, Value::Undefined);
                env.bindings()
                    .set_flags(slot, crate::function::lexical_binding_flags(*kind));
                continue;
            }
            if g.var_names.borrow().iter().any(|n| n == name) || env.bindings().find(name).is_some()
            {
                return Err(
                    self.syntax_error(format!("Identifier '{name}' has already been declared"))
                );
            }
            let key = PropertyKey::from(&**name);
            if let Some(d) = global.get_own_property(&key) {
                if d.configurable == Some(false) {
                    return Err(
                        self.syntax_error(format!("Identifier '{name}' has already been declared"))
                    );
                }
            }
        }
        for name in &program.scope.var_names {
            if env.bindings().find(name).is_some() {
                return Err(
                    self.syntax_error(format!("Identifier '{name}' has already been declared"))
                );
            }
        }
        check_global_declarations(self, &global, &program.scope)?;
        // Functions (CreateGlobalFunctionBinding), last declaration wins.
        let funcs = &program.scope.functions;
        for (i, fd) in funcs.iter().enumerate() {
            let Some(name) = &fd.name else { continue };
            if funcs[i + 1..]
                .iter()
                .any(|l| l.name.as_deref() == Some(&**name))
            {
                continue;
            }
            let fo =
                create_script_function(self, fd, env.clone(), None, None, JsString::from(&**name));
            let key = PropertyKey::from(&**name);
            let existing = global.get_own_property(&key);
            let desc = match existing {
                Some(d) if d.configurable != Some(true) => PropertyDescriptor {
                    value: Some(Value::Object(fo)),
                    ..Default::default()
                },
                _ => {
                    PropertyDescriptor::data(Value::Object(fo), Attributes::new(true, true, false))
                }
            };
            operations::define_property_or_throw(self, &global, key, desc)?;
            g.var_names.borrow_mut().push(name.clone());
        }
        // Vars (CreateGlobalVarBinding).
        for name in program
            .scope
            .var_names
            .iter()
            .chain(program.scope.annex_b_functions.iter())
        {
            let key = PropertyKey::from(&**name);
            if !global.has_own_property(&key) && global.is_extensible() {
                global.define_own_property(
                    self,
                    key,
                    PropertyDescriptor::data(Value::Undefined, Attributes::new(true, true, false)),
                )?;
            }
            if !g.var_names.borrow().iter().any(|n| n == name) {
                g.var_names.borrow_mut().push(name.clone());
            }
        }
        instantiate_lexical_names(env, &program.scope.lexical);
        Ok(())
    }

    /// Declaration instantiation for a function-like body outside a
    /// function object (CommonJS wrapper, module, eval).
    pub(crate) fn body_declaration_instantiation(
        &mut self,
        scope: &ast::Scope,
        lex_env: &Env,
        var_env: &Env,
        _strict: bool,
    ) -> JsResult<()> {
        for name in scope.var_names.iter().chain(scope.annex_b_functions.iter()) {
            if var_env.bindings().find(name).is_none() {
                var_env.bindings().add(
                    name.clone(),
                    BINDING_INITIALIZED | crate::storage::BINDING_MUTABLE,
                    Value::Undefined,
                );
            }
        }
        instantiate_lexical_names(lex_env, &scope.lexical);
        instantiate_hoisted_functions(self, &scope.functions, lex_env, var_env)
    }
}

/// CanDeclareGlobalFunction — ECMA-262 §9.1.1.4.16
pub(crate) fn can_declare_global_function(global: &crate::object::JsObject, name: &str) -> bool {
    match global.get_own_property(&PropertyKey::from(name)) {
        None => global.is_extensible(),
        Some(d) => {
            d.configurable == Some(true)
                || (d.is_data() && d.writable == Some(true) && d.enumerable == Some(true))
        }
    }
}

/// CanDeclareGlobalVar — ECMA-262 §9.1.1.4.15
pub(crate) fn can_declare_global_var(global: &crate::object::JsObject, name: &str) -> bool {
    global.has_own_property(&PropertyKey::from(name)) || global.is_extensible()
}

/// The checks of GlobalDeclarationInstantiation steps 8-10 (and of
/// EvalDeclarationInstantiation for global var scopes): nothing is
/// declared unless every declaration can be.
pub(crate) fn check_global_declarations(
    interp: &mut Interp,
    global: &crate::object::JsObject,
    scope: &ast::Scope,
) -> JsResult<()> {
    for f in &scope.functions {
        if let Some(name) = &f.name {
            if !can_declare_global_function(global, name) {
                return Err(interp.type_error(format!("Cannot redefine property: {name}")));
            }
        }
    }
    for name in &scope.var_names {
        if !can_declare_global_var(global, name) {
            return Err(interp.type_error(format!(
                "Cannot define property {name}, object is not extensible"
            )));
        }
    }
    Ok(())
}

/// EnumerateObjectProperties — ECMA-262 §14.7.5.9: enumerable string keys
/// of the object and its prototypes, each name once, shadowed names skipped.
/// A proxy's keys are all listed (its `ownKeys` trap runs here); whether
/// each is enumerable is asked when the loop reaches it.
pub(crate) fn enumerate_object_properties(
    interp: &mut Interp,
    obj: &crate::object::JsObject,
) -> JsResult<Vec<(crate::object::JsObject, PropertyKey)>> {
    let mut out = Vec::new();
    let mut seen: std::collections::HashSet<PropertyKey> = std::collections::HashSet::new();
    let mut cur = Some(obj.clone());
    while let Some(o) = cur {
        let is_proxy = matches!(o.kind(), ObjectKind::Proxy(_));
        for k in o.try_own_property_keys(interp)? {
            if k.is_symbol() || seen.contains(&k) {
                continue;
            }
            let enumerable = is_proxy
                || o.get_own_property(&k)
                    .is_some_and(|d| d.enumerable_or_false());
            seen.insert(k.clone());
            if enumerable {
                out.push((o.clone(), k));
            }
        }
        cur = o.try_get_prototype_of(interp)?;
    }
    Ok(out)
}
