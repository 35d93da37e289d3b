//! Module Records (ECMA-262 §16.2.1.4-6): Cyclic Module Records for source
//! text, synthetic records for CommonJS, JSON and built-ins; ParseModule,
//! loading a module graph (HostLoadImportedModule), GetExportedNames,
//! ResolveExport, and the import cells behind live import bindings.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use gc::{Finalize, Trace};
use parser::ast::{self, Atom, ExportDecl, StmtKind};

use super::resolve::{self, EsmResolution, ModuleFormat};
use super::{builtin, cjs_exports, commonjs, trace};
use crate::environment::{Env, EnvironmentKind};
use crate::error::ErrorType;
use crate::execution_context::Source;
use crate::interp::Interp;
use crate::object::{HostObject, JsObject};
use crate::storage::{BINDING_INITIALIZED, BINDING_MUTABLE};
use crate::value::Value;
use crate::{JsError, JsResult};

/// An index into the loader's records.
pub type ModuleId = usize;

/// [[Status]] of a Cyclic Module Record.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ModuleStatus {
    New,
    Unlinked,
    Linking,
    Linked,
    Evaluating,
    EvaluatingAsync,
    Evaluated,
}

/// [[ImportName]] of an ImportEntry.
#[derive(Clone, Debug)]
pub enum ImportName {
    Name(Atom),
    /// `import * as ns` (namespace-object).
    Namespace,
}

/// ImportEntry Record (Table 55).
#[derive(Clone, Debug)]
pub struct ImportEntry {
    /// Index into `requested_modules`.
    pub request: usize,
    pub import_name: ImportName,
    pub local_name: Atom,
    /// Where the `import` statement starts (for link errors).
    pub position: u32,
}

/// An ExportEntry with a [[ModuleRequest]] and an [[ImportName]] (or `all`
/// for `export * as ns from`).
#[derive(Clone, Debug)]
pub struct IndirectExport {
    pub export_name: Atom,
    pub request: usize,
    /// `None` is `all` (`export * as ns from`).
    pub import_name: Option<Atom>,
    pub position: u32,
}

/// Where a synthetic record's values come from.
#[derive(Clone, Debug)]
pub enum SyntheticOrigin {
    /// A CommonJS file: `default` is `module.exports`, the other names are
    /// its properties found by `cjs_exports`.
    CommonJs(String),
    /// A built-in: `default` is its exports object, the names its keys.
    Builtin(&'static str),
    /// A JSON file imported `with { type: 'json' }`: `default` is its value.
    Json(String),
}

/// A ModuleRequest Record: a specifier and its import attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleRequest {
    pub specifier: String,
    pub attributes: Vec<(String, String)>,
}

pub enum RecordKind {
    /// Source Text Module Record.
    SourceText {
        program: Rc<ast::Program>,
        source: Rc<Source>,
        local_exports: Vec<(Atom, Atom)>,
        indirect_exports: Vec<IndirectExport>,
        star_exports: Vec<(usize, u32)>,
        import_entries: Vec<ImportEntry>,
    },
    /// A module whose bindings are filled by the host on evaluation.
    Synthetic {
        export_names: Vec<Atom>,
        origin: SyntheticOrigin,
    },
}

/// A module record, cyclic fields included.
pub struct ModuleRecord {
    /// The module map key: an absolute path, or `node:name`.
    pub key: String,
    /// `import.meta.url`: `file:///...` (or `node:name`).
    pub url: String,
    pub kind: RecordKind,
    /// [[Environment]] (created with the record; see the module doc).
    pub environment: Env,
    /// [[Namespace]]
    pub namespace: Option<JsObject>,
    pub status: ModuleStatus,
    /// [[EvaluationError]]
    pub evaluation_error: Option<Value>,
    pub dfs_index: usize,
    pub dfs_ancestor_index: usize,
    /// [[RequestedModules]]: in source order, without repeats.
    pub requested_modules: Vec<ModuleRequest>,
    /// [[LoadedModules]], parallel to `requested_modules`.
    pub loaded_modules: Vec<ModuleId>,
    /// [[HasTLA]]
    pub has_tla: bool,
    /// [[CycleRoot]]
    pub cycle_root: Option<ModuleId>,
    /// [[AsyncEvaluation]]: the order in which it became async, if it did.
    pub async_evaluation: Option<u64>,
    /// [[TopLevelCapability]]: the promise of Evaluate() on a cycle root.
    pub top_level_capability: Option<JsObject>,
    /// [[AsyncParentModules]]
    pub async_parent_modules: Vec<ModuleId>,
    /// [[PendingAsyncDependencies]]
    pub pending_async_dependencies: usize,
    /// `import.meta`, created on first use.
    pub import_meta: Option<JsObject>,
}

impl ModuleRecord {
    pub fn is_cyclic(&self) -> bool {
        matches!(self.kind, RecordKind::SourceText { .. })
    }

    /// The file behind the record, if any.
    pub fn path(&self) -> Option<&Path> {
        (!self.key.starts_with("node:")).then(|| Path::new(&self.key))
    }
}

/// The cell behind an import binding: the exporting module's environment
/// and the slot of the binding there (see the module doc).
#[derive(Trace, Finalize)]
pub struct ImportCell {
    pub env: Env,
    #[unsafe_ignore_trace]
    pub slot: usize,
}

impl HostObject for ImportCell {
    fn class_name(&self) -> &str {
        "ImportBinding"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// GetBindingValue on an import binding: the value of the binding it
/// forwards to (a ReferenceError while that one is in its TDZ).
pub(crate) fn read_import_binding(
    interp: &mut Interp,
    cell: &Value,
    name: &str,
) -> JsResult<Value> {
    let Value::Object(o) = cell else {
        return Ok(cell.clone());
    };
    let Some(c) = o.host::<ImportCell>() else {
        return Ok(cell.clone());
    };
    let b = c.env.bindings();
    if b.flags(c.slot) & BINDING_INITIALIZED == 0 {
        return Err(interp.reference_error(format!("Cannot access '{name}' before initialization")));
    }
    Ok(b.get(c.slot))
}

pub(crate) fn file_url(path: &str) -> String {
    if path.starts_with("node:") {
        return path.to_string();
    }
    let mut out = String::from("file://");
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Throws an `Error` with a Node error code (`Error [CODE]: message` in
/// its stack, an enumerable `code`).
pub(crate) fn coded_error(
    interp: &mut Interp,
    ty: ErrorType,
    code: &str,
    message: &str,
) -> JsError {
    let err = crate::error::create_error(interp, ty, message);
    crate::error::install_stack(interp, &err, &format!("{} [{code}]: {message}", ty.name()));
    err.define_value("code", Value::from(code), crate::storage::Attributes::all());
    JsError::Throw(Value::Object(err))
}

/// A SyntaxError for a file that does not parse, with the uncaught-error
/// caret pointing into it.
pub(crate) fn parse_failure(
    interp: &mut Interp,
    source: &Rc<Source>,
    e: &parser::ParseError,
) -> JsError {
    let err = interp.parse_error(e);
    interp.last_throw_position = Some((source.clone(), e.span.start));
    err
}

/// Replaces a leading `#!` line with spaces (offsets stay the same). The
/// line ends at any line terminator: LF, CR, U+2028 or U+2029.
pub fn strip_hashbang(text: String) -> String {
    if text.starts_with("#!") {
        let end = text
            .find(['\n', '\r', '\u{2028}', '\u{2029}'])
            .unwrap_or(text.len());
        format!("{}{}", " ".repeat(end), &text[end..])
    } else {
        text
    }
}

fn new_module_env(interp: &mut Interp) -> Env {
    let global = interp.realm.global_env.clone();
    interp.alloc_env(Some(global), EnvironmentKind::Module, "module", 8)
}

fn add_record(interp: &mut Interp, key: String, kind: RecordKind, env: Env) -> ModuleId {
    let requested = match &kind {
        RecordKind::SourceText { program, .. } => module_requests(program),
        RecordKind::Synthetic { .. } => Vec::new(),
    };
    let has_tla = match &kind {
        RecordKind::SourceText { program, .. } => program.has_top_level_await,
        RecordKind::Synthetic { .. } => false,
    };
    let id = interp.modules.records.len();
    interp.modules.records.push(ModuleRecord {
        url: file_url(&key),
        key: key.clone(),
        kind,
        environment: env,
        namespace: None,
        status: ModuleStatus::Unlinked,
        evaluation_error: None,
        dfs_index: 0,
        dfs_ancestor_index: 0,
        requested_modules: requested,
        loaded_modules: Vec::new(),
        has_tla,
        cycle_root: None,
        async_evaluation: None,
        top_level_capability: None,
        async_parent_modules: Vec::new(),
        pending_async_dependencies: 0,
        import_meta: None,
    });
    interp.modules.module_map.insert(key, id);
    id
}

/// The ModuleRequest of an `import` or `export ... from` statement.
fn statement_request(s: &ast::Stmt) -> Option<ModuleRequest> {
    let (spec, attributes) = match &s.kind {
        StmtKind::Import(i) => (&i.specifier, &i.attributes[..]),
        StmtKind::Export(e) => match &**e {
            ExportDecl::Named { from: Some(f), .. } => (f, &[][..]),
            ExportDecl::All { from, .. } => (from, &[][..]),
            _ => return None,
        },
        _ => return None,
    };
    Some(ModuleRequest {
        specifier: String::from_utf16_lossy(spec),
        attributes: attributes
            .iter()
            .map(|(k, v)| (k.to_string(), String::from_utf16_lossy(v)))
            .collect(),
    })
}

/// ModuleRequests: the requests of `import` and `export ... from`, in
/// order, without repeats.
fn module_requests(program: &ast::Program) -> Vec<ModuleRequest> {
    let mut out: Vec<ModuleRequest> = Vec::new();
    for r in program.body.iter().filter_map(statement_request) {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// ParseModule ( sourceText, realm, hostDefined ) — ECMA-262 §16.2.1.6.1,
/// plus the creation of the module's own bindings.
pub fn parse_module(interp: &mut Interp, key: &str, text: String) -> JsResult<ModuleId> {
    let text = strip_hashbang(text);
    let source = Source::new(file_url(key), text.as_str());
    let program = match parser::parse_module(&text) {
        Ok(p) => Rc::new(p),
        Err(e) => return Err(parse_failure(interp, &source, &e)),
    };
    Ok(source_text_record(interp, key, program, source))
}

fn source_text_record(
    interp: &mut Interp,
    key: &str,
    program: Rc<ast::Program>,
    source: Rc<Source>,
) -> ModuleId {
    let requests = module_requests(&program);
    let request_index = |s: &ast::Stmt| {
        statement_request(s)
            .and_then(|r| requests.iter().position(|q| *q == r))
            .unwrap_or(0)
    };
    let mut import_entries = Vec::new();
    for s in &program.body {
        if let StmtKind::Import(i) = &s.kind {
            let request = request_index(s);
            let position = s.span.start;
            if let Some(d) = &i.default {
                import_entries.push(ImportEntry {
                    request,
                    import_name: ImportName::Name(Rc::from("default")),
                    local_name: d.clone(),
                    position,
                });
            }
            if let Some(n) = &i.namespace {
                import_entries.push(ImportEntry {
                    request,
                    import_name: ImportName::Namespace,
                    local_name: n.clone(),
                    position,
                });
            }
            for (imported, local) in &i.named {
                import_entries.push(ImportEntry {
                    request,
                    import_name: ImportName::Name(imported.clone()),
                    local_name: local.clone(),
                    position,
                });
            }
        }
    }
    let mut local_exports: Vec<(Atom, Atom)> = Vec::new();
    let mut indirect_exports = Vec::new();
    let mut star_exports = Vec::new();
    for s in &program.body {
        let StmtKind::Export(e) = &s.kind else {
            continue;
        };
        let position = s.span.start;
        match &**e {
            ExportDecl::Decl(d) => {
                for n in declared_names(d) {
                    local_exports.push((n.clone(), n));
                }
            }
            ExportDecl::DefaultDecl(d) => {
                let local = match &d.kind {
                    StmtKind::Function(f) => f.name.clone(),
                    StmtKind::Class(c) => c.name.clone(),
                    _ => None,
                };
                local_exports.push((
                    Rc::from("default"),
                    local.unwrap_or_else(|| Rc::from("*default*")),
                ));
            }
            ExportDecl::DefaultExpr(_) => {
                local_exports.push((Rc::from("default"), Rc::from("*default*")));
            }
            ExportDecl::Named {
                specifiers,
                from: None,
            } => {
                for (local, exported) in specifiers {
                    // A re-export of an imported binding is an indirect
                    // export; of an imported namespace, an `all` one
                    // (ParseModule step 10.a.ii).
                    match import_entries.iter().find(|ie| ie.local_name == *local) {
                        Some(ie) => indirect_exports.push(IndirectExport {
                            export_name: exported.clone(),
                            request: ie.request,
                            import_name: match &ie.import_name {
                                ImportName::Name(n) => Some(n.clone()),
                                ImportName::Namespace => None,
                            },
                            position,
                        }),
                        None => local_exports.push((exported.clone(), local.clone())),
                    }
                }
            }
            ExportDecl::Named {
                specifiers,
                from: Some(_),
            } => {
                let request = request_index(s);
                for (imported, exported) in specifiers {
                    indirect_exports.push(IndirectExport {
                        export_name: exported.clone(),
                        request,
                        import_name: Some(imported.clone()),
                        position,
                    });
                }
            }
            ExportDecl::All { alias: Some(a), .. } => indirect_exports.push(IndirectExport {
                export_name: a.clone(),
                request: request_index(s),
                import_name: None,
                position,
            }),
            ExportDecl::All { alias: None, .. } => star_exports.push((request_index(s), position)),
        }
    }
    // The module's own bindings: vars, lexical declarations (imports start
    // as constants in their TDZ until linked), and `*default*`.
    let env = new_module_env(interp);
    for name in &program.scope.var_names {
        if env.bindings().find(name).is_none() {
            env.bindings().add(
                name.clone(),
                BINDING_INITIALIZED | BINDING_MUTABLE,
                Value::Undefined,
            );
        }
    }
    crate::function::instantiate_lexical_names(&env, &program.scope.lexical);
    // Functions are initialized by InitializeEnvironment; `*default*` by
    // `export default expr`.
    let functions = program
        .scope
        .functions
        .iter()
        .filter_map(|f| f.name.clone());
    let locals = local_exports.iter().map(|(_, l)| l.clone());
    for name in functions.chain(locals) {
        if env.bindings().find(&name).is_none() {
            env.bindings().add(name, BINDING_MUTABLE, Value::Undefined);
        }
    }
    add_record(
        interp,
        key.to_string(),
        RecordKind::SourceText {
            program,
            source,
            local_exports,
            indirect_exports,
            star_exports,
            import_entries,
        },
        env,
    )
}

/// BoundNames of an exported declaration.
fn declared_names(s: &ast::Stmt) -> Vec<Atom> {
    match &s.kind {
        StmtKind::Var(d) => {
            let mut out = Vec::new();
            for decl in &d.decls {
                parser::semantics::bound_names(&decl.target, &mut out);
            }
            out
        }
        StmtKind::Function(f) => f.name.iter().cloned().collect(),
        StmtKind::Class(c) => c.name.iter().cloned().collect(),
        _ => Vec::new(),
    }
}

/// A synthetic record with `names` (plus `default`) as its bindings, all in
/// their TDZ until evaluation fills them.
pub fn synthetic_record(
    interp: &mut Interp,
    key: &str,
    mut names: Vec<Atom>,
    origin: SyntheticOrigin,
) -> ModuleId {
    if !names.iter().any(|n| &**n == "default") {
        names.push(Rc::from("default"));
    }
    let env = new_module_env(interp);
    for n in &names {
        env.bindings()
            .add(n.clone(), BINDING_MUTABLE, Value::Undefined);
    }
    add_record(
        interp,
        key.to_string(),
        RecordKind::Synthetic {
            export_names: names,
            origin,
        },
        env,
    )
}

// ---------------------------------------------------------------------------
// Loading

/// HostLoadImportedModule for one request: resolves `specifier` from
/// `referrer` (a module, or the current directory) and returns the record,
/// creating it from the file if it is not in the module map.
pub fn host_load_imported_module(
    interp: &mut Interp,
    referrer: Option<&Path>,
    specifier: &str,
    attributes: &[(String, String)],
) -> JsResult<ModuleId> {
    let id = load_imported_module(interp, referrer, specifier)?;
    check_import_attributes(interp, id, attributes)?;
    Ok(id)
}

/// Node's checks of import attributes: only `type: 'json'` is known, and a
/// JSON module must be imported with it, any other module without it.
fn check_import_attributes(
    interp: &mut Interp,
    id: ModuleId,
    attributes: &[(String, String)],
) -> JsResult<()> {
    let mut json = false;
    for (k, v) in attributes {
        let (code, message) = match (k.as_str(), v.as_str()) {
            ("type", "json") => {
                json = true;
                continue;
            }
            ("type", other) => (
                "ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED",
                format!("Import attribute type \"{other}\" is unsupported"),
            ),
            _ => (
                "ERR_IMPORT_ATTRIBUTE_UNSUPPORTED",
                format!("Import attribute \"{k}\" with value \"{v}\" is not supported"),
            ),
        };
        return Err(coded_error(interp, ErrorType::TypeError, code, &message));
    }
    let rec = &interp.modules.records[id];
    let is_json = matches!(
        rec.kind,
        RecordKind::Synthetic {
            origin: SyntheticOrigin::Json(_),
            ..
        }
    );
    let url = rec.url.clone();
    match (is_json, json) {
        (true, false) => Err(coded_error(
            interp,
            ErrorType::TypeError,
            "ERR_IMPORT_ASSERTION_TYPE_MISSING",
            &format!("Module \"{url}\" needs an import attribute of type \"json\""),
        )),
        (false, true) => Err(coded_error(
            interp,
            ErrorType::TypeError,
            "ERR_IMPORT_ASSERTION_TYPE_FAILED",
            &format!("Module \"{url}\" is not of type \"json\""),
        )),
        _ => Ok(()),
    }
}

/// Resolves `specifier` and returns its record, creating it if needed.
fn load_imported_module(
    interp: &mut Interp,
    referrer: Option<&Path>,
    specifier: &str,
) -> JsResult<ModuleId> {
    let resolved = match resolve::resolve_import(interp, specifier, referrer) {
        Ok(r) => r,
        Err(e) => return Err(coded_error(interp, ErrorType::Error, e.code, &e.message)),
    };
    let key = match &resolved {
        EsmResolution::Builtin(name) => format!("node:{name}"),
        EsmResolution::File(p) => p.display().to_string(),
    };
    trace::log(interp, || {
        let from = referrer
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<main>".into());
        format!("resolve '{specifier}' from {from} -> {key}")
    });
    if let Some(&id) = interp.modules.module_map.get(&key) {
        return Ok(id);
    }
    match resolved {
        EsmResolution::Builtin(name) => {
            let exports = builtin::load_builtin(interp, name)?;
            let names = builtin::export_names(&exports);
            trace::log(interp, || format!("load {key} (builtin)"));
            Ok(synthetic_record(
                interp,
                &key,
                names,
                SyntheticOrigin::Builtin(name),
            ))
        }
        EsmResolution::File(path) => load_file_record(interp, &path, &key),
    }
}

/// Creates the record for a file by its format.
pub(crate) fn load_file_record(interp: &mut Interp, path: &Path, key: &str) -> JsResult<ModuleId> {
    let format = resolve::file_format(interp, path);
    let text = read_source(interp, path)?;
    match format {
        ModuleFormat::Module => {
            trace::log(interp, || format!("load {key} (module)"));
            parse_module(interp, key, text)
        }
        ModuleFormat::Json => {
            trace::log(interp, || format!("load {key} (json)"));
            Ok(synthetic_record(
                interp,
                key,
                Vec::new(),
                SyntheticOrigin::Json(key.to_string()),
            ))
        }
        ModuleFormat::CommonJs => {
            trace::log(interp, || format!("load {key} (commonjs)"));
            commonjs_record(interp, key, text)
        }
        ModuleFormat::Detect => match commonjs::parse_commonjs(&text) {
            Ok(program) => {
                trace::log(interp, || format!("load {key} (commonjs)"));
                let names = cjs_exports::detect_exports(interp, Path::new(key), &program);
                interp
                    .modules
                    .preparsed
                    .insert(key.to_string(), Rc::new(program));
                Ok(synthetic_record(
                    interp,
                    key,
                    names,
                    SyntheticOrigin::CommonJs(key.to_string()),
                ))
            }
            Err(cjs_err) => match parser::parse_module(&text) {
                Ok(program) => {
                    trace::log(interp, || format!("load {key} (module, detected)"));
                    let source = Source::new(file_url(key), strip_hashbang(text).as_str());
                    Ok(source_text_record(interp, key, Rc::new(program), source))
                }
                Err(_) => {
                    let source = Source::new(key, text.as_str());
                    Err(parse_failure(interp, &source, &cjs_err))
                }
            },
        },
    }
}

fn commonjs_record(interp: &mut Interp, key: &str, text: String) -> JsResult<ModuleId> {
    let program = match commonjs::parse_commonjs(&text) {
        Ok(p) => p,
        Err(e) => {
            let source = Source::new(key, text.as_str());
            return Err(parse_failure(interp, &source, &e));
        }
    };
    let names = cjs_exports::detect_exports(interp, Path::new(key), &program);
    interp
        .modules
        .preparsed
        .insert(key.to_string(), Rc::new(program));
    Ok(synthetic_record(
        interp,
        key,
        names,
        SyntheticOrigin::CommonJs(key.to_string()),
    ))
}

pub(crate) fn read_source(interp: &mut Interp, path: &Path) -> JsResult<String> {
    crate::permission::check(
        interp,
        crate::permission::Scope::FsRead,
        &path.display().to_string(),
    )?;
    // Bytes that are not UTF-8 decode to U+FFFD, as Node reads source.
    match std::fs::read(path) {
        Ok(t) => Ok(String::from_utf8(t)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())),
        Err(e) => Err(interp.make_error(
            ErrorType::Error,
            format!("Cannot read {}: {e}", path.display()),
        )),
    }
}

/// LoadRequestedModules, done synchronously: loads `id`'s requests and
/// theirs, depth first, each record once.
pub fn load_requested_modules(interp: &mut Interp, id: ModuleId) -> JsResult<()> {
    let mut todo = vec![id];
    let mut visited = std::collections::HashSet::new();
    while let Some(m) = todo.pop() {
        if !visited.insert(m) {
            continue;
        }
        let rec = &interp.modules.records[m];
        if rec.loaded_modules.len() == rec.requested_modules.len() {
            todo.extend(rec.loaded_modules.iter().copied());
            continue;
        }
        let requests = rec.requested_modules.clone();
        let referrer: Option<PathBuf> = rec.path().map(Path::to_path_buf);
        let mut loaded = Vec::with_capacity(requests.len());
        for r in &requests {
            let dep = host_load_imported_module(
                interp,
                referrer.as_deref(),
                &r.specifier,
                &r.attributes,
            )?;
            loaded.push(dep);
        }
        interp.modules.records[m].loaded_modules = loaded.clone();
        todo.extend(loaded.into_iter().rev());
    }
    Ok(())
}

/// Loads the graph of the module at `key` (an absolute file path, already
/// resolved): its record, then everything it imports.
pub fn load_module_graph(interp: &mut Interp, key: &str) -> JsResult<ModuleId> {
    let id = match interp.modules.module_map.get(key) {
        Some(&id) => id,
        None => {
            let text = read_source(interp, Path::new(key))?;
            trace::log(interp, || format!("load {key} (module)"));
            parse_module(interp, key, text)?
        }
    };
    load_requested_modules(interp, id)?;
    Ok(id)
}

// ---------------------------------------------------------------------------
// GetExportedNames and ResolveExport

/// GetExportedNames ( [ exportStarSet ] ) — ECMA-262 §16.2.1.6.2
pub fn get_exported_names(
    interp: &Interp,
    id: ModuleId,
    star_set: &mut Vec<ModuleId>,
) -> Vec<Atom> {
    if star_set.contains(&id) {
        return Vec::new();
    }
    star_set.push(id);
    let rec = &interp.modules.records[id];
    match &rec.kind {
        RecordKind::Synthetic { export_names, .. } => export_names.clone(),
        RecordKind::SourceText {
            local_exports,
            indirect_exports,
            star_exports,
            ..
        } => {
            let mut names: Vec<Atom> = local_exports.iter().map(|(e, _)| e.clone()).collect();
            names.extend(indirect_exports.iter().map(|e| e.export_name.clone()));
            for (request, _) in star_exports {
                let Some(&requested) = rec.loaded_modules.get(*request) else {
                    continue;
                };
                for n in get_exported_names(interp, requested, star_set) {
                    if &*n != "default" && !names.contains(&n) {
                        names.push(n);
                    }
                }
            }
            names
        }
    }
}

/// A ResolvedBinding Record.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolution {
    /// [[Module]] and [[BindingName]].
    Binding(ModuleId, Atom),
    /// [[BindingName]] is NAMESPACE.
    Namespace(ModuleId),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ResolveResult {
    Found(Resolution),
    NotFound,
    Ambiguous,
}

/// ResolveExport ( exportName [ , resolveSet ] ) — ECMA-262 §16.2.1.6.3
pub fn resolve_export(
    interp: &Interp,
    id: ModuleId,
    export_name: &str,
    resolve_set: &mut Vec<(ModuleId, Atom)>,
) -> ResolveResult {
    let rec = &interp.modules.records[id];
    let (local_exports, indirect_exports, star_exports) = match &rec.kind {
        RecordKind::Synthetic { export_names, .. } => {
            return match export_names.iter().find(|n| &***n == export_name) {
                Some(n) => ResolveResult::Found(Resolution::Binding(id, n.clone())),
                None => ResolveResult::NotFound,
            }
        }
        RecordKind::SourceText {
            local_exports,
            indirect_exports,
            star_exports,
            ..
        } => (local_exports, indirect_exports, star_exports),
    };
    // 2. A circular import request.
    if resolve_set
        .iter()
        .any(|(m, n)| *m == id && &**n == export_name)
    {
        return ResolveResult::NotFound;
    }
    resolve_set.push((id, Rc::from(export_name)));
    if let Some((_, local)) = local_exports.iter().find(|(e, _)| &**e == export_name) {
        return ResolveResult::Found(Resolution::Binding(id, local.clone()));
    }
    if let Some(e) = indirect_exports
        .iter()
        .find(|e| &*e.export_name == export_name)
    {
        let Some(&imported) = rec.loaded_modules.get(e.request) else {
            return ResolveResult::NotFound;
        };
        return match &e.import_name {
            None => ResolveResult::Found(Resolution::Namespace(imported)),
            Some(n) => resolve_export(interp, imported, n, resolve_set),
        };
    }
    // 7. `default` is never re-exported by `export *`.
    if export_name == "default" {
        return ResolveResult::NotFound;
    }
    let mut star_resolution: Option<Resolution> = None;
    for (request, _) in star_exports {
        let Some(&imported) = rec.loaded_modules.get(*request) else {
            continue;
        };
        match resolve_export(interp, imported, export_name, resolve_set) {
            ResolveResult::Ambiguous => return ResolveResult::Ambiguous,
            ResolveResult::NotFound => {}
            ResolveResult::Found(r) => match &star_resolution {
                None => star_resolution = Some(r),
                Some(prev) if *prev != r => return ResolveResult::Ambiguous,
                Some(_) => {}
            },
        }
    }
    match star_resolution {
        Some(r) => ResolveResult::Found(r),
        None => ResolveResult::NotFound,
    }
}
