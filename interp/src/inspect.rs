//! Node's `util.inspect` formatting (as `console.log` uses it: depth 2,
//! compact 3, breakLength 80, no colors) and `util.format`'s `%` directives.
//!
//! The structure follows Node's `lib/internal/util/inspect.js`:
//! formatValue → formatRaw → (formatArray | formatSet | formatMap | ...)
//! → formatProperty → reduceToSingleString (+ groupArrayElements).

use crate::builtins::iterator::IterKind;
use crate::builtins::map_set::MapIterator;
use crate::interp::Interp;
use crate::number::number_to_string;
use crate::object::{JsObject, ObjectKind};
use crate::promise::{promise_data, PromiseState};
use crate::storage::PropertySlot;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};
use crate::JsResult;

/// Options of `util.inspect`.
#[derive(Clone)]
pub struct InspectOptions {
    pub depth: Option<usize>,
    pub break_length: usize,
    pub compact: usize,
    pub show_hidden: bool,
    /// Shows a proxy as `Proxy [ target, handler ]` (else as its target).
    pub show_proxy: bool,
    /// Which accessors are called to show their values (`getters`).
    pub getters: Getters,
    /// Sorts an object's entries (`sorted: true`).
    pub sorted: bool,
    pub max_array_length: usize,
    pub max_string_length: usize,
    /// ANSI colours as Node's `util.inspect.styles` (the REPL's results).
    pub colors: bool,
}

impl Default for InspectOptions {
    fn default() -> Self {
        InspectOptions {
            depth: Some(2),
            break_length: 80,
            compact: 3,
            show_hidden: false,
            show_proxy: false,
            getters: Getters::None,
            sorted: false,
            max_array_length: 100,
            max_string_length: 10000,
            colors: false,
        }
    }
}

/// util.inspect's `getters` option: `false`, `true`, `'get'` (getters
/// without a setter) or `'set'` (getters with a setter).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Getters {
    None,
    All,
    GetOnly,
    WithSetter,
}

struct Ctx<'a> {
    opts: &'a InspectOptions,
    seen: Vec<JsObject>,
    circular: Vec<JsObject>,
    indentation_lvl: usize,
    current_depth: usize,
    /// The first exception thrown by a custom inspect method.
    error: Option<crate::JsError>,
}

impl<'a> Ctx<'a> {
    fn new(opts: &'a InspectOptions) -> Ctx<'a> {
        Ctx {
            opts,
            seen: Vec::new(),
            circular: Vec::new(),
            indentation_lvl: 0,
            current_depth: 0,
            error: None,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Extras {
    Object,
    Array,
}

/// `util.inspect(value)`. A custom inspect method that throws is skipped
/// (the object is shown as if it had none); see [`try_inspect`].
pub fn inspect(interp: &mut Interp, value: &Value, opts: &InspectOptions) -> String {
    format_value(interp, &mut Ctx::new(opts), value, 0, false)
}

/// `util.inspect(value)`, failing with the exception of a custom inspect
/// method (`[util.inspect.custom]`) as Node's does.
pub fn try_inspect(interp: &mut Interp, value: &Value, opts: &InspectOptions) -> JsResult<String> {
    let mut ctx = Ctx::new(opts);
    let text = format_value(interp, &mut ctx, value, 0, false);
    match ctx.error {
        Some(e) => Err(e),
        None => Ok(text),
    }
}

/// The object's `[Symbol.for('nodejs.util.inspect.custom')]` method, found
/// as a data property on it or its prototypes.
fn custom_inspect_method(interp: &Interp, o: &JsObject) -> Option<JsObject> {
    let symbol = interp
        .symbol_registry
        .get(&JsString::from("nodejs.util.inspect.custom"))?;
    let key = PropertyKey::Symbol(symbol.clone());
    let mut cur = Some(o.clone());
    while let Some(obj) = cur {
        if let Some(d) = obj.get_own_property(&key) {
            return match d.value {
                Some(Value::Object(f)) if f.is_callable() => Some(f),
                _ => None,
            };
        }
        cur = obj.prototype();
    }
    None
}

/// The options object a custom inspect method receives.
fn options_object(interp: &mut Interp, opts: &InspectOptions, depth: Value) -> JsObject {
    let o = crate::operations::new_object(interp);
    let number = |n: usize| Value::Number(n as f64);
    let fields = [
        ("depth", depth),
        ("colors", Value::Bool(opts.colors)),
        ("compact", number(opts.compact)),
        ("breakLength", number(opts.break_length)),
        ("showHidden", Value::Bool(opts.show_hidden)),
        ("maxArrayLength", number(opts.max_array_length)),
        ("maxStringLength", number(opts.max_string_length)),
        ("customInspect", Value::Bool(true)),
    ];
    for (name, value) in fields {
        o.define_value(name, value, crate::storage::Attributes::all());
    }
    o
}

/// Reads `util.inspect` options from a JavaScript object.
pub fn options_from_value(interp: &mut Interp, v: &Value) -> JsResult<InspectOptions> {
    let mut opts = InspectOptions::default();
    let Value::Object(o) = v else {
        return Ok(opts);
    };
    let count = |v: &Value| match v {
        Value::Number(n) if *n >= 0.0 => Some(if n.is_finite() {
            *n as usize
        } else {
            usize::MAX
        }),
        _ => None,
    };
    match crate::operations::get_str(interp, o, "depth")? {
        Value::Null => opts.depth = None,
        Value::Number(n) if n.is_infinite() => opts.depth = None,
        v => {
            if let Some(d) = count(&v) {
                opts.depth = Some(d);
            }
        }
    }
    if let Value::Bool(b) = crate::operations::get_str(interp, o, "colors")? {
        opts.colors = b;
    }
    if let Value::Bool(b) = crate::operations::get_str(interp, o, "showHidden")? {
        opts.show_hidden = b;
    }
    if let Value::Bool(b) = crate::operations::get_str(interp, o, "showProxy")? {
        opts.show_proxy = b;
    }
    opts.getters = match crate::operations::get_str(interp, o, "getters")? {
        Value::Bool(true) => Getters::All,
        Value::String(s) if s.as_ascii() == Some("get") => Getters::GetOnly,
        Value::String(s) if s.as_ascii() == Some("set") => Getters::WithSetter,
        _ => Getters::None,
    };
    if let Value::Bool(b) = crate::operations::get_str(interp, o, "sorted")? {
        opts.sorted = b;
    }
    if let Some(n) = count(&crate::operations::get_str(interp, o, "breakLength")?) {
        opts.break_length = n;
    }
    match crate::operations::get_str(interp, o, "compact")? {
        Value::Bool(false) => opts.compact = 0,
        v => {
            if let Some(n) = count(&v) {
                opts.compact = n;
            }
        }
    }
    if let Some(n) = count(&crate::operations::get_str(interp, o, "maxArrayLength")?) {
        opts.max_array_length = n;
    }
    if let Some(n) = count(&crate::operations::get_str(interp, o, "maxStringLength")?) {
        opts.max_string_length = n;
    }
    Ok(opts)
}

/// The `inspect` function handed to custom inspect methods, and
/// `util.inspect` (as `globalThis.__minijs_inspect`, see stdlib/js/inspect.js).
pub fn native_inspect(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let value = args.first().cloned().unwrap_or_default();
    let opts = options_from_value(interp, &args.get(1).cloned().unwrap_or_default())?;
    let text = try_inspect(interp, &value, &opts)?;
    Ok(Value::from(text.as_str()))
}

/// Calls a custom inspect method as Node does: `(depth, options, inspect)`
/// with `this` the object. `None`: it returned the object itself.
fn call_custom_inspect(
    interp: &mut Interp,
    ctx: &mut Ctx,
    o: &JsObject,
    method: &JsObject,
    recurse_times: usize,
) -> Option<String> {
    let depth = match ctx.opts.depth {
        None => Value::Null,
        Some(d) => Value::Number(d as f64 - recurse_times as f64),
    };
    let options = options_object(interp, ctx.opts, depth.clone());
    let inspect_fn = match interp.host_data.get("%nativeInspect%") {
        Some(f) => f.clone(),
        None => {
            let f = crate::function::create_native_function(interp, native_inspect, "inspect", 2);
            interp
                .host_data
                .insert("%nativeInspect%", Value::Object(f.clone()));
            Value::Object(f)
        }
    };
    let result = interp.call(
        &Value::Object(method.clone()),
        &Value::Object(o.clone()),
        &[depth, Value::Object(options), inspect_fn],
    );
    match result {
        Ok(Value::Object(r)) if r == *o => None,
        Ok(Value::String(s)) => {
            let pad = format!("\n{}", " ".repeat(ctx.indentation_lvl));
            Some(s.to_rust_string().replace('\n', &pad))
        }
        Ok(v) => Some(format_value(interp, ctx, &v, recurse_times, false)),
        Err(e) => {
            if ctx.error.is_none() {
                ctx.error = Some(e);
            }
            None
        }
    }
}

/// A value as V8's proxy, iterator and registry messages show it: `String(v)` for
/// primitives (a string unquoted, `2n` as `2`), `#<Object>` for objects.
pub fn plain_description(interp: &mut Interp, v: &Value) -> String {
    match v {
        Value::String(s) => s.to_rust_string(),
        Value::BigInt(b) => b.to_string(),
        _ => short_description(interp, v),
    }
}

/// A short rendering of a value for error messages (`#<Object>` style).
pub fn short_description(interp: &mut Interp, v: &Value) -> String {
    let _ = interp;
    match v {
        Value::String(s) => format!("\"{s}\""),
        Value::Symbol(s) => s.descriptive_string(),
        Value::Object(o) => {
            if o.is_callable() {
                let n = crate::function::function_name(o);
                if matches!(o.kind(), ObjectKind::Function(sf) if sf.class_span.is_some()) {
                    return format!("class {n}");
                }
                return format!("function {n}");
            }
            if o.is_array() {
                return "[object Array]".into();
            }
            match constructor_name(o) {
                Some(n) => format!("#<{n}>"),
                None => "[object Object]".into(),
            }
        }
        Value::Number(n) => number_to_string(*n),
        Value::BigInt(b) => format!("{b}n"),
        Value::Bool(b) => b.to_string(),
        Value::Undefined => "undefined".into(),
        Value::Null => "null".into(),
    }
}

// ---------------------------------------------------------------------------
// Strings.

/// strEscape: quotes a string the way Node picks quotes.
pub fn quote_string(s: &str) -> String {
    let quote = if !s.contains('\'') {
        '\''
    } else if !s.contains('"') {
        '"'
    } else if !s.contains('`') && !s.contains("${") {
        '`'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn js_string_for_display(s: &JsString) -> String {
    // Lone surrogates are shown escaped, like Node does.
    let units = s.code_units();
    let mut out = String::new();
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        if (0xD800..0xDC00).contains(&u)
            && i + 1 < units.len()
            && (0xDC00..0xE000).contains(&units[i + 1])
        {
            let cp = 0x10000 + ((u as u32 - 0xD800) << 10) + (units[i + 1] as u32 - 0xDC00);
            out.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
            i += 2;
            continue;
        }
        if (0xD800..0xE000).contains(&u) {
            out.push_str(&format!("\\u{:04X}", u));
        } else {
            out.push(char::from_u32(u as u32).unwrap_or('\u{FFFD}'));
        }
        i += 1;
    }
    out
}

/// Node's `util.inspect.styles`, as ANSI colour pairs.
#[derive(Clone, Copy)]
enum Style {
    /// numbers, bigints and booleans: yellow
    Number,
    /// strings and symbols: green
    String,
    /// `undefined` and empty slots: grey
    Undefined,
    /// `null`: bold
    Null,
    /// functions, getters, `[Circular]`, `[Object]` past the depth: cyan
    Special,
    /// dates: magenta
    Date,
    /// regular expressions: red
    RegExp,
}

/// `stylizeWithColor`: wraps `text` in its style's colour when colours are on.
fn stylize(ctx: &Ctx, text: String, style: Style) -> String {
    if !ctx.opts.colors {
        return text;
    }
    let (open, close) = match style {
        Style::Number => (33, 39),
        Style::String => (32, 39),
        Style::Undefined => (90, 39),
        Style::Null => (1, 22),
        Style::Special => (36, 39),
        Style::Date => (35, 39),
        Style::RegExp => (31, 39),
    };
    format!("\x1b[{open}m{text}\x1b[{close}m")
}

/// The width of `s` on a terminal: characters, not counting ANSI colour
/// sequences (Node's `getStringWidth` with colours removed).
fn display_width(s: &str) -> usize {
    let mut n = 0;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ parameters final-byte
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            n += 1;
        }
    }
    n
}

fn format_primitive(ctx: &Ctx, v: &Value) -> String {
    let style = match v {
        Value::String(_) | Value::Symbol(_) => Style::String,
        Value::Undefined => Style::Undefined,
        Value::Null => Style::Null,
        _ => Style::Number,
    };
    if let Value::String(_) = v {
        // A split multi-line string colours each of its parts.
        return plain_primitive(ctx, v, Some(style));
    }
    let text = plain_primitive(ctx, v, None);
    stylize(ctx, text, style)
}

fn plain_primitive(ctx: &Ctx, v: &Value, style: Option<Style>) -> String {
    let quote = |text: &str| match style {
        Some(st) => stylize(ctx, quote_string(text), st),
        None => quote_string(text),
    };
    match v {
        Value::String(s) => {
            let text = js_string_for_display(s);
            let trimmed_note;
            let text = if s.len() > ctx.opts.max_string_length {
                trimmed_note = format!(
                    "... {} more characters",
                    s.len() - ctx.opts.max_string_length
                );
                js_string_for_display(&s.substring(0, ctx.opts.max_string_length))
            } else {
                trimmed_note = String::new();
                text
            };
            // Long multi-line strings are split on line breaks.
            if text.len() > 16
                && text.contains('\n')
                && text.len()
                    > ctx
                        .opts
                        .break_length
                        .saturating_sub(ctx.indentation_lvl + 4)
            {
                let mut parts = Vec::new();
                let mut rest = text.as_str();
                while let Some(i) = rest.find('\n') {
                    parts.push(quote(&rest[..=i]));
                    rest = &rest[i + 1..];
                }
                if !rest.is_empty() {
                    parts.push(quote(rest));
                }
                let sep = format!(" +\n{}", " ".repeat(ctx.indentation_lvl + 2));
                return parts.join(&sep) + &trimmed_note;
            }
            quote(&text) + &trimmed_note
        }
        Value::Number(n) => {
            if *n == 0.0 && n.is_sign_negative() {
                "-0".into()
            } else {
                number_to_string(*n)
            }
        }
        Value::Bool(b) => b.to_string(),
        Value::Undefined => "undefined".into(),
        Value::Null => "null".into(),
        Value::Symbol(s) => s.descriptive_string(),
        Value::BigInt(b) => format!("{b}n"),
        Value::Object(_) => String::new(),
    }
}

// ---------------------------------------------------------------------------
// Objects.

/// getConstructorName: the name of the first `constructor` found on the
/// prototype chain (`None` for a null-prototype object).
fn constructor_name(o: &JsObject) -> Option<String> {
    let mut cur = Some(o.clone());
    let key = PropertyKey::from("constructor");
    while let Some(obj) = cur {
        if let Some(PropertySlot::Data(Value::Object(c), _)) = obj.own_slot_raw(&key) {
            if c.is_callable() {
                let n = crate::function::function_name(&c);
                if !n.is_empty() && is_instance_of(o, &c) {
                    return Some(n);
                }
            }
        }
        cur = obj.prototype();
    }
    None
}

/// `o instanceof c` without running user code: is `c.prototype` (a data
/// property) on `o`'s prototype chain?
fn is_instance_of(o: &JsObject, c: &JsObject) -> bool {
    let Some(Value::Object(p)) = c.get_own_data(&PropertyKey::from("prototype")) else {
        // Built-in constructors without a data `prototype` still name
        // their instances (Node falls back to the name as well).
        return true;
    };
    let mut cur = o.prototype();
    while let Some(x) = cur {
        if x == p {
            return true;
        }
        cur = x.prototype();
    }
    false
}

fn to_string_tag(o: &JsObject, interp: &mut Interp) -> String {
    // `value[Symbol.toStringTag]`, getters included; errors count as no tag.
    let sym = interp.realm.intrinsics.symbol_to_string_tag.clone();
    let key = PropertyKey::Symbol(sym);
    match o.get(interp, &key, &Value::Object(o.clone())) {
        Ok(Value::String(s)) => s.to_rust_string(),
        _ => String::new(),
    }
}

/// The string an intrinsic method registered by `name` (in the standard
/// library) returns for `o`, or `fallback` when it is missing or throws.
fn intrinsic_text(interp: &mut Interp, name: &str, o: &JsObject, fallback: &str) -> String {
    let Some(f) = interp.realm.intrinsics.constructor(name) else {
        return fallback.to_string();
    };
    match interp.call(&Value::Object(f), &Value::Object(o.clone()), &[]) {
        Ok(Value::String(s)) => s.to_rust_string(),
        _ => fallback.to_string(),
    }
}

fn get_prefix(constructor: &Option<String>, tag: &str, fallback: &str, size: &str) -> String {
    match constructor {
        None => {
            if !tag.is_empty() && fallback != tag {
                format!("[{fallback}{size}: null prototype] [{tag}] ")
            } else {
                format!("[{fallback}{size}: null prototype] ")
            }
        }
        Some(c) => {
            if !tag.is_empty() && c != tag {
                format!("{c}{size} [{tag}] ")
            } else {
                format!("{c}{size} ")
            }
        }
    }
}

/// Own enumerable keys (strings then symbols), without private names.
fn enumerable_keys(o: &JsObject, show_hidden: bool) -> Vec<PropertyKey> {
    o.own_property_keys()
        .into_iter()
        .filter(|k| {
            show_hidden
                || o.get_own_property(k)
                    .is_some_and(|d| d.enumerable_or_false())
        })
        .collect()
}

fn format_value(
    interp: &mut Interp,
    ctx: &mut Ctx,
    v: &Value,
    recurse_times: usize,
    _typed: bool,
) -> String {
    let Value::Object(o) = v else {
        return format_primitive(ctx, v);
    };
    // A proxy is shown as its target, without running a trap.
    let mut o = o;
    while let ObjectKind::Proxy(p) = o.kind() {
        let (Some(target), Some(handler)) = (p.target(), p.handler()) else {
            return stylize(ctx, "<Revoked Proxy>".into(), Style::Special);
        };
        if ctx.opts.show_proxy {
            return format_proxy(interp, ctx, target, handler, recurse_times);
        }
        o = target;
    }
    if let Some(method) = custom_inspect_method(interp, o) {
        if let Some(text) = call_custom_inspect(interp, ctx, o, &method, recurse_times) {
            return text;
        }
    }
    if ctx.seen.contains(o) {
        let index = match ctx.circular.iter().position(|c| c == o) {
            Some(i) => i + 1,
            None => {
                ctx.circular.push(o.clone());
                ctx.circular.len()
            }
        };
        return stylize(ctx, format!("[Circular *{index}]"), Style::Special);
    }
    format_raw(interp, ctx, o, recurse_times)
}

/// `Proxy [ target, handler ]` (util.inspect's `showProxy`).
fn format_proxy(
    interp: &mut Interp,
    ctx: &mut Ctx,
    target: &JsObject,
    handler: &JsObject,
    recurse_times: usize,
) -> String {
    if ctx.opts.depth.is_some_and(|d| recurse_times > d) {
        return stylize(ctx, "Proxy [Array]".into(), Style::Special);
    }
    let recurse_times = recurse_times + 1;
    ctx.indentation_lvl += 2;
    let output = [target, handler]
        .into_iter()
        .map(|o| format_value(interp, ctx, &Value::Object(o.clone()), recurse_times, false))
        .collect();
    ctx.indentation_lvl -= 2;
    let braces = ["Proxy [".to_string(), "]".to_string()];
    reduce_to_single_string(ctx, output, "", &braces, Extras::Array, recurse_times, None)
}

fn function_base(
    interp: &mut Interp,
    f: &JsObject,
    constructor: &Option<String>,
    tag: &str,
) -> String {
    if let ObjectKind::Function(sf) = f.kind() {
        if sf.class_span.is_some() {
            let name = match f.get_own_data(&PropertyKey::from("name")) {
                Some(Value::String(s)) if !s.is_empty() => s.to_rust_string(),
                _ => "(anonymous)".into(),
            };
            let mut base = format!("[class {name}");
            if let Some(parent) = f.prototype() {
                let pn = crate::function::function_name(&parent);
                if !pn.is_empty() && parent.is_callable() {
                    base.push_str(&format!(" extends {pn}"));
                }
            }
            if let Some(c) = constructor {
                if c != "Function" {
                    base.push_str(&format!(" [{c}]"));
                }
            }
            if !tag.is_empty() && constructor.as_deref() != Some(tag) {
                base.push_str(&format!(" [{tag}]"));
            }
            base.push(']');
            return base;
        }
    }
    let mut ty = "Function".to_string();
    if let ObjectKind::Function(sf) = f.kind() {
        if sf.code.is_generator {
            ty = format!("Generator{ty}");
        }
        if sf.code.is_async {
            ty = format!("Async{ty}");
        }
    }
    let _ = interp;
    let mut base = format!("[{ty}");
    if constructor.is_none() {
        base.push_str(" (null prototype)");
    }
    let name = match f.get_own_data(&PropertyKey::from("name")) {
        Some(Value::String(s)) => s.to_rust_string(),
        _ => String::new(),
    };
    if name.is_empty() {
        base.push_str(" (anonymous)");
    } else {
        base.push_str(&format!(": {name}"));
    }
    base.push(']');
    if let Some(c) = constructor {
        if *c != ty && c != "Function" {
            base.push_str(&format!(" {c}"));
        }
    }
    if !tag.is_empty() && constructor.as_deref() != Some(tag) {
        base.push_str(&format!(" [{tag}]"));
    }
    base
}

fn format_error(
    interp: &mut Interp,
    ctx: &Ctx,
    o: &JsObject,
    keys: &mut Vec<PropertyKey>,
) -> String {
    // The property `k` as [[Get]] finds it on `o`'s prototype chain,
    // read without running code (an accessor reads as no value).
    let find = |k: &str| -> Option<PropertySlot> {
        let key = PropertyKey::from(k);
        let mut cur = Some(o.clone());
        while let Some(c) = cur {
            if let Some(slot) = c.own_slot_raw(&key) {
                return Some(slot);
            }
            cur = c.prototype();
        }
        None
    };
    let get = |k: &str| match find(k) {
        Some(PropertySlot::Data(v, _)) => Some(v),
        _ => None,
    };
    let stack = match get("stack") {
        Some(Value::String(s)) => s.to_rust_string(),
        _ => {
            crate::error::error_header(&Value::Object(o.clone())).unwrap_or_else(|| "Error".into())
        }
    };
    // removeDuplicateErrorKeys
    for name in ["name", "message", "stack"] {
        if let Some(Value::String(s)) = get(name) {
            if stack.contains(&s.to_rust_string()) {
                keys.retain(|k| k.as_str().as_deref() != Some(name));
            }
        }
    }
    let has_cause = find("cause").is_some();
    if has_cause && !keys.iter().any(|k| k.as_str().as_deref() == Some("cause")) {
        keys.push(PropertyKey::from("cause"));
    }
    let _ = interp;
    let mut stack = stack;
    if !stack.contains("\n    at") {
        stack = format!("[{stack}]");
    }
    if ctx.indentation_lvl != 0 {
        let ind = " ".repeat(ctx.indentation_lvl);
        stack = stack.replace('\n', &format!("\n{ind}"));
    }
    stack
}

fn format_raw(interp: &mut Interp, ctx: &mut Ctx, o: &JsObject, recurse_times: usize) -> String {
    let constructor = constructor_name(o);
    let mut tag = to_string_tag(o, interp);
    if let Some(c) = &constructor {
        if *c == tag {
            tag = String::new();
        }
    }
    let mut keys: Vec<PropertyKey>;
    let mut base = String::new();
    let mut braces = ["{".to_string(), "}".to_string()];
    let mut extras = Extras::Object;
    enum Formatter {
        None,
        Array,
        Set,
        Map,
        MapIter,
        Promise,
        Weak,
    }
    let mut formatter = Formatter::None;

    match o.kind() {
        ObjectKind::Array(_) => {
            let len = o.array_length();
            let prefix = if constructor.as_deref() != Some("Array") || !tag.is_empty() {
                get_prefix(&constructor, &tag, "Array", &format!("({len})"))
            } else {
                String::new()
            };
            keys = enumerable_keys(o, ctx.opts.show_hidden)
                .into_iter()
                .filter(|k| {
                    !matches!(k, PropertyKey::Index(_))
                        && (ctx.opts.show_hidden || k.as_str().as_deref() != Some("length"))
                })
                .collect();
            braces = [format!("{prefix}["), "]".into()];
            if len == 0 && keys.is_empty() {
                return format!("{}]", braces[0]);
            }
            extras = Extras::Array;
            formatter = Formatter::Array;
        }
        ObjectKind::Set(m) | ObjectKind::Map(m) => {
            let is_set = matches!(o.kind(), ObjectKind::Set(_));
            let size = m.size();
            let prefix = get_prefix(
                &constructor,
                &tag,
                if is_set { "Set" } else { "Map" },
                &format!("({size})"),
            );
            keys = enumerable_keys(o, ctx.opts.show_hidden);
            if size == 0 && keys.is_empty() {
                return format!("{prefix}{{}}");
            }
            braces = [format!("{prefix}{{"), "}".into()];
            formatter = if is_set {
                Formatter::Set
            } else {
                Formatter::Map
            };
        }
        ObjectKind::ModuleNamespace(ns) => {
            // Exports still in their TDZ are listed too (`<uninitialized>`).
            keys = ns.keys();
            if keys.is_empty() {
                return "[Module: null prototype] {  }".into();
            }
            braces = ["[Module: null prototype] {".into(), "}".into()];
        }
        ObjectKind::Host(h) if h.class_name() == "RegExp" => {
            keys = enumerable_keys(o, ctx.opts.show_hidden);
            base = intrinsic_text(interp, "%RegExp.prototype.toString%", o, "/(?:)/");
            base = stylize(ctx, base, Style::RegExp);
            let prefix = get_prefix(&constructor, &tag, "RegExp", "");
            if prefix != "RegExp " {
                base = format!("{prefix}{base}");
            }
            if keys.is_empty() {
                return base;
            }
        }
        ObjectKind::Date(t) => {
            keys = enumerable_keys(o, ctx.opts.show_hidden);
            base = if t.get().is_nan() {
                "Invalid Date".to_string()
            } else {
                intrinsic_text(interp, "%Date.prototype.toISOString%", o, "Invalid Date")
            };
            let prefix = get_prefix(&constructor, &tag, "Date", "");
            if prefix != "Date " {
                base = format!("{prefix}{base}");
            }
            base = stylize(ctx, base, Style::Date);
            if keys.is_empty() {
                return base;
            }
        }
        ObjectKind::Host(h) if h.as_any().is::<MapIterator>() => {
            keys = enumerable_keys(o, ctx.opts.show_hidden);
            let it = o.host::<MapIterator>();
            let (class, entries) = match it {
                Some(i) => (
                    if i.is_set { "Set" } else { "Map" },
                    i.kind == IterKind::Entries && !i.is_set,
                ),
                None => ("Map", false),
            };
            let label = if entries {
                format!("[{class} Entries] {{")
            } else {
                format!("[{class} Iterator] {{")
            };
            braces = [label, "}".into()];
            formatter = Formatter::MapIter;
        }
        _ => {
            keys = enumerable_keys(o, ctx.opts.show_hidden);
            if constructor.as_deref() == Some("Object")
                && !o.is_callable()
                && !matches!(
                    o.kind(),
                    ObjectKind::Error
                        | ObjectKind::Promise(_)
                        | ObjectKind::Boolean(_)
                        | ObjectKind::Number(_)
                        | ObjectKind::String(_)
                        | ObjectKind::Symbol(_)
                        | ObjectKind::BigInt(_)
                        | ObjectKind::Date(_)
                )
                && !is_weak(o)
            {
                if matches!(o.kind(), ObjectKind::Arguments(_)) {
                    braces[0] = "[Arguments] {".into();
                    if keys.is_empty() {
                        return "[Arguments] {}".into();
                    }
                } else {
                    if !tag.is_empty() {
                        braces[0] = format!("{}{{", get_prefix(&constructor, &tag, "Object", ""));
                    }
                    if keys.is_empty() {
                        return format!("{}}}", braces[0]);
                    }
                }
            } else if o.is_callable() {
                base = function_base(interp, o, &constructor, &tag);
                base = stylize(ctx, base, Style::Special);
                if !ctx.opts.show_hidden {
                    keys.retain(|k| !matches!(k.as_str().as_deref(), Some("prototype")));
                }
                if keys.is_empty() {
                    return base;
                }
            } else if matches!(o.kind(), ObjectKind::Error) {
                base = format_error(interp, ctx, o, &mut keys);
                if keys.is_empty() {
                    return base;
                }
            } else if let ObjectKind::Promise(_) = o.kind() {
                braces[0] = format!("{}{{", get_prefix(&constructor, &tag, "Promise", ""));
                formatter = Formatter::Promise;
            } else if is_weak(o) {
                let name = if matches!(o.kind(), ObjectKind::WeakSet(_)) {
                    "WeakSet"
                } else {
                    "WeakMap"
                };
                braces[0] = format!("{}{{", get_prefix(&constructor, &tag, name, ""));
                formatter = Formatter::Weak;
            } else if let Some((label, prim)) = boxed_primitive(o) {
                let shown = format_primitive(ctx, &prim);
                let mut b = format!("[{label}");
                if constructor.as_deref() != Some(label) {
                    match &constructor {
                        None => b.push_str(" (null prototype)"),
                        Some(c) => b.push_str(&format!(" ({c})")),
                    }
                }
                b.push_str(&format!(": {shown}]"));
                if !tag.is_empty() && constructor.as_deref() != Some(&tag) {
                    b.push_str(&format!(" [{tag}]"));
                }
                base = b;
                if let ObjectKind::String(_) = o.kind() {
                    keys.retain(|k| {
                        !matches!(k, PropertyKey::Index(_))
                            && k.as_str().as_deref() != Some("length")
                    });
                }
                if keys.is_empty() {
                    return base;
                }
            } else {
                if keys.is_empty() {
                    return format!("{}{{}}", get_prefix(&constructor, &tag, "Object", ""));
                }
                braces[0] = format!("{}{{", get_prefix(&constructor, &tag, "Object", ""));
            }
        }
    }

    if let Some(depth) = ctx.opts.depth {
        if recurse_times > depth {
            let name = get_prefix(
                &constructor,
                &tag,
                if o.is_array() { "Array" } else { "Object" },
                "",
            );
            let name = name.trim_end().to_string();
            let text = if constructor.is_some() {
                format!("[{name}]")
            } else {
                name
            };
            return stylize(ctx, text, Style::Special);
        }
    }
    let recurse_times = recurse_times + 1;
    ctx.seen.push(o.clone());
    ctx.current_depth = recurse_times;
    let mut output: Vec<String> = match formatter {
        Formatter::None => Vec::new(),
        Formatter::Array => format_array(interp, ctx, o, recurse_times),
        Formatter::Set => {
            let mut out = Vec::new();
            ctx.indentation_lvl += 2;
            if let ObjectKind::Set(m) = o.kind() {
                for (v, _) in m.entries() {
                    out.push(format_value(interp, ctx, &v, recurse_times, false));
                }
            }
            ctx.indentation_lvl -= 2;
            out
        }
        Formatter::Map => {
            let mut out = Vec::new();
            ctx.indentation_lvl += 2;
            if let ObjectKind::Map(m) = o.kind() {
                for (k, v) in m.entries() {
                    let ks = format_value(interp, ctx, &k, recurse_times, false);
                    let vs = format_value(interp, ctx, &v, recurse_times, false);
                    out.push(format!("{ks} => {vs}"));
                }
            }
            ctx.indentation_lvl -= 2;
            out
        }
        Formatter::MapIter => {
            let mut out = Vec::new();
            if let Some(it) = o.host::<MapIterator>() {
                if let Some(m) = crate::builtins::map_set::map_entries_of(&it.target, it.is_set) {
                    ctx.indentation_lvl += 2;
                    let mut pos = it.position.get();
                    while let Some(e) = m.entry_at(pos) {
                        pos += 1;
                        let Some((k, v)) = e else { continue };
                        let s = match it.kind {
                            IterKind::Keys => format_value(interp, ctx, &k, recurse_times, false),
                            IterKind::Values => format_value(interp, ctx, &v, recurse_times, false),
                            IterKind::Entries => {
                                let ks = format_value(interp, ctx, &k, recurse_times, false);
                                let vs = format_value(interp, ctx, &v, recurse_times, false);
                                format!("[ {ks}, {vs} ]")
                            }
                        };
                        out.push(s);
                    }
                    ctx.indentation_lvl -= 2;
                }
            }
            out
        }
        Formatter::Promise => {
            let mut out = Vec::new();
            if let Some(d) = promise_data(o) {
                match d.state.get() {
                    PromiseState::Pending => {
                        out.push(stylize(ctx, "<pending>".into(), Style::Special))
                    }
                    state => {
                        ctx.indentation_lvl += 2;
                        let s = format_value(interp, ctx, &d.result.get(), recurse_times, false);
                        ctx.indentation_lvl -= 2;
                        out.push(if state == PromiseState::Rejected {
                            format!("<rejected> {s}")
                        } else {
                            s
                        });
                    }
                }
            }
            out
        }
        Formatter::Weak => vec!["<items unknown>".into()],
    };
    let first_key = output.len();
    for k in &keys {
        output.push(format_property(
            interp,
            ctx,
            o,
            recurse_times,
            k,
            extras_for_keys(extras),
        ));
    }
    if ctx.opts.sorted {
        // Node sorts the entries' text as Array.prototype.sort does (by
        // UTF-16 code units): all of an object's, an array's keyed ones.
        let from = if extras == Extras::Object {
            0
        } else {
            first_key
        };
        output[from..].sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
    }
    if let Some(index) = ctx.circular.iter().position(|c| c == o) {
        let reference = format!("<ref *{}>", index + 1);
        base = if base.is_empty() {
            reference
        } else {
            format!("{reference} {base}")
        };
    }
    ctx.seen.pop();
    reduce_to_single_string(ctx, output, &base, &braces, extras, recurse_times, Some(o))
}

fn extras_for_keys(_e: Extras) -> Extras {
    // Extra (non-index) keys of arrays are printed as `key: value`.
    Extras::Object
}

fn is_weak(o: &JsObject) -> bool {
    matches!(o.kind(), ObjectKind::WeakMap(_) | ObjectKind::WeakSet(_))
}

fn boxed_primitive(o: &JsObject) -> Option<(&'static str, Value)> {
    match o.kind() {
        ObjectKind::Number(n) => Some(("Number", Value::Number(*n))),
        ObjectKind::String(s) => Some(("String", Value::String(s.clone()))),
        ObjectKind::Boolean(b) => Some(("Boolean", Value::Bool(*b))),
        ObjectKind::Symbol(s) => Some(("Symbol", Value::Symbol(s.clone()))),
        ObjectKind::BigInt(b) => Some(("BigInt", Value::BigInt(b.clone()))),
        _ => None,
    }
}

fn format_array(
    interp: &mut Interp,
    ctx: &mut Ctx,
    o: &JsObject,
    recurse_times: usize,
) -> Vec<String> {
    let len = o.array_length() as usize;
    format_indexed(interp, ctx, o, recurse_times, len)
}

/// formatArray / formatSpecialArray.
fn format_indexed(
    interp: &mut Interp,
    ctx: &mut Ctx,
    o: &JsObject,
    recurse_times: usize,
    len: usize,
) -> Vec<String> {
    let max = ctx.opts.max_array_length.min(len);
    let mut output = Vec::new();
    let mut index = 0usize;
    let mut i = 0usize;
    while i < len && output.len() < max {
        let key = PropertyKey::from(i);
        if o.get_own_property(&key).is_none() {
            // Count the run of holes.
            let mut j = i;
            while j < len && o.get_own_property(&PropertyKey::from(j)).is_none() {
                j += 1;
                if j - i > 1_000_000 {
                    break;
                }
            }
            let n = j - i;
            let text = format!("<{n} empty item{}>", if n > 1 { "s" } else { "" });
            output.push(stylize(ctx, text, Style::Undefined));
            i = j;
            index = j;
            continue;
        }
        output.push(format_property(
            interp,
            ctx,
            o,
            recurse_times,
            &key,
            Extras::Array,
        ));
        i += 1;
        index = i;
    }
    let remaining = len - index;
    if remaining > 0 {
        output.push(format!(
            "... {remaining} more item{}",
            if remaining > 1 { "s" } else { "" }
        ));
    }
    output
}

/// An accessor shown with its getter's result (`getters` option):
/// `[Getter: 1]`, `[Getter] { a: 1 }` for an object, or what it threw.
fn getter_text(
    interp: &mut Interp,
    ctx: &mut Ctx,
    o: &JsObject,
    getter: &Value,
    label: &str,
    recurse_times: usize,
) -> String {
    let open = stylize(ctx, format!("[{label}:"), Style::Special);
    let close = stylize(ctx, "]".into(), Style::Special);
    match interp.call(getter, &Value::Object(o.clone()), &[]) {
        Ok(v @ Value::Object(_)) => {
            ctx.indentation_lvl += 2;
            let shown = format_value(interp, ctx, &v, recurse_times, false);
            ctx.indentation_lvl -= 2;
            let tag = stylize(ctx, format!("[{label}]"), Style::Special);
            format!("{tag} {shown}")
        }
        Ok(v) => {
            let shown = format_primitive(ctx, &v);
            format!("{open} {shown}{close}")
        }
        Err(e) => {
            let message = match &e {
                crate::JsError::Throw(Value::Object(err)) => {
                    match err.get_own_data(&PropertyKey::from("message")) {
                        Some(Value::String(m)) => m.to_rust_string(),
                        _ => String::new(),
                    }
                }
                _ => String::new(),
            };
            format!("{open} <Inspection threw ({message})>{close}")
        }
    }
}

fn format_property(
    interp: &mut Interp,
    ctx: &mut Ctx,
    o: &JsObject,
    recurse_times: usize,
    key: &PropertyKey,
    ty: Extras,
) -> String {
    let desc = o.get_own_property(key);
    let str = match &desc {
        Some(d) if d.value.is_some() && !d.value.as_ref().is_some_and(|v| v.is_undefined()) => {
            ctx.indentation_lvl += 2;
            let s = format_value(
                interp,
                ctx,
                d.value.as_ref().unwrap_or(&Value::Undefined),
                recurse_times,
                false,
            );
            ctx.indentation_lvl -= 2;
            s
        }
        Some(d) if d.get.as_ref().is_some_and(|g| !g.is_undefined()) => {
            let has_setter = d.set.as_ref().is_some_and(|s| !s.is_undefined());
            let label = if has_setter {
                "Getter/Setter"
            } else {
                "Getter"
            };
            let call = match ctx.opts.getters {
                Getters::None => false,
                Getters::All => true,
                Getters::GetOnly => !has_setter,
                Getters::WithSetter => has_setter,
            };
            match d.get.as_ref().filter(|_| call) {
                Some(getter) => getter_text(interp, ctx, o, getter, label, recurse_times),
                None => stylize(ctx, format!("[{label}]"), Style::Special),
            }
        }
        Some(d) if d.set.as_ref().is_some_and(|s| !s.is_undefined()) => {
            stylize(ctx, "[Setter]".into(), Style::Special)
        }
        None if matches!(o.kind(), ObjectKind::ModuleNamespace(_)) => "<uninitialized>".into(),
        _ => stylize(ctx, "undefined".into(), Style::Undefined),
    };
    if ty == Extras::Array {
        return str;
    }
    let enumerable = desc
        .as_ref()
        .map(|d| d.enumerable_or_false())
        .unwrap_or(true);
    let name = match key {
        PropertyKey::Symbol(s) => {
            format!("[{}]", stylize(ctx, s.descriptive_string(), Style::String))
        }
        PropertyKey::Index(i) => {
            if enumerable {
                format!("'{i}'")
            } else {
                format!("[{i}]")
            }
        }
        PropertyKey::Private(p) => format!("#{}", p.description()),
        PropertyKey::String(s) => {
            let s = s.to_rust_string();
            if s == "__proto__" {
                "['__proto__']".into()
            } else if !enumerable {
                format!("[{s}]")
            } else if is_identifier_like(&s) {
                s
            } else {
                stylize(ctx, quote_string(&s), Style::String)
            }
        }
    };
    format!("{name}: {str}")
}

fn is_identifier_like(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn reduce_to_single_string(
    ctx: &Ctx,
    output: Vec<String>,
    base: &str,
    braces: &[String; 2],
    extras: Extras,
    recurse_times: usize,
    value: Option<&JsObject>,
) -> String {
    let entries = output.len();
    let output = if extras == Extras::Array && entries > 6 {
        group_array_elements(ctx, output, value)
    } else {
        output
    };
    if ctx.current_depth.saturating_sub(recurse_times) < ctx.opts.compact && entries == output.len()
    {
        let start = output.len()
            + ctx.indentation_lvl
            + display_width(&braces[0])
            + display_width(base)
            + 10;
        if is_below_break_length(ctx, &output, start, base) {
            let joined = output.join(", ");
            if !joined.contains('\n') {
                let b = if base.is_empty() {
                    String::new()
                } else {
                    format!("{base} ")
                };
                return format!("{b}{} {joined} {}", braces[0], braces[1]);
            }
        }
    }
    let indentation = format!("\n{}", " ".repeat(ctx.indentation_lvl));
    let b = if base.is_empty() {
        String::new()
    } else {
        format!("{base} ")
    };
    format!(
        "{b}{}{indentation}  {}{indentation}{}",
        braces[0],
        output.join(&format!(",{indentation}  ")),
        braces[1]
    )
}

fn is_below_break_length(ctx: &Ctx, output: &[String], start: usize, base: &str) -> bool {
    let mut total = output.len() + start;
    if total + output.len() > ctx.opts.break_length {
        return false;
    }
    for o in output {
        total += display_width(o);
        if total > ctx.opts.break_length {
            return false;
        }
    }
    base.is_empty() || !base.contains('\n')
}

fn group_array_elements(ctx: &Ctx, output: Vec<String>, value: Option<&JsObject>) -> Vec<String> {
    let mut total_length = 0usize;
    let mut max_length = 0usize;
    let mut output_length = output.len();
    if let Some(last) = output.last() {
        if last.starts_with("... ") && last.contains(" more item") {
            output_length -= 1;
        }
    }
    let separator_space = 2;
    let mut data_len = Vec::with_capacity(output_length);
    for o in output.iter().take(output_length) {
        let len = display_width(o);
        data_len.push(len);
        total_length += len + separator_space;
        if max_length < len {
            max_length = len;
        }
    }
    let actual_max = max_length + separator_space;
    if actual_max * 3 + ctx.indentation_lvl < ctx.opts.break_length
        && (total_length as f64 / actual_max as f64 > 5.0 || max_length <= 6)
    {
        let approx_char_heights = 2.5;
        let average_bias = (actual_max as f64 - total_length as f64 / output.len() as f64).sqrt();
        let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
        let columns = [
            ((approx_char_heights * biased_max * output_length as f64).sqrt() / biased_max).round()
                as usize,
            (ctx.opts.break_length - ctx.indentation_lvl) / actual_max,
            ctx.opts.compact * 4,
            15,
        ]
        .into_iter()
        .min()
        .unwrap_or(1);
        if columns <= 1 {
            return output;
        }
        let mut max_line_length = Vec::new();
        for i in 0..columns {
            let mut line_length = 0;
            let mut j = i;
            while j < output_length {
                if data_len[j] > line_length {
                    line_length = data_len[j];
                }
                j += columns;
            }
            max_line_length.push(line_length + separator_space);
        }
        let pad_start = match value {
            Some(o) => {
                let len = o.array_length() as usize;
                (0..output_length.min(len)).all(|i| {
                    matches!(
                        o.get_own_data(&PropertyKey::from(i)),
                        Some(Value::Number(_))
                    )
                })
            }
            None => false,
        };
        let mut tmp = Vec::new();
        let mut i = 0;
        while i < output_length {
            let max = (i + columns).min(output_length);
            let mut s = String::new();
            let mut j = i;
            while j < max - 1 {
                let cell = format!("{}, ", output[j]);
                let width = max_line_length[j - i];
                s.push_str(&pad(&cell, width, pad_start));
                j += 1;
            }
            if pad_start {
                let width = max_line_length[j - i] - separator_space;
                s.push_str(&pad(&output[j], width, true));
            } else {
                s.push_str(&output[j]);
            }
            tmp.push(s);
            i += columns;
        }
        if output_length < output.len() {
            tmp.push(output[output_length].clone());
        }
        return tmp;
    }
    output
}

fn pad(s: &str, width: usize, start: bool) -> String {
    let len = display_width(s);
    if len >= width {
        return s.to_string();
    }
    let fill = " ".repeat(width - len);
    if start {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

// ---------------------------------------------------------------------------
// util.format

/// `util.format(...args)` as `console.log` uses it.
pub fn format_log_args(interp: &mut Interp, args: &[Value]) -> JsResult<String> {
    let opts = InspectOptions::default();
    let mut out = String::new();
    let mut rest_start = 0;
    if let Some(Value::String(f)) = args.first() {
        rest_start = 1;
        let f = f.to_rust_string();
        if f.contains('%') {
            let mut chars = f.chars().peekable();
            let mut ai = 1;
            while let Some(c) = chars.next() {
                if c != '%' {
                    out.push(c);
                    continue;
                }
                let Some(&d) = chars.peek() else {
                    out.push('%');
                    break;
                };
                if d == '%' {
                    chars.next();
                    out.push('%');
                    continue;
                }
                if !matches!(d, 's' | 'd' | 'i' | 'f' | 'j' | 'o' | 'O' | 'c') {
                    out.push('%');
                    continue;
                }
                if ai >= args.len() {
                    out.push('%');
                    continue;
                }
                chars.next();
                let a = args[ai].clone();
                ai += 1;
                match d {
                    's' => match &a {
                        Value::String(s) => out.push_str(&s.to_rust_string()),
                        Value::Number(n) if *n == 0.0 && n.is_sign_negative() => out.push_str("-0"),
                        Value::Object(o) if !o.is_callable() && !has_user_to_string(o) => {
                            let o2 = InspectOptions {
                                depth: Some(0),
                                ..opts.clone()
                            };
                            out.push_str(&try_inspect(interp, &a, &o2)?);
                        }
                        Value::Symbol(s) => out.push_str(&s.descriptive_string()),
                        _ => out
                            .push_str(&crate::operations::to_string(interp, &a)?.to_rust_string()),
                    },
                    'd' | 'i' | 'f' => {
                        let n = match &a {
                            Value::Object(_) | Value::Symbol(_) => f64::NAN,
                            _ => crate::operations::to_number(interp, &a)?,
                        };
                        let n = match d {
                            'i' => {
                                if n.is_finite() {
                                    n.trunc()
                                } else {
                                    f64::NAN
                                }
                            }
                            'f' => {
                                let s = crate::operations::to_string(interp, &a)?.to_rust_string();
                                crate::number::string_to_number(&s)
                                    .max(f64::NAN)
                                    .min(f64::INFINITY)
                                    .to_owned()
                            }
                            _ => n,
                        };
                        out.push_str(&format_primitive(&Ctx::new(&opts), &Value::Number(n)));
                    }
                    'j' => {
                        let r =
                            crate::builtins::json::json_stringify(interp, &Value::Undefined, &[a]);
                        match r {
                            Ok(Value::String(s)) => out.push_str(&s.to_rust_string()),
                            Ok(_) => out.push_str("undefined"),
                            Err(_) => out.push_str("[Circular]"),
                        }
                    }
                    'o' => {
                        let o2 = InspectOptions {
                            depth: Some(4),
                            show_hidden: true,
                            ..opts.clone()
                        };
                        out.push_str(&try_inspect(interp, &a, &o2)?);
                    }
                    'O' => out.push_str(&try_inspect(interp, &a, &opts)?),
                    _ => {}
                }
            }
            rest_start = ai;
        } else {
            out.push_str(&f);
        }
    }
    for (i, a) in args.iter().enumerate().skip(rest_start) {
        if i > 0 {
            out.push(' ');
        }
        match a {
            Value::String(s) => out.push_str(&s.to_rust_string()),
            _ => out.push_str(&try_inspect(interp, a, &opts)?),
        }
    }
    Ok(out)
}

fn has_user_to_string(o: &JsObject) -> bool {
    // An own or inherited toString other than Object.prototype's / Error's.
    let key = PropertyKey::from("toString");
    let mut cur = Some(o.clone());
    while let Some(c) = cur {
        if let Some(PropertySlot::Data(Value::Object(f), _)) = c.own_slot_raw(&key) {
            return matches!(f.kind(), ObjectKind::Function(_))
                || matches!(o.kind(), ObjectKind::Error);
        }
        cur = c.prototype();
    }
    false
}

// ---------------------------------------------------------------------------
// --trace-context

fn scope_chain_names(interp: &Interp) -> Vec<String> {
    let mut names = Vec::new();
    let start = interp.lexical_env();
    let mut env = Some(start);
    while let Some(e) = env {
        let name = match e.kind() {
            crate::environment::EnvironmentKind::Function(f) => match &f.function_object {
                Some(fo) => {
                    let n = crate::function::function_name(fo);
                    if n.is_empty() {
                        "(anonymous)".to_string()
                    } else {
                        n
                    }
                }
                None => "module".into(),
            },
            crate::environment::EnvironmentKind::Global(_) => "global".into(),
            crate::environment::EnvironmentKind::Module => "module".into(),
            crate::environment::EnvironmentKind::Object(_) => "with".into(),
            crate::environment::EnvironmentKind::Declarative => e.label().to_string(),
        };
        names.push(name);
        env = e.outer().cloned();
    }
    names
}

fn variable_object(interp: &mut Interp) -> String {
    let env = interp.ctx().variable_environment.clone();
    let lex = interp.ctx().lexical_environment.clone();
    let opts = InspectOptions {
        depth: Some(0),
        ..InspectOptions::default()
    };
    let mut parts = Vec::new();
    let mut envs = vec![env.clone()];
    if lex != env {
        envs.push(lex);
    }
    for e in envs {
        let b = e.bindings();
        for slot in 0..b.len() {
            let Some(name) = b.name(slot) else { continue };
            if b.flags(slot) & crate::storage::BINDING_INITIALIZED == 0 {
                parts.push(format!("{name}: <uninitialized>"));
                continue;
            }
            let v = b.get(slot);
            parts.push(format!("{name}: {}", inspect(interp, &v, &opts)));
        }
    }
    parts.join(", ")
}

fn braced(entries: &str) -> String {
    if entries.is_empty() {
        "{}".into()
    } else {
        format!("{{ {entries} }}")
    }
}

fn this_description(interp: &mut Interp) -> String {
    // Arrows have no `this` of their own: show the one they close over.
    let this = if interp.get_this_environment().has_this_binding() {
        interp.resolve_this_binding().unwrap_or_default()
    } else {
        interp.ctx().this_binding.clone()
    };
    if let Value::Object(o) = &this {
        if *o == interp.realm.global_object {
            return "globalThis".into();
        }
    }
    let opts = InspectOptions {
        depth: Some(0),
        ..InspectOptions::default()
    };
    inspect(interp, &this, &opts)
}

fn frame_label(interp: &Interp) -> String {
    match interp.ctx().function.as_ref() {
        Some(f) => {
            let n = crate::function::function_name(f);
            if n.is_empty() {
                "(anonymous)".into()
            } else {
                n
            }
        }
        None => "global".into(),
    }
}

/// `--trace-context`: the context right after the creation phase.
pub fn trace_context_entry(interp: &mut Interp) {
    let indent = "  ".repeat(interp.trace_depth);
    let name = frame_label(interp);
    let chain = scope_chain_names(interp).join(" -> ");
    let vo = variable_object(interp);
    let this = this_description(interp);
    eprintln!("{indent}[enter] {name}");
    eprintln!("{indent}  scope chain: {chain}");
    eprintln!("{indent}  this: {this}");
    eprintln!(
        "{indent}  variable object (creation phase): {}",
        braced(&vo)
    );
    interp.trace_depth += 1;
}

/// `--trace-context`: the context when the function returns.
pub fn trace_context_exit(interp: &mut Interp, result: &JsResult<Value>) {
    interp.trace_depth = interp.trace_depth.saturating_sub(1);
    let indent = "  ".repeat(interp.trace_depth);
    let name = frame_label(interp);
    let vo = variable_object(interp);
    let opts = InspectOptions {
        depth: Some(0),
        ..InspectOptions::default()
    };
    let outcome = match result {
        Ok(v) => format!("returns {}", inspect(interp, v, &opts)),
        Err(crate::JsError::Throw(v)) => format!("throws {}", inspect(interp, v, &opts)),
        Err(_) => "unwinds".into(),
    };
    eprintln!(
        "{indent}  variable object (execution phase): {}",
        braced(&vo)
    );
    eprintln!("{indent}[exit] {name} {outcome}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_node() {
        assert_eq!(quote_string("a"), "'a'");
        assert_eq!(quote_string("it's"), "\"it's\"");
        assert_eq!(quote_string("a\"b'c"), "`a\"b'c`");
        assert_eq!(quote_string("x\ny"), "'x\\ny'");
    }

    #[test]
    fn prefixes() {
        assert_eq!(
            get_prefix(&None, "", "Object", ""),
            "[Object: null prototype] "
        );
        assert_eq!(get_prefix(&Some("Map".into()), "", "Map", "(1)"), "Map(1) ");
        assert_eq!(
            get_prefix(&Some("Object".into()), "Generator", "Object", ""),
            "Object [Generator] "
        );
    }
}
