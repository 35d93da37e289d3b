//! A compact S-expression rendering of the AST, for golden tests and for
//! `minijs --print-ast`: `a\n++b` shows as `(expr a) (expr (++ b))`.

use std::fmt::Write;

use crate::ast::*;

pub fn program(p: &Program) -> String {
    let mut out = String::new();
    for (i, s) in p.body.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        stmt(&mut out, s);
    }
    out
}

fn utf16(s: &[u16]) -> String {
    String::from_utf16_lossy(s)
}

fn list<T>(out: &mut String, items: &[T], f: impl Fn(&mut String, &T)) {
    for it in items {
        out.push(' ');
        f(out, it);
    }
}

fn stmt(out: &mut String, s: &Stmt) {
    match &s.kind {
        StmtKind::Empty => out.push_str("(empty)"),
        StmtKind::Debugger => out.push_str("(debugger)"),
        StmtKind::Expr(e) => {
            out.push_str("(expr ");
            expr(out, e);
            out.push(')');
        }
        StmtKind::Var(d) => var_decl(out, d),
        StmtKind::Function(f) => function(out, "function", f),
        StmtKind::Class(c) => class(out, c),
        StmtKind::Return(e) => {
            out.push_str("(return");
            if let Some(e) = e {
                out.push(' ');
                expr(out, e);
            }
            out.push(')');
        }
        StmtKind::If(c, t, e) => {
            out.push_str("(if ");
            expr(out, c);
            out.push(' ');
            stmt(out, t);
            if let Some(e) = e {
                out.push(' ');
                stmt(out, e);
            }
            out.push(')');
        }
        StmtKind::Block(b) => {
            out.push_str("(block");
            list(out, &b.body, stmt);
            out.push(')');
        }
        StmtKind::For(f) => {
            out.push_str("(for ");
            match &f.init {
                None => out.push('_'),
                Some(ForInit::Var(d)) => var_decl(out, d),
                Some(ForInit::Expr(e)) => expr(out, e),
            }
            for e in [&f.test, &f.update] {
                out.push(' ');
                match e {
                    Some(e) => expr(out, e),
                    None => out.push('_'),
                }
            }
            out.push(' ');
            stmt(out, &f.body);
            out.push(')');
        }
        StmtKind::ForIn(f) | StmtKind::ForOf(f) => {
            let kw = match (&s.kind, f.is_await) {
                (StmtKind::ForIn(_), _) => "for-in",
                (_, false) => "for-of",
                (_, true) => "for-await-of",
            };
            let _ = write!(out, "({kw} ");
            match &f.left {
                ForHead::Decl(k, p, _) => {
                    let _ = write!(out, "({} ", var_kind(*k));
                    pattern(out, p);
                    out.push(')');
                }
                ForHead::Pattern(p) => pattern(out, p),
            }
            out.push(' ');
            expr(out, &f.right);
            out.push(' ');
            stmt(out, &f.body);
            out.push(')');
        }
        StmtKind::While(c, b) => {
            out.push_str("(while ");
            expr(out, c);
            out.push(' ');
            stmt(out, b);
            out.push(')');
        }
        StmtKind::DoWhile(b, c) => {
            out.push_str("(do ");
            stmt(out, b);
            out.push(' ');
            expr(out, c);
            out.push(')');
        }
        StmtKind::Break(l) => label(out, "break", l),
        StmtKind::Continue(l) => label(out, "continue", l),
        StmtKind::Throw(e) => {
            out.push_str("(throw ");
            expr(out, e);
            out.push(')');
        }
        StmtKind::Try(t) => {
            out.push_str("(try (block");
            list(out, &t.block.body, stmt);
            out.push(')');
            if let Some(h) = &t.handler {
                out.push_str(" (catch ");
                match &t.param {
                    Some(p) => pattern(out, p),
                    None => out.push('_'),
                }
                list(out, &h.body, stmt);
                out.push(')');
            }
            if let Some(f) = &t.finalizer {
                out.push_str(" (finally");
                list(out, &f.body, stmt);
                out.push(')');
            }
            out.push(')');
        }
        StmtKind::Switch(sw) => {
            out.push_str("(switch ");
            expr(out, &sw.discriminant);
            for c in &sw.cases {
                match &c.test {
                    Some(t) => {
                        out.push_str(" (case ");
                        expr(out, t);
                    }
                    None => out.push_str(" (default"),
                }
                list(out, &c.body, stmt);
                out.push(')');
            }
            out.push(')');
        }
        StmtKind::Labeled(l, b) => {
            let _ = write!(out, "(label {l} ");
            stmt(out, b);
            out.push(')');
        }
        StmtKind::With(o, b) => {
            out.push_str("(with ");
            expr(out, o);
            out.push(' ');
            stmt(out, b);
            out.push(')');
        }
        StmtKind::Import(i) => {
            let _ = write!(out, "(import '{}'", utf16(&i.specifier));
            if let Some(d) = &i.default {
                let _ = write!(out, " default={d}");
            }
            if let Some(n) = &i.namespace {
                let _ = write!(out, " *={n}");
            }
            for (a, b) in &i.named {
                let _ = write!(out, " {a}={b}");
            }
            for (k, v) in &i.attributes {
                let _ = write!(out, " with {k}='{}'", utf16(v));
            }
            out.push(')');
        }
        StmtKind::Export(d) => {
            out.push_str("(export ");
            match &**d {
                ExportDecl::Decl(s) => stmt(out, s),
                ExportDecl::DefaultDecl(s) => {
                    out.push_str("default ");
                    stmt(out, s);
                }
                ExportDecl::DefaultExpr(e) => {
                    out.push_str("default ");
                    expr(out, e);
                }
                ExportDecl::Named { specifiers, from } => {
                    out.push('{');
                    for (i, (a, b)) in specifiers.iter().enumerate() {
                        if i > 0 {
                            out.push(' ');
                        }
                        let _ = write!(out, "{a}={b}");
                    }
                    out.push('}');
                    if let Some(f) = from {
                        let _ = write!(out, " from '{}'", utf16(f));
                    }
                }
                ExportDecl::All { alias, from } => {
                    out.push('*');
                    if let Some(a) = alias {
                        let _ = write!(out, " as {a}");
                    }
                    let _ = write!(out, " from '{}'", utf16(from));
                }
            }
            out.push(')');
        }
    }
}

fn label(out: &mut String, kw: &str, l: &Option<Atom>) {
    match l {
        Some(l) => {
            let _ = write!(out, "({kw} {l})");
        }
        None => {
            let _ = write!(out, "({kw})");
        }
    }
}

fn var_kind(k: VarKind) -> &'static str {
    match k {
        VarKind::Var => "var",
        VarKind::Let => "let",
        VarKind::Const => "const",
    }
}

fn var_decl(out: &mut String, d: &VarDecl) {
    out.push('(');
    out.push_str(var_kind(d.kind));
    for decl in &d.decls {
        out.push(' ');
        match &decl.init {
            Some(i) => {
                out.push_str("(= ");
                pattern(out, &decl.target);
                out.push(' ');
                expr(out, i);
                out.push(')');
            }
            None => pattern(out, &decl.target),
        }
    }
    out.push(')');
}

fn function(out: &mut String, kw: &str, f: &Function) {
    out.push('(');
    if f.is_async {
        out.push_str("async ");
    }
    out.push_str(kw);
    if f.is_generator {
        out.push('*');
    }
    if let Some(n) = &f.name {
        let _ = write!(out, " {n}");
    }
    out.push_str(" (");
    for (i, p) in f.params.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if p.is_rest {
            out.push_str("...");
        }
        pattern(out, &p.pattern);
    }
    out.push(')');
    match &f.body {
        FunctionBody::Block(b) => list(out, b, stmt),
        FunctionBody::Expr(e) => {
            out.push(' ');
            expr(out, e);
        }
    }
    out.push(')');
}

fn class(out: &mut String, c: &Class) {
    out.push_str("(class");
    if let Some(n) = &c.name {
        let _ = write!(out, " {n}");
    }
    if let Some(e) = &c.extends {
        out.push_str(" extends ");
        expr(out, e);
    }
    if let Some(ctor) = &c.constructor {
        out.push(' ');
        function(out, "constructor", ctor);
    }
    for m in &c.members {
        out.push_str(if m.is_static { " (static " } else { " (" });
        let kw = match &m.kind {
            ClassMemberKind::Method(_) => "method",
            ClassMemberKind::Getter(_) => "get",
            ClassMemberKind::Setter(_) => "set",
            ClassMemberKind::Field(_) => "field",
            ClassMemberKind::StaticBlock(_) => "block",
        };
        out.push_str(kw);
        out.push(' ');
        key(out, &m.key);
        match &m.kind {
            ClassMemberKind::Method(f)
            | ClassMemberKind::Getter(f)
            | ClassMemberKind::Setter(f) => {
                out.push(' ');
                function(out, "function", f);
            }
            ClassMemberKind::Field(Some(f)) | ClassMemberKind::StaticBlock(f) => match &f.body {
                FunctionBody::Expr(e) => {
                    out.push(' ');
                    expr(out, e);
                }
                FunctionBody::Block(b) => list(out, b, stmt),
            },
            ClassMemberKind::Field(None) => {}
        }
        out.push(')');
    }
    out.push(')');
}

fn key(out: &mut String, k: &PropKey) {
    match k {
        PropKey::Ident(n) => out.push_str(n),
        PropKey::Str(s) => {
            let _ = write!(out, "'{}'", utf16(s));
        }
        PropKey::Num(n) => {
            let _ = write!(out, "{n}");
        }
        PropKey::Computed(e) => {
            out.push('[');
            expr(out, e);
            out.push(']');
        }
        PropKey::Private(n) => {
            let _ = write!(out, "#{n}");
        }
    }
}

fn pattern(out: &mut String, p: &Pattern) {
    match &p.kind {
        PatternKind::Ident(n, _) => out.push_str(n),
        PatternKind::Object(props, rest) => {
            out.push('{');
            for (i, prop) in props.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                if prop.shorthand {
                    pattern(out, &prop.value);
                } else {
                    key(out, &prop.key);
                    out.push(':');
                    pattern(out, &prop.value);
                }
            }
            if let Some(r) = rest {
                out.push_str(" ...");
                pattern(out, r);
            }
            out.push('}');
        }
        PatternKind::Array(elems, rest) => {
            out.push('[');
            for (i, e) in elems.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                match e {
                    Some(e) => pattern(out, e),
                    None => out.push('_'),
                }
            }
            if let Some(r) = rest {
                out.push_str(" ...");
                pattern(out, r);
            }
            out.push(']');
        }
        PatternKind::Default(t, v) => {
            out.push_str("(= ");
            pattern(out, t);
            out.push(' ');
            expr(out, v);
            out.push(')');
        }
        PatternKind::Expr(e) => expr(out, e),
    }
}

fn binary_op(op: BinaryOp) -> &'static str {
    use BinaryOp::*;
    match op {
        Add => "+",
        Sub => "-",
        Mul => "*",
        Div => "/",
        Mod => "%",
        Exp => "**",
        Shl => "<<",
        Shr => ">>",
        UShr => ">>>",
        BitAnd => "&",
        BitOr => "|",
        BitXor => "^",
        Eq => "==",
        NotEq => "!=",
        StrictEq => "===",
        StrictNotEq => "!==",
        Lt => "<",
        Gt => ">",
        LtEq => "<=",
        GtEq => ">=",
        In => "in",
        InstanceOf => "instanceof",
    }
}

fn logical_op(op: LogicalOp) -> &'static str {
    match op {
        LogicalOp::And => "&&",
        LogicalOp::Or => "||",
        LogicalOp::Nullish => "??",
    }
}

fn args(out: &mut String, a: &[Arg]) {
    for a in a {
        out.push(' ');
        match a {
            Arg::Expr(e) => expr(out, e),
            Arg::Spread(e) => {
                out.push_str("...");
                expr(out, e);
            }
        }
    }
}

fn template(out: &mut String, t: &Template) {
    out.push('`');
    for (i, raw) in t.raw.iter().enumerate() {
        out.push_str(&utf16(raw));
        if let Some(e) = t.exprs.get(i) {
            out.push_str("${");
            expr(out, e);
            out.push('}');
        }
    }
    out.push('`');
}

fn member_prop(out: &mut String, p: &MemberProp) {
    match p {
        MemberProp::Ident(n) => out.push_str(n),
        MemberProp::Private(n) => {
            let _ = write!(out, "#{n}");
        }
        MemberProp::Computed(e) => {
            out.push('[');
            expr(out, e);
            out.push(']');
        }
    }
}

fn expr(out: &mut String, e: &Expr) {
    match &e.kind {
        ExprKind::Ident(n, _) => out.push_str(n),
        ExprKind::This => out.push_str("this"),
        ExprKind::Null => out.push_str("null"),
        ExprKind::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        ExprKind::Num(n) => {
            let _ = write!(out, "{n}");
        }
        ExprKind::BigInt(n) => {
            let _ = write!(out, "{n}n");
        }
        ExprKind::Str(s) => {
            let _ = write!(out, "'{}'", utf16(s));
        }
        ExprKind::Template(t) => template(out, t),
        ExprKind::TaggedTemplate(tag, t) => {
            out.push_str("(tag ");
            expr(out, tag);
            out.push(' ');
            template(out, t);
            out.push(')');
        }
        ExprKind::Regex { pattern, flags } => {
            let _ = write!(out, "/{pattern}/{flags}");
        }
        ExprKind::Array(elems) => {
            out.push('[');
            for (i, el) in elems.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                match el {
                    ArrayElement::Hole => out.push('_'),
                    ArrayElement::Expr(e) => expr(out, e),
                    ArrayElement::Spread(e) => {
                        out.push_str("...");
                        expr(out, e);
                    }
                }
            }
            out.push(']');
        }
        ExprKind::Object(props) => {
            out.push('{');
            for (i, p) in props.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                match p {
                    PropDef::Value(k, v) => {
                        key(out, k);
                        out.push(':');
                        expr(out, v);
                    }
                    PropDef::Method(k, f) | PropDef::Getter(k, f) | PropDef::Setter(k, f) => {
                        let kw = match p {
                            PropDef::Getter(..) => "get ",
                            PropDef::Setter(..) => "set ",
                            _ => "",
                        };
                        out.push_str(kw);
                        key(out, k);
                        function(out, "method", f);
                    }
                    PropDef::Spread(e) => {
                        out.push_str("...");
                        expr(out, e);
                    }
                    PropDef::Proto(e) => {
                        out.push_str("__proto__:");
                        expr(out, e);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Function(f) => function(out, "function", f),
        ExprKind::Arrow(f) => function(out, "=>", f),
        ExprKind::Class(c) => class(out, c),
        ExprKind::Unary(op, x) => {
            let s = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Plus => "+",
                UnaryOp::Not => "!",
                UnaryOp::BitNot => "~",
                UnaryOp::Typeof => "typeof",
                UnaryOp::Void => "void",
                UnaryOp::Delete => "delete",
            };
            let _ = write!(out, "({s} ");
            expr(out, x);
            out.push(')');
        }
        ExprKind::Update { op, prefix, target } => {
            let s = if *op == UpdateOp::Inc { "++" } else { "--" };
            if *prefix {
                let _ = write!(out, "({s} ");
                expr(out, target);
            } else {
                out.push_str("(post");
                out.push_str(s);
                out.push(' ');
                expr(out, target);
            }
            out.push(')');
        }
        ExprKind::Binary(op, a, b) => {
            let _ = write!(out, "({} ", binary_op(*op));
            expr(out, a);
            out.push(' ');
            expr(out, b);
            out.push(')');
        }
        ExprKind::Logical(op, a, b) => {
            let _ = write!(out, "({} ", logical_op(*op));
            expr(out, a);
            out.push(' ');
            expr(out, b);
            out.push(')');
        }
        ExprKind::Assign { op, target, value } => {
            let s = match op {
                AssignOp::Assign => "=".to_string(),
                AssignOp::Op(o) => format!("{}=", binary_op(*o)),
                AssignOp::Logical(o) => format!("{}=", logical_op(*o)),
            };
            let _ = write!(out, "({s} ");
            pattern(out, target);
            out.push(' ');
            expr(out, value);
            out.push(')');
        }
        ExprKind::Cond(a, b, c) => {
            out.push_str("(? ");
            expr(out, a);
            out.push(' ');
            expr(out, b);
            out.push(' ');
            expr(out, c);
            out.push(')');
        }
        ExprKind::Call {
            callee,
            args: a,
            optional,
        } => {
            out.push_str(if *optional { "(?.call " } else { "(call " });
            expr(out, callee);
            args(out, a);
            out.push(')');
        }
        ExprKind::New { callee, args: a } => {
            out.push_str("(new ");
            expr(out, callee);
            args(out, a);
            out.push(')');
        }
        ExprKind::Member {
            object,
            prop,
            optional,
        } => {
            out.push_str(if *optional { "(?. " } else { "(. " });
            expr(out, object);
            out.push(' ');
            member_prop(out, prop);
            out.push(')');
        }
        ExprKind::SuperMember(p) => {
            out.push_str("(. super ");
            member_prop(out, p);
            out.push(')');
        }
        ExprKind::SuperCall(a) => {
            out.push_str("(call super");
            args(out, a);
            out.push(')');
        }
        ExprKind::OptionalChain(x) => {
            out.push_str("(chain ");
            expr(out, x);
            out.push(')');
        }
        ExprKind::Seq(es) => {
            out.push_str("(,");
            list(out, es, expr);
            out.push(')');
        }
        ExprKind::Yield { arg, delegate } => {
            out.push_str(if *delegate { "(yield*" } else { "(yield" });
            if let Some(a) = arg {
                out.push(' ');
                expr(out, a);
            }
            out.push(')');
        }
        ExprKind::Await(x) => {
            out.push_str("(await ");
            expr(out, x);
            out.push(')');
        }
        ExprKind::NewTarget => out.push_str("new.target"),
        ExprKind::ImportMeta => out.push_str("import.meta"),
        ExprKind::ImportCall(x) => {
            out.push_str("(import ");
            expr(out, x);
            out.push(')');
        }
        ExprKind::PrivateIn(n, x) => {
            let _ = write!(out, "(in #{n} ");
            expr(out, x);
            out.push(')');
        }
        ExprKind::Paren(x) => {
            out.push_str("(paren ");
            expr(out, x);
            out.push(')');
        }
    }
}
