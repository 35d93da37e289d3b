//! Link ( ) and InitializeEnvironment ( ) of Cyclic Module Records —
//! ECMA-262 §16.2.1.5.1 and §16.2.1.6.4.

use std::rc::Rc;

use super::module_record::{
    resolve_export, ImportCell, ImportName, ModuleId, ModuleStatus, RecordKind, Resolution,
    ResolveResult, SyntheticOrigin,
};
use super::namespace::get_module_namespace;
use super::trace;
use crate::error::ErrorType;
use crate::execution_context::{ContextCode, ExecutionContext};
use crate::interp::Interp;
use crate::object::ObjectKind;
use crate::storage::{BINDING_INDIRECT, BINDING_INITIALIZED, BINDING_STRICT};
use crate::value::Value;
use crate::{JsError, JsResult};

/// Link ( ) — ECMA-262 §16.2.1.5.1
pub fn link(interp: &mut Interp, id: ModuleId) -> JsResult<()> {
    let mut stack = Vec::new();
    if let Err(e) = inner_module_linking(interp, id, &mut stack, 0) {
        for m in stack {
            interp.modules.records[m].status = ModuleStatus::Unlinked;
        }
        return Err(e);
    }
    Ok(())
}

/// InnerModuleLinking ( module, stack, index ) — ECMA-262 §16.2.1.5.1.1
fn inner_module_linking(
    interp: &mut Interp,
    id: ModuleId,
    stack: &mut Vec<ModuleId>,
    mut index: usize,
) -> JsResult<usize> {
    let rec = &mut interp.modules.records[id];
    // 1. A synthetic record links trivially.
    if !rec.is_cyclic() {
        if rec.status == ModuleStatus::Unlinked {
            rec.status = ModuleStatus::Linked;
        }
        return Ok(index);
    }
    // 2. Already linking or linked.
    if rec.status != ModuleStatus::Unlinked {
        return Ok(index);
    }
    // 4-8.
    rec.status = ModuleStatus::Linking;
    rec.dfs_index = index;
    rec.dfs_ancestor_index = index;
    index += 1;
    stack.push(id);
    // 9. Each requested module.
    let loaded = rec.loaded_modules.clone();
    for required in loaded {
        index = inner_module_linking(interp, required, stack, index)?;
        let req = &interp.modules.records[required];
        if req.is_cyclic() && req.status == ModuleStatus::Linking {
            let a = req.dfs_ancestor_index;
            let rec = &mut interp.modules.records[id];
            rec.dfs_ancestor_index = rec.dfs_ancestor_index.min(a);
        }
    }
    // 10. InitializeEnvironment.
    initialize_environment(interp, id)?;
    // 13. The root of a strongly connected component marks it linked.
    let rec = &interp.modules.records[id];
    if rec.dfs_ancestor_index == rec.dfs_index {
        while let Some(m) = stack.pop() {
            interp.modules.records[m].status = ModuleStatus::Linked;
            if m == id {
                break;
            }
        }
    }
    Ok(index)
}

/// `SyntaxError: The requested module './x.mjs' does not provide an export
/// named 'y'`, with the caret on the importing statement.
fn link_error(
    interp: &mut Interp,
    id: ModuleId,
    request: usize,
    name: &str,
    ambiguous: bool,
    position: u32,
) -> JsError {
    let rec = &interp.modules.records[id];
    let spec = rec
        .requested_modules
        .get(request)
        .map(|r| r.specifier.clone())
        .unwrap_or_default();
    let source = match &rec.kind {
        RecordKind::SourceText { source, .. } => Some(source.clone()),
        RecordKind::Synthetic { .. } => None,
    };
    let from_commonjs = rec.loaded_modules.get(request).is_some_and(|&m| {
        matches!(
            interp.modules.records[m].kind,
            RecordKind::Synthetic {
                origin: SyntheticOrigin::CommonJs(_),
                ..
            }
        )
    });
    let message = if ambiguous {
        format!("The requested module '{spec}' contains conflicting star exports for name '{name}'")
    } else if from_commonjs {
        // Node's hint, with the statement's named imports destructured.
        let named: Vec<String> = match &rec.kind {
            RecordKind::SourceText { import_entries, .. } => import_entries
                .iter()
                .filter(|ie| ie.position == position)
                .filter_map(|ie| match &ie.import_name {
                    ImportName::Name(n) if &**n == "default" => None,
                    ImportName::Name(n) if *n == ie.local_name => Some(n.to_string()),
                    ImportName::Name(n) => Some(format!("{n}: {}", ie.local_name)),
                    ImportName::Namespace => None,
                })
                .collect(),
            RecordKind::Synthetic { .. } => Vec::new(),
        };
        format!(
            "Named export '{name}' not found. The requested module '{spec}' is a CommonJS module, which may not support all module.exports as named exports.\nCommonJS modules can always be imported via the default export, for example using:\n\nimport pkg from '{spec}';\nconst {{ {} }} = pkg;\n",
            named.join(", ")
        )
    } else {
        format!("The requested module '{spec}' does not provide an export named '{name}'")
    };
    let err = interp.make_error(ErrorType::SyntaxError, message);
    if let Some(src) = source {
        interp.last_throw_position = Some((src, position));
    }
    err
}

/// InitializeEnvironment ( ) — ECMA-262 §16.2.1.6.4: checks indirect
/// exports, creates the import bindings, instantiates the functions.
fn initialize_environment(interp: &mut Interp, id: ModuleId) -> JsResult<()> {
    let rec = &interp.modules.records[id];
    let RecordKind::SourceText {
        program,
        source,
        indirect_exports,
        import_entries,
        ..
    } = &rec.kind
    else {
        return Ok(());
    };
    let (program, source) = (program.clone(), source.clone());
    let indirect_exports = indirect_exports.clone();
    let import_entries = import_entries.clone();
    let env = rec.environment.clone();
    let loaded = rec.loaded_modules.clone();
    trace::log(interp, || {
        format!("link {}", interp.modules.records[id].key)
    });
    // 1. Every indirect export resolves.
    for e in &indirect_exports {
        if let ResolveResult::NotFound | ResolveResult::Ambiguous =
            resolve_export(interp, id, &e.export_name, &mut Vec::new())
        {
            let name = e.import_name.clone().unwrap_or_else(|| Rc::from("*"));
            let ambiguous = matches!(
                resolve_export(interp, id, &e.export_name, &mut Vec::new()),
                ResolveResult::Ambiguous
            );
            return Err(link_error(
                interp, id, e.request, &name, ambiguous, e.position,
            ));
        }
    }
    // 7. Import bindings.
    for ie in &import_entries {
        let Some(&imported) = loaded.get(ie.request) else {
            continue;
        };
        let binding = match &ie.import_name {
            ImportName::Namespace => Value::Object(get_module_namespace(interp, imported)),
            ImportName::Name(name) => match resolve_export(interp, imported, name, &mut Vec::new())
            {
                ResolveResult::Found(Resolution::Namespace(m)) => {
                    Value::Object(get_module_namespace(interp, m))
                }
                ResolveResult::Found(Resolution::Binding(m, binding_name)) => {
                    // CreateImportBinding: an indirect binding to `m`'s slot.
                    let target = interp.modules.records[m].environment.clone();
                    let Some(slot) = target.bindings().find(&binding_name) else {
                        return Err(link_error(interp, id, ie.request, name, false, ie.position));
                    };
                    let cell = interp.alloc_object(
                        None,
                        ObjectKind::Host(Box::new(ImportCell { env: target, slot })),
                    );
                    set_binding(&env, &ie.local_name, Value::Object(cell), BINDING_INDIRECT);
                    continue;
                }
                r => {
                    let ambiguous = r == ResolveResult::Ambiguous;
                    return Err(link_error(
                        interp,
                        id,
                        ie.request,
                        name,
                        ambiguous,
                        ie.position,
                    ));
                }
            },
        };
        set_binding(&env, &ie.local_name, binding, 0);
    }
    // 24. Function declarations, with the module's context running.
    interp.context_stack.push(ExecutionContext {
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
    let r = crate::function::instantiate_hoisted_functions(
        interp,
        &program.scope.functions,
        &env,
        &env,
    );
    interp.context_stack.pop();
    r
}

/// An initialized immutable binding (`extra`: `BINDING_INDIRECT` for an
/// import cell).
fn set_binding(env: &crate::environment::Env, name: &parser::ast::Atom, value: Value, extra: u8) {
    let b = env.bindings();
    let flags = BINDING_INITIALIZED | BINDING_STRICT | extra;
    match b.find(name) {
        Some(slot) => {
            b.set(slot, value);
            b.set_flags(slot, flags);
        }
        None => {
            env.mark_dynamic();
            b.add(name.clone(), flags, value);
        }
    }
}
