//! AST construction for the grammar's actions: precedence climbing, cover
//! grammars (parenthesized lists to arrow parameters, literals to
//! destructuring patterns), automatic semicolon insertion, and the parser
//! state shared with the lexer.

use std::cell::RefCell;
use std::rc::Rc;

use lalrpop_util::{ErrorRecovery, ParseError};
use lexer::{Context, FunctionContext, LexError, Span, TemplatePart, Tok};

use crate::ast::*;

/// The error type of the generated parser.
pub type PError = ParseError<usize, Tok, LexError>;
type PResult<T> = Result<T, PError>;

pub fn span(l: usize, r: usize) -> Span {
    Span::new(l, r)
}

/// A syntax error at a span, as a parser error.
pub fn error<T>(message: impl Into<String>, s: Span) -> PResult<T> {
    Err(ParseError::User {
        error: LexError {
            span: s,
            message: message.into(),
            incomplete: false,
        },
    })
}

pub fn expr(kind: ExprKind, l: usize, r: usize) -> Expr {
    Expr {
        kind,
        span: span(l, r),
    }
}

pub fn stmt(kind: StmtKind, l: usize, r: usize) -> Stmt {
    Stmt {
        kind,
        span: span(l, r),
    }
}

pub fn ident_pattern(n: Atom, l: usize, r: usize) -> Pattern {
    Pattern {
        kind: PatternKind::Ident(n, SiteCache::new()),
        span: span(l, r),
    }
}

/// State shared by the grammar's actions: the source (for ASI's look at the
/// gap before a token), the lexer context (function kinds decide whether
/// `yield`/`await` are keywords), and errors that depend on how a cover
/// grammar is finally read.
pub struct State<'s> {
    pub src: &'s str,
    pub ctx: Rc<Context>,
    pub tracker: Rc<FnTracker>,
    /// CoverInitializedName spans (`{ a = 1 }`) not (yet) turned into
    /// patterns.
    pub pending: RefCell<Vec<(Span, &'static str)>>,
    /// Array literals (by start offset) whose spread element is followed
    /// by a trailing comma: they cannot become patterns.
    pub trailing_spread: RefCell<Vec<u32>>,
}

impl<'s> State<'s> {
    pub fn new(src: &'s str, ctx: Rc<Context>, tracker: Rc<FnTracker>) -> State<'s> {
        State {
            src,
            ctx,
            tracker,
            pending: RefCell::new(Vec::new()),
            trailing_spread: RefCell::new(Vec::new()),
        }
    }

    /// Automatic semicolon insertion at the error token (ECMA-262 §12.10).
    /// Accepted only when the recovery dropped nothing, the gap between the
    /// last accepted input and the offending token is whitespace and
    /// comments (else LALRPOP popped states, losing input), and the token
    /// is `}`, the end of input, or follows a line terminator. After
    /// `do ... while (...)` any token is accepted.
    pub fn asi(
        &self,
        rec: ErrorRecovery<usize, Tok, LexError>,
        l: usize,
        r: usize,
        after_do_while: bool,
    ) -> PResult<()> {
        if !rec.dropped_tokens.is_empty() {
            return Err(rec.error);
        }
        let (at, is_brace) = match &rec.error {
            ParseError::UnrecognizedToken {
                token: (start, tok, _),
                ..
            } => (*start, matches!(tok, Tok::RBrace)),
            ParseError::UnrecognizedEof { location, .. } => (*location, true),
            _ => return Err(rec.error),
        };
        if at != r || l > r {
            return Err(rec.error);
        }
        let Some(gap) = self.src.get(l..r) else {
            return Err(rec.error);
        };
        match lexer::gap_is_trivia(gap) {
            Some(newline) if newline || is_brace || after_do_while => Ok(()),
            _ => Err(rec.error),
        }
    }

    /// Enter a function whose parameter list just ended (its body's `{`
    /// is the lookahead): the `}` that closes the body leaves it again.
    pub fn enter_function(&self, generator: bool, is_async: bool) {
        let depth = self.tracker.depth.get().saturating_sub(1);
        self.tracker
            .push(&self.ctx, generator, is_async, Close::AtDepth(depth));
    }

    /// Enter an async arrow function at its `=>`; its body may be a block
    /// or an expression (then the arrow's action leaves it).
    pub fn enter_async_arrow(&self) -> u32 {
        self.tracker.push(&self.ctx, false, true, Close::Pending)
    }

    /// Leave a function context entered with `id`, if the tracker has not
    /// already left it at the closing brace.
    fn leave(&self, id: u32) {
        self.tracker.remove(&self.ctx, id);
    }

    #[allow(clippy::too_many_arguments)]
    pub fn function(
        &self,
        name: Option<Atom>,
        kind: FunctionKind,
        is_async: bool,
        is_generator: bool,
        is_expression: bool,
        params: Vec<Param>,
        body: Vec<Stmt>,
        l: usize,
        r: usize,
    ) -> Rc<Function> {
        Rc::new(new_function(
            name,
            kind,
            is_async,
            is_generator,
            is_expression,
            params,
            FunctionBody::Block(body),
            span(l, r),
        ))
    }

    #[allow(clippy::too_many_arguments)]
    pub fn method(
        &self,
        key: &PropKey,
        kind: FunctionKind,
        is_async: bool,
        is_generator: bool,
        params: Vec<Param>,
        body: Vec<Stmt>,
        l: usize,
        r: usize,
    ) -> Rc<Function> {
        let name = key_name(key).map(|n| match kind {
            FunctionKind::Getter => Rc::from(format!("get {n}")),
            FunctionKind::Setter => Rc::from(format!("set {n}")),
            _ => n,
        });
        Rc::new(new_function(
            name,
            kind,
            is_async,
            is_generator,
            false,
            params,
            FunctionBody::Block(body),
            span(l, r),
        ))
    }

    /// An arrow function from its cover parameters.
    pub fn arrow(
        &self,
        cover: Cover,
        is_async: bool,
        body: FunctionBody,
        l: usize,
        r: usize,
    ) -> PResult<Expr> {
        if let Some(id) = cover.context {
            self.leave(id);
        }
        let params = self.cover_to_params(cover)?;
        let f = new_function(
            None,
            FunctionKind::Arrow,
            is_async,
            false,
            true,
            params,
            body,
            span(l, r),
        );
        Ok(expr(ExprKind::Arrow(Rc::new(f)), l, r))
    }

    fn cover_to_params(&self, cover: Cover) -> PResult<Vec<Param>> {
        let mut params = Vec::with_capacity(cover.items.len() + 1);
        for item in cover.items {
            params.push(Param {
                pattern: self.to_pattern(item, true)?,
                is_rest: false,
            });
        }
        if let Some(rest) = cover.rest {
            params.push(Param {
                pattern: rest,
                is_rest: true,
            });
        }
        Ok(params)
    }

    pub fn class(
        &self,
        name: Option<Atom>,
        tail: (Option<Expr>, Vec<ClassMember>),
        l: usize,
        r: usize,
    ) -> PResult<Rc<Class>> {
        let (extends, all) = tail;
        let mut constructor = None;
        let mut members = Vec::with_capacity(all.len());
        for m in all {
            let names_constructor = match &m.key {
                PropKey::Ident(n) => &**n == "constructor",
                PropKey::Str(s) => **s == *utf16("constructor"),
                _ => false,
            };
            if names_constructor && matches!(m.kind, ClassMemberKind::Field(_)) {
                return error("Classes may not have a field named 'constructor'", m.span);
            }
            let is_ctor = !m.is_static
                && match &m.key {
                    PropKey::Ident(n) => &**n == "constructor",
                    PropKey::Str(s) => **s == *utf16("constructor"),
                    _ => false,
                };
            if is_ctor {
                match m.kind {
                    ClassMemberKind::Method(f) if !f.is_async && !f.is_generator => {
                        if constructor.is_some() {
                            return error("A class may only have one constructor", m.span);
                        }
                        let mut f = Rc::try_unwrap(f).unwrap_or_else(|f| (*f).clone());
                        f.kind = if extends.is_some() {
                            FunctionKind::DerivedConstructor
                        } else {
                            FunctionKind::ClassConstructor
                        };
                        f.name = name.clone();
                        constructor = Some(Rc::new(f));
                        continue;
                    }
                    ClassMemberKind::Field(_) => {
                        return error("Classes may not have a field named 'constructor'", m.span)
                    }
                    _ => return error("Class constructor may not be an accessor", m.span),
                }
            }
            if let PropKey::Private(n) = &m.key {
                if &**n == "constructor" {
                    return error(
                        "Classes may not have a private field named '#constructor'",
                        m.span,
                    );
                }
            }
            if m.is_static
                && matches!(
                    &m.kind,
                    ClassMemberKind::Method(_)
                        | ClassMemberKind::Getter(_)
                        | ClassMemberKind::Setter(_)
                        | ClassMemberKind::Field(_)
                )
                && match &m.key {
                    PropKey::Ident(n) => &**n == "prototype",
                    PropKey::Str(s) => **s == *utf16("prototype"),
                    _ => false,
                }
            {
                return error(
                    "Classes may not have a static property named 'prototype'",
                    m.span,
                );
            }
            members.push(m);
        }
        check_private_duplicates(&members)?;
        Ok(Rc::new(Class {
            name,
            extends,
            constructor,
            members,
            span: span(l, r),
        }))
    }

    pub fn class_field(
        &self,
        is_static: bool,
        key: PropKey,
        init: Option<(Expr, usize, usize)>,
        l: usize,
        r: usize,
    ) -> ClassMember {
        let init = init.map(|(e, el, er)| {
            Rc::new(new_function(
                key_name(&key),
                FunctionKind::ClassField,
                false,
                false,
                false,
                vec![],
                FunctionBody::Expr(Box::new(e)),
                span(el, er),
            ))
        });
        ClassMember {
            is_static,
            key,
            kind: ClassMemberKind::Field(init),
            span: span(l, r),
        }
    }

    pub fn static_block(&self, body: Vec<Stmt>, bl: usize, l: usize, r: usize) -> ClassMember {
        let f = new_function(
            None,
            FunctionKind::ClassField,
            false,
            false,
            false,
            vec![],
            FunctionBody::Block(body),
            span(bl, r),
        );
        ClassMember {
            is_static: true,
            key: PropKey::Ident(PropName::new(Rc::from("static"))),
            kind: ClassMemberKind::StaticBlock(Rc::new(f)),
            span: span(l, r),
        }
    }

    /// `target op value`; for `=` an object or array literal on the left
    /// becomes a destructuring pattern.
    pub fn assign(&self, op: AssignOp, t: Expr, v: Expr, l: usize, r: usize) -> PResult<Expr> {
        let target = if op == AssignOp::Assign {
            self.to_pattern(t, false)?
        } else {
            simple_target(t, "Invalid left-hand side in assignment")?
        };
        let v = name_anonymous(&target, v);
        Ok(expr(
            ExprKind::Assign {
                op,
                target: Box::new(target),
                value: Box::new(v),
            },
            l,
            r,
        ))
    }

    pub fn unary(&self, op: UnaryOp, e: Expr, l: usize, r: usize) -> PResult<Expr> {
        if op == UnaryOp::Delete {
            let mut target = &e;
            while let ExprKind::Paren(inner) = &target.kind {
                target = inner;
            }
            if let ExprKind::Member {
                prop: MemberProp::Private(_),
                ..
            } = &target.kind
            {
                return error("Private fields can not be deleted", e.span);
            }
        }
        Ok(expr(ExprKind::Unary(op, Box::new(e)), l, r))
    }

    pub fn object_literal(&self, props: Vec<PropDef>, l: usize, r: usize) -> PResult<Expr> {
        let protos = props
            .iter()
            .filter(|p| matches!(p, PropDef::Proto(_)))
            .count();
        if protos > 1 {
            // Valid once the literal becomes a destructuring pattern.
            self.pending.borrow_mut().push((
                span(l, r),
                "Duplicate __proto__ fields are not allowed in object literals",
            ));
        }
        Ok(expr(ExprKind::Object(props), l, r))
    }

    pub fn cover_initialized_name(
        &self,
        n: Atom,
        v: Expr,
        l: usize,
        r: usize,
        r2: usize,
    ) -> PropDef {
        self.pending
            .borrow_mut()
            .push((span(l, r2), "Invalid shorthand property initializer"));
        let v = name_anonymous_ident(&n, v);
        PropDef::Value(
            PropKey::Ident(n.clone().into()),
            expr(
                ExprKind::Assign {
                    op: AssignOp::Assign,
                    target: Box::new(ident_pattern(n, l, r)),
                    value: Box::new(v),
                },
                l,
                r2,
            ),
        )
    }

    /// Consume pending cover errors inside `s` (the literal became a
    /// pattern).
    fn resolve_pending(&self, s: Span) {
        let mut p = self.pending.borrow_mut();
        if !p.is_empty() {
            p.retain(|(e, _)| !(e.start >= s.start && e.end <= s.end));
        }
    }

    /// Convert an expression to a destructuring pattern. `binding`: a
    /// binding pattern (parameters), where only names may be bound;
    /// otherwise an assignment pattern, where member expressions are
    /// targets too.
    pub fn to_pattern(&self, e: Expr, binding: bool) -> PResult<Pattern> {
        let s = e.span;
        let kind = match e.kind {
            ExprKind::Ident(n, c) => PatternKind::Ident(n, c),
            ExprKind::Member {
                optional: false, ..
            }
            | ExprKind::SuperMember(_)
                if !binding =>
            {
                if let ExprKind::Member { object, .. } = &e.kind {
                    if contains_optional(object) {
                        return error("Invalid left-hand side in assignment", s);
                    }
                }
                PatternKind::Expr(Box::new(e))
            }
            ExprKind::Paren(inner) if !binding => match inner.kind {
                ExprKind::Ident(..) | ExprKind::Member { .. } | ExprKind::Paren(_) => {
                    return self.to_pattern(*inner, binding).map(|mut p| {
                        p.span = s;
                        p
                    })
                }
                _ => return error("Invalid destructuring assignment target", s),
            },
            ExprKind::Assign {
                op: AssignOp::Assign,
                target,
                value,
            } => {
                let target = if binding {
                    self.pattern_to_binding(*target)?
                } else {
                    *target
                };
                PatternKind::Default(Box::new(target), value)
            }
            ExprKind::Array(elems) => {
                if self.trailing_spread.borrow().contains(&s.start) {
                    return error("Rest element must be last element", s);
                }
                self.resolve_pending(s);
                let n = elems.len();
                let mut out = Vec::with_capacity(n);
                let mut rest = None;
                for (i, el) in elems.into_iter().enumerate() {
                    match el {
                        ArrayElement::Hole => out.push(None),
                        ArrayElement::Expr(e) => out.push(Some(self.to_pattern(e, binding)?)),
                        ArrayElement::Spread(e) => {
                            if i + 1 != n {
                                return error("Rest element must be last element", e.span);
                            }
                            if matches!(e.kind, ExprKind::Assign { .. }) {
                                return error("Invalid destructuring assignment target", e.span);
                            }
                            rest = Some(Box::new(self.to_pattern(e, binding)?));
                        }
                    }
                }
                PatternKind::Array(out, rest)
            }
            ExprKind::Object(props) => {
                self.resolve_pending(s);
                let n = props.len();
                let mut out = Vec::with_capacity(n);
                let mut rest = None;
                for (i, p) in props.into_iter().enumerate() {
                    match p {
                        PropDef::Value(key, value) => {
                            let shorthand = is_shorthand(&key, &value);
                            out.push(PatternProp {
                                key,
                                value: self.to_pattern(value, binding)?,
                                shorthand,
                            });
                        }
                        PropDef::Proto(value) => out.push(PatternProp {
                            key: PropKey::Ident(PropName::new(Rc::from("__proto__"))),
                            value: self.to_pattern(value, binding)?,
                            shorthand: false,
                        }),
                        PropDef::Spread(e) => {
                            if i + 1 != n {
                                return error("Rest element must be last element", e.span);
                            }
                            let p = self.to_pattern(e, binding)?;
                            if !matches!(p.kind, PatternKind::Ident(..) | PatternKind::Expr(_)) {
                                return error("`...` must be followed by an assignable reference in assignment contexts", p.span);
                            }
                            rest = Some(Box::new(p));
                        }
                        PropDef::Method(..) | PropDef::Getter(..) | PropDef::Setter(..) => {
                            return error("Invalid destructuring assignment target", s)
                        }
                    }
                }
                PatternKind::Object(out, rest)
            }
            _ => {
                let msg = if binding {
                    "Invalid destructuring assignment target"
                } else {
                    "Invalid left-hand side in assignment"
                };
                return error(msg, s);
            }
        };
        Ok(Pattern { kind, span: s })
    }

    /// A pattern built as an assignment target, re-checked as a binding.
    fn pattern_to_binding(&self, p: Pattern) -> PResult<Pattern> {
        match p.kind {
            PatternKind::Expr(e) => self.to_pattern(*e, true),
            PatternKind::Ident(..) => Ok(p),
            _ => Ok(p),
        }
    }

    /// Cover errors left unresolved at the end of the parse.
    pub fn check_pending(&self) -> PResult<()> {
        match self.pending.borrow().first() {
            Some((s, msg)) => error(*msg, *s),
            None => Ok(()),
        }
    }
}

fn is_shorthand(key: &PropKey, value: &Expr) -> bool {
    match (key, &value.kind) {
        (PropKey::Ident(k), ExprKind::Ident(v, _)) => k.name == *v,
        (PropKey::Ident(k), ExprKind::Assign { target, .. }) => {
            matches!(&target.kind, PatternKind::Ident(v, _) if *v == k.name)
        }
        _ => false,
    }
}

fn contains_optional(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::OptionalChain(_))
}

/// Targets of compound assignment and update: a name or a member.
fn simple_target(e: Expr, msg: &str) -> PResult<Pattern> {
    let s = e.span;
    match e.kind {
        ExprKind::Ident(n, c) => Ok(Pattern {
            kind: PatternKind::Ident(n, c),
            span: s,
        }),
        ExprKind::Member { .. } | ExprKind::SuperMember(_) => Ok(Pattern {
            kind: PatternKind::Expr(Box::new(e)),
            span: s,
        }),
        ExprKind::Paren(inner) => simple_target(*inner, msg).map(|mut p| {
            p.span = s;
            p
        }),
        _ => error(msg, s),
    }
}

/// NamedEvaluation: `x = function () {}` names the function `x`.
fn name_anonymous(target: &Pattern, v: Expr) -> Expr {
    match &target.kind {
        PatternKind::Ident(n, _) => name_anonymous_ident(n, v),
        _ => v,
    }
}

pub fn name_anonymous_ident(n: &Atom, mut v: Expr) -> Expr {
    match &mut v.kind {
        ExprKind::Function(f) | ExprKind::Arrow(f) if f.name.is_none() => {
            if let Some(f) = Rc::get_mut(f) {
                f.name = Some(n.clone());
                f.is_expression = false;
            }
        }
        ExprKind::Class(c) if c.name.is_none() => {
            if let Some(c) = Rc::get_mut(c) {
                c.name = Some(n.clone());
                if let Some(ctor) = c.constructor.as_mut().and_then(Rc::get_mut) {
                    ctor.name = Some(n.clone());
                }
                // The class binding itself stays anonymous.
            }
        }
        _ => {}
    }
    v
}

/// A BigInt literal's value from the lexer's digits (`0x1F`, `12`).
pub fn bigint(digits: &str) -> Rc<num_bigint::BigInt> {
    let (radix, body) = match digits.get(..2) {
        Some("0x" | "0X") => (16, &digits[2..]),
        Some("0o" | "0O") => (8, &digits[2..]),
        Some("0b" | "0B") => (2, &digits[2..]),
        _ => (10, digits),
    };
    // The lexer only makes literals of valid digits.
    Rc::new(num_bigint::BigInt::parse_bytes(body.as_bytes(), radix).unwrap_or_default())
}

pub fn utf16(s: &str) -> Rc<[u16]> {
    s.encode_utf16().collect()
}

fn key_name(key: &PropKey) -> Option<Atom> {
    match key {
        PropKey::Ident(n) => Some(n.name.clone()),
        PropKey::Str(s) => Some(Rc::from(String::from_utf16_lossy(s))),
        PropKey::Num(n) => Some(Rc::from(crate::number_key(*n))),
        PropKey::Private(n) => Some(Rc::from(format!("#{n}"))),
        PropKey::Computed(_) => None,
    }
}

fn check_private_duplicates(members: &[ClassMember]) -> PResult<()> {
    use std::collections::HashMap;
    // 0 = field/method, 1 = getter, 2 = setter, 3 = getter+setter
    let mut seen: HashMap<&str, (u8, bool)> = HashMap::new();
    for m in members {
        if let PropKey::Private(n) = &m.key {
            let kind = match m.kind {
                ClassMemberKind::Getter(_) => 1,
                ClassMemberKind::Setter(_) => 2,
                _ => 0,
            };
            match seen.get_mut(&**n) {
                None => {
                    seen.insert(n, (kind, m.is_static));
                }
                Some((prev, st)) => {
                    if *prev | kind == 3 && *prev != 3 && *st == m.is_static {
                        *prev = 3;
                    } else {
                        return error(
                            format!("Identifier '#{n}' has already been declared"),
                            m.span,
                        );
                    }
                }
            }
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn new_function(
    name: Option<Atom>,
    kind: FunctionKind,
    is_async: bool,
    is_generator: bool,
    is_expression: bool,
    params: Vec<Param>,
    body: FunctionBody,
    s: Span,
) -> Function {
    let simple_params = params
        .iter()
        .all(|p| !p.is_rest && matches!(p.pattern.kind, PatternKind::Ident(..)));
    let length = params
        .iter()
        .take_while(|p| !p.is_rest && !matches!(p.pattern.kind, PatternKind::Default(..)))
        .count() as u32;
    Function {
        name,
        kind,
        is_async,
        is_generator,
        is_expression,
        params,
        body,
        strict: false,
        simple_params,
        length,
        uses_arguments: false,
        uses_eval: false,
        uses_this: false,
        inner_closures: true,
        param_names: Vec::new(),
        scope: Scope::default(),
        span: s,
    }
}

pub fn function_expr(f: Rc<Function>, l: usize, r: usize) -> Expr {
    expr(ExprKind::Function(f), l, r)
}

/// When a function context ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Close {
    /// At the `}` that brings the brace depth back to this value.
    AtDepth(usize),
    /// An async arrow whose body has not started: a block body becomes
    /// `AtDepth`, an expression body `Parser`.
    Pending,
    /// When the parser's action leaves it.
    Parser,
}

/// Keeps the lexer's function contexts in step with the token stream.
/// LR parsing reduces a function only once the token after its body has
/// been lexed; popping the context then would lex that token (a `yield` or
/// `await` after a nested function) in the wrong context. So contexts end
/// at their closing brace, seen here as the tokens flow to the parser.
#[derive(Default)]
pub struct FnTracker {
    /// Nesting of `{`/`${` among the tokens handed out so far.
    pub depth: std::cell::Cell<usize>,
    entries: RefCell<Vec<(u32, Close)>>,
    next_id: std::cell::Cell<u32>,
}

impl FnTracker {
    fn push(&self, ctx: &Context, generator: bool, is_async: bool, close: Close) -> u32 {
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        self.entries.borrow_mut().push((id, close));
        ctx.functions.borrow_mut().push(FunctionContext {
            generator,
            is_async,
        });
        id
    }

    fn remove(&self, ctx: &Context, id: u32) {
        let mut entries = self.entries.borrow_mut();
        if let Some(i) = entries.iter().rposition(|(e, _)| *e == id) {
            entries.truncate(i);
            ctx.functions.borrow_mut().truncate(i);
        }
    }

    /// Called for every token before the parser sees it.
    pub fn on_token(&self, ctx: &Context, tok: &Tok) {
        {
            let mut entries = self.entries.borrow_mut();
            if let Some(last) = entries.last_mut() {
                if last.1 == Close::Pending {
                    last.1 = if matches!(tok, Tok::ArrowLBrace) {
                        Close::AtDepth(self.depth.get())
                    } else {
                        Close::Parser
                    };
                }
            }
        }
        match tok {
            Tok::LBrace | Tok::ArrowLBrace | Tok::TemplateHead(_) => {
                self.depth.set(self.depth.get() + 1);
            }
            Tok::RBrace | Tok::TemplateTail(_) => {
                let d = self.depth.get().saturating_sub(1);
                self.depth.set(d);
                let mut entries = self.entries.borrow_mut();
                if let Some(i) = entries
                    .iter()
                    .rposition(|(_, c)| matches!(c, Close::AtDepth(x) if *x == d))
                {
                    entries.truncate(i);
                    ctx.functions.borrow_mut().truncate(i);
                }
            }
            _ => {}
        }
    }
}

// ---------------------------------------------------------------- covers

/// A parenthesized list read once, then turned into an expression or into
/// arrow parameters depending on whether `=>` follows.
pub struct Cover {
    /// The function context an async arrow entered at `=>`.
    pub context: Option<u32>,
    pub items: Vec<Expr>,
    pub rest: Option<Pattern>,
    /// `()`, `(a,)` and `(...a)` are only valid as arrow parameters.
    pub arrow_only: bool,
    pub span: Span,
}

impl Cover {
    pub fn new(
        items: Vec<Expr>,
        rest: Option<Pattern>,
        arrow_only: bool,
        l: usize,
        r: usize,
    ) -> Cover {
        Cover {
            context: None,
            items,
            rest,
            arrow_only,
            span: span(l, r),
        }
    }

    pub fn ident(n: Atom, l: usize, r: usize) -> Cover {
        Cover::new(
            vec![expr(ExprKind::Ident(n, SiteCache::new()), l, r)],
            None,
            false,
            l,
            r,
        )
    }

    pub fn into_expr(self) -> PResult<Expr> {
        if self.arrow_only {
            let at = self.span.end.saturating_sub(1);
            return error(
                "Unexpected token ')'",
                Span {
                    start: at,
                    end: at + 1,
                },
            );
        }
        let mut items = self.items;
        let inner = if items.len() == 1 {
            items.pop().ok_or_else(|| ParseError::User {
                error: LexError {
                    span: self.span,
                    message: "Unexpected token ')'".into(),
                    incomplete: false,
                },
            })?
        } else {
            let s = items
                .first()
                .zip(items.last())
                .map_or(self.span, |(a, b)| a.span.to(b.span));
            Expr {
                kind: ExprKind::Seq(items),
                span: s,
            }
        };
        Ok(Expr {
            kind: ExprKind::Paren(Box::new(inner)),
            span: self.span,
        })
    }
}

/// `async(...)` that is not followed by `=>`: a call of `async`.
pub fn async_call(c: Cover, al: usize, ar: usize, l: usize, r: usize) -> PResult<Expr> {
    if c.rest.is_some() {
        return error("Unexpected token '...'", c.span);
    }
    let args = c.items.into_iter().map(Arg::Expr).collect();
    Ok(call(
        expr(ExprKind::Ident(Rc::from("async"), SiteCache::new()), al, ar),
        args,
        l,
        r,
    ))
}

// ------------------------------------------------------------ statements

/// The head of a statement that takes a sub-statement; kept apart so that
/// open and closed statements (the dangling `else`) share it.
pub enum Head {
    While(Expr),
    With(Expr),
    Label(Atom),
    For(Box<(Option<ForInit>, Option<Expr>, Option<Expr>)>),
    ForIn(Box<(ForHead, Expr)>),
    ForOf(Box<(ForHead, Expr, bool)>),
}

pub fn finish_head(st: &State, h: Head, s: Stmt, l: usize, r: usize) -> PResult<Stmt> {
    let _ = st;
    let kind = match h {
        Head::While(e) => StmtKind::While(Box::new(e), Box::new(s)),
        Head::With(e) => StmtKind::With(Box::new(e), Box::new(s)),
        Head::Label(n) => StmtKind::Labeled(n, Box::new(s)),
        Head::For(parts) => {
            let (init, test, update) = *parts;
            StmtKind::For(Box::new(ForStmt {
                init,
                test,
                update,
                body: s,
                scope: Scope::default(),
            }))
        }
        Head::ForIn(parts) => {
            let (left, right) = *parts;
            StmtKind::ForIn(Box::new(ForInOf {
                left,
                right,
                body: s,
                is_await: false,
                scope: Scope::default(),
            }))
        }
        Head::ForOf(parts) => {
            let (left, right, is_await) = *parts;
            StmtKind::ForOf(Box::new(ForInOf {
                left,
                right,
                body: s,
                is_await,
                scope: Scope::default(),
            }))
        }
    };
    Ok(stmt(kind, l, r))
}

/// The target of `for (x in/of ...)` written as an expression.
pub fn for_target(st: &State, e: Expr) -> PResult<ForHead> {
    let s = e.span;
    match &e.kind {
        ExprKind::Object(_) | ExprKind::Array(_) => Ok(ForHead::Pattern(st.to_pattern(e, false)?)),
        _ => Ok(ForHead::Pattern(
            simple_target(e, "Invalid left-hand side in for-loop").map_err(|_| {
                ParseError::User {
                    error: LexError {
                        span: s,
                        message: "Invalid left-hand side in for-loop".into(),
                        incomplete: false,
                    },
                }
            })?,
        )),
    }
}

pub fn array_binding(
    slots: Vec<Option<Pattern>>,
    rest: Option<Pattern>,
    l: usize,
    r: usize,
) -> PResult<Pattern> {
    let mut slots = slots;
    // The last slot belongs to a trailing comma (or is the whole `[]`).
    if rest.is_none() && matches!(slots.last(), Some(None)) {
        slots.pop();
    }
    Ok(Pattern {
        kind: PatternKind::Array(slots, rest.map(Box::new)),
        span: span(l, r),
    })
}

// ----------------------------------------------------------- expressions

pub fn seq(a: Expr, e: Expr, l: usize, r: usize) -> Expr {
    match a.kind {
        ExprKind::Seq(mut v) => {
            v.push(e);
            expr(ExprKind::Seq(v), l, r)
        }
        _ => expr(ExprKind::Seq(vec![a, e]), l, r),
    }
}

/// A binary operator token of the flat operator list.
#[derive(Clone, Copy, Debug)]
pub enum Bin {
    Op(BinaryOp),
    Logical(LogicalOp),
}

impl Bin {
    fn precedence(self) -> u8 {
        match self {
            Bin::Logical(LogicalOp::Nullish) => 1,
            Bin::Logical(LogicalOp::Or) => 2,
            Bin::Logical(LogicalOp::And) => 3,
            Bin::Op(op) => match op {
                BinaryOp::BitOr => 4,
                BinaryOp::BitXor => 5,
                BinaryOp::BitAnd => 6,
                BinaryOp::Eq | BinaryOp::NotEq | BinaryOp::StrictEq | BinaryOp::StrictNotEq => 7,
                BinaryOp::Lt
                | BinaryOp::Gt
                | BinaryOp::LtEq
                | BinaryOp::GtEq
                | BinaryOp::In
                | BinaryOp::InstanceOf => 8,
                BinaryOp::Shl | BinaryOp::Shr | BinaryOp::UShr => 9,
                BinaryOp::Add | BinaryOp::Sub => 10,
                BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => 11,
                BinaryOp::Exp => 12,
            },
        }
    }
}

fn is_bare_private(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::PrivateIn(_, rhs) if matches!(rhs.kind, ExprKind::Null) && rhs.span == e.span)
}

/// Precedence climbing over `first (op operand)*`; also raises the errors
/// of mixing `??` with `||`/`&&` and of a unary operand on the left of
/// `**`.
pub fn climb(first: Expr, rest: Vec<(Bin, Expr)>) -> PResult<Expr> {
    if rest.is_empty() {
        if is_bare_private(&first) {
            return error("Unexpected identifier", first.span);
        }
        return Ok(first);
    }
    let mut iter = rest.into_iter().peekable();
    let e = climb_from(first, &mut iter, 0)?;
    Ok(e)
}

fn climb_from(
    mut lhs: Expr,
    iter: &mut std::iter::Peekable<std::vec::IntoIter<(Bin, Expr)>>,
    min: u8,
) -> PResult<Expr> {
    while let Some(&(op, _)) = iter.peek() {
        let prec = op.precedence();
        if prec < min {
            break;
        }
        let Some((op, mut rhs)) = iter.next() else {
            break;
        };
        while let Some(&(next, _)) = iter.peek() {
            let np = next.precedence();
            // `**` is right-associative; everything else left.
            let right_assoc = matches!(next, Bin::Op(BinaryOp::Exp));
            if np > prec || (right_assoc && np == prec) {
                rhs = climb_from(rhs, iter, if np > prec { prec + 1 } else { prec })?;
            } else {
                break;
            }
        }
        lhs = combine(lhs, op, rhs)?;
    }
    Ok(lhs)
}

fn combine(lhs: Expr, op: Bin, rhs: Expr) -> PResult<Expr> {
    let s = lhs.span.to(rhs.span);
    if is_bare_private(&rhs) {
        return error("Unexpected identifier", rhs.span);
    }
    match op {
        Bin::Op(BinaryOp::In) if is_bare_private(&lhs) => {
            let ExprKind::PrivateIn(n, _) = lhs.kind else {
                return error("Unexpected identifier", lhs.span);
            };
            Ok(Expr {
                kind: ExprKind::PrivateIn(n, Box::new(rhs)),
                span: s,
            })
        }
        _ if is_bare_private(&lhs) => error("Unexpected identifier", lhs.span),
        Bin::Op(BinaryOp::Exp) => {
            if matches!(lhs.kind, ExprKind::Unary(..) | ExprKind::Await(_)) {
                return error(
                    "Unary operator used immediately before exponentiation expression. Parenthesis must be used to disambiguate operator precedence",
                    lhs.span,
                );
            }
            Ok(Expr {
                kind: ExprKind::Binary(BinaryOp::Exp, Box::new(lhs), Box::new(rhs)),
                span: s,
            })
        }
        Bin::Op(o) => Ok(Expr {
            kind: ExprKind::Binary(o, Box::new(lhs), Box::new(rhs)),
            span: s,
        }),
        Bin::Logical(o) => {
            let mixes = |e: &Expr| {
                matches!(
                    (&e.kind, o),
                    (
                        ExprKind::Logical(LogicalOp::Nullish, ..),
                        LogicalOp::And | LogicalOp::Or
                    ) | (
                        ExprKind::Logical(LogicalOp::And | LogicalOp::Or, ..),
                        LogicalOp::Nullish
                    )
                )
            };
            if mixes(&lhs) || mixes(&rhs) {
                return error("Unexpected token '??'", s);
            }
            Ok(Expr {
                kind: ExprKind::Logical(o, Box::new(lhs), Box::new(rhs)),
                span: s,
            })
        }
    }
}

pub fn update(op: UpdateOp, prefix: bool, e: Expr, l: usize, r: usize) -> PResult<Expr> {
    let msg = if prefix {
        "Invalid left-hand side expression in prefix operation"
    } else {
        "Invalid left-hand side expression in postfix operation"
    };
    let target = simple_target(e, msg)?;
    let target = match target.kind {
        PatternKind::Ident(n, c) => Expr {
            kind: ExprKind::Ident(n, c),
            span: target.span,
        },
        PatternKind::Expr(e) => *e,
        _ => return error(msg, target.span),
    };
    Ok(expr(
        ExprKind::Update {
            op,
            prefix,
            target: Box::new(target),
        },
        l,
        r,
    ))
}

pub fn call(callee: Expr, args: Vec<Arg>, l: usize, r: usize) -> Expr {
    expr(
        ExprKind::Call {
            callee: Box::new(callee),
            args,
            optional: false,
        },
        l,
        r,
    )
}

pub fn member(object: Expr, prop: MemberProp, l: usize, r: usize) -> Expr {
    expr(
        ExprKind::Member {
            object: Box::new(object),
            prop,
            optional: false,
        },
        l,
        r,
    )
}

/// One link of an optional chain; the bool says whether it is `?.`.
pub enum Link {
    Call(Vec<Arg>, bool),
    Member(MemberProp, bool),
}

pub fn push_link(mut v: Vec<(Link, usize)>, link: Link, r: usize) -> Vec<(Link, usize)> {
    v.push((link, r));
    v
}

pub fn optional_chain(base: Expr, links: Vec<(Link, usize)>, l: usize, r: usize) -> PResult<Expr> {
    let mut e = base;
    for (link, end) in links {
        let kind = match link {
            Link::Call(args, optional) => ExprKind::Call {
                callee: Box::new(e),
                args,
                optional,
            },
            Link::Member(prop, optional) => ExprKind::Member {
                object: Box::new(e),
                prop,
                optional,
            },
        };
        e = expr(kind, l, end);
    }
    Ok(expr(ExprKind::OptionalChain(Box::new(e)), l, r))
}

/// `new.target` / `import.meta`; `written_len` is the length of the name
/// as written, which differs when it contains escapes (not allowed).
pub fn meta_property(kw: &str, n: Atom, written_len: usize, l: usize, r: usize) -> PResult<Expr> {
    if written_len != n.len() {
        return error("Keyword must not contain escaped characters", span(l, r));
    }
    match (kw, &*n) {
        ("new", "target") => Ok(expr(ExprKind::NewTarget, l, r)),
        ("import", "meta") => Ok(expr(ExprKind::ImportMeta, l, r)),
        _ => error(format!("Unexpected identifier '{n}'"), span(l, r)),
    }
}

pub fn template(parts: Vec<TemplatePart>, exprs: Vec<Expr>, l: usize, r: usize) -> Rc<Template> {
    let mut cooked = Vec::with_capacity(parts.len());
    let mut raw = Vec::with_capacity(parts.len());
    for p in parts {
        cooked.push(p.cooked);
        raw.push(p.raw);
    }
    Rc::new(Template {
        cooked,
        raw,
        exprs,
        span: span(l, r),
    })
}

pub fn template_parts(
    head: TemplatePart,
    first: Expr,
    middles: Vec<(TemplatePart, Expr)>,
    tail: TemplatePart,
    l: usize,
    r: usize,
) -> Rc<Template> {
    let mut parts = vec![head];
    let mut exprs = vec![first];
    for (p, e) in middles {
        parts.push(p);
        exprs.push(e);
    }
    parts.push(tail);
    template(parts, exprs, l, r)
}

pub fn untagged_template(t: Rc<Template>, l: usize, r: usize) -> PResult<Expr> {
    if t.cooked.iter().any(Option::is_none) {
        return error("Invalid escape sequence in template", t.span);
    }
    Ok(expr(ExprKind::Template(t), l, r))
}

pub fn array_literal(st: &State, slots: Vec<Option<ArrayElement>>, l: usize, r: usize) -> Expr {
    let mut slots = slots;
    if matches!(slots.last(), Some(None)) {
        slots.pop();
        if matches!(slots.last(), Some(Some(ArrayElement::Spread(_)))) {
            // `[...a, ] = b` is not a pattern.
            st.trailing_spread.borrow_mut().push(l as u32);
        }
    }
    let elems = slots
        .into_iter()
        .map(|s| s.unwrap_or(ArrayElement::Hole))
        .collect();
    expr(ExprKind::Array(elems), l, r)
}

pub fn prop_value(k: PropKey, v: Expr) -> PropDef {
    let is_proto = match &k {
        PropKey::Ident(n) => &**n == "__proto__",
        PropKey::Str(s) => **s == *utf16("__proto__"),
        _ => false,
    };
    if is_proto {
        return PropDef::Proto(v);
    }
    let v = match &k {
        PropKey::Ident(n) => name_anonymous_ident(&n.name, v),
        _ => v,
    };
    PropDef::Value(k, v)
}

/// Which accessor a method definition is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    Method,
    Getter,
    Setter,
}

fn check_accessor_params(kind: MethodKind, f: &Function) -> PResult<()> {
    match kind {
        MethodKind::Getter if !f.params.is_empty() => {
            error("Getter must not have any formal parameters.", f.span)
        }
        MethodKind::Setter if f.params.len() != 1 || f.params[0].is_rest => {
            error("Setter must have exactly one formal parameter.", f.span)
        }
        _ => Ok(()),
    }
}

pub fn object_method(m: (PropKey, MethodKind, Rc<Function>)) -> PResult<PropDef> {
    let (k, kind, f) = m;
    if let PropKey::Private(n) = &k {
        return error(format!("Unexpected identifier '#{n}'"), f.span);
    }
    check_accessor_params(kind, &f)?;
    Ok(match kind {
        MethodKind::Method => PropDef::Method(k, f),
        MethodKind::Getter => PropDef::Getter(k, f),
        MethodKind::Setter => PropDef::Setter(k, f),
    })
}

pub fn class_method(
    is_static: bool,
    m: (PropKey, MethodKind, Rc<Function>),
    l: usize,
    r: usize,
) -> PResult<ClassMember> {
    let (key, kind, f) = m;
    check_accessor_params(kind, &f)?;
    let kind = match kind {
        MethodKind::Method => ClassMemberKind::Method(f),
        MethodKind::Getter => ClassMemberKind::Getter(f),
        MethodKind::Setter => ClassMemberKind::Setter(f),
    };
    Ok(ClassMember {
        is_static,
        key,
        kind,
        span: span(l, r),
    })
}

// --------------------------------------------------------------- modules

pub fn import(
    clause: (Option<Atom>, Option<Atom>, Vec<(Atom, Atom)>),
    specifier: Rc<[u16]>,
    attributes: Vec<(Atom, Rc<[u16]>)>,
    l: usize,
    r: usize,
) -> Stmt {
    let (default, namespace, named) = clause;
    stmt(
        StmtKind::Import(Box::new(ImportDecl {
            specifier,
            default,
            namespace,
            named,
            attributes,
        })),
        l,
        r,
    )
}

pub fn module_export_name(s: Rc<[u16]>) -> PResult<Atom> {
    match String::from_utf16(&s) {
        Ok(s) => Ok(Rc::from(s)),
        Err(_) => error(
            "Invalid module export name: contains unpaired surrogate",
            Span::default(),
        ),
    }
}

pub fn export(d: ExportDecl, l: usize, r: usize) -> Stmt {
    stmt(StmtKind::Export(Box::new(d)), l, r)
}

pub fn export_default(e: Expr, l: usize, r: usize) -> Stmt {
    // An anonymous default export is named "default"; its binding is the
    // module's `*default*`.
    let e = name_anonymous_ident(&Rc::from("default"), e);
    let s = e.span;
    let d = match e.kind {
        ExprKind::Function(f) => ExportDecl::DefaultDecl(Stmt {
            kind: StmtKind::Function(f),
            span: s,
        }),
        ExprKind::Class(c) => ExportDecl::DefaultDecl(Stmt {
            kind: StmtKind::Class(c),
            span: s,
        }),
        kind => ExportDecl::DefaultExpr(Expr { kind, span: s }),
    };
    export(d, l, r)
}
