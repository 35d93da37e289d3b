//! Value properties and functions of the global object (ECMA-262 §19),
//! `eval` (PerformEval — §19.2.1.1), and `queueMicrotask` (timers are
//! host functions: `stdlib/src/timers.rs`).

use crate::environment::EnvironmentKind;
use crate::execution_context::{ContextCode, ExecutionContext, Source};
use crate::function::{define_methods, NativeFn};
use crate::interp::Interp;
use crate::job_queue::Job;
use crate::object::PropertyDescriptor;
use crate::operations::{self, is_callable, to_number, to_string};
use crate::realm::define_global;
use crate::storage::{Attributes, BINDING_DELETABLE, BINDING_INITIALIZED, BINDING_MUTABLE};
use crate::value::{PropertyKey, Value};
use crate::{Completion, JsResult};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

/// %eval% called indirectly.
pub fn global_eval(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    perform_eval(interp, arg(args, 0), false)
}

/// PerformEval — ECMA-262 §19.2.1.1
pub fn perform_eval(interp: &mut Interp, x: Value, direct: bool) -> JsResult<Value> {
    let Value::String(code) = &x else {
        return Ok(x);
    };
    let caller_strict = direct && interp.is_strict();
    let (in_function, in_method, in_derived) = if direct {
        let env = interp.get_this_environment();
        match env
            .as_function_env()
            .and_then(|f| f.function_object.clone())
        {
            Some(f) => match f.kind() {
                crate::object::ObjectKind::Function(sf) => (
                    true,
                    sf.home_object.is_some(),
                    sf.constructor_kind == crate::function::ConstructorKind::Derived,
                ),
                _ => (true, false, false),
            },
            None => (false, false, false),
        }
    } else {
        (false, false, false)
    };
    let options = parser::ParseOptions {
        module: false,
        strict: caller_strict,
        allow_new_target: in_function,
        allow_super_property: in_method,
        allow_super_call: in_derived,
        ..Default::default()
    };
    let text = code.to_rust_string();
    let program = match parser::parse(&text, &options) {
        Ok(p) => p,
        Err(e) => return Err(interp.parse_error(&e)),
    };
    let strict = caller_strict || program.strict;
    let (outer_lex, var_env, private_env, function) = if direct {
        let c = interp.ctx();
        (
            c.lexical_environment.clone(),
            c.variable_environment.clone(),
            c.private_environment.clone(),
            c.function.clone(),
        )
    } else {
        (
            interp.realm.global_env.clone(),
            interp.realm.global_env.clone(),
            None,
            None,
        )
    };
    let lex_env = interp.new_declarative_env(outer_lex, "eval", program.scope.lexical.len());
    let var_env = if strict { lex_env.clone() } else { var_env };
    // EvalDeclarationInstantiation — ECMA-262 §19.2.1.3
    if !strict {
        if let EnvironmentKind::Global(_) = var_env.kind() {
            for (name, _) in &program.scope.lexical {
                let _ = name;
            }
        }
        // A var may not hoist over a lexical declaration of the same name
        // (between the caller's scope and its variable environment for a
        // direct eval; an indirect eval's scope is the global one).
        let mut e = Some(if direct {
            interp.lexical_env()
        } else {
            interp.realm.global_env.clone()
        });
        while let Some(env) = e {
            if env == var_env {
                break;
            }
            if !matches!(env.kind(), EnvironmentKind::Object(_)) {
                for n in program.scope.var_names.iter() {
                    if env.bindings().find(n).is_some()
                        && !matches!(env.kind(), EnvironmentKind::Function(_))
                        && env.label() != "catch"
                    {
                        return Err(interp
                            .syntax_error(format!("Identifier '{n}' has already been declared")));
                    }
                }
            }
            e = env.outer().cloned();
        }
    }
    let src = Source::new("evalmachine.<anonymous>", text.as_str());
    interp.context_stack.push(ExecutionContext {
        function,
        lexical_environment: lex_env.clone(),
        variable_environment: var_env.clone(),
        private_environment: private_env,
        this_binding: Value::Undefined,
        this_fixed: false,
        code: ContextCode::Eval,
        strict,
        own_source: Some(src),
        position: 0,
        frame_name: Some("eval"),
        is_construct: false,
    });
    let r = eval_declaration_instantiation(interp, &program, &lex_env, &var_env)
        .and_then(|_| interp.eval_statements(&program.body));
    interp.context_stack.pop();
    match r? {
        Completion::Normal(v) => Ok(v.unwrap_or_default()),
        Completion::Return(v) => Ok(v),
        _ => Ok(Value::Undefined),
    }
}

fn eval_declaration_instantiation(
    interp: &mut Interp,
    program: &parser::ast::Program,
    lex_env: &crate::environment::Env,
    var_env: &crate::environment::Env,
) -> JsResult<()> {
    let scope = &program.scope;
    if let EnvironmentKind::Global(g) = var_env.kind() {
        let global = g.global_object.clone();
        // A var may not redeclare a global lexical binding.
        for name in scope.var_names.iter() {
            if var_env.bindings().find(name).is_some() {
                return Err(
                    interp.syntax_error(format!("Identifier '{name}' has already been declared"))
                );
            }
        }
        crate::eval_stmt::check_global_declarations(interp, &global, scope)?;
        for f in &scope.functions {
            let Some(name) = &f.name else { continue };
            let fo = crate::function::create_script_function(
                interp,
                f,
                lex_env.clone(),
                None,
                None,
                crate::string::JsString::from(&**name),
            );
            let key = PropertyKey::from(&**name);
            let desc = match global.get_own_property(&key) {
                Some(d) if d.configurable != Some(true) => PropertyDescriptor {
                    value: Some(Value::Object(fo)),
                    ..Default::default()
                },
                _ => PropertyDescriptor::data(Value::Object(fo), Attributes::all()),
            };
            operations::define_property_or_throw(interp, &global, key, desc)?;
        }
        for name in scope.var_names.iter().chain(scope.annex_b_functions.iter()) {
            let key = PropertyKey::from(&**name);
            if !global.has_own_property(&key) {
                global.define_own_property(
                    interp,
                    key,
                    PropertyDescriptor::data(Value::Undefined, Attributes::all()),
                )?;
            }
        }
        crate::function::instantiate_lexical_names(lex_env, &scope.lexical);
        return Ok(());
    }
    // The eval's vars and functions join a record that code has already
    // run in: identifier sites must stop skipping it.
    if !scope.var_names.is_empty()
        || !scope.annex_b_functions.is_empty()
        || !scope.functions.is_empty()
    {
        var_env.mark_dynamic();
    }
    let vb = var_env.bindings();
    for name in scope.var_names.iter().chain(scope.annex_b_functions.iter()) {
        if vb.find(name).is_none() {
            vb.add(
                name.clone(),
                BINDING_INITIALIZED | BINDING_MUTABLE | BINDING_DELETABLE,
                Value::Undefined,
            );
        }
    }
    crate::function::instantiate_lexical_names(lex_env, &scope.lexical);
    crate::function::instantiate_hoisted_functions(interp, &scope.functions, lex_env, var_env)
}

/// parseInt — ECMA-262 §19.2.5
fn parse_int(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = to_string(interp, &arg(args, 0))?.to_rust_string();
    let s = crate::number::trim_js(&s);
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut radix = operations::to_int32(interp, &arg(args, 1))?;
    let mut strip_prefix = true;
    if radix != 0 {
        if !(2..=36).contains(&radix) {
            return Ok(Value::Number(f64::NAN));
        }
        if radix != 16 {
            strip_prefix = false;
        }
    } else {
        radix = 10;
    }
    let mut s = s;
    if strip_prefix && (s.starts_with("0x") || s.starts_with("0X")) {
        s = &s[2..];
        radix = 16;
    }
    let digits: String = s.chars().take_while(|c| c.is_digit(radix as u32)).collect();
    if digits.is_empty() {
        return Ok(Value::Number(f64::NAN));
    }
    let mut v = 0.0f64;
    for c in digits.chars() {
        v = v * radix as f64 + c.to_digit(radix as u32).unwrap_or(0) as f64;
    }
    if radix == 10 && digits.len() > 15 {
        v = digits.parse::<f64>().unwrap_or(v);
    }
    Ok(Value::Number(if neg { -v } else { v }))
}

/// parseFloat — ECMA-262 §19.2.4
fn parse_float(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = to_string(interp, &arg(args, 0))?.to_rust_string();
    let s = crate::number::trim_js(&s);
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    if s[i..].starts_with("Infinity") {
        return Ok(Value::Number(if b.first() == Some(&b'-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        }));
    }
    let ds = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut any = i > ds;
    if i < b.len() && b[i] == b'.' {
        let f = i + 1;
        let mut j = f;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > f || any {
            any |= j > f;
            i = j;
        }
    }
    if !any {
        return Ok(Value::Number(f64::NAN));
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let es = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > es {
            i = j;
        }
    }
    Ok(Value::Number(s[..i].parse::<f64>().unwrap_or(f64::NAN)))
}

fn is_nan(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(to_number(interp, &arg(args, 0))?.is_nan()))
}

fn is_finite(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(to_number(interp, &arg(args, 0))?.is_finite()))
}

fn queue_microtask(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let f = arg(args, 0);
    if !is_callable(&f) {
        let shown = crate::inspect::short_description(interp, &f);
        return Err(interp.type_error(format!(
            "The \"callback\" argument must be of type function. Received {shown}"
        )));
    }
    interp.job_queue.push(Job::Callback {
        callback: f,
        args: Vec::new(),
    });
    Ok(Value::Undefined)
}

pub(crate) fn init(interp: &mut Interp) {
    let g = interp.realm.global_object.clone();
    g.define_value("globalThis", Value::Object(g.clone()), Attributes::hidden());
    g.define_value("undefined", Value::Undefined, Attributes::none());
    g.define_value("NaN", Value::Number(f64::NAN), Attributes::none());
    g.define_value("Infinity", Value::Number(f64::INFINITY), Attributes::none());
    let eval = interp.realm.intrinsics.eval_function.clone();
    eval.define_value(
        "length",
        Value::from(1),
        Attributes::new(false, false, true),
    );
    eval.define_value(
        "name",
        Value::from("eval"),
        Attributes::new(false, false, true),
    );
    define_global(interp, "eval", Value::Object(eval));
    let table: &[(&str, NativeFn, u32)] = &[
        ("isFinite", is_finite, 1),
        ("isNaN", is_nan, 1),
        ("parseFloat", parse_float, 1),
        ("parseInt", parse_int, 2),
        ("queueMicrotask", queue_microtask, 1),
    ];
    define_methods(interp, &g, table);
    if let Some(Value::Object(pf)) = g.get_own_data(&PropertyKey::from("parseFloat")) {
        if let Some(n) = interp.realm.intrinsics.constructor("Number") {
            n.define_value("parseFloat", Value::Object(pf), Attributes::hidden());
        }
    }
    if let Some(Value::Object(pi)) = g.get_own_data(&PropertyKey::from("parseInt")) {
        if let Some(n) = interp.realm.intrinsics.constructor("Number") {
            n.define_value("parseInt", Value::Object(pi), Attributes::hidden());
        }
    }
}
