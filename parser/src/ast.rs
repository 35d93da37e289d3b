//! The abstract syntax tree. Every node carries a byte [`Span`] into the
//! source; line and column are computed only when a diagnostic is shown.
//!
//! Functions and classes are reference counted so that closures created at
//! run time can keep their code alive without copying it. Static semantics
//! (hoisted names, strictness, whether `arguments` is used, ...) are computed
//! once by the parser and stored on [`Function`], [`Program`] and
//! [`Block`]-like nodes in a [`Scope`].

use std::cell::Cell;
use std::rc::Rc;

pub use lexer::Span;

/// An identifier name. Identifiers are always well-formed Unicode.
pub type Atom = Rc<str>;

/// Where an identifier reference resolved the last time it ran: the
/// number of environments walked outward (`hops`) and the binding's slot
/// there. Filled and validated by the interpreter (a hint, never trusted
/// blindly); the parser only creates it empty. A clone starts empty, so a
/// copied node never inherits another site's resolution.
#[derive(Debug)]
pub struct SiteCache {
    hops: Cell<u32>,
    slot: Cell<u32>,
}

impl SiteCache {
    const EMPTY: u32 = u32::MAX;

    pub const fn new() -> Self {
        SiteCache {
            hops: Cell::new(Self::EMPTY),
            slot: Cell::new(0),
        }
    }

    /// The cached (hops, slot), if any.
    #[inline]
    pub fn get(&self) -> Option<(u32, u32)> {
        let hops = self.hops.get();
        (hops != Self::EMPTY).then(|| (hops, self.slot.get()))
    }

    #[inline]
    pub fn set(&self, hops: u32, slot: u32) {
        if hops != Self::EMPTY {
            self.hops.set(hops);
            self.slot.set(slot);
        }
    }

    pub fn clear(&self) {
        self.hops.set(Self::EMPTY);
    }
}

impl Default for SiteCache {
    fn default() -> Self {
        Self::new()
    }
}

impl Clone for SiteCache {
    fn clone(&self) -> Self {
        Self::new()
    }
}

/// String literal contents as UTF-16 code units: JavaScript strings may
/// hold lone surrogates (`"\uD800"`), which Rust strings cannot.
pub type Utf16 = Rc<[u16]>;

/// A property name written as an identifier (`o.name`, `{ name: v }`),
/// with a cache slot for the evaluator: it remembers the interned property
/// key there on first use, so that later evaluations of the same site find
/// the key without hashing the name. The parser only ever stores 0 (empty).
#[derive(Clone)]
pub struct PropName {
    pub name: Atom,
    pub cache: std::cell::Cell<u64>,
    /// The evaluator's inline cache for a member access `o.name`.
    pub site: MemberCache,
}

/// A member-access site's cache (`o.name`), filled and validated by the
/// evaluator: never trusted without a check. The parser only creates it
/// empty, and a clone starts empty.
#[derive(Default, Debug)]
pub struct MemberCache {
    /// The position in a property map where the key was found last time
    /// (probed first; the key is always compared).
    pub hint: Cell<u32>,
    /// Layout ids (shape ids) of the receiver and of each prototype down
    /// to the one holding the key, `depth + 1` of them; 0 means empty.
    pub shapes: Cell<[u32; 3]>,
    /// The holder's slot for the key.
    pub slot: Cell<u32>,
    /// How many prototypes up the holder is.
    pub depth: Cell<u8>,
    /// Whether the holder's property is a writable data property.
    pub writable: Cell<bool>,
}

impl Clone for MemberCache {
    fn clone(&self) -> Self {
        MemberCache::default()
    }
}

impl PropName {
    pub fn new(name: Atom) -> Self {
        PropName {
            name,
            cache: std::cell::Cell::new(0),
            site: MemberCache::default(),
        }
    }
}

impl From<Atom> for PropName {
    fn from(name: Atom) -> Self {
        PropName::new(name)
    }
}

impl std::ops::Deref for PropName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.name
    }
}

impl std::fmt::Debug for PropName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.name, f)
    }
}

impl std::fmt::Display for PropName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

#[derive(Debug, Clone)]
pub struct Program {
    pub body: Vec<Stmt>,
    pub is_module: bool,
    pub strict: bool,
    /// Top-level declarations, for GlobalDeclarationInstantiation /
    /// module environment creation.
    pub scope: Scope,
    /// [[HasTLA]]: a module body awaits outside any function (an `await`
    /// expression or a `for await` loop).
    pub has_top_level_await: bool,
    pub span: Span,
}

/// Hoisting information for a function body, a script, a module, a block,
/// a `switch` case block or a `for` head.
#[derive(Debug, Clone)]
pub struct Scope {
    /// VarDeclaredNames (function and script scopes only; empty on blocks).
    /// Includes the names of hoisted function declarations.
    pub var_names: Vec<Atom>,
    /// LexicallyDeclaredNames with their kind, in source order.
    pub lexical: Vec<(Atom, LexicalKind)>,
    /// Function declarations to instantiate on entry, in source order
    /// (later ones with the same name win).
    pub functions: Vec<Rc<Function>>,
    /// Annex B.3.3: names of block-level functions in sloppy mode that also
    /// get a `var` binding in the enclosing function (function and script
    /// scopes only).
    pub annex_b_functions: Vec<Atom>,
    /// Blocks and loop heads: code inside may create a function, method,
    /// accessor or class (a closure that can keep this scope's record
    /// alive) or call `eval` directly. When false, the record is
    /// unreachable once the scope is left, and a loop's `let` bindings
    /// need no copy per iteration.
    pub captures: bool,
}

impl Default for Scope {
    /// An empty scope, assumed captured until analysis says otherwise.
    fn default() -> Self {
        Scope {
            var_names: Vec::new(),
            lexical: Vec::new(),
            functions: Vec::new(),
            annex_b_functions: Vec::new(),
            captures: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LexicalKind {
    Let,
    Const,
    Class,
    /// A function declared directly in a block (lexical in blocks).
    Function,
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    Empty,
    Debugger,
    Expr(Box<Expr>),
    Var(Box<VarDecl>),
    Function(Rc<Function>),
    Class(Rc<Class>),
    Return(Option<Box<Expr>>),
    If(Box<Expr>, Box<Stmt>, Option<Box<Stmt>>),
    Block(Box<Block>),
    For(Box<ForStmt>),
    ForIn(Box<ForInOf>),
    ForOf(Box<ForInOf>),
    While(Box<Expr>, Box<Stmt>),
    DoWhile(Box<Stmt>, Box<Expr>),
    Break(Option<Atom>),
    Continue(Option<Atom>),
    Throw(Box<Expr>),
    Try(Box<TryStmt>),
    Switch(Box<SwitchStmt>),
    Labeled(Atom, Box<Stmt>),
    With(Box<Expr>, Box<Stmt>),
    Import(Box<ImportDecl>),
    Export(Box<ExportDecl>),
}

#[derive(Debug, Clone)]
pub struct Block {
    pub body: Vec<Stmt>,
    /// Boxed: blocks are common and most declare nothing.
    pub scope: Box<Scope>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarKind {
    Var,
    Let,
    Const,
}

#[derive(Debug, Clone)]
pub struct VarDecl {
    pub kind: VarKind,
    pub decls: Vec<VarDeclarator>,
}

#[derive(Debug, Clone)]
pub struct VarDeclarator {
    pub target: Pattern,
    pub init: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ForInit {
    Var(VarDecl),
    Expr(Expr),
}

#[derive(Debug, Clone)]
pub struct ForStmt {
    pub init: Option<ForInit>,
    pub test: Option<Expr>,
    pub update: Option<Expr>,
    pub body: Stmt,
    /// Names declared by a `let`/`const` initializer (copied per iteration).
    pub scope: Scope,
}

/// The left side of `for (... in/of ...)`.
#[derive(Debug, Clone)]
pub enum ForHead {
    /// `for (var x ...)`, `for (let [a, b] ...)`, `for (const x ...)`.
    /// `init` is only ever set for the Annex B `for (var x = 1 in o)`.
    Decl(VarKind, Pattern, Option<Expr>),
    /// `for (x.y of ...)`, `for ([a, b] of ...)`.
    Pattern(Pattern),
}

#[derive(Debug, Clone)]
pub struct ForInOf {
    pub left: ForHead,
    pub right: Expr,
    pub body: Stmt,
    pub is_await: bool,
    pub scope: Scope,
}

#[derive(Debug, Clone)]
pub struct TryStmt {
    pub block: Block,
    pub param: Option<Pattern>,
    pub handler: Option<Block>,
    pub finalizer: Option<Block>,
}

#[derive(Debug, Clone)]
pub struct SwitchStmt {
    pub discriminant: Expr,
    pub cases: Vec<SwitchCase>,
    pub scope: Scope,
}

#[derive(Debug, Clone)]
pub struct SwitchCase {
    /// `None` for `default:`.
    pub test: Option<Expr>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunctionKind {
    Normal,
    Arrow,
    Method,
    Getter,
    Setter,
    ClassConstructor,
    DerivedConstructor,
    /// A class field initializer or static block, evaluated as a method.
    ClassField,
}

#[derive(Debug, Clone)]
pub struct Function {
    pub name: Option<Atom>,
    pub kind: FunctionKind,
    pub is_async: bool,
    pub is_generator: bool,
    /// Whether this is a function *expression* with its own name binding.
    pub is_expression: bool,
    pub params: Vec<Param>,
    pub body: FunctionBody,
    pub strict: bool,
    /// IsSimpleParameterList: no defaults, no patterns, no rest.
    pub simple_params: bool,
    /// ExpectedArgumentCount (the function's `length`).
    pub length: u32,
    /// The body (or parameters) refer to `arguments`, or use direct `eval`.
    pub uses_arguments: bool,
    /// The body contains a direct `eval(...)` call.
    pub uses_eval: bool,
    /// The body (not nested ordinary functions) uses `this`, `super` or
    /// `new.target` (arrows inherit these).
    pub uses_this: bool,
    /// The parameters or body (nested functions aside) create a function,
    /// arrow, method or class: something that can keep this function's
    /// environment alive after the call returns. True unless the static
    /// semantics found none.
    pub inner_closures: bool,
    /// Names bound by the parameter list, in order.
    pub param_names: Vec<Atom>,
    pub scope: Scope,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum FunctionBody {
    Block(Vec<Stmt>),
    /// A concise arrow body: `x => x + 1`.
    Expr(Box<Expr>),
}

#[derive(Debug, Clone)]
pub struct Param {
    pub pattern: Pattern,
    pub is_rest: bool,
}

#[derive(Debug, Clone)]
pub struct Class {
    pub name: Option<Atom>,
    pub extends: Option<Expr>,
    /// The constructor; `None` means the default one.
    pub constructor: Option<Rc<Function>>,
    pub members: Vec<ClassMember>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ClassMember {
    pub is_static: bool,
    pub key: PropKey,
    pub kind: ClassMemberKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ClassMemberKind {
    Method(Rc<Function>),
    Getter(Rc<Function>),
    Setter(Rc<Function>),
    /// A field with an optional initializer, compiled as a `ClassField`
    /// function so that `this` is the instance.
    Field(Option<Rc<Function>>),
    /// `static { ... }`; the key is unused.
    StaticBlock(Rc<Function>),
}

#[derive(Debug, Clone)]
pub enum PropKey {
    Ident(PropName),
    Str(Utf16),
    Num(f64),
    Computed(Box<Expr>),
    Private(Atom),
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub kind: PatternKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum PatternKind {
    Ident(Atom, SiteCache),
    Object(Vec<PatternProp>, Option<Box<Pattern>>),
    /// Elements (`None` is an elision) and the rest element.
    Array(Vec<Option<Pattern>>, Option<Box<Pattern>>),
    /// A pattern with a default value: `x = 1`.
    Default(Box<Pattern>, Box<Expr>),
    /// A member expression target, allowed in assignment patterns and
    /// for-in/of heads: `[a.b, c[0]] = ...`.
    Expr(Box<Expr>),
}

#[derive(Debug, Clone)]
pub struct PatternProp {
    pub key: PropKey,
    pub value: Pattern,
    /// `{ x }` or `{ x = 1 }` rather than `{ k: x }`.
    pub shorthand: bool,
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Ident(Atom, SiteCache),
    This,
    Null,
    Bool(bool),
    Num(f64),
    BigInt(Rc<num_bigint::BigInt>),
    Str(Utf16),
    Template(Rc<Template>),
    TaggedTemplate(Box<Expr>, Rc<Template>),
    Regex {
        pattern: Atom,
        flags: Atom,
    },
    Array(Vec<ArrayElement>),
    Object(Vec<PropDef>),
    Function(Rc<Function>),
    Arrow(Rc<Function>),
    Class(Rc<Class>),
    Unary(UnaryOp, Box<Expr>),
    Update {
        op: UpdateOp,
        prefix: bool,
        target: Box<Expr>,
    },
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    Logical(LogicalOp, Box<Expr>, Box<Expr>),
    /// `target op= value`; for `=` the target may be a destructuring pattern.
    Assign {
        op: AssignOp,
        target: Box<Pattern>,
        value: Box<Expr>,
    },
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Call {
        callee: Box<Expr>,
        args: Vec<Arg>,
        optional: bool,
    },
    New {
        callee: Box<Expr>,
        args: Vec<Arg>,
    },
    Member {
        object: Box<Expr>,
        prop: MemberProp,
        optional: bool,
    },
    /// `super.x` / `super[x]`.
    SuperMember(MemberProp),
    /// `super(...)`.
    SuperCall(Vec<Arg>),
    /// The outer edge of an optional chain: `a?.b.c` short-circuits to
    /// `undefined` up to here.
    OptionalChain(Box<Expr>),
    Seq(Vec<Expr>),
    Yield {
        arg: Option<Box<Expr>>,
        delegate: bool,
    },
    Await(Box<Expr>),
    NewTarget,
    ImportMeta,
    ImportCall(Box<Expr>),
    /// `#x in obj`.
    PrivateIn(Atom, Box<Expr>),
    /// A parenthesized expression; kept so that `(a) = 1`, `(a.b)` as a
    /// call target and function naming (`x = (function(){})`) behave.
    Paren(Box<Expr>),
}

#[derive(Debug, Clone)]
pub struct Template {
    /// Cooked strings; `None` where an escape is invalid (only legal in
    /// tagged templates).
    pub cooked: Vec<Option<Utf16>>,
    pub raw: Vec<Utf16>,
    pub exprs: Vec<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ArrayElement {
    Hole,
    Expr(Expr),
    Spread(Expr),
}

#[derive(Debug, Clone)]
pub enum Arg {
    Expr(Expr),
    Spread(Expr),
}

#[derive(Debug, Clone)]
pub enum MemberProp {
    Ident(PropName),
    Computed(Box<Expr>),
    Private(Atom),
}

#[derive(Debug, Clone)]
pub enum PropDef {
    /// `key: value` (and shorthand `x`, where the value is `Ident(x)`).
    Value(PropKey, Expr),
    Method(PropKey, Rc<Function>),
    Getter(PropKey, Rc<Function>),
    Setter(PropKey, Rc<Function>),
    Spread(Expr),
    /// `__proto__: value` (non-computed, non-shorthand) sets the prototype.
    Proto(Expr),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Plus,
    Not,
    BitNot,
    Typeof,
    Void,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateOp {
    Inc,
    Dec,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Exp,
    Shl,
    Shr,
    UShr,
    BitAnd,
    BitOr,
    BitXor,
    Eq,
    NotEq,
    StrictEq,
    StrictNotEq,
    Lt,
    Gt,
    LtEq,
    GtEq,
    In,
    InstanceOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogicalOp {
    And,
    Or,
    Nullish,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignOp {
    Assign,
    /// `a op= b` for an arithmetic or bitwise operator.
    Op(BinaryOp),
    /// `&&=`, `||=`, `??=`.
    Logical(LogicalOp),
}

#[derive(Debug, Clone)]
pub struct ImportDecl {
    pub specifier: Utf16,
    /// `import x from`.
    pub default: Option<Atom>,
    /// `import * as ns from`.
    pub namespace: Option<Atom>,
    /// `import { a as b }`: (imported name, local name).
    pub named: Vec<(Atom, Atom)>,
    /// `with { type: 'json' }`: the import attributes (key, value).
    pub attributes: Vec<(Atom, Utf16)>,
}

#[derive(Debug, Clone)]
pub enum ExportDecl {
    /// `export var/let/const/function/class ...`.
    Decl(Stmt),
    /// `export default function/class ...` (possibly anonymous); the local
    /// binding is the declaration's name or `*default*`.
    DefaultDecl(Stmt),
    /// `export default expr;`.
    DefaultExpr(Expr),
    /// `export { a as b, c }` (local, exported) or with `from`: (imported,
    /// exported).
    Named {
        specifiers: Vec<(Atom, Atom)>,
        from: Option<Utf16>,
    },
    /// `export * from 'm'` and `export * as ns from 'm'`.
    All { alias: Option<Atom>, from: Utf16 },
}
