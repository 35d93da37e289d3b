//! Static semantics, computed once after parsing: strictness, the hoisting
//! information of every scope (VarDeclaredNames, LexicallyDeclaredNames,
//! the function declarations to instantiate, Annex B.3.3 functions), what
//! each function uses (`arguments`, `this`, direct `eval`), and the early
//! errors Node reports.

use std::collections::HashSet;
use std::rc::Rc;

use lexer::Span;

use crate::ast::*;

pub struct SemanticError {
    pub span: Span,
    pub message: String,
}

type SResult<T> = Result<T, SemanticError>;

/// Names declared so far in one statement list; the flag says the name was
/// declared only by plain function declarations (Annex B duplicates).
type Seen = std::collections::HashMap<Atom, bool>;

fn err<T>(message: impl Into<String>, span: Span) -> SResult<T> {
    Err(SemanticError {
        span,
        message: message.into(),
    })
}

/// What the surrounding code allows, for `eval` and `Function` code.
#[derive(Clone, Copy, Default)]
pub struct Allow {
    pub new_target: bool,
    pub super_property: bool,
    pub super_call: bool,
    pub in_function: bool,
    /// A script whose top level may `await` (the REPL).
    pub top_level_await: bool,
}

/// One function (or the script/module) being analysed.
struct FnState {
    strict: bool,
    is_arrow: bool,
    is_async: bool,
    is_generator: bool,
    /// `new.target` is allowed (non-arrow function, or an arrow in one).
    new_target: bool,
    super_property: bool,
    super_call: bool,
    /// A class field initializer or static block (no `arguments`).
    field_init: bool,
    is_function: bool,
    uses_arguments: bool,
    uses_this: bool,
    uses_eval: bool,
    /// A function, arrow, method or class was found inside.
    inner_closures: bool,
    var_names: Vec<Atom>,
    var_set: HashSet<Atom>,
    annex_b: Vec<Atom>,
    param_names: Vec<Atom>,
    /// Lexical scopes inside this function, innermost last: the names
    /// declared lexically in each (for var/let conflicts and Annex B).
    scopes: Vec<HashSet<Atom>>,
    labels: Vec<(Atom, bool)>,
    /// Walking the parameter list (no `yield`/`await` expressions).
    in_params: bool,
    /// Inside a class static block (arrows included): `await` is reserved.
    static_block: bool,
    breakable: u32,
    iteration: u32,
}

impl FnState {
    fn new(strict: bool) -> FnState {
        FnState {
            strict,
            is_arrow: false,
            is_async: false,
            is_generator: false,
            new_target: false,
            super_property: false,
            super_call: false,
            field_init: false,
            is_function: false,
            uses_arguments: false,
            uses_this: false,
            uses_eval: false,
            inner_closures: false,
            var_names: Vec::new(),
            var_set: HashSet::new(),
            annex_b: Vec::new(),
            param_names: Vec::new(),
            scopes: Vec::new(),
            labels: Vec::new(),
            in_params: false,
            static_block: false,
            breakable: 0,
            iteration: 0,
        }
    }

    fn add_var(&mut self, n: &Atom) {
        if self.var_set.insert(n.clone()) {
            self.var_names.push(n.clone());
        }
    }
}

pub struct Analyzer<'a> {
    module: bool,
    fns: Vec<FnState>,
    /// Private names declared by each enclosing class body.
    classes: Vec<HashSet<Atom>>,
    /// Private names used where no enclosing class declares them yet
    /// (checked when the outermost class ends).
    unresolved_private: Vec<(Atom, Span, usize)>,
    /// Spans of strict code regions, for legacy octal literals.
    pub strict_ranges: Vec<Span>,
    /// The next function analysed is a class static block.
    entering_static_block: bool,
    /// A module body awaits outside any function ([[HasTLA]]).
    top_level_await: bool,
    /// A script whose top level may `await` (ParseOptions::top_level_await).
    script_await: bool,
    legacy_octal: &'a [Span],
    /// Closures (functions, methods, classes) and direct `eval` calls seen
    /// so far, to tell whether a block or loop contains one
    /// (`Scope::captures`).
    closures: usize,
}

const STRICT_RESERVED: &[&str] = &[
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
];

/// Does the statement list start with a `"use strict"` directive?
pub fn has_use_strict(body: &[Stmt], src: &str) -> Option<Span> {
    for s in body {
        let StmtKind::Expr(e) = &s.kind else {
            return None;
        };
        let ExprKind::Str(_) = &e.kind else {
            return None;
        };
        let text = src.get(e.span.start as usize..e.span.end as usize)?;
        if text == "'use strict'" || text == "\"use strict\"" {
            return Some(e.span);
        }
    }
    None
}

impl<'a> Analyzer<'a> {
    pub fn new(module: bool, legacy_octal: &'a [Span]) -> Analyzer<'a> {
        Analyzer {
            module,
            fns: Vec::new(),
            classes: Vec::new(),
            unresolved_private: Vec::new(),
            strict_ranges: Vec::new(),
            entering_static_block: false,
            top_level_await: false,
            script_await: false,
            legacy_octal,
            closures: 0,
        }
    }

    fn cur(&mut self) -> &mut FnState {
        // The program's state is pushed first and popped last.
        let n = self.fns.len();
        &mut self.fns[n - 1]
    }

    fn strict(&self) -> bool {
        self.fns.last().is_some_and(|f| f.strict)
    }

    /// Analyse a whole program (script, module or eval code).
    pub fn program(
        &mut self,
        p: &mut Program,
        src: &str,
        strict: bool,
        allow: Allow,
    ) -> SResult<()> {
        let strict = strict || p.is_module || has_use_strict(&p.body, src).is_some();
        p.strict = strict;
        if strict {
            self.strict_ranges.push(p.span);
        }
        let mut st = FnState::new(strict);
        st.new_target = allow.new_target;
        st.super_property = allow.super_property;
        st.super_call = allow.super_call;
        st.is_function = allow.in_function;
        st.is_async = p.is_module || allow.top_level_await;
        self.script_await = allow.top_level_await && !p.is_module;
        self.fns.push(st);
        let top = self.top_level_lexical(&p.body, p.is_module)?;
        self.cur()
            .scopes
            .push(top.iter().map(|(n, _)| n.clone()).collect());
        for s in &mut p.body {
            self.statement(s, src)?;
        }
        if p.is_module {
            self.check_exports(&p.body, &top)?;
        }
        let mut st = self.fns.pop().unwrap_or_else(|| FnState::new(strict));
        let functions = if p.is_module {
            Vec::new()
        } else {
            top_level_functions(&p.body)
        };
        let mut lexical = top;
        if p.is_module {
            // Module-level functions are lexical bindings; they are also
            // instantiated on entry.
            lexical.retain(|(_, k)| *k != LexicalKind::Function);
        }
        p.has_top_level_await = self.top_level_await;
        p.scope = Scope {
            var_names: std::mem::take(&mut st.var_names),
            lexical,
            functions: if p.is_module {
                top_level_functions(&p.body)
            } else {
                functions
            },
            annex_b_functions: std::mem::take(&mut st.annex_b),
            captures: true,
        };
        if let Some((n, s, _)) = self.unresolved_private.first() {
            return err(
                format!("Private field '#{n}' must be declared in an enclosing class"),
                *s,
            );
        }
        self.check_octal()
    }

    fn check_octal(&self) -> SResult<()> {
        for o in self.legacy_octal {
            if self
                .strict_ranges
                .iter()
                .any(|r| r.start <= o.start && o.end <= r.end)
            {
                return err("Octal literals are not allowed in strict mode.", *o);
            }
        }
        Ok(())
    }

    /// LexicallyDeclaredNames of a function body or script (functions
    /// there are var-scoped except in modules), with duplicate checks.
    fn top_level_lexical(
        &mut self,
        body: &[Stmt],
        module: bool,
    ) -> SResult<Vec<(Atom, LexicalKind)>> {
        let mut out: Vec<(Atom, LexicalKind)> = Vec::new();
        let mut seen: Seen = Seen::new();
        for s in body {
            let s = unwrap_export(s);
            match &s.kind {
                StmtKind::Import(i) => {
                    let names = i
                        .default
                        .iter()
                        .chain(i.namespace.iter())
                        .chain(i.named.iter().map(|(_, l)| l));
                    for n in names {
                        if seen.insert(n.clone(), false).is_some() {
                            return err(
                                format!("Identifier '{n}' has already been declared"),
                                s.span,
                            );
                        }
                        out.push((n.clone(), LexicalKind::Const));
                    }
                }
                StmtKind::Function(f) if module => {
                    if let Some(n) = &f.name {
                        if seen.insert(n.clone(), false).is_some() {
                            return err(
                                format!("Identifier '{n}' has already been declared"),
                                s.span,
                            );
                        }
                        out.push((n.clone(), LexicalKind::Function));
                    }
                }
                _ => self.lexical_of(s, &mut out, &mut seen, false)?,
            }
        }
        Ok(out)
    }

    /// The lexical declarations one statement adds to its statement list.
    fn lexical_of(
        &mut self,
        s: &Stmt,
        out: &mut Vec<(Atom, LexicalKind)>,
        seen: &mut Seen,
        block: bool,
    ) -> SResult<()> {
        let s = unwrap_export(s);
        match &s.kind {
            StmtKind::Var(d) if d.kind != VarKind::Var => {
                let kind = if d.kind == VarKind::Let {
                    LexicalKind::Let
                } else {
                    LexicalKind::Const
                };
                for decl in &d.decls {
                    let mut names = Vec::new();
                    bound_names(&decl.target, &mut names);
                    for n in names {
                        if &*n == "let" {
                            return err("let is disallowed as a lexically bound name", decl.span);
                        }
                        if seen.insert(n.clone(), false).is_some() {
                            return err(
                                format!("Identifier '{n}' has already been declared"),
                                decl.span,
                            );
                        }
                        out.push((n, kind));
                    }
                }
            }
            StmtKind::Class(c) => {
                if let Some(n) = &c.name {
                    if seen.insert(n.clone(), false).is_some() {
                        return err(
                            format!("Identifier '{n}' has already been declared"),
                            s.span,
                        );
                    }
                    out.push((n.clone(), LexicalKind::Class));
                }
            }
            StmtKind::Function(f) if block => {
                if let Some(n) = &f.name {
                    let plain = !f.is_async && !f.is_generator;
                    if let Some(prev_plain) = seen.insert(n.clone(), plain) {
                        // Annex B.3.2.4: duplicate plain function
                        // declarations in a block are allowed in sloppy
                        // mode.
                        if self.strict() || !plain || !prev_plain {
                            return err(
                                format!("Identifier '{n}' has already been declared"),
                                s.span,
                            );
                        }
                    }
                    out.push((n.clone(), LexicalKind::Function));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn declare_var(&mut self, n: &Atom, s: Span) -> SResult<()> {
        self.check_binding_name(n, s)?;
        let st = self.cur();
        // A var hoists through every enclosing block of its function.
        if st.scopes.iter().any(|sc| sc.contains(n)) {
            return err(format!("Identifier '{n}' has already been declared"), s);
        }
        st.add_var(n);
        Ok(())
    }

    fn check_binding_name(&self, n: &str, s: Span) -> SResult<()> {
        if self.strict() {
            if n == "eval" || n == "arguments" {
                return err("Unexpected eval or arguments in strict mode", s);
            }
            if STRICT_RESERVED.contains(&n) {
                return err("Unexpected strict mode reserved word", s);
            }
        }
        self.check_reference_name(n, s)
    }

    fn check_reference_name(&self, n: &str, s: Span) -> SResult<()> {
        if self.strict() && STRICT_RESERVED.contains(&n) {
            return err("Unexpected strict mode reserved word", s);
        }
        if n == "await"
            && (self.module
                || self
                    .fns
                    .last()
                    .is_some_and(|f| f.is_async || f.static_block))
        {
            return err("Unexpected reserved word", s);
        }
        if n == "yield" && self.fns.last().is_some_and(|f| f.is_generator) {
            return err("Unexpected identifier 'yield'", s);
        }
        Ok(())
    }

    // ------------------------------------------------------------ statements

    fn statements(&mut self, body: &mut [Stmt], src: &str) -> SResult<()> {
        for s in body {
            self.statement(s, src)?;
        }
        Ok(())
    }

    /// Enter a block-like scope: collect its lexical declarations first.
    fn enter_block(&mut self, body: &[Stmt]) -> SResult<Vec<(Atom, LexicalKind)>> {
        let mut out = Vec::new();
        let mut seen = Seen::new();
        for s in body {
            self.lexical_of(s, &mut out, &mut seen, true)?;
        }
        let set = out.iter().map(|(n, _)| n.clone()).collect();
        self.cur().scopes.push(set);
        Ok(out)
    }

    fn block_scope(&mut self, body: &mut [Stmt], src: &str) -> SResult<Scope> {
        let lexical = self.enter_block(body)?;
        self.statements(body, src)?;
        self.cur().scopes.pop();
        let functions = top_level_functions(body);
        self.annex_b_hoist(&functions);
        Ok(Scope {
            var_names: Vec::new(),
            lexical,
            functions,
            annex_b_functions: Vec::new(),
            captures: true,
        })
    }

    /// Annex B.3.3: in sloppy code a plain function declared in a block
    /// (or a switch case) also gets a var binding in the enclosing
    /// function, unless a lexical binding of an enclosing scope or a
    /// parameter has that name.
    fn annex_b_hoist(&mut self, functions: &[Rc<Function>]) {
        if self.strict() {
            return;
        }
        for f in functions {
            let Some(n) = &f.name else { continue };
            let st = self.cur();
            if f.is_async
                || f.is_generator
                || st.scopes.iter().any(|sc| sc.contains(n))
                || st.param_names.contains(n)
            {
                continue;
            }
            if !st.annex_b.contains(n) {
                st.annex_b.push(n.clone());
            }
            st.add_var(n);
        }
    }

    fn statement(&mut self, s: &mut Stmt, src: &str) -> SResult<()> {
        let before = self.closures;
        self.statement_kind(s, src)?;
        let captures = self.closures != before;
        match &mut s.kind {
            StmtKind::Block(b) => b.scope.captures = captures,
            StmtKind::For(f) => f.scope.captures = captures,
            StmtKind::ForIn(f) | StmtKind::ForOf(f) => f.scope.captures = captures,
            _ => {}
        }
        Ok(())
    }

    fn statement_kind(&mut self, s: &mut Stmt, src: &str) -> SResult<()> {
        let span = s.span;
        let is_for_of = matches!(s.kind, StmtKind::ForOf(_));
        match &mut s.kind {
            StmtKind::Empty | StmtKind::Debugger => Ok(()),
            StmtKind::Expr(e) => self.expr(e, src),
            StmtKind::Var(d) => self.var_decl(d, src, false),
            StmtKind::Function(f) => {
                let f = Rc::make_mut(f);
                if let Some(n) = &f.name {
                    self.check_binding_name(n, span)?;
                }
                let top = self.cur().scopes.len() <= 1;
                if top {
                    if let Some(n) = f.name.clone() {
                        if !self.module {
                            self.cur().add_var(&n);
                        }
                    }
                }
                self.function(f, src)
            }
            StmtKind::Class(c) => {
                if let Some(n) = &c.name {
                    self.check_binding_name(n, span)?;
                }
                self.class(Rc::make_mut(c), src)
            }
            StmtKind::Return(e) => {
                let st = self.cur();
                if !st.is_function || (st.field_init && !st.is_arrow) {
                    return err("Illegal return statement", span);
                }
                match e {
                    Some(e) => self.expr(e, src),
                    None => Ok(()),
                }
            }
            StmtKind::If(c, t, e) => {
                self.expr(c, src)?;
                self.sub_statement(t, src, true)?;
                match e {
                    Some(e) => self.sub_statement(e, src, true),
                    None => Ok(()),
                }
            }
            StmtKind::Block(b) => {
                *b.scope = self.block_scope(&mut b.body, src)?;
                Ok(())
            }
            StmtKind::For(f) => {
                let mut lexical = Vec::new();
                if let Some(ForInit::Var(d)) = &f.init {
                    if d.kind != VarKind::Var {
                        let mut seen = Seen::new();
                        let decl_stmt = Stmt {
                            kind: StmtKind::Var(Box::new(d.clone())),
                            span,
                        };
                        self.lexical_of(&decl_stmt, &mut lexical, &mut seen, false)?;
                    }
                }
                self.cur()
                    .scopes
                    .push(lexical.iter().map(|(n, _)| n.clone()).collect());
                match &mut f.init {
                    Some(ForInit::Var(d)) => self.var_decl(d, src, false)?,
                    Some(ForInit::Expr(e)) => self.expr(e, src)?,
                    None => {}
                }
                if let Some(t) = &mut f.test {
                    self.expr(t, src)?;
                }
                if let Some(u) = &mut f.update {
                    self.expr(u, src)?;
                }
                self.loop_body(&mut f.body, src)?;
                self.cur().scopes.pop();
                f.scope.lexical = lexical;
                Ok(())
            }
            StmtKind::ForIn(f) | StmtKind::ForOf(f) => {
                let is_of = is_for_of;
                let is_await = f.is_await;
                if f.is_await && !self.cur().is_async {
                    return err("Unexpected reserved word", span);
                }
                if f.is_await && (self.module || self.script_await) && self.fns.len() == 1 {
                    self.top_level_await = true;
                }
                let mut lexical = Vec::new();
                match &mut f.left {
                    ForHead::Decl(kind, p, init) => {
                        if init.is_some()
                            && (self.strict()
                                || *kind != VarKind::Var
                                || is_of
                                || !matches!(p.kind, PatternKind::Ident(..)))
                        {
                            return err(
                                format!(
                                    "for-{} loop variable declaration may not have an initializer.",
                                    if is_of { "of" } else { "in" }
                                ),
                                p.span,
                            );
                        }
                        if *kind == VarKind::Var {
                            self.pattern(p, src, Some(false))?;
                        } else {
                            let mut names = Vec::new();
                            bound_names(p, &mut names);
                            let mut seen = HashSet::new();
                            for n in names {
                                if &*n == "let" {
                                    return err(
                                        "let is disallowed as a lexically bound name",
                                        p.span,
                                    );
                                }
                                if !seen.insert(n.clone()) {
                                    return err(
                                        format!("Identifier '{n}' has already been declared"),
                                        p.span,
                                    );
                                }
                                lexical.push((
                                    n,
                                    if *kind == VarKind::Let {
                                        LexicalKind::Let
                                    } else {
                                        LexicalKind::Const
                                    },
                                ));
                            }
                            self.cur()
                                .scopes
                                .push(lexical.iter().map(|(n, _)| n.clone()).collect());
                            self.pattern(p, src, Some(true))?;
                            self.cur().scopes.pop();
                        }
                        if let Some(i) = init {
                            self.expr(i, src)?;
                        }
                    }
                    ForHead::Pattern(p) => {
                        if is_of {
                            // `for (async of x)` would read as an arrow;
                            // `for (let.a of x)` as a declaration.
                            let text = src.get(p.span.start as usize..).unwrap_or("");
                            let starts_with_word = |w: &str| {
                                text.strip_prefix(w).is_some_and(|rest| {
                                    !rest.starts_with(|c: char| {
                                        c.is_alphanumeric() || c == '_' || c == '$'
                                    })
                                })
                            };
                            if !is_await
                                && matches!(&p.kind, PatternKind::Ident(n, _) if &**n == "async")
                                && starts_with_word("async")
                            {
                                return err(
                                    "The left-hand side of a for-of loop may not be 'async'.",
                                    p.span,
                                );
                            }
                            if starts_with_word("let") {
                                return err(
                                    "The left-hand side of a for-of loop may not be 'let'.",
                                    p.span,
                                );
                            }
                        }
                        self.pattern(p, src, None)?
                    }
                }
                self.cur()
                    .scopes
                    .push(lexical.iter().map(|(n, _)| n.clone()).collect());
                self.expr(&mut f.right, src)?;
                self.loop_body(&mut f.body, src)?;
                self.cur().scopes.pop();
                f.scope.lexical = lexical;
                Ok(())
            }
            StmtKind::While(c, b) => {
                self.expr(c, src)?;
                self.loop_body(b, src)
            }
            StmtKind::DoWhile(b, c) => {
                self.loop_body(b, src)?;
                self.expr(c, src)
            }
            StmtKind::Break(label) => {
                let st = self.cur();
                match label {
                    Some(l) => {
                        if !st.labels.iter().any(|(n, _)| n == l) {
                            return err(format!("Undefined label '{l}'"), span);
                        }
                    }
                    None => {
                        if st.breakable == 0 {
                            return err("Illegal break statement", span);
                        }
                    }
                }
                Ok(())
            }
            StmtKind::Continue(label) => {
                let st = self.cur();
                if st.iteration == 0 {
                    return err(
                        "Illegal continue statement: no surrounding iteration statement",
                        span,
                    );
                }
                if let Some(l) = label {
                    match st.labels.iter().rev().find(|(n, _)| n == l) {
                        None => return err(format!("Undefined label '{l}'"), span),
                        Some((_, false)) => {
                            return err(
                                format!("Illegal continue statement: '{l}' does not denote an iteration statement"),
                                span,
                            )
                        }
                        Some(_) => {}
                    }
                }
                Ok(())
            }
            StmtKind::Throw(e) => self.expr(e, src),
            StmtKind::Try(t) => {
                *t.block.scope = self.block_scope(&mut t.block.body, src)?;
                if let Some(h) = &mut t.handler {
                    let mut names = Vec::new();
                    if let Some(p) = &t.param {
                        bound_names(p, &mut names);
                        let mut seen = HashSet::new();
                        for n in &names {
                            if !seen.insert(n.clone()) {
                                return err(
                                    format!("Identifier '{n}' has already been declared"),
                                    p.span,
                                );
                            }
                        }
                    }
                    self.cur().scopes.push(HashSet::new());
                    if let Some(p) = &mut t.param {
                        self.pattern(p, src, Some(true))?;
                    }
                    // The catch parameter and the block's lexical names
                    // may not clash; `var e` in the block is Annex B legal
                    // for a simple parameter.
                    let simple = matches!(
                        t.param.as_ref().map(|p| &p.kind),
                        Some(PatternKind::Ident(..))
                    );
                    let lexical = {
                        let mut out = Vec::new();
                        let mut seen = Seen::new();
                        for s in &h.body {
                            self.lexical_of(s, &mut out, &mut seen, true)?;
                        }
                        out
                    };
                    for (n, _) in &lexical {
                        if names.contains(n) {
                            return err(
                                format!("Identifier '{n}' has already been declared"),
                                h_span(&h.body, span),
                            );
                        }
                    }
                    if !simple {
                        let set: HashSet<Atom> = names.iter().cloned().collect();
                        self.cur().scopes.pop();
                        self.cur().scopes.push(set);
                    }
                    *h.scope = self.block_scope(&mut h.body, src)?;
                    self.cur().scopes.pop();
                }
                if let Some(f) = &mut t.finalizer {
                    *f.scope = self.block_scope(&mut f.body, src)?;
                }
                Ok(())
            }
            StmtKind::Switch(sw) => {
                self.expr(&mut sw.discriminant, src)?;
                if sw.cases.iter().filter(|c| c.test.is_none()).count() > 1 {
                    return err("More than one default clause in switch statement", span);
                }
                let mut lexical = Vec::new();
                let mut seen = Seen::new();
                for c in &sw.cases {
                    for s in &c.body {
                        self.lexical_of(s, &mut lexical, &mut seen, true)?;
                    }
                }
                self.cur()
                    .scopes
                    .push(lexical.iter().map(|(n, _)| n.clone()).collect());
                self.cur().breakable += 1;
                let mut functions = Vec::new();
                for c in &mut sw.cases {
                    if let Some(t) = &mut c.test {
                        self.expr(t, src)?;
                    }
                    self.statements(&mut c.body, src)?;
                    functions.extend(top_level_functions(&c.body));
                }
                self.cur().breakable -= 1;
                self.cur().scopes.pop();
                self.annex_b_hoist(&functions);
                sw.scope = Scope {
                    var_names: Vec::new(),
                    lexical,
                    functions,
                    annex_b_functions: Vec::new(),
                    captures: true,
                };
                Ok(())
            }
            StmtKind::Labeled(l, body) => {
                if self.cur().labels.iter().any(|(n, _)| n == l) {
                    return err(format!("Label '{l}' has already been declared"), span);
                }
                self.check_reference_name(l, span)?;
                let is_loop = is_iteration(body);
                self.cur().labels.push((l.clone(), is_loop));
                // A labelled non-loop statement can be left with `break l`.
                let r = self.sub_statement(body, src, !is_loop);
                self.cur().labels.pop();
                r
            }
            StmtKind::With(o, b) => {
                if self.strict() {
                    return err("Strict mode code may not include a with statement", span);
                }
                self.expr(o, src)?;
                self.sub_statement(b, src, false)
            }
            StmtKind::Import(i) => {
                if !self.module || self.fns.len() != 1 || self.cur().scopes.len() != 1 {
                    return err("Cannot use import statement outside a module", span);
                }
                for (n, (key, _)) in i.attributes.iter().enumerate() {
                    if i.attributes[..n].iter().any(|(k, _)| k == key) {
                        return err(format!("Import attribute has duplicate key '{key}'"), span);
                    }
                }
                Ok(())
            }
            StmtKind::Export(d) => {
                if !self.module || self.fns.len() != 1 || self.cur().scopes.len() != 1 {
                    return err("Unexpected token 'export'", span);
                }
                match &mut **d {
                    ExportDecl::Decl(s) | ExportDecl::DefaultDecl(s) => {
                        if let StmtKind::Function(f) = &mut s.kind {
                            Rc::make_mut(f).is_expression = false;
                        }
                        self.statement(s, src)
                    }
                    ExportDecl::DefaultExpr(e) => self.expr(e, src),
                    ExportDecl::Named { .. } | ExportDecl::All { .. } => Ok(()),
                }
            }
        }
    }

    /// The body of `if`/`while`/labels: a declaration is not a statement.
    /// Annex B.3.4: in sloppy code a plain function declaration may be the
    /// body of `if` or of a label; it behaves as if wrapped in a block.
    fn sub_statement(&mut self, s: &mut Stmt, src: &str, allow_function: bool) -> SResult<()> {
        let mut inner = &*s;
        while let StmtKind::Labeled(_, b) = &inner.kind {
            inner = b;
        }
        if matches!(s.kind, StmtKind::Labeled(..)) && matches!(inner.kind, StmtKind::Function(_)) {
            return err(
                "In non-strict mode code, functions can only be declared at top level, inside a block, or as the body of an if statement.",
                inner.span,
            );
        }
        match &s.kind {
            StmtKind::Var(d) if d.kind != VarKind::Var => {
                return err(
                    "Lexical declaration cannot appear in a single-statement context",
                    s.span,
                )
            }
            StmtKind::Class(_) => return err("Unexpected token 'class'", s.span),
            StmtKind::Function(f) => {
                if self.strict() {
                    return err(
                        "In strict mode code, functions can only be declared at top level or inside a block.",
                        s.span,
                    );
                }
                if !allow_function || f.is_async || f.is_generator {
                    return err(
                        "In non-strict mode code, functions can only be declared at top level, inside a block, or as the body of an if statement.",
                        s.span,
                    );
                }
                let inner = std::mem::replace(&mut s.kind, StmtKind::Empty);
                s.kind = StmtKind::Block(Box::new(Block {
                    body: vec![Stmt {
                        kind: inner,
                        span: s.span,
                    }],
                    scope: Box::default(),
                }));
            }
            _ => {}
        }
        self.statement(s, src)
    }

    fn loop_body(&mut self, s: &mut Stmt, src: &str) -> SResult<()> {
        let st = self.cur();
        st.breakable += 1;
        st.iteration += 1;
        let r = self.sub_statement(s, src, false);
        let st = self.cur();
        st.breakable -= 1;
        st.iteration -= 1;
        r
    }

    fn var_decl(&mut self, d: &mut VarDecl, src: &str, _in_for: bool) -> SResult<()> {
        for decl in &mut d.decls {
            if decl.init.is_none() {
                if d.kind == VarKind::Const {
                    return err("Missing initializer in const declaration", decl.span);
                }
                if !matches!(decl.target.kind, PatternKind::Ident(..)) {
                    return err(
                        "Missing initializer in destructuring declaration",
                        decl.span,
                    );
                }
            }
            if let Some(i) = &mut decl.init {
                self.expr(i, src)?;
            }
            self.pattern(&mut decl.target, src, Some(d.kind != VarKind::Var))?;
        }
        Ok(())
    }

    /// Walk a pattern. `binding`: Some(lexical) for declarations (names are
    /// bound; var names are collected), None for assignment targets.
    fn pattern(&mut self, p: &mut Pattern, src: &str, binding: Option<bool>) -> SResult<()> {
        let span = p.span;
        match &mut p.kind {
            PatternKind::Ident(n, _) => match binding {
                Some(false) => self.declare_var(n, span),
                Some(true) => self.check_binding_name(n, span),
                None => {
                    if self.strict() && (&**n == "eval" || &**n == "arguments") {
                        return err("Unexpected eval or arguments in strict mode", span);
                    }
                    self.reference(n, span)
                }
            },
            PatternKind::Object(props, rest) => {
                for prop in props {
                    if let PropKey::Computed(e) = &mut prop.key {
                        self.expr(e, src)?;
                    }
                    self.pattern(&mut prop.value, src, binding)?;
                }
                if let Some(r) = rest {
                    self.pattern(r, src, binding)?;
                }
                Ok(())
            }
            PatternKind::Array(elems, rest) => {
                for e in elems.iter_mut().flatten() {
                    self.pattern(e, src, binding)?;
                }
                if let Some(r) = rest {
                    self.pattern(r, src, binding)?;
                }
                Ok(())
            }
            PatternKind::Default(target, value) => {
                self.pattern(target, src, binding)?;
                self.expr(value, src)
            }
            PatternKind::Expr(e) => self.expr(e, src),
        }
    }

    fn reference(&mut self, n: &Atom, span: Span) -> SResult<()> {
        self.check_reference_name(n, span)?;
        if &**n == "arguments" {
            if self
                .fns
                .iter()
                .rev()
                .find(|f| !f.is_arrow)
                .is_some_and(|f| f.field_init)
            {
                return err("'arguments' is not allowed in class field initializer or static initialization block", span);
            }
            for f in self.fns.iter_mut().rev() {
                f.uses_arguments = true;
                if !f.is_arrow {
                    break;
                }
            }
        }
        Ok(())
    }

    fn uses_this(&mut self) {
        for f in self.fns.iter_mut().rev() {
            f.uses_this = true;
            if !f.is_arrow {
                break;
            }
        }
    }

    // ------------------------------------------------------------ functions

    fn function(&mut self, f: &mut Function, src: &str) -> SResult<()> {
        self.closures += 1;
        if let Some(parent) = self.fns.last_mut() {
            parent.inner_closures = true;
        }
        let parent_strict = self.strict();
        let directive = match &f.body {
            FunctionBody::Block(b) => has_use_strict(b, src),
            FunctionBody::Expr(_) => None,
        };
        let class_code = matches!(
            f.kind,
            FunctionKind::ClassConstructor
                | FunctionKind::DerivedConstructor
                | FunctionKind::ClassField
        );
        let strict = parent_strict || directive.is_some() || class_code;
        if let Some(d) = directive {
            if !f.simple_params {
                return err(
                    "Illegal 'use strict' directive in function with non-simple parameter list",
                    d,
                );
            }
        }
        f.strict = strict;
        if strict && !parent_strict {
            self.strict_ranges.push(f.span);
        }
        let parent_new_target = self.fns.last().is_some_and(|p| p.new_target);
        let parent_super_prop = self.fns.last().is_some_and(|p| p.super_property);
        let parent_super_call = self.fns.last().is_some_and(|p| p.super_call);
        let parent_field = self.fns.last().is_some_and(|p| p.field_init);
        let parent_static_block = self.fns.last().is_some_and(|p| p.static_block);
        let entering_static_block = std::mem::take(&mut self.entering_static_block);
        let mut st = FnState::new(strict);
        st.is_function = true;
        st.is_async = f.is_async;
        st.is_generator = f.is_generator;
        match f.kind {
            FunctionKind::Arrow => {
                st.is_arrow = true;
                st.new_target = parent_new_target;
                st.super_property = parent_super_prop;
                st.super_call = parent_super_call;
                st.field_init = parent_field;
                st.static_block = parent_static_block;
            }
            FunctionKind::Normal => st.new_target = true,
            FunctionKind::Method
            | FunctionKind::Getter
            | FunctionKind::Setter
            | FunctionKind::ClassConstructor => {
                st.new_target = true;
                st.super_property = true;
            }
            FunctionKind::DerivedConstructor => {
                st.new_target = true;
                st.super_property = true;
                st.super_call = true;
            }
            FunctionKind::ClassField => {
                st.new_target = true;
                st.super_property = true;
                st.field_init = true;
                st.static_block = entering_static_block;
            }
        }
        // Parameters.
        let mut names = Vec::new();
        for p in &f.params {
            bound_names(&p.pattern, &mut names);
        }
        let strict_dups = strict
            || !f.simple_params
            || matches!(
                f.kind,
                FunctionKind::Arrow
                    | FunctionKind::Method
                    | FunctionKind::Getter
                    | FunctionKind::Setter
                    | FunctionKind::ClassConstructor
                    | FunctionKind::DerivedConstructor
            );
        if strict_dups {
            let mut seen = HashSet::new();
            for n in &names {
                if !seen.insert(n.clone()) {
                    return err(
                        "Duplicate parameter name not allowed in this context",
                        f.span,
                    );
                }
            }
        }
        for n in &names {
            if (&**n == "yield" && (f.is_generator || strict))
                || (&**n == "await" && (f.is_async || self.module))
            {
                return err(format!("Unexpected identifier '{n}'"), f.span);
            }
        }
        if f.is_expression && f.kind == FunctionKind::Normal {
            match f.name.as_deref() {
                Some("yield") if f.is_generator => {
                    return err("Unexpected identifier 'yield'", f.span)
                }
                Some("await") if f.is_async => return err("Unexpected reserved word", f.span),
                _ => {}
            }
        }
        st.param_names = names.clone();
        st.in_params = true;
        self.fns.push(st);
        if let Some(n) = &f.name {
            if f.is_expression || f.kind == FunctionKind::Normal {
                if strict
                    && (&**n == "eval" || &**n == "arguments")
                    && f.kind == FunctionKind::Normal
                {
                    self.fns.pop();
                    return err("Unexpected eval or arguments in strict mode", f.span);
                }
                if strict && STRICT_RESERVED.contains(&&**n) && f.kind == FunctionKind::Normal {
                    self.fns.pop();
                    return err("Unexpected strict mode reserved word", f.span);
                }
            }
        }
        let r = self.function_inner(f, src);
        let st = self.fns.pop().unwrap_or_else(|| FnState::new(strict));
        r?;
        f.param_names = names;
        f.uses_arguments = st.uses_arguments;
        f.uses_this = st.uses_this;
        f.uses_eval = st.uses_eval;
        f.inner_closures = st.inner_closures;
        if st.uses_eval {
            for p in self.fns.iter_mut() {
                p.uses_eval = true;
            }
        }
        if f.kind == FunctionKind::Arrow && st.uses_this {
            self.uses_this();
        }
        if f.kind == FunctionKind::Arrow && st.uses_arguments {
            if let Some(p) = self.fns.last_mut() {
                p.uses_arguments = true;
            }
        }
        let mut lexical = Vec::new();
        if let FunctionBody::Block(b) = &f.body {
            let mut seen = Seen::new();
            for s in b {
                self.lexical_of(s, &mut lexical, &mut seen, false)?;
            }
        }
        f.scope = Scope {
            var_names: st.var_names,
            lexical,
            functions: match &f.body {
                FunctionBody::Block(b) => top_level_functions(b),
                FunctionBody::Expr(_) => Vec::new(),
            },
            annex_b_functions: st.annex_b,
            captures: true,
        };
        Ok(())
    }

    fn function_inner(&mut self, f: &mut Function, src: &str) -> SResult<()> {
        let strict = self.strict();
        for p in &mut f.params {
            if strict || f.kind == FunctionKind::Arrow {
                let mut names = Vec::new();
                bound_names(&p.pattern, &mut names);
                for n in &names {
                    self.check_binding_name(n, p.pattern.span)?;
                }
            }
            self.param_pattern(&mut p.pattern, src)?;
        }
        self.cur().in_params = false;
        match &mut f.body {
            FunctionBody::Block(body) => {
                let top = {
                    let mut out = Vec::new();
                    let mut seen = Seen::new();
                    for s in body.iter() {
                        self.lexical_of(s, &mut out, &mut seen, false)?;
                    }
                    out
                };
                for (n, _) in &top {
                    if self.cur().param_names.contains(n) {
                        return err(
                            format!("Identifier '{n}' has already been declared"),
                            f.span,
                        );
                    }
                }
                // Top-level function names are var-scoped here; a lexical
                // declaration of the same name conflicts.
                for s in body.iter() {
                    if let StmtKind::Function(g) = &s.kind {
                        if let Some(n) = &g.name {
                            if top.iter().any(|(m, _)| m == n) {
                                return err(
                                    format!("Identifier '{n}' has already been declared"),
                                    s.span,
                                );
                            }
                        }
                    }
                }
                self.cur()
                    .scopes
                    .push(top.iter().map(|(n, _)| n.clone()).collect());
                self.statements(body, src)?;
                self.cur().scopes.pop();
                Ok(())
            }
            FunctionBody::Expr(e) => self.expr(e, src),
        }
    }

    /// Parameters: names are checked by the caller; walk defaults.
    fn param_pattern(&mut self, p: &mut Pattern, src: &str) -> SResult<()> {
        match &mut p.kind {
            PatternKind::Ident(..) => Ok(()),
            PatternKind::Object(props, rest) => {
                for prop in props {
                    if let PropKey::Computed(e) = &mut prop.key {
                        self.expr(e, src)?;
                    }
                    self.param_pattern(&mut prop.value, src)?;
                }
                if let Some(r) = rest {
                    self.param_pattern(r, src)?;
                }
                Ok(())
            }
            PatternKind::Array(elems, rest) => {
                for e in elems.iter_mut().flatten() {
                    self.param_pattern(e, src)?;
                }
                if let Some(r) = rest {
                    self.param_pattern(r, src)?;
                }
                Ok(())
            }
            PatternKind::Default(t, v) => {
                self.param_pattern(t, src)?;
                if matches!(v.kind, ExprKind::Yield { .. }) || contains_await_or_yield(v) {
                    let st = self.cur();
                    if st.is_generator || st.is_async {
                        return err(
                            "Illegal await-expression in formal parameters of async function",
                            v.span,
                        );
                    }
                }
                self.expr(v, src)
            }
            PatternKind::Expr(e) => err("Invalid destructuring assignment target", e.span),
        }
    }

    fn class(&mut self, c: &mut Class, src: &str) -> SResult<()> {
        self.closures += 1;
        // A class keeps the environment it is defined in, even without methods.
        if let Some(parent) = self.fns.last_mut() {
            parent.inner_closures = true;
        }
        // Class code is strict, including the heritage and the name.
        let strict_before = self.strict();
        if !strict_before {
            self.strict_ranges.push(c.span);
        }
        if let Some(n) = &c.name {
            if STRICT_RESERVED.contains(&&**n) || &**n == "eval" || &**n == "arguments" {
                return err("Unexpected strict mode reserved word", c.span);
            }
        }
        let saved = self.cur().strict;
        self.cur().strict = true;
        if let Some(e) = &mut c.extends {
            self.expr(e, src)?;
        }
        let privates: HashSet<Atom> = c
            .members
            .iter()
            .filter_map(|m| match &m.key {
                PropKey::Private(n) => Some(n.clone()),
                _ => None,
            })
            .collect();
        self.classes.push(privates);
        let depth = self.classes.len();
        let r = self.class_members(c, src);
        self.classes.pop();
        self.cur().strict = saved;
        r?;
        // Private names used inside but declared by no class up to here.
        let classes = &self.classes;
        let mut still = Vec::new();
        for (n, s, d) in std::mem::take(&mut self.unresolved_private) {
            if d >= depth && classes.iter().any(|c| c.contains(&n)) {
                continue;
            }
            if d >= depth && classes.is_empty() {
                still.push((n, s, d));
                continue;
            }
            still.push((n, s, d.min(depth - 1)));
        }
        if self.classes.is_empty() {
            if let Some((n, s, _)) = still.first() {
                return err(
                    format!("Private field '#{n}' must be declared in an enclosing class"),
                    *s,
                );
            }
        }
        self.unresolved_private = still;
        Ok(())
    }

    fn class_members(&mut self, c: &mut Class, src: &str) -> SResult<()> {
        let derived = c.extends.is_some();
        if let Some(ctor) = &mut c.constructor {
            let f = Rc::make_mut(ctor);
            f.kind = if derived {
                FunctionKind::DerivedConstructor
            } else {
                FunctionKind::ClassConstructor
            };
            self.function(f, src)?;
        }
        for m in &mut c.members {
            if let PropKey::Computed(e) = &mut m.key {
                self.expr(e, src)?;
            }
            match &mut m.kind {
                ClassMemberKind::Method(f)
                | ClassMemberKind::Getter(f)
                | ClassMemberKind::Setter(f) => self.function(Rc::make_mut(f), src)?,
                ClassMemberKind::Field(Some(f)) => self.function(Rc::make_mut(f), src)?,
                ClassMemberKind::StaticBlock(f) => {
                    self.entering_static_block = true;
                    self.function(Rc::make_mut(f), src)?
                }
                ClassMemberKind::Field(None) => {}
            }
        }
        Ok(())
    }

    fn private_ref(&mut self, n: &Atom, s: Span) -> SResult<()> {
        if self.classes.iter().any(|c| c.contains(n)) {
            return Ok(());
        }
        if self.classes.is_empty() {
            return err(
                format!("Private field '#{n}' must be declared in an enclosing class"),
                s,
            );
        }
        self.unresolved_private
            .push((n.clone(), s, self.classes.len()));
        Ok(())
    }

    // ------------------------------------------------------------ expressions

    fn exprs(&mut self, es: &mut [Expr], src: &str) -> SResult<()> {
        for e in es {
            self.expr(e, src)?;
        }
        Ok(())
    }

    fn args(&mut self, args: &mut [Arg], src: &str) -> SResult<()> {
        for a in args {
            match a {
                Arg::Expr(e) | Arg::Spread(e) => self.expr(e, src)?,
            }
        }
        Ok(())
    }

    fn expr(&mut self, e: &mut Expr, src: &str) -> SResult<()> {
        let span = e.span;
        match &mut e.kind {
            ExprKind::Ident(n, _) => {
                let n = n.clone();
                self.reference(&n, span)
            }
            ExprKind::This => {
                self.uses_this();
                Ok(())
            }
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Num(_)
            | ExprKind::BigInt(_)
            | ExprKind::Str(_) => Ok(()),
            // Invalid regular expressions are early errors.
            ExprKind::Regex { pattern, flags } => {
                match regress::Regex::with_flags(pattern, &**flags) {
                    Ok(_) => Ok(()),
                    Err(e) => err(
                        format!("Invalid regular expression: /{pattern}/{flags}: {e}"),
                        span,
                    ),
                }
            }
            ExprKind::Template(t) => self.exprs(&mut Rc::make_mut(t).exprs, src),
            ExprKind::TaggedTemplate(tag, t) => {
                self.expr(tag, src)?;
                self.exprs(&mut Rc::make_mut(t).exprs, src)
            }
            ExprKind::Array(elems) => {
                for el in elems {
                    match el {
                        ArrayElement::Hole => {}
                        ArrayElement::Expr(e) | ArrayElement::Spread(e) => self.expr(e, src)?,
                    }
                }
                Ok(())
            }
            ExprKind::Object(props) => {
                for p in props {
                    match p {
                        PropDef::Value(k, v) => {
                            if let PropKey::Computed(k) = k {
                                self.expr(k, src)?;
                            }
                            self.expr(v, src)?;
                        }
                        PropDef::Method(k, f) | PropDef::Getter(k, f) | PropDef::Setter(k, f) => {
                            if let PropKey::Computed(k) = k {
                                self.expr(k, src)?;
                            }
                            self.function(Rc::make_mut(f), src)?;
                        }
                        PropDef::Spread(v) | PropDef::Proto(v) => self.expr(v, src)?,
                    }
                }
                Ok(())
            }
            ExprKind::Function(f) | ExprKind::Arrow(f) => self.function(Rc::make_mut(f), src),
            ExprKind::Class(c) => self.class(Rc::make_mut(c), src),
            ExprKind::Unary(op, x) => {
                if *op == UnaryOp::Delete
                    && self.strict()
                    && matches!(strip_parens(x).kind, ExprKind::Ident(..))
                {
                    return err("Delete of an unqualified identifier in strict mode.", span);
                }
                self.expr(x, src)
            }
            ExprKind::Update { target, .. } => {
                if self.strict() {
                    if let ExprKind::Ident(n, _) = &strip_parens(target).kind {
                        if &**n == "eval" || &**n == "arguments" {
                            return err("Unexpected eval or arguments in strict mode", span);
                        }
                    }
                }
                self.expr(target, src)
            }
            ExprKind::Binary(_, a, b) | ExprKind::Logical(_, a, b) => {
                self.expr(a, src)?;
                self.expr(b, src)
            }
            ExprKind::Assign { target, value, .. } => {
                self.pattern(target, src, None)?;
                self.expr(value, src)
            }
            ExprKind::Cond(a, b, c) => {
                self.expr(a, src)?;
                self.expr(b, src)?;
                self.expr(c, src)
            }
            ExprKind::Call { callee, args, .. } => {
                if let ExprKind::Ident(n, _) = &strip_parens(callee).kind {
                    if &**n == "eval" {
                        self.closures += 1;
                        for f in self.fns.iter_mut() {
                            f.uses_eval = true;
                            f.uses_arguments = true;
                            f.uses_this = true;
                        }
                    }
                }
                self.expr(callee, src)?;
                self.args(args, src)
            }
            ExprKind::New { callee, args } => {
                self.expr(callee, src)?;
                self.args(args, src)
            }
            ExprKind::Member { object, prop, .. } => {
                self.expr(object, src)?;
                match prop {
                    MemberProp::Computed(p) => self.expr(p, src),
                    MemberProp::Private(n) => {
                        let n = n.clone();
                        self.private_ref(&n, span)
                    }
                    MemberProp::Ident(_) => Ok(()),
                }
            }
            ExprKind::SuperMember(prop) => {
                if !self.cur().super_property {
                    return err("'super' keyword unexpected here", span);
                }
                self.uses_this();
                match prop {
                    MemberProp::Computed(p) => self.expr(p, src),
                    _ => Ok(()),
                }
            }
            ExprKind::SuperCall(args) => {
                if !self.cur().super_call {
                    return err("'super' keyword unexpected here", span);
                }
                self.uses_this();
                self.args(args, src)
            }
            ExprKind::OptionalChain(x) | ExprKind::Paren(x) => self.expr(x, src),
            ExprKind::Seq(es) => self.exprs(es, src),
            ExprKind::Yield { arg, .. } => {
                let st = self.cur();
                if !st.is_generator || st.is_arrow || st.in_params {
                    return err("Yield expression not allowed in formal parameter", span);
                }
                match arg {
                    Some(a) => self.expr(a, src),
                    None => Ok(()),
                }
            }
            ExprKind::Await(x) => {
                let module = self.module || self.script_await;
                let outermost = self.fns.len() == 1;
                let st = self.cur();
                let top_level_module = module && !st.is_function;
                if st.in_params && st.is_async {
                    return err(
                        "Illegal await-expression in formal parameters of async function",
                        span,
                    );
                }
                if !(st.is_async || top_level_module) {
                    return err("await is only valid in async functions and the top level bodies of modules", span);
                }
                if st.field_init {
                    return err("Unexpected reserved word", span);
                }
                if top_level_module && outermost {
                    self.top_level_await = true;
                }
                self.expr(x, src)
            }
            ExprKind::NewTarget => {
                if !self.cur().new_target {
                    return err("new.target expression is not allowed here", span);
                }
                self.uses_this();
                Ok(())
            }
            ExprKind::ImportMeta => {
                if !self.module {
                    return err("Cannot use 'import.meta' outside a module", span);
                }
                Ok(())
            }
            ExprKind::ImportCall(x) => self.expr(x, src),
            ExprKind::PrivateIn(n, x) => {
                let n = n.clone();
                self.private_ref(&n, span)?;
                self.expr(x, src)
            }
        }
    }

    fn check_exports(&self, body: &[Stmt], top: &[(Atom, LexicalKind)]) -> SResult<()> {
        let mut exported: HashSet<Atom> = HashSet::new();
        let mut add = |n: &Atom, s: Span| -> SResult<()> {
            if !exported.insert(n.clone()) {
                return err(format!("Duplicate export of '{n}'"), s);
            }
            Ok(())
        };
        let mut locals: HashSet<Atom> = top.iter().map(|(n, _)| n.clone()).collect();
        let st = self.fns.first();
        if let Some(st) = st {
            locals.extend(st.var_names.iter().cloned());
        }
        for s in body {
            match &s.kind {
                StmtKind::Var(d) => {
                    for decl in &d.decls {
                        let mut names = Vec::new();
                        bound_names(&decl.target, &mut names);
                        locals.extend(names);
                    }
                }
                StmtKind::Function(f) => locals.extend(f.name.clone()),
                StmtKind::Class(c) => locals.extend(c.name.clone()),
                StmtKind::Import(i) => {
                    locals.extend(i.default.clone());
                    locals.extend(i.namespace.clone());
                    locals.extend(i.named.iter().map(|(_, l)| l.clone()));
                }
                StmtKind::Export(d) => match &**d {
                    ExportDecl::Decl(s) => match &s.kind {
                        StmtKind::Var(d) => {
                            for decl in &d.decls {
                                let mut names = Vec::new();
                                bound_names(&decl.target, &mut names);
                                for n in &names {
                                    add(n, s.span)?;
                                }
                                locals.extend(names);
                            }
                        }
                        StmtKind::Function(f) => {
                            if let Some(n) = &f.name {
                                add(n, s.span)?;
                                locals.insert(n.clone());
                            }
                        }
                        StmtKind::Class(c) => {
                            if let Some(n) = &c.name {
                                add(n, s.span)?;
                                locals.insert(n.clone());
                            }
                        }
                        _ => {}
                    },
                    ExportDecl::DefaultDecl(ds) => {
                        add(&Rc::from("default"), s.span)?;
                        match &ds.kind {
                            StmtKind::Function(f) => locals.extend(f.name.clone()),
                            StmtKind::Class(c) => locals.extend(c.name.clone()),
                            _ => {}
                        }
                    }
                    ExportDecl::DefaultExpr(_) => add(&Rc::from("default"), s.span)?,
                    ExportDecl::Named { specifiers, .. } => {
                        for (_, e) in specifiers {
                            add(e, s.span)?;
                        }
                    }
                    ExportDecl::All { alias: Some(a), .. } => add(a, s.span)?,
                    ExportDecl::All { .. } => {}
                },
                _ => {}
            }
        }
        for s in body {
            if let StmtKind::Export(d) = &s.kind {
                if let ExportDecl::Named {
                    specifiers,
                    from: None,
                } = &**d
                {
                    for (l, _) in specifiers {
                        if !locals.contains(l) {
                            return err(format!("Export '{l}' is not defined in module"), s.span);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

fn h_span(body: &[Stmt], fallback: Span) -> Span {
    body.first().map_or(fallback, |s| s.span)
}

fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_parens(x),
        _ => e,
    }
}

fn contains_await_or_yield(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Await(_) | ExprKind::Yield { .. })
}

fn is_iteration(s: &Stmt) -> bool {
    match &s.kind {
        StmtKind::For(_)
        | StmtKind::ForIn(_)
        | StmtKind::ForOf(_)
        | StmtKind::While(..)
        | StmtKind::DoWhile(..) => true,
        StmtKind::Labeled(_, b) => is_iteration(b),
        _ => false,
    }
}

fn unwrap_export(s: &Stmt) -> &Stmt {
    match &s.kind {
        StmtKind::Export(d) => match &**d {
            ExportDecl::Decl(s) | ExportDecl::DefaultDecl(s) => s,
            _ => s,
        },
        _ => s,
    }
}

/// Function declarations directly in a statement list, in order.
fn top_level_functions(body: &[Stmt]) -> Vec<Rc<Function>> {
    body.iter()
        .filter_map(|s| match &unwrap_export(s).kind {
            StmtKind::Function(f) => Some(f.clone()),
            _ => None,
        })
        .collect()
}

/// BoundNames of a pattern.
pub fn bound_names(p: &Pattern, out: &mut Vec<Atom>) {
    match &p.kind {
        PatternKind::Ident(n, _) => out.push(n.clone()),
        PatternKind::Object(props, rest) => {
            for prop in props {
                bound_names(&prop.value, out);
            }
            if let Some(r) = rest {
                bound_names(r, out);
            }
        }
        PatternKind::Array(elems, rest) => {
            for e in elems.iter().flatten() {
                bound_names(e, out);
            }
            if let Some(r) = rest {
                bound_names(r, out);
            }
        }
        PatternKind::Default(t, _) => bound_names(t, out),
        PatternKind::Expr(_) => {}
    }
}
