//! Node's built-in modules (`require('events')`, `import fs from
//! 'node:fs'`). The host registers them: CommonJS sources (the files of
//! `stdlib/js/`, which require each other with relative paths resolved
//! inside the registered set) and native modules (a function returning the
//! exports). Each built-in is evaluated once per process; built-ins are not
//! in `require.cache`.

use std::rc::Rc;

use parser::ast::Atom;

use super::commonjs;
use super::trace;
use crate::interp::Interp;
use crate::object::JsObject;
use crate::storage::Attributes;
use crate::value::{PropertyKey, Value};
use crate::JsResult;

/// Creates a native built-in's `module.exports`.
pub type NativeModuleInit = fn(&mut Interp) -> JsResult<Value>;

/// What a built-in name loads.
#[derive(Clone, Copy)]
pub enum BuiltinTarget {
    /// A registered CommonJS source file.
    Source(&'static str),
    Native(NativeModuleInit),
}

/// The registered name for `spec` (`fs`, `node:fs`), if it is a built-in.
pub fn builtin_name(loader: &super::ModuleLoader, spec: &str) -> Option<&'static str> {
    let bare = spec.strip_prefix("node:").unwrap_or(spec);
    loader.builtin_names.get_key_value(bare).map(|(k, _)| *k)
}

/// The file name a built-in source is known by in stack traces and
/// `__filename`: `node:events` for a public module, `node:internal/errors`
/// for a helper file.
pub fn builtin_filename(interp: &Interp, file: &str) -> String {
    let stem = file.strip_suffix(".js").unwrap_or(file);
    if interp.modules.builtin_names.contains_key(stem) {
        format!("node:{stem}")
    } else {
        format!("node:internal/{stem}")
    }
}

/// `module.exports` of the built-in `name` (a registered name), evaluating
/// it the first time.
pub fn load_builtin(interp: &mut Interp, name: &'static str) -> JsResult<Value> {
    let target = interp.modules.builtin_names.get(name).copied();
    match target {
        Some(BuiltinTarget::Source(file)) => load_builtin_source(interp, file),
        Some(BuiltinTarget::Native(init)) => {
            if let Some(m) = interp.modules.builtin_modules.get(name).cloned() {
                return crate::operations::get_str(interp, &m, "exports");
            }
            trace::log(interp, || format!("load node:{name} (builtin, native)"));
            let exports = init(interp)?;
            let module = crate::operations::new_object(interp);
            module.define_value("exports", exports.clone(), Attributes::all());
            interp.modules.builtin_modules.insert(name, module);
            Ok(exports)
        }
        None => Ok(Value::Undefined),
    }
}

/// Evaluates (once) a registered built-in source file and returns its
/// `module.exports` (the partial exports while it is still loading).
pub fn load_builtin_source(interp: &mut Interp, file: &'static str) -> JsResult<Value> {
    if let Some(m) = interp.modules.builtin_modules.get(file).cloned() {
        return crate::operations::get_str(interp, &m, "exports");
    }
    let Some(text) = interp.modules.builtin_sources.get(file).copied() else {
        return Ok(Value::Undefined);
    };
    let filename = builtin_filename(interp, file);
    trace::log(interp, || format!("load {filename} (builtin)"));
    let module = commonjs::new_module_object(interp, &filename, &filename, "node:internal");
    interp.modules.builtin_modules.insert(file, module.clone());
    if let Err(e) = commonjs::compile_and_run(interp, &module, &filename, text.to_string()) {
        interp.modules.builtin_modules.remove(file);
        return Err(e);
    }
    module.define_value("loaded", Value::Bool(true), Attributes::all());
    crate::operations::get_str(interp, &module, "exports")
}

/// The registered source file a `require` inside a built-in names
/// (`./events.js`, `./events`).
pub fn builtin_relative(interp: &Interp, request: &str) -> Option<&'static str> {
    let name = request.strip_prefix("./")?;
    let sources = &interp.modules.builtin_sources;
    if let Some((k, _)) = sources.get_key_value(name) {
        return Some(k);
    }
    sources
        .get_key_value(format!("{name}.js").as_str())
        .map(|(k, _)| *k)
}

/// The names ESM sees in a built-in: its own enumerable string keys.
pub fn export_names(exports: &Value) -> Vec<Atom> {
    let Value::Object(o) = exports else {
        return Vec::new();
    };
    own_enumerable_names(o)
}

pub(crate) fn own_enumerable_names(o: &JsObject) -> Vec<Atom> {
    o.own_property_keys()
        .into_iter()
        .filter(|k| !matches!(k, PropertyKey::Symbol(_)))
        .filter(|k| {
            o.get_own_property(k)
                .is_some_and(|d| d.enumerable_or_false())
        })
        .map(|k| Rc::from(k.to_display().as_str()))
        .collect()
}
