//! Node's two module systems: CommonJS (`require`) and ECMAScript modules
//! (`import`/`export`), Node's resolution, the built-in modules, and the
//! `--trace-modules` log.
//!
//! Reading order: `resolve.rs` (Node's resolution algorithms and
//! `package.json`), `commonjs.rs` (Module objects, `require`, the function
//! wrapper), `builtin.rs` (`node:` built-ins, whose CommonJS sources the
//! host registers), `module_record.rs` (Cyclic Module Records: ParseModule,
//! GetExportedNames, ResolveExport), `link.rs` (Link, InitializeEnvironment),
//! `evaluate.rs` (Evaluate with top-level await), `namespace.rs` (module
//! namespace exotic objects), `cjs_exports.rs` (the named exports ESM sees
//! in a CommonJS module), `dynamic_import.rs` (`import()` and
//! `import.meta`), `trace.rs`.
//!
//! Departures from the spec, on purpose:
//! - Loading is synchronous: HostLoadImportedModule reads and parses a file
//!   at once, so LoadRequestedModules is a depth-first walk, not a promise
//!   chain; `import()` still settles its promise from a later task.
//! - An import binding (CreateImportBinding) is a slot of the importing
//!   module's environment flagged `BINDING_INDIRECT` whose value is an
//!   [`ImportCell`](module_record::ImportCell) naming the exporting
//!   environment and slot; reading it reads through (live bindings),
//!   assigning to it fails as for a constant.
//! - A module's own bindings are created when it is parsed (so that every
//!   import in a cycle can name its target slot); its functions are
//!   instantiated in InitializeEnvironment, as the spec says.
//! - CommonJS modules, JSON modules (`with { type: 'json' }`) and built-ins
//!   imported from ESM are synthetic module records whose evaluation runs
//!   the CommonJS loader (or parses the JSON) and copies the value into
//!   their bindings. `import()` takes no options argument yet.
//! - A namespace export whose binding is in its TDZ throws from [[Get]],
//!   but [[GetOwnProperty]] (which cannot throw in `object.rs`) reports it
//!   as absent.
//!
//! API for hosts: `run_main` (the entry file), `require_builtin` (a
//! built-in's exports), `ModuleLoader::register_builtin_source` /
//! `register_builtin_name` / `register_native_builtin` (the built-in
//! table), `commonjs::install_eval_globals` (`require` for `-e` code),
//! `check_main_promise` and `main_is_module` (after the event loop).

pub mod builtin;
pub mod cjs_exports;
pub mod commonjs;
pub mod dynamic_import;
pub mod evaluate;
pub mod link;
pub mod module_record;
pub mod namespace;
pub mod resolve;
pub mod trace;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::interp::Interp;
use crate::object::JsObject;
use crate::value::Value;
use crate::JsResult;

pub use builtin::NativeModuleInit;
pub use module_record::{ModuleId, ModuleRecord};
pub use resolve::ModuleFormat;

/// The module loader's state: the module map, the CommonJS cache, the
/// built-in registry.
#[derive(Default)]
pub struct ModuleLoader {
    /// `--trace-modules`: log resolution, loading, linking and evaluation.
    pub trace: bool,
    /// Every ES module record (and synthetic record) ever created.
    pub(crate) records: Vec<ModuleRecord>,
    /// The module map: resolved key (absolute path or `node:name`) → record.
    pub(crate) module_map: HashMap<String, ModuleId>,
    /// `require.cache` (created with the first CommonJS module).
    pub(crate) require_cache: Option<JsObject>,
    /// `require.extensions` (shared, informative only).
    pub(crate) require_extensions: Option<JsObject>,
    /// `require.main`: the entry module's `module` object.
    pub(crate) main_module: Option<JsObject>,
    /// Who first required each CommonJS module, for the require stack of
    /// `Cannot find module` errors.
    pub(crate) parents: HashMap<String, String>,
    /// Parsed `package.json` files by path (`None`: absent or unreadable).
    pub(crate) package_json: HashMap<PathBuf, Option<Rc<resolve::PackageJson>>>,
    /// Built-in module sources by file name (`events.js`), registered by
    /// the host.
    pub(crate) builtin_sources: HashMap<&'static str, &'static str>,
    /// Built-in module names (`events`, `fs/promises`) → what they load.
    pub(crate) builtin_names: HashMap<&'static str, builtin::BuiltinTarget>,
    /// Evaluated built-ins: file or native name → `module` object.
    pub(crate) builtin_modules: HashMap<&'static str, JsObject>,
    /// Sources of CommonJS files parsed for ESM's static analysis, kept so
    /// that the CommonJS loader does not parse them again.
    pub(crate) preparsed: HashMap<String, Rc<parser::ast::Program>>,
    /// The last [[AsyncEvaluation]] order handed out.
    pub(crate) async_order: u64,
    /// The entry module's evaluation promise (ESM entry only).
    pub(crate) main_promise: Option<JsObject>,
    /// The entry file is an ES module.
    pub(crate) main_is_module: bool,
}

impl ModuleLoader {
    /// Registers the source of a built-in module file (a CommonJS module
    /// that may `require('./other.js')` among the registered files).
    pub fn register_builtin_source(&mut self, file: &'static str, source: &'static str) {
        self.builtin_sources.insert(file, source);
    }

    /// Maps a built-in name (`events`; `node:events` is implied) to a
    /// registered source file. Names whose file is not registered are
    /// ignored, so a host can list every name it knows.
    pub fn register_builtin_name(&mut self, name: &'static str, file: &'static str) {
        if self.builtin_sources.contains_key(file) {
            self.builtin_names
                .insert(name, builtin::BuiltinTarget::Source(file));
        }
    }

    /// Maps a built-in name to a native module: `init` returns its
    /// `module.exports` (called once).
    pub fn register_native_builtin(&mut self, name: &'static str, init: NativeModuleInit) {
        self.builtin_names
            .insert(name, builtin::BuiltinTarget::Native(init));
    }

    /// Whether `name` (with or without `node:`) is a built-in module.
    pub fn is_builtin(&self, name: &str) -> bool {
        builtin::builtin_name(self, name).is_some()
    }

    /// The names of the built-in modules, sorted (for `builtinModules` and
    /// completion).
    pub fn builtin_module_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.builtin_names.keys().copied().collect();
        names.sort_unstable();
        names
    }
}

/// How the entry file is run.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EntryKind {
    /// By Node's rules: `.mjs` ESM, `.cjs` CommonJS, `.js` by the nearest
    /// `package.json` `"type"`.
    Auto,
    /// As an ES module whatever its name (`--module`).
    Module,
}

/// Runs the program's entry file (Node's `runMain`): as a CommonJS module
/// or an ES module, per `kind`. Jobs and timers are left to the caller's
/// event loop.
pub fn run_main(interp: &mut Interp, filename: &str, kind: EntryKind) -> JsResult<()> {
    // Module._resolveFilename for the entry: the file, `.js`/`.json`
    // added, or a directory's index; `Cannot find module` otherwise.
    let requested = resolve::absolute_path(filename).display().to_string();
    let path = match resolve::resolve_require(interp, &requested, Path::new("/")) {
        Ok(Some(p)) => p,
        _ => return Err(commonjs::module_not_found(interp, &requested, None)),
    };
    let path = std::fs::canonicalize(&path).unwrap_or(path);
    let key = path.display().to_string();
    let format = match kind {
        EntryKind::Module => ModuleFormat::Module,
        EntryKind::Auto => resolve::file_format(interp, &path),
    };
    trace::log(interp, || format!("main {key} ({})", format.name()));
    match format {
        ModuleFormat::Module => {
            interp.modules.main_is_module = true;
            let id = module_record::load_module_graph(interp, &key)?;
            link::link(interp, id)?;
            let promise = evaluate::evaluate(interp, id)?;
            evaluate::report_main_promise(interp, &promise)
        }
        _ => commonjs::run_main_commonjs(interp, &key).map(|_| ()),
    }
}

/// Whether the entry file ran as an ES module (its promise jobs run
/// before its nextTick callbacks, as in Node).
pub fn main_is_module(interp: &Interp) -> bool {
    interp.modules.main_is_module
}

/// After the event loop, for an ES module entry: its evaluation promise's
/// rejection as the program's uncaught exception, or `Some(url)` if it
/// never settled (an unsettled top-level await).
pub fn check_main_promise(interp: &mut Interp) -> JsResult<Option<String>> {
    let Some(p) = interp.modules.main_promise.clone() else {
        return Ok(None);
    };
    match crate::promise::settled_result(&Value::Object(p.clone())) {
        Some(Ok(_)) => Ok(None),
        Some(Err(e)) => {
            crate::promise::mark_handled(interp, &p);
            Err(e)
        }
        None => {
            let root = interp
                .modules
                .records
                .iter()
                .find(|r| r.top_level_capability.as_ref() == Some(&p));
            Ok(Some(root.map(|r| r.url.clone()).unwrap_or_default()))
        }
    }
}

/// `--trace-modules` and the other flags the binary forwards.
pub fn set_trace(interp: &mut Interp, on: bool) {
    interp.modules.trace = on;
}

/// The `module.exports` of a built-in, for hosts (`None` if unknown).
pub fn require_builtin(interp: &mut Interp, name: &str) -> JsResult<Option<Value>> {
    match builtin::builtin_name(&interp.modules, name) {
        Some(n) => builtin::load_builtin(interp, n).map(Some),
        None => Ok(None),
    }
}
