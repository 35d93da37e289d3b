//! Node's module resolution: `require.resolve` (the CommonJS algorithm of
//! Node's `modules.md`: LOAD_AS_FILE, LOAD_AS_DIRECTORY, LOAD_NODE_MODULES,
//! LOAD_PACKAGE_EXPORTS) and ESM_RESOLVE (exact file URLs, packages through
//! `node_modules` with `"exports"` or the legacy `"main"`), `package.json`
//! reading, and the module format of a file.

use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use crate::interp::Interp;
use crate::object::JsObject;
use crate::value::{PropertyKey, Value};

/// Which loader a file goes to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ModuleFormat {
    CommonJs,
    Module,
    Json,
    /// A `.js` file outside any `"type"`: CommonJS unless it only parses as
    /// a module (Node's syntax detection).
    Detect,
}

impl ModuleFormat {
    pub fn name(self) -> &'static str {
        match self {
            ModuleFormat::CommonJs => "commonjs",
            ModuleFormat::Module => "module",
            ModuleFormat::Json => "json",
            ModuleFormat::Detect => "commonjs-or-module",
        }
    }
}

/// The fields of a `package.json` that resolution reads.
pub struct PackageJson {
    /// The folder holding the `package.json`.
    pub dir: PathBuf,
    pub name: Option<String>,
    pub main: Option<String>,
    /// `"type"`: `Some(true)` for `"module"`, `Some(false)` for `"commonjs"`.
    pub type_module: Option<bool>,
    pub exports: Option<Exports>,
    /// `"imports"`: `#name` specifiers private to the package.
    pub imports: Option<Exports>,
}

/// A value of `"exports"` (or of one of its conditions).
#[derive(Clone, Debug)]
pub enum Exports {
    Null,
    Target(String),
    Array(Vec<Exports>),
    /// Subpath keys (`"."`, `"./sub"`) or condition keys, in order.
    Map(Vec<(String, Exports)>),
}

/// Conditions `require` matches in `"exports"`.
pub const REQUIRE_CONDITIONS: &[&str] = &["require", "node", "node-addons", "default"];
/// Conditions `import` matches in `"exports"`.
pub const IMPORT_CONDITIONS: &[&str] = &["import", "node", "node-addons", "default"];

/// Why a bare specifier did not resolve inside a package.
pub enum PackageError {
    /// ERR_PACKAGE_PATH_NOT_EXPORTED (message without the importer).
    NotExported(String),
    /// ERR_PACKAGE_IMPORT_NOT_DEFINED (message without the importer).
    ImportNotDefined(String),
    /// ERR_INVALID_PACKAGE_TARGET / ERR_INVALID_PACKAGE_CONFIG.
    Invalid(String),
}

/// `path.resolve(cwd, p)` with `.` and `..` folded.
pub fn absolute_path(p: &str) -> PathBuf {
    let p = Path::new(p);
    if p.is_absolute() {
        return normalize(p);
    }
    match std::env::current_dir() {
        Ok(d) => normalize(&d.join(p)),
        Err(_) => normalize(p),
    }
}

/// Folds `.` and `..` components (lexically, as `path.resolve` does).
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn is_file(p: &Path) -> bool {
    p.is_file()
}

/// The real path of a file found by resolution (Node resolves symlinks).
fn real(p: PathBuf) -> PathBuf {
    std::fs::canonicalize(&p).unwrap_or(p)
}

/// Whether a specifier is relative or absolute (`./x`, `../x`, `/x`, `.`).
pub fn is_path_specifier(s: &str) -> bool {
    s == "." || s == ".." || s.starts_with("./") || s.starts_with("../") || s.starts_with('/')
}

// ---------------------------------------------------------------------------
// package.json

/// Reads (once) the `package.json` in `dir`.
pub fn read_package_json(interp: &mut Interp, dir: &Path) -> Option<Rc<PackageJson>> {
    let file = dir.join("package.json");
    if let Some(cached) = interp.modules.package_json.get(&file) {
        return cached.clone();
    }
    let parsed = std::fs::read_to_string(&file)
        .ok()
        .and_then(|text| parse_package_json(interp, dir, &text))
        .map(Rc::new);
    interp.modules.package_json.insert(file, parsed.clone());
    parsed
}

fn parse_package_json(interp: &mut Interp, dir: &Path, text: &str) -> Option<PackageJson> {
    let json = crate::builtins::json::json_parse(interp, &Value::Undefined, &[Value::from(text)]);
    let Ok(Value::Object(o)) = json else {
        return None;
    };
    let string_field = |o: &JsObject, k: &str| match o.get_own_data(&PropertyKey::from(k)) {
        Some(Value::String(s)) => Some(s.to_rust_string()),
        _ => None,
    };
    let type_module = match string_field(&o, "type").as_deref() {
        Some("module") => Some(true),
        Some("commonjs") => Some(false),
        _ => None,
    };
    let field = |k: &str| {
        o.get_own_data(&PropertyKey::from(k))
            .filter(|v| !v.is_undefined())
            .map(|v| exports_value(&v))
    };
    let (exports, imports) = (field("exports"), field("imports"));
    Some(PackageJson {
        dir: dir.to_path_buf(),
        name: string_field(&o, "name"),
        main: string_field(&o, "main"),
        type_module,
        exports,
        imports,
    })
}

fn exports_value(v: &Value) -> Exports {
    match v {
        Value::String(s) => Exports::Target(s.to_rust_string()),
        Value::Object(o) if o.is_array() => Exports::Array(
            (0..o.array_length())
                .map(|i| exports_value(&o.get_own_data(&PropertyKey::Index(i)).unwrap_or_default()))
                .collect(),
        ),
        Value::Object(o) => Exports::Map(
            o.own_property_keys()
                .into_iter()
                .filter_map(|k| {
                    let name = k.as_str()?.to_string();
                    let value = o.get_own_data(&k).unwrap_or_default();
                    Some((name, exports_value(&value)))
                })
                .collect(),
        ),
        _ => Exports::Null,
    }
}

/// LOOKUP_PACKAGE_SCOPE: the nearest `package.json` at or above `dir`
/// (not looking past a `node_modules` folder).
pub fn package_scope(interp: &mut Interp, dir: &Path) -> Option<Rc<PackageJson>> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        if d.file_name().is_some_and(|n| n == "node_modules") {
            return None;
        }
        if let Some(p) = read_package_json(interp, d) {
            return Some(p);
        }
        cur = d.parent();
    }
    None
}

/// The module format of a file: by extension, then by the package's
/// `"type"` (ESM_FILE_FORMAT).
pub fn file_format(interp: &mut Interp, path: &Path) -> ModuleFormat {
    match path.extension().and_then(|e| e.to_str()) {
        Some("mjs") => ModuleFormat::Module,
        Some("cjs") => ModuleFormat::CommonJs,
        Some("json") => ModuleFormat::Json,
        _ => {
            let dir = path.parent().unwrap_or(Path::new("/"));
            match package_scope(interp, dir).and_then(|p| p.type_module) {
                Some(true) => ModuleFormat::Module,
                Some(false) => ModuleFormat::CommonJs,
                None => ModuleFormat::Detect,
            }
        }
    }
}

// ---------------------------------------------------------------------------
// CommonJS: require.resolve

/// LOAD_AS_FILE: X, X.js, X.json.
fn load_as_file(x: &Path) -> Option<PathBuf> {
    if is_file(x) {
        return Some(real(x.to_path_buf()));
    }
    for ext in ["js", "json"] {
        let mut s = x.as_os_str().to_os_string();
        s.push(".");
        s.push(ext);
        let p = PathBuf::from(s);
        if is_file(&p) {
            return Some(real(p));
        }
    }
    None
}

/// LOAD_INDEX: X/index.js, X/index.json.
fn load_index(x: &Path) -> Option<PathBuf> {
    ["index.js", "index.json"]
        .iter()
        .map(|f| x.join(f))
        .find(|p| is_file(p))
        .map(real)
}

/// LOAD_AS_DIRECTORY: `"main"` of X/package.json, else X/index.
fn load_as_directory(interp: &mut Interp, x: &Path) -> Option<PathBuf> {
    if !x.is_dir() {
        return None;
    }
    if let Some(main) = read_package_json(interp, x).and_then(|p| p.main.clone()) {
        let m = normalize(&x.join(&main));
        if let Some(f) = load_as_file(&m).or_else(|| load_index(&m)) {
            return Some(f);
        }
    }
    load_index(x)
}

/// The `node_modules` folders searched from `dir` upward
/// (NODE_MODULES_PATHS).
pub fn node_modules_paths(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut cur = Some(dir);
    while let Some(d) = cur {
        if d.file_name().is_none_or(|n| n != "node_modules") {
            out.push(d.join("node_modules"));
        }
        cur = d.parent();
    }
    out
}

/// Splits a bare specifier into the package name (`@scope/name` or
/// `name`) and the subpath (`.` or `./rest`).
pub fn split_package_specifier(spec: &str) -> (String, String) {
    let segments = if spec.starts_with('@') { 2 } else { 1 };
    let mut cut = spec.len();
    let mut seen = 0;
    for (i, c) in spec.char_indices() {
        if c == '/' {
            seen += 1;
            if seen == segments {
                cut = i;
                break;
            }
        }
    }
    let (name, rest) = spec.split_at(cut);
    let rest = rest.trim_start_matches('/');
    if rest.is_empty() {
        (name.to_string(), ".".to_string())
    } else {
        (name.to_string(), format!("./{rest}"))
    }
}

/// The CommonJS resolution of `request` from a module in `parent_dir`
/// (`Module._resolveFilename` after the built-in check). `Ok(None)` is
/// "Cannot find module".
pub fn resolve_require(
    interp: &mut Interp,
    request: &str,
    parent_dir: &Path,
) -> Result<Option<PathBuf>, PackageError> {
    if is_path_specifier(request) {
        let x = normalize(&parent_dir.join(request));
        if request.ends_with('/') {
            return Ok(load_as_directory(interp, &x));
        }
        return Ok(load_as_file(&x).or_else(|| load_as_directory(interp, &x)));
    }
    if request.starts_with('#') {
        return match package_imports_resolve(interp, request, parent_dir, REQUIRE_CONDITIONS)? {
            ImportTarget::File(p) => Ok(Some(p).filter(|p| is_file(p)).map(real)),
            ImportTarget::Bare(spec, dir) => resolve_require(interp, &spec, &dir),
        };
    }
    let (name, subpath) = split_package_specifier(request);
    for nm in node_modules_paths(parent_dir) {
        let pkg_dir = nm.join(&name);
        if let Some(exports) = read_package_json(interp, &pkg_dir).and_then(|p| p.exports.clone()) {
            let target = package_exports_resolve(&pkg_dir, &subpath, &exports, REQUIRE_CONDITIONS)?;
            return Ok(target.filter(|p| is_file(p)).map(real));
        }
        let x = nm.join(request);
        if let Some(f) = load_as_file(&x).or_else(|| load_as_directory(interp, &x)) {
            return Ok(Some(f));
        }
    }
    Ok(None)
}

// ---------------------------------------------------------------------------
// Package "exports"

fn package_json_file(pkg_dir: &Path) -> String {
    pkg_dir.join("package.json").display().to_string()
}

/// PACKAGE_EXPORTS_RESOLVE(packageURL, subpath, exports, conditions).
pub fn package_exports_resolve(
    pkg_dir: &Path,
    subpath: &str,
    exports: &Exports,
    conditions: &[&str],
) -> Result<Option<PathBuf>, PackageError> {
    let dot_keys = match exports {
        Exports::Map(m) => {
            let dots = m.iter().filter(|(k, _)| k.starts_with('.')).count();
            if dots != 0 && dots != m.len() {
                return Err(PackageError::Invalid(format!(
                    "Invalid package config {}. \"exports\" cannot contain some keys starting with '.' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.",
                    package_json_file(pkg_dir)
                )));
            }
            dots != 0
        }
        _ => false,
    };
    if subpath == "." {
        let main = if dot_keys {
            match exports {
                Exports::Map(m) => m.iter().find(|(k, _)| k == ".").map(|(_, v)| v),
                _ => None,
            }
        } else {
            Some(exports)
        };
        if let Some(main) = main {
            if let Some(p) = package_target_resolve(pkg_dir, main, None, conditions)? {
                return Ok(Some(p));
            }
        }
        return Err(PackageError::NotExported(format!(
            "No \"exports\" main defined in {}",
            package_json_file(pkg_dir)
        )));
    }
    if let (true, Exports::Map(m)) = (dot_keys, exports) {
        if let Some((target, matched)) = match_subpath(m, subpath) {
            if let Some(p) =
                package_target_resolve(pkg_dir, target, matched.as_deref(), conditions)?
            {
                return Ok(Some(p));
            }
        }
    }
    Err(PackageError::NotExported(format!(
        "Package subpath '{subpath}' is not defined by \"exports\" in {}",
        package_json_file(pkg_dir)
    )))
}

/// The entry of a subpath map (`"exports"` or `"imports"`) for `subpath`:
/// an exact key, else the `*` pattern with the longest prefix, with what
/// `*` matched (PACKAGE_IMPORTS_EXPORTS_RESOLVE).
fn match_subpath<'a>(
    m: &'a [(String, Exports)],
    subpath: &str,
) -> Option<(&'a Exports, Option<String>)> {
    if let Some((_, target)) = m.iter().find(|(k, _)| k == subpath && !k.contains('*')) {
        return Some((target, None));
    }
    let mut best: Option<(&str, &Exports, String)> = None;
    for (k, v) in m {
        let Some(star) = k.find('*') else { continue };
        let (prefix, suffix) = (&k[..star], &k[star + 1..]);
        if subpath.len() >= k.len()
            && subpath.starts_with(prefix)
            && subpath.ends_with(suffix)
            && best
                .as_ref()
                .is_none_or(|(bk, _, _)| prefix.len() > bk.len())
        {
            let matched = subpath[prefix.len()..subpath.len() - suffix.len()].to_string();
            best = Some((prefix, v, matched));
        }
    }
    best.map(|(_, target, matched)| (target, Some(matched)))
}

/// What a `#name` specifier resolves to through `"imports"`: a file of the
/// package, or a bare specifier to resolve from the package's folder.
pub enum ImportTarget {
    File(PathBuf),
    Bare(String, PathBuf),
}

/// PACKAGE_IMPORTS_RESOLVE(specifier, parentURL, conditions): `#name`
/// through the `"imports"` of the package containing `parent_dir`.
pub fn package_imports_resolve(
    interp: &mut Interp,
    specifier: &str,
    parent_dir: &Path,
    conditions: &[&str],
) -> Result<ImportTarget, PackageError> {
    let not_defined = |pkg: Option<&Path>| {
        let scope = match pkg {
            Some(d) => format!(" in package {}", package_json_file(d)),
            None => String::new(),
        };
        PackageError::ImportNotDefined(format!(
            "Package import specifier \"{specifier}\" is not defined{scope}"
        ))
    };
    let Some(pkg) = package_scope(interp, parent_dir) else {
        return Err(not_defined(None));
    };
    let pkg_dir = pkg.dir.clone();
    let Some(Exports::Map(m)) = &pkg.imports else {
        return Err(not_defined(Some(&pkg_dir)));
    };
    if specifier == "#" || specifier.starts_with("#/") {
        return Err(not_defined(Some(&pkg_dir)));
    }
    let Some((target, matched)) = match_subpath(m, specifier) else {
        return Err(not_defined(Some(&pkg_dir)));
    };
    // A bare target names another package, resolved from this one.
    let bare = |t: &Exports| -> Option<String> {
        match t {
            Exports::Target(t) if !t.starts_with("./") && !t.starts_with('/') => {
                Some(match &matched {
                    Some(m) => t.replace('*', m),
                    None => t.clone(),
                })
            }
            _ => None,
        }
    };
    let mut chosen = target;
    while let Exports::Map(conds) = chosen {
        match conds
            .iter()
            .find(|(k, _)| k == "default" || conditions.contains(&k.as_str()))
        {
            Some((_, v)) => chosen = v,
            None => break,
        }
    }
    if let Some(spec) = bare(chosen) {
        return Ok(ImportTarget::Bare(spec, pkg_dir));
    }
    match package_target_resolve(&pkg_dir, target, matched.as_deref(), conditions)? {
        Some(p) => Ok(ImportTarget::File(p)),
        None => Err(not_defined(Some(&pkg_dir))),
    }
}

/// PACKAGE_TARGET_RESOLVE: a string target, the first matching condition
/// of an object, the first resolvable entry of an array.
fn package_target_resolve(
    pkg_dir: &Path,
    target: &Exports,
    pattern: Option<&str>,
    conditions: &[&str],
) -> Result<Option<PathBuf>, PackageError> {
    match target {
        Exports::Null => Ok(None),
        Exports::Target(t) => {
            if !t.starts_with("./") {
                return Err(PackageError::Invalid(format!(
                    "Invalid \"exports\" target \"{t}\" defined in the package config {}",
                    package_json_file(pkg_dir)
                )));
            }
            let t = match pattern {
                Some(m) => t.replace('*', m),
                None => t.clone(),
            };
            Ok(Some(normalize(&pkg_dir.join(t))))
        }
        Exports::Map(m) => {
            for (k, v) in m {
                if k == "default" || conditions.contains(&k.as_str()) {
                    if let Some(p) = package_target_resolve(pkg_dir, v, pattern, conditions)? {
                        return Ok(Some(p));
                    }
                }
            }
            Ok(None)
        }
        Exports::Array(items) => {
            let mut last_err = None;
            for v in items {
                match package_target_resolve(pkg_dir, v, pattern, conditions) {
                    Ok(Some(p)) => return Ok(Some(p)),
                    Ok(None) => {}
                    Err(e) => last_err = Some(e),
                }
            }
            match last_err {
                Some(e) => Err(e),
                None => Ok(None),
            }
        }
    }
}

// ---------------------------------------------------------------------------
// ESM_RESOLVE

/// What an `import` specifier resolved to.
pub enum EsmResolution {
    Builtin(&'static str),
    File(PathBuf),
}

/// Why an `import` specifier did not resolve (Node's code and message).
pub struct EsmResolveError {
    pub code: &'static str,
    pub message: String,
}

fn file_url_to_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("file://")?;
    Some(PathBuf::from(percent_decode(rest)))
}

/// Decodes `%XX` escapes of a URL path.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// ESM_RESOLVE(specifier, parentURL) for a parent file `parent` (`None`:
/// the current directory, for the entry point and `-e` code).
pub fn resolve_import(
    interp: &mut Interp,
    specifier: &str,
    parent: Option<&Path>,
) -> Result<EsmResolution, EsmResolveError> {
    if let Some(name) = super::builtin::builtin_name(&interp.modules, specifier) {
        return Ok(EsmResolution::Builtin(name));
    }
    let parent_dir = parent
        .and_then(|p| p.parent())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/")));
    let imported_from = parent
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| parent_dir.display().to_string());
    let not_found = |what: &str, path: &str| EsmResolveError {
        code: "ERR_MODULE_NOT_FOUND",
        message: format!("Cannot find {what} '{path}' imported from {imported_from}"),
    };
    if specifier.starts_with("node:") {
        return Err(EsmResolveError {
            code: "ERR_UNKNOWN_BUILTIN_MODULE",
            message: format!("No such built-in module: {specifier}"),
        });
    }
    let file = if let Some(p) = file_url_to_path(specifier) {
        normalize(&p)
    } else if specifier.starts_with('#') {
        match package_imports_resolve(interp, specifier, &parent_dir, IMPORT_CONDITIONS) {
            Ok(ImportTarget::File(p)) => p,
            Ok(ImportTarget::Bare(spec, dir)) => {
                return resolve_import(interp, &spec, Some(&dir.join("package.json")));
            }
            Err(PackageError::ImportNotDefined(m)) => {
                return Err(EsmResolveError {
                    code: "ERR_PACKAGE_IMPORT_NOT_DEFINED",
                    message: format!("{m} imported from {imported_from}"),
                })
            }
            Err(PackageError::NotExported(m) | PackageError::Invalid(m)) => {
                return Err(EsmResolveError {
                    code: "ERR_INVALID_PACKAGE_TARGET",
                    message: m,
                })
            }
        }
    } else if is_path_specifier(specifier) {
        let spec = percent_decode(specifier.split(['?', '#']).next().unwrap_or(specifier));
        normalize(&parent_dir.join(spec))
    } else {
        // PACKAGE_RESOLVE
        let (name, subpath) = split_package_specifier(specifier);
        let mut found = None;
        for nm in node_modules_paths(&parent_dir) {
            let pkg_dir = nm.join(&name);
            if !pkg_dir.is_dir() {
                continue;
            }
            let pkg = read_package_json(interp, &pkg_dir);
            if let Some(exports) = pkg.as_ref().and_then(|p| p.exports.clone()) {
                match package_exports_resolve(&pkg_dir, &subpath, &exports, IMPORT_CONDITIONS) {
                    Ok(Some(p)) => found = Some(p),
                    Ok(None) => {}
                    Err(PackageError::NotExported(m)) => {
                        return Err(EsmResolveError {
                            code: "ERR_PACKAGE_PATH_NOT_EXPORTED",
                            message: format!("{m} imported from {imported_from}"),
                        })
                    }
                    Err(PackageError::Invalid(m) | PackageError::ImportNotDefined(m)) => {
                        return Err(EsmResolveError {
                            code: "ERR_INVALID_PACKAGE_TARGET",
                            message: m,
                        })
                    }
                }
            } else if subpath == "." {
                // LEGACY_MAIN_RESOLVE
                let main = pkg.and_then(|p| p.main.clone());
                let mut candidates = Vec::new();
                if let Some(m) = &main {
                    let base = normalize(&pkg_dir.join(m));
                    candidates.push(base.clone());
                    for suffix in [".js", ".json", "/index.js", "/index.json"] {
                        candidates.push(PathBuf::from(format!("{}{suffix}", base.display())));
                    }
                }
                candidates.push(pkg_dir.join("index.js"));
                candidates.push(pkg_dir.join("index.json"));
                found = candidates.into_iter().find(|p| is_file(p));
            } else {
                found = Some(normalize(&pkg_dir.join(&subpath)));
            }
            if found.is_none() {
                return Err(not_found("package", &pkg_dir.display().to_string()));
            }
            break;
        }
        match found {
            Some(f) => f,
            None => return Err(not_found("package", &name)),
        }
    };
    // Node's hint: the file `require` would have found.
    let hint = |interp: &mut Interp| -> String {
        if !is_path_specifier(specifier) {
            return String::new();
        }
        let x = normalize(&parent_dir.join(specifier));
        let found = load_as_file(&x).or_else(|| load_as_directory(interp, &x));
        match found
            .as_deref()
            .and_then(|f| f.strip_prefix(&parent_dir).ok())
        {
            Some(rel) => format!("\nDid you mean to import \"./{}\"?", rel.display()),
            None => String::new(),
        }
    };
    if file.is_dir() {
        let hint = hint(interp);
        return Err(EsmResolveError {
            code: "ERR_UNSUPPORTED_DIR_IMPORT",
            message: format!(
                "Directory import '{}' is not supported resolving ES modules imported from {imported_from}{hint}",
                file.display()
            ),
        });
    }
    if !is_file(&file) {
        let mut e = not_found("module", &file.display().to_string());
        e.message.push_str(&hint(interp));
        return Err(e);
    }
    Ok(EsmResolution::File(real(file)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_specifiers_split_into_name_and_subpath() {
        let split = |s: &str| split_package_specifier(s);
        assert_eq!(split("lodash"), ("lodash".into(), ".".into()));
        assert_eq!(split("lodash/fp/map"), ("lodash".into(), "./fp/map".into()));
        assert_eq!(split("@scope/pkg"), ("@scope/pkg".into(), ".".into()));
        assert_eq!(
            split("@scope/pkg/sub"),
            ("@scope/pkg".into(), "./sub".into())
        );
    }

    fn target(s: &str) -> Exports {
        Exports::Target(s.into())
    }

    #[test]
    fn exports_pick_conditions_subpaths_and_patterns() {
        let dir = Path::new("/p");
        let exports = Exports::Map(vec![
            (
                ".".into(),
                Exports::Map(vec![
                    ("import".into(), target("./esm.mjs")),
                    ("require".into(), target("./cjs.js")),
                ]),
            ),
            ("./feature".into(), target("./feature.js")),
            ("./utils/*".into(), target("./lib/*.js")),
            ("./utils/internal/*".into(), Exports::Null),
        ]);
        let resolve =
            |sub: &str, conds: &[&str]| match package_exports_resolve(dir, sub, &exports, conds) {
                Ok(p) => p.map(|p| p.display().to_string()),
                Err(_) => None,
            };
        assert_eq!(
            resolve(".", REQUIRE_CONDITIONS).as_deref(),
            Some("/p/cjs.js")
        );
        assert_eq!(
            resolve(".", IMPORT_CONDITIONS).as_deref(),
            Some("/p/esm.mjs")
        );
        assert_eq!(
            resolve("./feature", REQUIRE_CONDITIONS).as_deref(),
            Some("/p/feature.js")
        );
        assert_eq!(
            resolve("./utils/a/b", REQUIRE_CONDITIONS).as_deref(),
            Some("/p/lib/a/b.js")
        );
        assert_eq!(resolve("./utils/internal/x", REQUIRE_CONDITIONS), None);
        assert_eq!(resolve("./missing", REQUIRE_CONDITIONS), None);
    }

    #[test]
    fn mixed_exports_keys_are_an_invalid_config() {
        let exports = Exports::Map(vec![
            (".".into(), target("./a.js")),
            ("require".into(), target("./b.js")),
        ]);
        assert!(matches!(
            package_exports_resolve(Path::new("/p"), ".", &exports, REQUIRE_CONDITIONS),
            Err(PackageError::Invalid(_))
        ));
    }

    #[test]
    fn paths_fold_dots() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert!(is_path_specifier("./x") && is_path_specifier("..") && is_path_specifier("/abs"));
        assert!(!is_path_specifier("pkg") && !is_path_specifier(".hidden"));
    }
}
