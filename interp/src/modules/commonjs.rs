//! CommonJS modules as Node runs them (`lib/internal/modules/cjs/loader`):
//! `Module` objects, `require` (Module._load), `require.resolve`,
//! `require.cache` keyed by resolved filename, the function wrapper
//! `(exports, require, module, __filename, __dirname)` with
//! `this === module.exports`, `.json` files, circular requires returning
//! the partial exports, and `require` of an ES module (Node 20.19+).

use std::path::{Path, PathBuf};
use std::rc::Rc;

use parser::ast;

use super::module_record::{self, coded_error, parse_failure, strip_hashbang, ModuleStatus};
use super::resolve::{self, ModuleFormat, PackageError};
use super::{builtin, evaluate, link, namespace, trace};
use crate::error::ErrorType;
use crate::execution_context::Source;
use crate::function::{create_native_closure, native_slots};
use crate::interp::Interp;
use crate::object::JsObject;
use crate::operations::{self, create_array_from_list, to_string};
use crate::storage::Attributes;
use crate::value::{PropertyKey, Value};
use crate::{JsError, JsResult};

/// Parses CommonJS source: a function body (top-level `return` and
/// `new.target` allowed), a leading `#!` line ignored.
pub fn parse_commonjs(text: &str) -> Result<ast::Program, parser::ParseError> {
    let text = strip_hashbang(text.to_string());
    parser::parse(
        &text,
        &parser::ParseOptions {
            function_body: true,
            allow_new_target: true,
            ..Default::default()
        },
    )
}

/// `require.cache`, created on first use.
pub fn require_cache(interp: &mut Interp) -> JsObject {
    if let Some(c) = &interp.modules.require_cache {
        return c.clone();
    }
    let cache = operations::new_object(interp);
    cache.set_prototype_of(None);
    interp.modules.require_cache = Some(cache.clone());
    cache
}

fn require_extensions(interp: &mut Interp) -> JsObject {
    if let Some(e) = &interp.modules.require_extensions {
        return e.clone();
    }
    let ext = operations::new_object(interp);
    ext.set_prototype_of(None);
    for name in [".js", ".json", ".node"] {
        let f = create_native_closure(interp, extension_handler, "", 2, Vec::new());
        ext.define_value(name, Value::Object(f), Attributes::all());
    }
    interp.modules.require_extensions = Some(ext.clone());
    ext
}

fn extension_handler(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("require.extensions handlers cannot be called in minijs"))
}

/// `new Module(id, parent)`: `{ id, path, exports, filename, loaded,
/// children, paths }` in Node's order.
pub fn new_module_object(interp: &mut Interp, id: &str, filename: &str, dir: &str) -> JsObject {
    let module = operations::new_object(interp);
    let exports = operations::new_object(interp);
    let a = Attributes::all();
    module.define_value("id", Value::from(id), a);
    module.define_value("path", Value::from(dir), a);
    module.define_value("exports", Value::Object(exports), a);
    module.define_value("filename", Value::from(filename), a);
    module.define_value("loaded", Value::Bool(false), a);
    let children = create_array_from_list(interp, Vec::new());
    module.define_value("children", Value::Object(children), a);
    let paths: Vec<Value> = if filename.starts_with("node:") {
        Vec::new()
    } else {
        resolve::node_modules_paths(Path::new(dir))
            .into_iter()
            .map(|p| Value::from(p.display().to_string()))
            .collect()
    };
    let paths = create_array_from_list(interp, paths);
    module.define_value("paths", Value::Object(paths), a);
    module
}

fn module_filename(interp: &mut Interp, module: &JsObject) -> JsResult<String> {
    let v = operations::get_str(interp, module, "filename")?;
    Ok(to_string(interp, &v)?.to_rust_string())
}

/// The `require` function of `module`, with `resolve`, `main`,
/// `extensions` and `cache`.
pub fn make_require(interp: &mut Interp, module: &JsObject) -> JsObject {
    let m = Value::Object(module.clone());
    let require = create_native_closure(interp, require_fn, "require", 1, vec![m.clone()]);
    let resolve = create_native_closure(interp, require_resolve_fn, "resolve", 2, vec![m.clone()]);
    let paths = create_native_closure(interp, require_resolve_paths_fn, "paths", 1, vec![m]);
    resolve.define_value("paths", Value::Object(paths), Attributes::hidden());
    let a = Attributes::all();
    require.define_value("resolve", Value::Object(resolve), a);
    let main = interp
        .modules
        .main_module
        .clone()
        .map(Value::Object)
        .unwrap_or_default();
    require.define_value("main", main, a);
    let ext = require_extensions(interp);
    require.define_value("extensions", Value::Object(ext), a);
    let cache = require_cache(interp);
    require.define_value("cache", Value::Object(cache), a);
    require
}

fn this_module(interp: &mut Interp) -> JsResult<JsObject> {
    match native_slots(interp).into_iter().next() {
        Some(Value::Object(m)) => Ok(m),
        _ => Err(interp.type_error("require called without its module")),
    }
}

fn request_arg(interp: &mut Interp, args: &[Value]) -> JsResult<String> {
    match args.first() {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.to_rust_string()),
        Some(Value::String(_)) => Err(coded_error(
            interp,
            ErrorType::TypeError,
            "ERR_INVALID_ARG_VALUE",
            "The argument 'id' must be a non-empty string. Received ''",
        )),
        other => {
            let shown = match other {
                Some(v) => crate::inspect::short_description(interp, v),
                None => "undefined".into(),
            };
            Err(coded_error(
                interp,
                ErrorType::TypeError,
                "ERR_INVALID_ARG_TYPE",
                &format!("The \"id\" argument must be of type string. Received {shown}"),
            ))
        }
    }
}

/// `require(id)`.
fn require_fn(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let module = this_module(interp)?;
    let request = request_arg(interp, args)?;
    require_from(interp, &module, &request)
}

/// `require.resolve(request)`.
fn require_resolve_fn(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let module = this_module(interp)?;
    let request = request_arg(interp, args)?;
    match resolve_filename(interp, &module, &request)? {
        Resolved::Builtin(_) => Ok(Value::from(request)),
        Resolved::BuiltinSource(file) => Ok(Value::from(builtin::builtin_filename(interp, file))),
        Resolved::File(p) => Ok(Value::from(p.display().to_string())),
    }
}

/// `require.resolve.paths(request)`: `null` for built-ins.
fn require_resolve_paths_fn(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let module = this_module(interp)?;
    let request = request_arg(interp, args)?;
    if interp.modules.is_builtin(&request) {
        return Ok(Value::Null);
    }
    let filename = module_filename(interp, &module)?;
    let dir = parent_dir(&filename);
    let paths: Vec<Value> = if resolve::is_path_specifier(&request) {
        vec![Value::from(dir.display().to_string())]
    } else {
        resolve::node_modules_paths(&dir)
            .into_iter()
            .map(|p| Value::from(p.display().to_string()))
            .collect()
    };
    Ok(Value::Object(create_array_from_list(interp, paths)))
}

fn parent_dir(filename: &str) -> PathBuf {
    if filename.starts_with('/') {
        Path::new(filename)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"))
    } else {
        std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))
    }
}

/// What a `require` request names.
enum Resolved {
    Builtin(&'static str),
    /// A helper file among the built-in sources (from inside a built-in).
    BuiltinSource(&'static str),
    File(PathBuf),
}

/// Module._resolveFilename: built-ins, then Node's file resolution; a
/// MODULE_NOT_FOUND error with the require stack otherwise.
fn resolve_filename(interp: &mut Interp, module: &JsObject, request: &str) -> JsResult<Resolved> {
    let filename = module_filename(interp, module)?;
    if filename.starts_with("node:") {
        if let Some(file) = builtin::builtin_relative(interp, request) {
            return Ok(Resolved::BuiltinSource(file));
        }
    }
    if let Some(name) = builtin::builtin_name(&interp.modules, request) {
        return Ok(Resolved::Builtin(name));
    }
    if request.starts_with("node:") {
        return Err(coded_error(
            interp,
            ErrorType::Error,
            "ERR_UNKNOWN_BUILTIN_MODULE",
            &format!("No such built-in module: {request}"),
        ));
    }
    let found = if filename.starts_with("node:") {
        Ok(None)
    } else {
        resolve::resolve_require(interp, request, &parent_dir(&filename))
    };
    match found {
        Ok(Some(p)) => {
            trace::log(interp, || {
                format!("resolve '{request}' from {filename} -> {}", p.display())
            });
            Ok(Resolved::File(p))
        }
        Ok(None) => Err(module_not_found(interp, request, Some(&filename))),
        Err(PackageError::NotExported(m)) => Err(coded_error(
            interp,
            ErrorType::Error,
            "ERR_PACKAGE_PATH_NOT_EXPORTED",
            &m,
        )),
        Err(PackageError::Invalid(m)) => Err(coded_error(
            interp,
            ErrorType::Error,
            "ERR_INVALID_PACKAGE_TARGET",
            &m,
        )),
        Err(PackageError::ImportNotDefined(m)) => Err(coded_error(
            interp,
            ErrorType::TypeError,
            "ERR_PACKAGE_IMPORT_NOT_DEFINED",
            &format!("{m} imported from {filename}"),
        )),
    }
}

/// `Error: Cannot find module 'x'\nRequire stack:\n- /abs/main.js` with
/// `code` and `requireStack`; for the entry file (`from` is `None`) the
/// stack is empty and not part of the message, as in Node.
pub(crate) fn module_not_found(interp: &mut Interp, request: &str, from: Option<&str>) -> JsError {
    let mut stack: Vec<String> = from.map(str::to_string).into_iter().collect();
    let mut cur = from.unwrap_or_default().to_string();
    while let Some(p) = interp.modules.parents.get(&cur) {
        if stack.contains(p) {
            break;
        }
        stack.push(p.clone());
        cur = p.clone();
    }
    let mut message = format!("Cannot find module '{request}'");
    if !stack.is_empty() {
        message.push_str("\nRequire stack:");
    }
    for s in &stack {
        message.push_str(&format!("\n- {s}"));
    }
    let err = crate::error::create_error(interp, ErrorType::Error, &message);
    let a = Attributes::all();
    err.define_value("code", Value::from("MODULE_NOT_FOUND"), a);
    let list: Vec<Value> = stack.into_iter().map(Value::from).collect();
    let list = create_array_from_list(interp, list);
    err.define_value("requireStack", Value::Object(list), a);
    JsError::Throw(Value::Object(err))
}

/// Module._load(request, parent): built-ins, the cache (partial exports of
/// a module still loading), else a new module loaded by its format.
pub fn require_from(interp: &mut Interp, parent: &JsObject, request: &str) -> JsResult<Value> {
    let filename = match resolve_filename(interp, parent, request)? {
        Resolved::Builtin(name) => return builtin::load_builtin(interp, name),
        Resolved::BuiltinSource(file) => return builtin::load_builtin_source(interp, file),
        Resolved::File(p) => p.display().to_string(),
    };
    load_by_filename(interp, &filename, Some(parent))
}

/// `import` of a CommonJS file: Module._load without a parent.
pub fn import_commonjs(interp: &mut Interp, filename: &str) -> JsResult<Value> {
    load_by_filename(interp, filename, None)
}

/// The cache lookup and loading steps of Module._load for a resolved file.
fn load_by_filename(
    interp: &mut Interp,
    filename: &str,
    parent: Option<&JsObject>,
) -> JsResult<Value> {
    let filename = filename.to_string();
    let cache = require_cache(interp);
    let key = PropertyKey::from(filename.as_str());
    if let Value::Object(cached) = cache.get(interp, &key, &Value::Object(cache.clone()))? {
        if let Some(parent) = parent {
            add_child(interp, parent, &cached)?;
        }
        let exports = operations::get_str(interp, &cached, "exports")?;
        if trace::enabled(interp)
            && !operations::to_boolean(&operations::get_str(interp, &cached, "loaded")?)
        {
            let shown = crate::inspect::format_log_args(interp, std::slice::from_ref(&exports))?;
            trace::log(interp, || {
                format!("circular require of {filename}: returning its partial exports {shown}")
            });
        }
        return Ok(exports);
    }
    if let Some(parent) = parent {
        let parent_name = module_filename(interp, parent)?;
        interp
            .modules
            .parents
            .entry(filename.clone())
            .or_insert(parent_name);
    }
    let dir = parent_dir(&filename).display().to_string();
    let module = new_module_object(interp, &filename, &filename, &dir);
    cache.define_value(
        key.clone(),
        Value::Object(module.clone()),
        Attributes::all(),
    );
    if let Some(parent) = parent {
        add_child(interp, parent, &module)?;
    }
    if let Err(e) = load_module(interp, &module, &filename) {
        cache.delete(&key);
        return Err(e);
    }
    operations::get_str(interp, &module, "exports")
}

fn add_child(interp: &mut Interp, parent: &JsObject, child: &JsObject) -> JsResult<()> {
    if let Value::Object(children) = operations::get_str(interp, parent, "children")? {
        let len = children.array_length();
        for i in 0..len {
            if let Some(Value::Object(c)) = children.get_own_data(&PropertyKey::Index(i)) {
                if &c == child {
                    return Ok(());
                }
            }
        }
        if children.is_array() {
            children.array_push(Value::Object(child.clone()));
        }
    }
    Ok(())
}

/// Module.prototype.load: by extension (`.json`, `.mjs`, `.cjs`, `.js`
/// by package type; anything else as CommonJS).
fn load_module(interp: &mut Interp, module: &JsObject, filename: &str) -> JsResult<()> {
    let path = Path::new(filename);
    let format = resolve::file_format(interp, path);
    match format {
        ModuleFormat::Json => {
            trace::log(interp, || format!("load {filename} (json)"));
            let text = module_record::read_source(interp, path)?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            let parsed =
                crate::builtins::json::json_parse(interp, &Value::Undefined, &[Value::from(text)]);
            let value = match parsed {
                Ok(v) => v,
                Err(JsError::Throw(Value::Object(e))) => {
                    let msg = operations::get_str(interp, &e, "message")?;
                    let msg = to_string(interp, &msg)?.to_rust_string();
                    let full = format!("{filename}: {msg}");
                    e.define_value("message", Value::from(full.as_str()), Attributes::hidden());
                    crate::error::install_stack(interp, &e, &format!("SyntaxError: {full}"));
                    return Err(JsError::Throw(Value::Object(e)));
                }
                Err(e) => return Err(e),
            };
            module.define_value("exports", value, Attributes::all());
        }
        ModuleFormat::Module => {
            let ns = require_esm(interp, filename)?;
            module.define_value("exports", Value::Object(ns), Attributes::all());
        }
        ModuleFormat::CommonJs | ModuleFormat::Detect => {
            let text = module_record::read_source(interp, path)?;
            let program = match interp.modules.preparsed.remove(filename) {
                Some(p) => Ok(p),
                None => parse_commonjs(&text).map(Rc::new),
            };
            match program {
                Ok(p) => {
                    trace::log(interp, || format!("load {filename} (commonjs)"));
                    run_wrapper(interp, module, filename, &p, strip_hashbang(text))?;
                }
                Err(e) => {
                    // Node's syntax detection: a `.js` file outside any
                    // `"type"` that only parses as a module is one.
                    if format == ModuleFormat::Detect && parser::parse_module(&text).is_ok() {
                        let ns = require_esm(interp, filename)?;
                        module.define_value("exports", Value::Object(ns), Attributes::all());
                    } else {
                        let source = Source::new(filename, strip_hashbang(text).as_str());
                        return Err(parse_failure(interp, &source, &e));
                    }
                }
            }
        }
    }
    module.define_value("loaded", Value::Bool(true), Attributes::all());
    Ok(())
}

/// Parses and runs CommonJS source text as `module` (used for built-ins).
pub(crate) fn compile_and_run(
    interp: &mut Interp,
    module: &JsObject,
    filename: &str,
    text: String,
) -> JsResult<()> {
    let text = strip_hashbang(text);
    let program = match parse_commonjs(&text) {
        Ok(p) => p,
        Err(e) => {
            let source = Source::new(filename, text.as_str());
            return Err(parse_failure(interp, &source, &e));
        }
    };
    run_wrapper(interp, module, filename, &program, text)
}

/// Module.prototype._compile: calls the wrapper `(exports, require,
/// module, __filename, __dirname)` with `this = module.exports`.
fn run_wrapper(
    interp: &mut Interp,
    module: &JsObject,
    filename: &str,
    program: &ast::Program,
    text: String,
) -> JsResult<()> {
    let source = Source::new(filename, text.as_str());
    let exports = operations::get_str(interp, module, "exports")?;
    let require = make_require(interp, module);
    let dirname = if filename.starts_with("node:") {
        "node:internal".to_string()
    } else {
        parent_dir(filename).display().to_string()
    };
    trace::log(interp, || format!("evaluate start {filename}"));
    let r = interp.run_commonjs(
        program,
        source,
        &[
            ("exports", exports.clone()),
            ("require", Value::Object(require)),
            ("module", Value::Object(module.clone())),
            ("__filename", Value::from(filename)),
            ("__dirname", Value::from(dirname.as_str())),
        ],
        exports,
    );
    trace::log(interp, || {
        format!(
            "evaluate end {filename}{}",
            if r.is_err() { " (threw)" } else { "" }
        )
    });
    r.map(|_| ())
}

/// Runs the entry file as CommonJS (`Module.runMain`): `module.id` is
/// `'.'`, `require.main === module`.
pub fn run_main_commonjs(interp: &mut Interp, filename: &str) -> JsResult<Value> {
    let dir = parent_dir(filename).display().to_string();
    let module = new_module_object(interp, ".", filename, &dir);
    interp.modules.main_module = Some(module.clone());
    let cache = require_cache(interp);
    cache.define_value(filename, Value::Object(module.clone()), Attributes::all());
    load_module(interp, &module, filename)?;
    operations::get_str(interp, &module, "exports")
}

/// `require`, `module`, `exports`, `__filename` and `__dirname` for code
/// that is not a file (`-e`, stdin, the REPL): globals resolving from the
/// current directory, as Node's `[eval]` / `[stdin]` (`name`).
pub fn install_eval_globals(interp: &mut Interp, name: &str) {
    let dir = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|_| "/".into());
    let module = new_module_object(interp, name, &format!("{dir}/{name}"), &dir);
    let require = make_require(interp, &module);
    let exports = operations::get_str(interp, &module, "exports").unwrap_or_default();
    for (name, v) in [
        ("require", Value::Object(require)),
        ("module", Value::Object(module)),
        ("exports", exports),
        ("__filename", Value::from(name)),
        ("__dirname", Value::from(".")),
    ] {
        crate::realm::define_global(interp, name, v);
    }
}

/// `require()` of an ES module (Node 20.19+): links and evaluates it now
/// and returns its namespace; a graph with top-level await is refused.
fn require_esm(interp: &mut Interp, filename: &str) -> JsResult<JsObject> {
    let id = match interp.modules.module_map.get(filename) {
        Some(&id) => id,
        None => module_record::load_file_record(interp, Path::new(filename), filename)?,
    };
    module_record::load_requested_modules(interp, id)?;
    link::link(interp, id)?;
    if evaluate::graph_has_tla(interp, id) {
        let parent = interp
            .modules
            .parents
            .get(filename)
            .cloned()
            .unwrap_or_default();
        return Err(coded_error(
            interp,
            ErrorType::Error,
            "ERR_REQUIRE_ASYNC_MODULE",
            &format!(
                "require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.\n  From {parent} \n  Requiring {filename} "
            ),
        ));
    }
    let promise = evaluate::evaluate(interp, id)?;
    if let Some(Err(e)) = crate::promise::settled_result(&Value::Object(promise.clone())) {
        crate::promise::mark_handled(interp, &promise);
        return Err(e);
    }
    let rec = &interp.modules.records[id];
    debug_assert!(rec.status == ModuleStatus::Evaluated || !rec.is_cyclic());
    Ok(namespace::require_namespace(interp, id))
}

/// `require('module')`: `createRequire`, `builtinModules`, `isBuiltin`.
pub fn module_builtin(interp: &mut Interp) -> JsResult<Value> {
    let m = operations::new_object(interp);
    let a = Attributes::all();
    let create = create_native_closure(interp, create_require_fn, "createRequire", 1, Vec::new());
    m.define_value("createRequire", Value::Object(create), a);
    let is_builtin = create_native_closure(interp, is_builtin_fn, "isBuiltin", 1, Vec::new());
    m.define_value("isBuiltin", Value::Object(is_builtin), a);
    let names = interp.modules.builtin_module_names();
    let names: Vec<Value> = names.into_iter().map(Value::from).collect();
    let list = create_array_from_list(interp, names);
    m.define_value("builtinModules", Value::Object(list), a);
    Ok(Value::Object(m))
}

/// `module.createRequire(filename)`: a `require` resolving from
/// `filename` (a path or a `file:` URL).
fn create_require_fn(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let arg = args.first().cloned().unwrap_or_default();
    let s = to_string(interp, &arg)?.to_rust_string();
    let path = match s.strip_prefix("file://") {
        Some(rest) => resolve::percent_decode(rest),
        None => s.clone(),
    };
    if !path.starts_with('/') {
        return Err(coded_error(
            interp,
            ErrorType::TypeError,
            "ERR_INVALID_ARG_VALUE",
            &format!("The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received '{s}'"),
        ));
    }
    let dir = if path.ends_with('/') {
        path.trim_end_matches('/').to_string()
    } else {
        parent_dir(&path).display().to_string()
    };
    let module = new_module_object(interp, &path, &path, &dir);
    Ok(Value::Object(make_require(interp, &module)))
}

/// `module.isBuiltin(name)`.
fn is_builtin_fn(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let arg = args.first().cloned().unwrap_or_default();
    let s = to_string(interp, &arg)?.to_rust_string();
    Ok(Value::Bool(interp.modules.is_builtin(&s)))
}
