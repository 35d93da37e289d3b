//! The named exports an ES module sees in a CommonJS module. Node finds
//! them before running the module with a static lexer (cjs-module-lexer);
//! this is an approximation of it on the parsed program, looking at
//! top-level statements only:
//!
//! - `exports.x = …`, `exports['x'] = …`, `module.exports.x = …` (also
//!   inside comma and chained assignments: `exports.a = exports.b = void 0`);
//! - `Object.defineProperty(exports, 'x', …)` (and on `module.exports`);
//! - `module.exports = { a, b: c, 'd': e, ...require('./y') }`: the keys
//!   of an object literal as far as the lexer reads them (values that are
//!   one identifier; the first other value ends the list), spreads of
//!   `require` re-exporting `./y`'s names;
//! - `module.exports = require('./y')`: the names of `./y`, found the same
//!   way (re-exports, followed through relative paths only).
//!
//! Names in nested functions (UMD wrappers, IIFEs) are not found; such a
//! module still has its `default` export.

use std::path::Path;
use std::rc::Rc;

use parser::ast::{
    self, Atom, Expr, ExprKind, MemberProp, PatternKind, PropDef, PropKey, StmtKind,
};

use crate::interp::Interp;

/// The names (without `default`) Node's analysis would give the CommonJS
/// module at `path`.
pub fn detect_exports(interp: &mut Interp, path: &Path, program: &ast::Program) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut seen = vec![path.to_path_buf()];
    collect(interp, path, program, &mut out, &mut seen);
    out
}

fn collect(
    interp: &mut Interp,
    path: &Path,
    program: &ast::Program,
    out: &mut Vec<Atom>,
    seen: &mut Vec<std::path::PathBuf>,
) {
    let mut reexports = Vec::new();
    for s in &program.body {
        if let StmtKind::Expr(e) = &s.kind {
            expression(e, out, &mut reexports);
        }
    }
    for spec in reexports {
        let dir = path.parent().unwrap_or(Path::new("/"));
        let Ok(Some(target)) = super::resolve::resolve_require(interp, &spec, dir) else {
            continue;
        };
        if seen.contains(&target) {
            continue;
        }
        seen.push(target.clone());
        let readable = interp.permissions.has(
            crate::permission::Scope::FsRead,
            Some(&target.display().to_string()),
        );
        let Some(text) = readable
            .then(|| std::fs::read_to_string(&target).ok())
            .flatten()
        else {
            continue;
        };
        if let Ok(p) = super::commonjs::parse_commonjs(&text) {
            collect(interp, &target, &p, out, seen);
        }
    }
}

fn add(out: &mut Vec<Atom>, name: Atom) {
    if &*name != "default" && !out.contains(&name) {
        out.push(name);
    }
}

fn expression(e: &Expr, out: &mut Vec<Atom>, reexports: &mut Vec<String>) {
    match &e.kind {
        ExprKind::Seq(es) => {
            for x in es {
                expression(x, out, reexports);
            }
        }
        ExprKind::Paren(x) => expression(x, out, reexports),
        ExprKind::Assign { target, value, .. } => {
            if let PatternKind::Expr(t) = &target.kind {
                if let Some(name) = exports_member(t) {
                    add(out, name);
                } else if is_module_exports(t) {
                    module_exports_value(value, out, reexports);
                }
            }
            expression(value, out, reexports);
        }
        ExprKind::Call { callee, args, .. } => {
            let is_define = matches!(&callee.kind, ExprKind::Member { object, prop: MemberProp::Ident(p), .. }
                if &**p == "defineProperty" && matches!(&object.kind, ExprKind::Ident(o, _) if &**o == "Object"));
            if is_define {
                if let (Some(ast::Arg::Expr(target)), Some(ast::Arg::Expr(name))) =
                    (args.first(), args.get(1))
                {
                    if is_exports_object(target) {
                        if let ExprKind::Str(s) = &name.kind {
                            add(out, Rc::from(String::from_utf16_lossy(s)));
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// `exports` or `module.exports`.
fn is_exports_object(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Ident(n, _) if &**n == "exports") || is_module_exports(e)
}

fn is_module_exports(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Member { object, prop: MemberProp::Ident(p), .. }
        if &**p == "exports" && matches!(&object.kind, ExprKind::Ident(m, _) if &**m == "module"))
}

/// The name `exports.x` / `exports['x']` / `module.exports.x` assigns.
fn exports_member(e: &Expr) -> Option<Atom> {
    let ExprKind::Member { object, prop, .. } = &e.kind else {
        return None;
    };
    if !is_exports_object(object) {
        return None;
    }
    match prop {
        MemberProp::Ident(n) => Some(n.name.clone()),
        MemberProp::Computed(k) => match &k.kind {
            ExprKind::Str(s) => Some(Rc::from(String::from_utf16_lossy(s))),
            _ => None,
        },
        MemberProp::Private(_) => None,
    }
}

/// `require('./x')` → `./x`.
fn require_call(e: &Expr) -> Option<String> {
    let ExprKind::Call { callee, args, .. } = &e.kind else {
        return None;
    };
    if !matches!(&callee.kind, ExprKind::Ident(n, _) if &**n == "require") {
        return None;
    }
    match args.first() {
        Some(ast::Arg::Expr(Expr {
            kind: ExprKind::Str(s),
            ..
        })) => Some(String::from_utf16_lossy(s)),
        _ => None,
    }
}

/// How cjs-module-lexer reads the value of a `key: value` property in
/// `module.exports = { ... }`: it reads one identifier-like word and wants
/// `,` or `}` after it.
enum ValueShape {
    /// An identifier or keyword alone: the key counts, reading goes on.
    Word,
    /// Starts with a word (`f(x)`, `a.b`, `function () {}`): the key
    /// counts, then reading stops.
    WordThenMore,
    /// Anything else (a literal, a parenthesis): reading stops before the
    /// key.
    Other,
}

fn value_shape(e: &Expr) -> ValueShape {
    match &e.kind {
        ExprKind::Ident(..) | ExprKind::This | ExprKind::Null | ExprKind::Bool(_) => {
            ValueShape::Word
        }
        ExprKind::Call { callee, .. } | ExprKind::TaggedTemplate(callee, _) => {
            match value_shape(callee) {
                ValueShape::Other => ValueShape::Other,
                _ => ValueShape::WordThenMore,
            }
        }
        ExprKind::Member { object, .. } => match value_shape(object) {
            ValueShape::Other => ValueShape::Other,
            _ => ValueShape::WordThenMore,
        },
        ExprKind::Binary(_, l, _) | ExprKind::Logical(_, l, _) | ExprKind::Cond(l, _, _) => {
            match value_shape(l) {
                ValueShape::Other => ValueShape::Other,
                _ => ValueShape::WordThenMore,
            }
        }
        ExprKind::Function(_) | ExprKind::Class(_) | ExprKind::New { .. } => {
            ValueShape::WordThenMore
        }
        _ => ValueShape::Other,
    }
}

fn key_name(k: &PropKey) -> Option<Atom> {
    match k {
        PropKey::Ident(n) => Some(n.name.clone()),
        PropKey::Str(s) => Some(Rc::from(String::from_utf16_lossy(s))),
        _ => None,
    }
}

/// `module.exports = value`: the keys of an object literal (as far as
/// cjs-module-lexer reads them) or a re-exported `require(...)`.
fn module_exports_value(value: &Expr, out: &mut Vec<Atom>, reexports: &mut Vec<String>) {
    let props = match &value.kind {
        ExprKind::Object(props) => props,
        ExprKind::Paren(x) => return module_exports_value(x, out, reexports),
        _ => {
            if let Some(spec) = require_call(value) {
                reexports.push(spec);
            }
            return;
        }
    };
    for p in props {
        match p {
            PropDef::Value(k, v) => {
                let Some(name) = key_name(k) else { return };
                match value_shape(v) {
                    ValueShape::Word => add(out, name),
                    ValueShape::WordThenMore => return add(out, name),
                    ValueShape::Other => return,
                }
            }
            PropDef::Proto(v) => match value_shape(v) {
                ValueShape::Word => add(out, Rc::from("__proto__")),
                ValueShape::WordThenMore => return add(out, Rc::from("__proto__")),
                ValueShape::Other => return,
            },
            // `m() {}` reads as the word `m`; `get x() {}` as `get`.
            PropDef::Method(k, _) => {
                if let Some(name) = key_name(k) {
                    add(out, name);
                }
                return;
            }
            PropDef::Getter(..) => return add(out, Rc::from("get")),
            PropDef::Setter(..) => return add(out, Rc::from("set")),
            PropDef::Spread(x) => {
                if let Some(spec) = require_call(x) {
                    reexports.push(spec);
                } else if !matches!(x.kind, ExprKind::Ident(..)) {
                    return;
                }
            }
        }
    }
}
