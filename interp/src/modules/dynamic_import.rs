//! `import()` (EvaluateImportCall — ECMA-262 §13.3.10.1, with
//! HostLoadImportedModule and FinishLoadingImportedModule) and
//! `import.meta` (HostGetImportMetaProperties: Node's `url`, `filename`,
//! `dirname`, `resolve`).
//!
//! A module that is already evaluated settles the promise from a
//! microtask; otherwise loading runs as an I/O completion in the event
//! loop's poll phase, as Node's file reads make it.

use std::path::{Path, PathBuf};

use super::module_record::{self, coded_error, ModuleId, ModuleStatus};
use super::resolve::{self, EsmResolution};
use super::{evaluate, link, namespace};
use crate::error::ErrorType;
use crate::function::{create_native_closure, native_slots};
use crate::interp::Interp;
use crate::job_queue::Job;
use crate::object::JsObject;
use crate::operations::to_string;
use crate::promise;
use crate::storage::Attributes;
use crate::value::Value;
use crate::{JsError, JsResult};

/// The file of the running script or module (`None` for `-e` code and
/// built-ins: resolution starts at the current directory).
fn referrer_path(interp: &Interp) -> Option<PathBuf> {
    let src = interp.running_context()?.source()?.clone();
    let name = &src.name;
    if let Some(rest) = name.strip_prefix("file://") {
        return Some(PathBuf::from(resolve::percent_decode(rest)));
    }
    name.starts_with('/').then(|| PathBuf::from(name))
}

/// The module whose code is running, if any.
fn running_module(interp: &Interp) -> Option<ModuleId> {
    let src = interp.running_context()?.source()?.clone();
    interp.modules.records.iter().position(|r| match &r.kind {
        module_record::RecordKind::SourceText { source, .. } => std::rc::Rc::ptr_eq(source, &src),
        module_record::RecordKind::Synthetic { .. } => false,
    })
}

/// EvaluateImportCall: a promise for the namespace of `specifier`.
pub fn import_call(interp: &mut Interp, specifier: Value) -> JsResult<Value> {
    let capability = promise::new_promise(interp);
    let spec = match to_string(interp, &specifier) {
        Ok(s) => s.to_rust_string(),
        Err(JsError::Throw(e)) => {
            promise::reject_promise(interp, &capability, e);
            return Ok(Value::Object(capability));
        }
        Err(e) => return Err(e),
    };
    let referrer = referrer_path(interp);
    let ready = match resolve::resolve_import(interp, &spec, referrer.as_deref()) {
        Ok(EsmResolution::File(p)) => interp
            .modules
            .module_map
            .get(&p.display().to_string())
            .is_some_and(|&id| interp.modules.records[id].status == ModuleStatus::Evaluated),
        Ok(EsmResolution::Builtin(_)) => true,
        Err(_) => false,
    };
    if ready {
        let slots = vec![
            Value::Object(capability.clone()),
            Value::from(spec),
            referrer
                .map(|p| Value::from(p.display().to_string()))
                .unwrap_or_default(),
        ];
        let task = create_native_closure(interp, finish_loading_fn, "", 0, slots);
        interp.job_queue.push(Job::Callback {
            callback: Value::Object(task),
            args: Vec::new(),
        });
    } else {
        let cap = capability.clone();
        crate::event_loop::queue_completion(
            interp,
            "import()",
            Box::new(move |interp| finish_loading(interp, &cap, &spec, referrer.as_deref())),
        );
    }
    Ok(Value::Object(capability))
}

/// The deferred part of `import()`: load, link, evaluate, then settle the
/// promise with the namespace (ContinueDynamicImport).
fn finish_loading_fn(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    let slots = native_slots(interp);
    let Some(Value::Object(capability)) = slots.first().cloned() else {
        return Ok(Value::Undefined);
    };
    let spec = match slots.get(1) {
        Some(Value::String(s)) => s.to_rust_string(),
        _ => String::new(),
    };
    let referrer = match slots.get(2) {
        Some(Value::String(s)) => Some(PathBuf::from(s.to_rust_string())),
        _ => None,
    };
    finish_loading(interp, &capability, &spec, referrer.as_deref())?;
    Ok(Value::Undefined)
}

/// ContinueDynamicImport: load, link and evaluate, then settle the promise
/// with the namespace or the error.
fn finish_loading(
    interp: &mut Interp,
    capability: &JsObject,
    spec: &str,
    referrer: Option<&Path>,
) -> JsResult<()> {
    match load_link_evaluate(interp, spec, referrer) {
        Ok((id, p)) => {
            let on_ok = create_native_closure(
                interp,
                resolve_namespace_fn,
                "",
                1,
                vec![Value::Object(capability.clone()), Value::from(id)],
            );
            let on_err = create_native_closure(
                interp,
                reject_fn,
                "",
                1,
                vec![Value::Object(capability.clone())],
            );
            promise::perform_promise_then(
                interp,
                &p,
                Value::Object(on_ok),
                Value::Object(on_err),
                None,
            );
        }
        Err(JsError::Throw(e)) => promise::reject_promise(interp, capability, e),
        Err(e) => return Err(e),
    }
    Ok(())
}

fn load_link_evaluate(
    interp: &mut Interp,
    spec: &str,
    referrer: Option<&Path>,
) -> JsResult<(ModuleId, JsObject)> {
    let id = module_record::host_load_imported_module(interp, referrer, spec, &[])?;
    module_record::load_requested_modules(interp, id)?;
    link::link(interp, id)?;
    let p = evaluate::evaluate(interp, id)?;
    Ok((id, p))
}

fn resolve_namespace_fn(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    let slots = native_slots(interp);
    if let (Some(Value::Object(cap)), Some(Value::Number(id))) = (slots.first(), slots.get(1)) {
        let ns = namespace::get_module_namespace(interp, *id as usize);
        promise::resolve_promise(interp, cap, Value::Object(ns))?;
    }
    Ok(Value::Undefined)
}

fn reject_fn(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    if let Some(Value::Object(cap)) = native_slots(interp).first() {
        promise::reject_promise(interp, cap, args.first().cloned().unwrap_or_default());
    }
    Ok(Value::Undefined)
}

/// `import.meta` of the running module (created once per module):
/// `{ dirname, filename, resolve, url }` with a null prototype.
pub fn import_meta(interp: &mut Interp) -> JsResult<Value> {
    let Some(id) = running_module(interp) else {
        return Err(interp.syntax_error("Cannot use 'import.meta' outside a module"));
    };
    if let Some(m) = &interp.modules.records[id].import_meta {
        return Ok(Value::Object(m.clone()));
    }
    let meta = crate::operations::new_object(interp);
    meta.set_prototype_of(None);
    let key = interp.modules.records[id].key.clone();
    let url = interp.modules.records[id].url.clone();
    let a = Attributes::all();
    if let Some(dir) = Path::new(&key).parent().filter(|_| key.starts_with('/')) {
        meta.define_value("dirname", Value::from(dir.display().to_string()), a);
        meta.define_value("filename", Value::from(key.as_str()), a);
    }
    let resolve = create_native_closure(
        interp,
        meta_resolve_fn,
        "resolve",
        1,
        vec![Value::from(key.as_str())],
    );
    meta.define_value("resolve", Value::Object(resolve), a);
    meta.define_value("url", Value::from(url), a);
    interp.modules.records[id].import_meta = Some(meta.clone());
    Ok(Value::Object(meta))
}

/// `import.meta.resolve(specifier)`: the URL an import would load.
fn meta_resolve_fn(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let key = match native_slots(interp).first() {
        Some(Value::String(s)) => s.to_rust_string(),
        _ => String::new(),
    };
    let spec = to_string(interp, &args.first().cloned().unwrap_or_default())?.to_rust_string();
    let referrer = key.starts_with('/').then(|| PathBuf::from(&key));
    match resolve::resolve_import(interp, &spec, referrer.as_deref()) {
        Ok(EsmResolution::Builtin(name)) => Ok(Value::from(format!("node:{name}"))),
        Ok(EsmResolution::File(p)) => Ok(Value::from(module_record::file_url(
            &p.display().to_string(),
        ))),
        Err(e) => Err(coded_error(interp, ErrorType::Error, e.code, &e.message)),
    }
}
