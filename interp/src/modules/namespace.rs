//! Module namespace exotic objects (ECMA-262 §10.4.6): `import * as ns`.
//! Each export is a data property that reads the exporting binding when
//! asked (live), writable and enumerable but not configurable; the object
//! has a null prototype, is not extensible, and carries
//! `[Symbol.toStringTag]: 'Module'`. The internal methods that differ from
//! ordinary ones are dispatched on `ObjectKind::ModuleNamespace` in
//! `object.rs` and use the accessors below.

use gc::{Finalize, GcCell, Trace};

use super::module_record::{
    get_exported_names, resolve_export, ModuleId, Resolution, ResolveResult,
};
use crate::environment::Env;
use crate::interp::Interp;
use crate::object::{JsObject, ObjectKind};
use crate::storage::{Attributes, BINDING_INITIALIZED};
use crate::string::JsString;
use crate::value::{PropertyKey, Value};
use crate::JsResult;

/// What an exported name reads.
#[derive(Trace, Finalize, Clone)]
pub enum NamespaceBinding {
    /// A binding of the exporting module's environment.
    Binding(Env, #[unsafe_ignore_trace] usize),
    /// A fixed value (another module's namespace, `__esModule`).
    Value(Value),
}

/// [[Module]] and [[Exports]] of a namespace object.
#[derive(Trace, Finalize)]
pub struct ModuleNamespace {
    #[unsafe_ignore_trace]
    pub module: ModuleId,
    /// [[Exports]], sorted by code units, with what each reads.
    pub exports: GcCell<Vec<(JsString, NamespaceBinding)>>,
}

impl ModuleNamespace {
    fn binding(&self, name: &JsString) -> Option<NamespaceBinding> {
        let exports = self.exports.borrow();
        let i = exports.binary_search_by(|(n, _)| n.cmp(name)).ok()?;
        Some(exports[i].1.clone())
    }

    /// The current value of an export (`None`: not an export). A binding
    /// still in its TDZ reads as `None` too, since [[GetOwnProperty]]
    /// cannot throw here.
    pub fn get(&self, name: &JsString) -> Option<Value> {
        match &self.binding(name)? {
            NamespaceBinding::Binding(env, slot) => {
                let b = env.bindings();
                (b.flags(*slot) & BINDING_INITIALIZED != 0).then(|| b.get(*slot))
            }
            NamespaceBinding::Value(v) => Some(v.clone()),
        }
    }

    /// Whether `name` is an export.
    pub fn has(&self, name: &JsString) -> bool {
        self.binding(name).is_some()
    }

    /// Whether the property key names an export.
    pub fn is_export(&self, key: &PropertyKey) -> bool {
        !key.is_symbol() && self.has(&export_name(key))
    }

    /// [[Get]] of an export (`None`: not an export): its value, or a
    /// ReferenceError while its binding is in its TDZ.
    pub fn get_export(&self, interp: &mut Interp, key: &PropertyKey) -> Option<JsResult<Value>> {
        if key.is_symbol() {
            return None;
        }
        let name = export_name(key);
        self.binding(&name)?;
        Some(match self.get(&name) {
            Some(v) => Ok(v),
            None => Err(interp.reference_error(format!(
                "Cannot access '{}' before initialization",
                name.to_rust_string()
            ))),
        })
    }

    /// The exported names, sorted.
    pub fn keys(&self) -> Vec<PropertyKey> {
        self.exports
            .borrow()
            .iter()
            .map(|(n, _)| PropertyKey::from(n.clone()))
            .collect()
    }

    /// The property descriptor attributes of every export.
    pub fn attributes() -> Attributes {
        Attributes::new(true, true, false)
    }
}

/// The export name a (non-symbol) property key denotes.
pub fn export_name(key: &PropertyKey) -> JsString {
    match key {
        PropertyKey::String(s) => s.as_js().clone(),
        other => JsString::from(other.to_display()),
    }
}

/// GetModuleNamespace ( module ) — ECMA-262 §16.2.1.10
pub fn get_module_namespace(interp: &mut Interp, id: ModuleId) -> JsObject {
    if let Some(ns) = &interp.modules.records[id].namespace {
        return ns.clone();
    }
    // ModuleNamespaceCreate: the object exists before its exports are
    // filled, so that `export * as self from './self.mjs'` terminates.
    let ns = interp.alloc_object(
        None,
        ObjectKind::ModuleNamespace(Box::new(ModuleNamespace {
            module: id,
            exports: GcCell::new(Vec::new()),
        })),
    );
    let tag = interp.realm.intrinsics.symbol_to_string_tag.clone();
    ns.define_value(
        PropertyKey::Symbol(tag),
        Value::from("Module"),
        Attributes::none(),
    );
    ns.prevent_extensions();
    interp.modules.records[id].namespace = Some(ns.clone());
    let names = get_exported_names(interp, id, &mut Vec::new());
    let mut entries = Vec::new();
    for name in names {
        let binding = match resolve_export(interp, id, &name, &mut Vec::new()) {
            ResolveResult::Found(Resolution::Binding(m, local)) => {
                let env = interp.modules.records[m].environment.clone();
                match env.bindings().find(&local) {
                    Some(slot) => NamespaceBinding::Binding(env, slot),
                    None => continue,
                }
            }
            ResolveResult::Found(Resolution::Namespace(m)) => {
                NamespaceBinding::Value(Value::Object(get_module_namespace(interp, m)))
            }
            _ => continue,
        };
        entries.push((JsString::from(&*name), binding));
    }
    set_exports(&ns, entries);
    ns
}

/// What `require(esm)` returns: the namespace, or for a module with a
/// default export a copy that also has `__esModule: true`, as Node does.
pub fn require_namespace(interp: &mut Interp, id: ModuleId) -> JsObject {
    let ns = get_module_namespace(interp, id);
    let ObjectKind::ModuleNamespace(n) = ns.kind() else {
        return ns;
    };
    let marker = JsString::from("__esModule");
    if !n.has(&JsString::from("default")) || n.has(&marker) {
        return ns;
    }
    let mut entries = n.exports.borrow().clone();
    entries.push((marker, NamespaceBinding::Value(Value::Bool(true))));
    let copy = interp.alloc_object(
        None,
        ObjectKind::ModuleNamespace(Box::new(ModuleNamespace {
            module: id,
            exports: GcCell::new(Vec::new()),
        })),
    );
    let tag = interp.realm.intrinsics.symbol_to_string_tag.clone();
    copy.define_value(
        PropertyKey::Symbol(tag),
        Value::from("Module"),
        Attributes::none(),
    );
    copy.prevent_extensions();
    set_exports(&copy, entries);
    copy
}

fn set_exports(ns: &JsObject, mut entries: Vec<(JsString, NamespaceBinding)>) {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    if let ObjectKind::ModuleNamespace(n) = ns.kind() {
        *n.exports.borrow_mut() = entries;
    }
}
