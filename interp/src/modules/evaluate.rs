//! Evaluate ( ) of Cyclic Module Records with top-level await —
//! ECMA-262 §16.2.1.5.3: depth-first post-order evaluation, each strongly
//! connected component finishing together, modules with top-level await
//! (and their importers) finishing asynchronously in [[AsyncEvaluation]]
//! order. Module bodies with top-level await run on a coroutine
//! (`generator::start_async_body`).

use std::rc::Rc;

use super::module_record::{ModuleId, ModuleStatus, RecordKind, SyntheticOrigin};
use super::{builtin, commonjs, trace};
use crate::execution_context::{ContextCode, ExecutionContext};
use crate::function::{create_native_closure, native_slots};
use crate::interp::Interp;
use crate::object::JsObject;
use crate::promise;
use crate::storage::BINDING_INITIALIZED;
use crate::value::{PropertyKey, Value};
use crate::{JsError, JsResult};

/// Evaluate ( ) — ECMA-262 §16.2.1.5.3: returns the promise of the
/// module's (or its cycle root's) evaluation.
pub fn evaluate(interp: &mut Interp, id: ModuleId) -> JsResult<JsObject> {
    let mut module = id;
    // 2. An evaluated module in a cycle answers with its cycle root.
    let rec = &interp.modules.records[module];
    if matches!(
        rec.status,
        ModuleStatus::EvaluatingAsync | ModuleStatus::Evaluated
    ) {
        if let Some(root) = rec.cycle_root {
            module = root;
        }
    }
    if let Some(p) = &interp.modules.records[module].top_level_capability {
        return Ok(p.clone());
    }
    let capability = promise::new_promise(interp);
    interp.modules.records[module].top_level_capability = Some(capability.clone());
    let mut stack = Vec::new();
    match inner_module_evaluation(interp, module, &mut stack, 0) {
        Ok(_) => {
            let rec = &interp.modules.records[module];
            if rec.async_evaluation.is_none() {
                promise::resolve_promise(interp, &capability, Value::Undefined)?;
            }
        }
        Err(JsError::Throw(e)) => {
            for m in stack {
                let r = &mut interp.modules.records[m];
                r.status = ModuleStatus::Evaluated;
                r.evaluation_error = Some(e.clone());
            }
            promise::reject_promise(interp, &capability, e);
        }
        Err(other) => return Err(other),
    }
    Ok(capability)
}

/// InnerModuleEvaluation ( module, stack, index ) — ECMA-262 §16.2.1.5.3.1
fn inner_module_evaluation(
    interp: &mut Interp,
    id: ModuleId,
    stack: &mut Vec<ModuleId>,
    mut index: usize,
) -> JsResult<usize> {
    let rec = &interp.modules.records[id];
    // 1. A synthetic record evaluates at once.
    if !rec.is_cyclic() {
        if let Some(e) = &rec.evaluation_error {
            return Err(JsError::Throw(e.clone()));
        }
        if rec.status != ModuleStatus::Evaluated {
            interp.modules.records[id].status = ModuleStatus::Evaluated;
            if let Err(e) = evaluate_synthetic(interp, id) {
                if let JsError::Throw(v) = &e {
                    interp.modules.records[id].evaluation_error = Some(v.clone());
                }
                return Err(e);
            }
        }
        return Ok(index);
    }
    // 2-3.
    match rec.status {
        ModuleStatus::EvaluatingAsync | ModuleStatus::Evaluated => {
            return match &rec.evaluation_error {
                Some(e) => Err(JsError::Throw(e.clone())),
                None => Ok(index),
            };
        }
        ModuleStatus::Evaluating => {
            trace::log(interp, || {
                format!(
                    "cycle: {} is still evaluating (its uninitialized bindings are in their TDZ)",
                    rec.key
                )
            });
            return Ok(index);
        }
        _ => {}
    }
    // 5-10.
    let rec = &mut interp.modules.records[id];
    rec.status = ModuleStatus::Evaluating;
    rec.dfs_index = index;
    rec.dfs_ancestor_index = index;
    rec.pending_async_dependencies = 0;
    index += 1;
    stack.push(id);
    // 11. Each requested module.
    let loaded = rec.loaded_modules.clone();
    for mut required in loaded {
        index = inner_module_evaluation(interp, required, stack, index)?;
        if !interp.modules.records[required].is_cyclic() {
            continue;
        }
        let req = &interp.modules.records[required];
        if req.status == ModuleStatus::Evaluating {
            let a = req.dfs_ancestor_index;
            let rec = &mut interp.modules.records[id];
            rec.dfs_ancestor_index = rec.dfs_ancestor_index.min(a);
        } else {
            required = req.cycle_root.unwrap_or(required);
            if let Some(e) = &interp.modules.records[required].evaluation_error {
                return Err(JsError::Throw(e.clone()));
            }
        }
        if interp.modules.records[required].async_evaluation.is_some() {
            interp.modules.records[id].pending_async_dependencies += 1;
            interp.modules.records[required]
                .async_parent_modules
                .push(id);
        }
    }
    // 12. Async when it awaits or waits for an async dependency.
    let rec = &interp.modules.records[id];
    if rec.pending_async_dependencies > 0 || rec.has_tla {
        interp.modules.async_order += 1;
        let order = interp.modules.async_order;
        interp.modules.records[id].async_evaluation = Some(order);
        if interp.modules.records[id].pending_async_dependencies == 0 {
            execute_async_module(interp, id)?;
        }
    } else {
        execute_module(interp, id)?;
    }
    // 14. The root of a component finishes it.
    let rec = &interp.modules.records[id];
    if rec.dfs_ancestor_index == rec.dfs_index {
        while let Some(m) = stack.pop() {
            let r = &mut interp.modules.records[m];
            r.status = if r.async_evaluation.is_none() {
                ModuleStatus::Evaluated
            } else {
                ModuleStatus::EvaluatingAsync
            };
            r.cycle_root = Some(id);
            if m == id {
                break;
            }
        }
    }
    Ok(index)
}

/// The execution context a module body runs in.
fn module_context(
    interp: &Interp,
    id: ModuleId,
) -> Option<(ExecutionContext, Rc<parser::ast::Program>)> {
    let rec = &interp.modules.records[id];
    let RecordKind::SourceText {
        program, source, ..
    } = &rec.kind
    else {
        return None;
    };
    let env = rec.environment.clone();
    let ctx = ExecutionContext {
        function: None,
        lexical_environment: env.clone(),
        variable_environment: env,
        private_environment: None,
        this_binding: Value::Undefined,
        this_fixed: false,
        code: ContextCode::Module,
        strict: true,
        own_source: Some(source.clone()),
        position: 0,
        frame_name: None,
        is_construct: false,
    };
    Some((ctx, program.clone()))
}

/// ExecuteModule ( ) without a capability — ECMA-262 §16.2.1.6.5.
fn execute_module(interp: &mut Interp, id: ModuleId) -> JsResult<()> {
    let Some((ctx, program)) = module_context(interp, id) else {
        return Ok(());
    };
    let key = interp.modules.records[id].key.clone();
    trace::log(interp, || format!("evaluate start {key}"));
    interp.context_stack.push(ctx);
    let r = interp.eval_statements(&program.body);
    interp.context_stack.pop();
    trace::log(interp, || {
        format!(
            "evaluate end {key}{}",
            if r.is_err() { " (threw)" } else { "" }
        )
    });
    r.map(|_| ())
}

/// ExecuteAsyncModule ( module ) — ECMA-262 §16.2.1.5.3.4
fn execute_async_module(interp: &mut Interp, id: ModuleId) -> JsResult<()> {
    let Some((ctx, program)) = module_context(interp, id) else {
        return Ok(());
    };
    let key = interp.modules.records[id].key.clone();
    trace::log(interp, || format!("evaluate start {key} (async)"));
    let p = crate::generator::start_async_body(interp, ctx, program, false)?;
    let on_ok = create_native_closure(interp, async_fulfilled_fn, "", 1, vec![Value::from(id)]);
    let on_err = create_native_closure(interp, async_rejected_fn, "", 1, vec![Value::from(id)]);
    promise::perform_promise_then(
        interp,
        &p,
        Value::Object(on_ok),
        Value::Object(on_err),
        None,
    );
    Ok(())
}

fn closure_module(interp: &Interp) -> Option<ModuleId> {
    match native_slots(interp).first() {
        Some(Value::Number(n)) => Some(*n as usize),
        _ => None,
    }
}

fn async_fulfilled_fn(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    if let Some(id) = closure_module(interp) {
        async_module_execution_fulfilled(interp, id)?;
    }
    Ok(Value::Undefined)
}

fn async_rejected_fn(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    if let Some(id) = closure_module(interp) {
        let e = args.first().cloned().unwrap_or_default();
        async_module_execution_rejected(interp, id, e);
    }
    Ok(Value::Undefined)
}

/// GatherAvailableAncestors ( module, execList ) — ECMA-262 §16.2.1.5.3.5
fn gather_available_ancestors(interp: &mut Interp, id: ModuleId, exec_list: &mut Vec<ModuleId>) {
    let parents = interp.modules.records[id].async_parent_modules.clone();
    for m in parents {
        let root = interp.modules.records[m].cycle_root.unwrap_or(m);
        if exec_list.contains(&m) || interp.modules.records[root].evaluation_error.is_some() {
            continue;
        }
        let r = &mut interp.modules.records[m];
        r.pending_async_dependencies = r.pending_async_dependencies.saturating_sub(1);
        if r.pending_async_dependencies == 0 {
            exec_list.push(m);
            if !r.has_tla {
                gather_available_ancestors(interp, m, exec_list);
            }
        }
    }
}

/// AsyncModuleExecutionFulfilled ( module ) — ECMA-262 §16.2.1.5.3.6
fn async_module_execution_fulfilled(interp: &mut Interp, id: ModuleId) -> JsResult<()> {
    if interp.modules.records[id].status == ModuleStatus::Evaluated {
        return Ok(());
    }
    let key = interp.modules.records[id].key.clone();
    trace::log(interp, || format!("evaluate end {key} (async)"));
    finish_async(interp, id)?;
    let mut exec_list = Vec::new();
    gather_available_ancestors(interp, id, &mut exec_list);
    exec_list.sort_by_key(|m| interp.modules.records[*m].async_evaluation);
    for m in exec_list {
        if interp.modules.records[m].status == ModuleStatus::Evaluated {
            continue;
        }
        if interp.modules.records[m].has_tla {
            execute_async_module(interp, m)?;
        } else {
            match execute_module(interp, m) {
                Ok(()) => finish_async(interp, m)?,
                Err(JsError::Throw(e)) => async_module_execution_rejected(interp, m, e),
                Err(other) => return Err(other),
            }
        }
    }
    Ok(())
}

/// Steps 5-7 of AsyncModuleExecutionFulfilled: evaluated, capability
/// resolved.
fn finish_async(interp: &mut Interp, id: ModuleId) -> JsResult<()> {
    let r = &mut interp.modules.records[id];
    r.async_evaluation = None;
    r.status = ModuleStatus::Evaluated;
    if let Some(cap) = r.top_level_capability.clone() {
        promise::resolve_promise(interp, &cap, Value::Undefined)?;
    }
    Ok(())
}

/// AsyncModuleExecutionRejected ( module, error ) — ECMA-262 §16.2.1.5.3.7
fn async_module_execution_rejected(interp: &mut Interp, id: ModuleId, error: Value) {
    let r = &mut interp.modules.records[id];
    if r.status == ModuleStatus::Evaluated {
        return;
    }
    r.evaluation_error = Some(error.clone());
    r.status = ModuleStatus::Evaluated;
    r.async_evaluation = None;
    let parents = r.async_parent_modules.clone();
    // 9. The module's own capability is rejected before its parents'.
    if let Some(cap) = r.top_level_capability.clone() {
        promise::reject_promise(interp, &cap, error.clone());
    }
    for m in parents {
        async_module_execution_rejected(interp, m, error.clone());
    }
}

/// Whether the graph of `id` has a module with top-level await (what
/// `require(esm)` refuses).
pub fn graph_has_tla(interp: &Interp, id: ModuleId) -> bool {
    let mut todo = vec![id];
    let mut seen = std::collections::HashSet::new();
    while let Some(m) = todo.pop() {
        if !seen.insert(m) {
            continue;
        }
        let r = &interp.modules.records[m];
        if r.has_tla && r.status != ModuleStatus::Evaluated {
            return true;
        }
        todo.extend(r.loaded_modules.iter().copied());
    }
    false
}

/// The evaluation steps of a synthetic record: run the CommonJS module (or
/// load the built-in) and copy `module.exports` into the bindings.
fn evaluate_synthetic(interp: &mut Interp, id: ModuleId) -> JsResult<()> {
    let rec = &interp.modules.records[id];
    let RecordKind::Synthetic {
        export_names,
        origin,
    } = &rec.kind
    else {
        return Ok(());
    };
    let (names, origin, env) = (
        export_names.clone(),
        origin.clone(),
        rec.environment.clone(),
    );
    let exports = match origin {
        SyntheticOrigin::CommonJs(path) => commonjs::import_commonjs(interp, &path)?,
        SyntheticOrigin::Builtin(name) => builtin::load_builtin(interp, name)?,
        SyntheticOrigin::Json(path) => {
            let text = super::module_record::read_source(interp, std::path::Path::new(&path))?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            crate::builtins::json::json_parse(interp, &Value::Undefined, &[Value::from(text)])?
        }
    };
    for name in names {
        let value = if &*name == "default" {
            exports.clone()
        } else {
            match &exports {
                Value::Object(o) => o.get(interp, &PropertyKey::from(&*name), &exports)?,
                _ => Value::Undefined,
            }
        };
        let b = env.bindings();
        if let Some(slot) = b.find(&name) {
            b.set(slot, value);
            b.set_flags(slot, b.flags(slot) | BINDING_INITIALIZED);
        }
    }
    Ok(())
}

/// The entry module's evaluation result: a rejection now is the program's
/// uncaught exception; a later one stays unhandled, which the event loop
/// reports as uncaught; a promise still pending when the loop empties is
/// an unsettled top-level await (`unsettled_top_level_await`).
pub fn report_main_promise(interp: &mut Interp, p: &JsObject) -> JsResult<()> {
    interp.modules.main_promise = Some(p.clone());
    match promise::settled_result(&Value::Object(p.clone())) {
        Some(Err(e)) => {
            promise::mark_handled(interp, p);
            Err(decorate_esm_error(e))
        }
        _ => Ok(()),
    }
}

/// Node's hint for CommonJS names used in an ES module:
/// `require is not defined in ES module scope, you can use import instead`.
fn decorate_esm_error(e: JsError) -> JsError {
    let JsError::Throw(Value::Object(o)) = &e else {
        return e;
    };
    let Some(Value::String(msg)) = o.get_own_data(&PropertyKey::from("message")) else {
        return e;
    };
    let msg = msg.to_rust_string();
    let hint = match msg.as_str() {
        "require is not defined" | "module is not defined" | "exports is not defined" => {
            ", you can use import instead"
        }
        "__filename is not defined" | "__dirname is not defined" => "",
        _ => return e,
    };
    let name = msg.trim_end_matches(" is not defined");
    let new_msg = format!("{name} is not defined in ES module scope{hint}");
    o.define_value(
        "message",
        Value::from(new_msg.as_str()),
        crate::storage::Attributes::hidden(),
    );
    if let Some(Value::String(stack)) = o.get_own_data(&PropertyKey::from("stack")) {
        let stack = stack.to_rust_string().replacen(&msg, &new_msg, 1);
        o.define_value(
            "stack",
            Value::from(stack),
            crate::storage::Attributes::hidden(),
        );
    }
    e
}
