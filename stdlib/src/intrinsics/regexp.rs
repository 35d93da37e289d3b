//! %RegExp%, %RegExp.prototype%, %RegExpStringIteratorPrototype% and the
//! RegExp-based methods of %String.prototype% (match, matchAll, search) —
//! ECMA-262 §22.2 and §22.1.3, on the `regress` engine.
//!
//! JavaScript strings are UTF-16. ASCII strings are matched as UTF-8 text
//! (byte offsets are then code-unit offsets); other strings are matched with
//! regress's UTF-16 input under the `u`/`v` flags (a surrogate pair is one
//! character, a lone surrogate matches itself) and with its UCS-2 input
//! otherwise (every code unit is a character). Offsets come back in code
//! units, as the spec's indices are. Without `u`/`v` the pattern is given to
//! regress code unit by code unit too, except group names, where a surrogate
//! pair is one identifier character.
//!
//! Compiled patterns are cached per realm by source and flags (a regular
//! expression literal in a loop compiles once). When a regexp's protocol is
//! untouched (its own `exec`, `flags` and flag getters are the built-in
//! ones, `lastIndex` a writable number), the global forms of @@replace and
//! @@match and all of @@split run the matcher directly instead of building
//! an exec result per match; what the program can observe is the same.
//!
//! Departures, on purpose:
//! - A sticky (`y`) match must start exactly at `lastIndex`, and regress can
//!   only search forward. A sticky regexp therefore also gets a second
//!   matcher, `(?:P)|()`, whose empty last alternative succeeds wherever `P`
//!   fails, so the search stops at `lastIndex` either way; a set last group
//!   means "no match". Patterns with a numbered back reference (`\1`...)
//!   keep the plain search and accept only a match that starts at
//!   `lastIndex` (the extra group could change what `\N` means).
//! - regress backtracks without a step limit: a catastrophic pattern such as
//!   `/(a+)+$/` on a long non-matching input runs for exponential time (as
//!   V8 does without its backtrack limit) but does not crash. A panic inside
//!   the engine is caught and thrown as a RangeError.

// gc_derive expands to impls inside a const block (see interp/src/lib.rs).
#![allow(non_local_definitions)]

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use gc::{unsafe_empty_trace, Finalize, Trace};
use interp::builtins::make_constructor;
use interp::function::{define_methods, define_native_accessor, define_symbol_methods};
use interp::object::HostObject;
use interp::operations::{
    self, create_array_from_list, create_iter_result_object, get, get_str, is_callable, is_regexp,
    length_of_array_like, same_value, to_boolean, to_integer_or_infinity, to_length, to_object,
    to_string, to_uint32,
};
use interp::storage::PropertySlot;
use interp::string::JsStringBuilder;
use interp::{Attributes, Interp, JsObject, JsResult, JsString, ObjectKind, PropertyKey, Value};
use regress::Regex;

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

const fn is_high_surrogate(u: u16) -> bool {
    matches!(u, 0xD800..=0xDBFF)
}

const fn is_low_surrogate(u: u16) -> bool {
    matches!(u, 0xDC00..=0xDFFF)
}

// ---------------------------------------------------------------------------
// The RegExp object's internal slots.

/// The flags of a regexp, parsed from [[OriginalFlags]].
#[derive(Clone, Copy, Default)]
struct Flags {
    has_indices: bool,
    global: bool,
    ignore_case: bool,
    multiline: bool,
    dot_all: bool,
    unicode: bool,
    unicode_sets: bool,
    sticky: bool,
}

impl Flags {
    /// Parses a flags string; `None` for an unknown or repeated flag, or for
    /// `u` together with `v` (RegExpInitialize steps 4-5).
    fn parse(s: &JsString) -> Option<Flags> {
        let mut f = Flags::default();
        for u in s.code_units().iter() {
            let slot = match char::from_u32(u32::from(*u))? {
                'd' => &mut f.has_indices,
                'g' => &mut f.global,
                'i' => &mut f.ignore_case,
                'm' => &mut f.multiline,
                's' => &mut f.dot_all,
                'u' => &mut f.unicode,
                'v' => &mut f.unicode_sets,
                'y' => &mut f.sticky,
                _ => return None,
            };
            if *slot {
                return None;
            }
            *slot = true;
        }
        if f.unicode && f.unicode_sets {
            return None;
        }
        Some(f)
    }

    fn full_unicode(self) -> bool {
        self.unicode || self.unicode_sets
    }

    fn engine_flags(self) -> regress::Flags {
        regress::Flags {
            icase: self.ignore_case,
            multiline: self.multiline,
            dot_all: self.dot_all,
            unicode: self.unicode,
            unicode_sets: self.unicode_sets,
            ..Default::default()
        }
    }
}

/// [[OriginalSource]], [[OriginalFlags]] and [[RegExpMatcher]] of a RegExp
/// instance (ECMA-262 §22.2.3.1 RegExpAlloc); empty until RegExpInitialize.
pub struct RegExpData {
    source: RefCell<JsString>,
    flags_text: RefCell<JsString>,
    flags: Cell<Flags>,
    matcher: RefCell<Option<Rc<Regex>>>,
    /// `(?:P)|()`, built on the first sticky match (see the module doc).
    sticky_matcher: RefCell<Option<Rc<Regex>>>,
}

impl RegExpData {
    /// [[OriginalSource]] and [[OriginalFlags]].
    pub fn original(&self) -> (JsString, JsString) {
        (
            self.source.borrow().clone(),
            self.flags_text.borrow().clone(),
        )
    }
}

impl Finalize for RegExpData {}
// Safety: a RegExpData holds strings and compiled regexes, no `Gc` pointers.
unsafe impl Trace for RegExpData {
    unsafe_empty_trace!();
}

impl HostObject for RegExpData {
    fn class_name(&self) -> &str {
        "RegExp"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl RegExpData {
    fn new() -> RegExpData {
        RegExpData {
            source: RefCell::new(JsString::empty()),
            flags_text: RefCell::new(JsString::empty()),
            flags: Cell::new(Flags::default()),
            matcher: RefCell::new(None),
            sticky_matcher: RefCell::new(None),
        }
    }
}

/// The RegExp internal slots of `v`, if it is an initialized RegExp.
fn regexp_data(v: &Value) -> Option<&RegExpData> {
    v.as_object()?.host::<RegExpData>()
}

fn regexp_prototype(interp: &Interp) -> Option<JsObject> {
    interp.realm.intrinsics.constructor("%RegExp.prototype%")
}

fn regexp_constructor_object(interp: &Interp) -> Option<JsObject> {
    interp.realm.intrinsics.constructor("RegExp")
}

// ---------------------------------------------------------------------------
// Compiling and matching.

/// The realm's cache of compiled patterns, by (source, flags).
struct RegExpCache {
    map: RefCell<std::collections::HashMap<(JsString, JsString), Rc<Regex>>>,
}

impl Finalize for RegExpCache {}
// Safety: the cache holds strings and compiled regexes, no `Gc` pointers.
unsafe impl Trace for RegExpCache {
    unsafe_empty_trace!();
}

impl HostObject for RegExpCache {
    fn class_name(&self) -> &str {
        "RegExpCache"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Entries kept before the cache starts over.
const CACHE_LIMIT: usize = 512;

/// The compiled matcher for `p` with `flags`, from the cache or compiled.
fn cached_compile(
    interp: &Interp,
    p: &JsString,
    f: &JsString,
    flags: Flags,
) -> Result<Rc<Regex>, String> {
    let cache = interp.realm.intrinsics.constructor("%RegExpCache%");
    let cache = cache.as_ref().and_then(|c| c.host::<RegExpCache>());
    let key = (p.clone(), f.clone());
    if let Some(re) = cache.and_then(|c| c.map.borrow().get(&key).cloned()) {
        return Ok(re);
    }
    let re = Rc::new(compile(
        pattern_code_points(p, flags.full_unicode()),
        flags,
    )?);
    if let Some(c) = cache {
        let mut map = c.map.borrow_mut();
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        map.insert(key, re.clone());
    }
    Ok(re)
}

/// The pattern as regress reads it: code points under `u`/`v`, code units
/// otherwise (but a surrogate pair inside a group name is one character).
fn pattern_code_points(p: &JsString, full_unicode: bool) -> Vec<u32> {
    let units = p.code_units();
    let mut out = Vec::with_capacity(units.len());
    let mut in_name = false;
    let mut in_class = false;
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        let next = units.get(i + 1).copied();
        if let Some(lo) = next.filter(|&lo| is_high_surrogate(u) && is_low_surrogate(lo)) {
            if full_unicode || in_name {
                out.push(0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(lo) - 0xDC00));
                i += 2;
                continue;
            }
        }
        if !full_unicode {
            if in_name {
                in_name = u != u16::from(b'>');
            } else if u == u16::from(b'\\') {
                out.push(u32::from(u));
                if let Some(n) = next {
                    out.push(u32::from(n));
                    in_name = n == u16::from(b'k') && units.get(i + 2) == Some(&u16::from(b'<'));
                }
                i += 2;
                continue;
            } else if in_class {
                in_class = u != u16::from(b']');
            } else if u == u16::from(b'[') {
                in_class = true;
            } else if u == u16::from(b'(') {
                let rest = &units[i + 1..];
                in_name = rest.len() > 2
                    && rest[0] == u16::from(b'?')
                    && rest[1] == u16::from(b'<')
                    && rest[2] != u16::from(b'=')
                    && rest[2] != u16::from(b'!');
            }
        }
        out.push(u32::from(u));
        i += 1;
    }
    out
}

/// Whether the pattern has a `\1`..`\9` escape (a possible back reference).
fn has_numbered_escape(p: &[u32]) -> bool {
    let mut i = 0;
    while i + 1 < p.len() {
        if p[i] == u32::from(b'\\') {
            if (u32::from(b'1')..=u32::from(b'9')).contains(&p[i + 1]) {
                return true;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

fn compile(points: Vec<u32>, flags: Flags) -> Result<Regex, String> {
    let engine_flags = flags.engine_flags();
    match catch_unwind(AssertUnwindSafe(|| {
        Regex::from_unicode(points.into_iter(), engine_flags)
    })) {
        Ok(Ok(re)) => Ok(re),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("the regular expression engine failed".into()),
    }
}

/// Runs `re` forward from code unit `start`; `Err` if the engine panicked.
fn find_from(
    re: &Regex,
    s: &JsString,
    start: usize,
    full_unicode: bool,
) -> Result<Option<regress::Match>, ()> {
    catch_unwind(AssertUnwindSafe(|| match s.as_ascii() {
        Some(text) => re.find_from(text, start).next(),
        None => {
            let units = s.code_units();
            if full_unicode {
                re.find_from_utf16(&units, start).next()
            } else {
                re.find_from_ucs2(&units, start).next()
            }
        }
    }))
    .map_err(|_| ())
}

/// A match that starts exactly at `start` (the sticky flag).
fn find_at(
    d: &RegExpData,
    re: &Regex,
    s: &JsString,
    start: usize,
) -> Result<Option<regress::Match>, ()> {
    let flags = d.flags.get();
    if d.sticky_matcher.borrow().is_none() {
        let points = pattern_code_points(&d.source.borrow(), flags.full_unicode());
        if !has_numbered_escape(&points) {
            let mut wrapped: Vec<u32> = "(?:".chars().map(u32::from).collect();
            wrapped.extend(points);
            wrapped.extend(")|()".chars().map(u32::from));
            if let Ok(re) = compile(wrapped, flags) {
                *d.sticky_matcher.borrow_mut() = Some(Rc::new(re));
            }
        }
    }
    let sticky = d.sticky_matcher.borrow().clone();
    match sticky {
        Some(sre) => {
            let m = find_from(&sre, s, start, flags.full_unicode())?;
            Ok(m.and_then(|mut m| {
                let sentinel = m.captures.pop().flatten();
                (m.start() == start && sentinel.is_none()).then_some(m)
            }))
        }
        None => Ok(find_from(re, s, start, flags.full_unicode())?.filter(|m| m.start() == start)),
    }
}

// ---------------------------------------------------------------------------
// Abstract operations.

/// RegExpAlloc ( newTarget ) — ECMA-262 §22.2.3.2
fn regexp_alloc(interp: &mut Interp, new_target: &Value) -> JsResult<JsObject> {
    let default = match regexp_prototype(interp) {
        Some(p) => p,
        None => interp.realm.intrinsics.object_prototype.clone(),
    };
    let o = operations::ordinary_create_from_constructor(
        interp,
        new_target,
        default,
        ObjectKind::Host(Box::new(RegExpData::new())),
    )?;
    o.define_value(
        "lastIndex",
        Value::Undefined,
        Attributes::new(true, false, false),
    );
    Ok(o)
}

/// RegExpInitialize ( obj, pattern, flags ) — ECMA-262 §22.2.3.3
fn regexp_initialize(
    interp: &mut Interp,
    obj: &JsObject,
    pattern: &Value,
    flags: &Value,
) -> JsResult<Value> {
    // 1-4. P and F as strings.
    let p = match pattern {
        Value::Undefined => JsString::empty(),
        v => to_string(interp, v)?,
    };
    let f = match flags {
        Value::Undefined => JsString::empty(),
        v => to_string(interp, v)?,
    };
    // 5. Unknown or repeated flags are a SyntaxError.
    let Some(parsed) = Flags::parse(&f) else {
        return Err(interp.syntax_error(format!(
            "Invalid flags supplied to RegExp constructor '{f}'"
        )));
    };
    // 10-13. Parse the pattern.
    let re = match cached_compile(interp, &p, &f, parsed) {
        Ok(re) => re,
        Err(e) => {
            return Err(interp.syntax_error(format!("Invalid regular expression: /{p}/{f}: {e}")))
        }
    };
    let Some(d) = obj.host::<RegExpData>() else {
        return Err(interp.type_error("RegExpInitialize called on a non-RegExp"));
    };
    *d.source.borrow_mut() = p;
    *d.flags_text.borrow_mut() = f;
    d.flags.set(parsed);
    *d.matcher.borrow_mut() = Some(re);
    *d.sticky_matcher.borrow_mut() = None;
    // 16. Perform ? Set(obj, "lastIndex", +0𝔽, true).
    operations::set(
        interp,
        obj,
        PropertyKey::from("lastIndex"),
        Value::from(0),
        true,
    )?;
    Ok(Value::Object(obj.clone()))
}

/// RegExpCreate ( P, F ) — ECMA-262 §22.2.3.1
pub fn regexp_create(interp: &mut Interp, p: &Value, f: &Value) -> JsResult<Value> {
    let ctor = regexp_constructor_object(interp)
        .map(Value::Object)
        .unwrap_or_default();
    let obj = regexp_alloc(interp, &ctor)?;
    regexp_initialize(interp, &obj, p, f)
}

/// EscapeRegExpPattern ( P, F ) — ECMA-262 §22.2.6.13.1, in V8's form: `/`
/// outside a class and line terminators are escaped.
fn escape_regexp_pattern(p: &JsString) -> JsString {
    if p.is_empty() {
        return JsString::from("(?:)");
    }
    let mut b = JsStringBuilder::new();
    let mut escaped = false;
    let mut in_class = false;
    for &u in p.code_units().iter() {
        let line = match u {
            0x0A => Some("n"),
            0x0D => Some("r"),
            0x2028 => Some("u2028"),
            0x2029 => Some("u2029"),
            _ => None,
        };
        if let Some(l) = line {
            if !escaped {
                b.push_code_unit(u16::from(b'\\'));
            }
            b.push_rust_str(l);
            escaped = false;
            continue;
        }
        if escaped {
            escaped = false;
        } else if u == u16::from(b'\\') {
            escaped = true;
        } else if u == u16::from(b'/') && !in_class {
            b.push_code_unit(u16::from(b'\\'));
        } else if u == u16::from(b'[') {
            in_class = true;
        } else if u == u16::from(b']') {
            in_class = false;
        }
        b.push_code_unit(u);
    }
    b.build()
}

/// AdvanceStringIndex ( S, index, unicode ) — ECMA-262 §22.2.7.3
pub fn advance_string_index(s: &JsString, index: f64, unicode: bool) -> f64 {
    if !unicode || index + 1.0 >= s.len() as f64 {
        return index + 1.0;
    }
    let step = s.code_point_at(index as usize).map_or(1, |(_, n)| n);
    index + step as f64
}

fn set_last_index(interp: &mut Interp, r: &JsObject, v: f64) -> JsResult<()> {
    operations::set(
        interp,
        r,
        PropertyKey::from("lastIndex"),
        Value::from(v),
        true,
    )
}

fn get_last_index(interp: &mut Interp, r: &JsObject) -> JsResult<f64> {
    let v = get_str(interp, r, "lastIndex")?;
    to_length(interp, &v)
}

fn substring_value(s: &JsString, r: &Option<regress::Range>) -> Value {
    match r {
        Some(r) => Value::String(s.substring(r.start, r.end)),
        None => Value::Undefined,
    }
}

fn index_pair(interp: &mut Interp, r: &Option<regress::Range>) -> Value {
    match r {
        Some(r) => Value::Object(create_array_from_list(
            interp,
            vec![Value::from(r.start), Value::from(r.end)],
        )),
        None => Value::Undefined,
    }
}

fn null_proto_object(interp: &mut Interp) -> JsObject {
    interp.alloc_object(None, ObjectKind::Ordinary)
}

/// RegExpBuiltinExec ( R, S ) — ECMA-262 §22.2.7.2
fn regexp_builtin_exec(interp: &mut Interp, r: &JsObject, s: &JsString) -> JsResult<Value> {
    let length = s.len();
    // 2. Let lastIndex be ℝ(? ToLength(? Get(R, "lastIndex"))).
    let mut last_index = get_last_index(interp, r)?;
    let Some(d) = r.host::<RegExpData>() else {
        return Err(interp.type_error("RegExp exec method called on an incompatible receiver"));
    };
    let flags = d.flags.get();
    let Some(matcher) = d.matcher.borrow().clone() else {
        return Err(interp.type_error("RegExp exec method called on an uninitialized RegExp"));
    };
    let (global, sticky) = (flags.global, flags.sticky);
    let full_unicode = flags.full_unicode();
    // 5. If global is false and sticky is false, set lastIndex to 0.
    if !global && !sticky {
        last_index = 0.0;
    }
    // 10.a. Past the end: no match.
    if last_index > length as f64 {
        if global || sticky {
            set_last_index(interp, r, 0.0)?;
        }
        return Ok(Value::Null);
    }
    let last_index = last_index as usize;
    // 10.b. The character that contains code unit lastIndex.
    let mut start = last_index;
    if full_unicode
        && start > 0
        && s.code_unit_at(start).is_some_and(is_low_surrogate)
        && s.code_unit_at(start - 1).is_some_and(is_high_surrogate)
    {
        start -= 1;
    }
    let found = if sticky {
        find_at(d, &matcher, s, start)
    } else {
        find_from(&matcher, s, start, full_unicode)
    };
    let found = match found {
        Ok(m) => m,
        Err(()) => return Err(interp.range_error("Regular expression engine failure")),
    };
    let Some(m) = found else {
        if global || sticky {
            set_last_index(interp, r, 0.0)?;
        }
        return Ok(Value::Null);
    };
    let index = if m.start() == start {
        last_index
    } else {
        m.start()
    };
    let e = m.end();
    // 13. If global or sticky, Set(R, "lastIndex", e, true).
    if global || sticky {
        set_last_index(interp, r, e as f64)?;
    }
    // 16-33. The result array.
    let mut values = Vec::with_capacity(m.captures.len() + 1);
    values.push(Value::String(s.substring(index, e.max(index))));
    for c in &m.captures {
        values.push(substring_value(s, c));
    }
    let a = create_array_from_list(interp, values);
    a.define_value("index", Value::from(index), Attributes::all());
    a.define_value("input", Value::String(s.clone()), Attributes::all());
    let named: Vec<(String, Option<regress::Range>)> =
        m.named_groups().map(|(n, r)| (n.to_string(), r)).collect();
    let groups = if named.is_empty() {
        Value::Undefined
    } else {
        let g = null_proto_object(interp);
        for (name, range) in &named {
            g.define_value(name.as_str(), substring_value(s, range), Attributes::all());
        }
        Value::Object(g)
    };
    a.define_value("groups", groups, Attributes::all());
    if flags.has_indices {
        let mut pairs = vec![index_pair(interp, &Some(index..e))];
        for c in &m.captures {
            pairs.push(index_pair(interp, c));
        }
        let indices = create_array_from_list(interp, pairs);
        let index_groups = if named.is_empty() {
            Value::Undefined
        } else {
            let g = null_proto_object(interp);
            for (name, range) in &named {
                let pair = index_pair(interp, range);
                g.define_value(name.as_str(), pair, Attributes::all());
            }
            Value::Object(g)
        };
        indices.define_value("groups", index_groups, Attributes::all());
        a.define_value("indices", Value::Object(indices), Attributes::all());
    }
    Ok(Value::Object(a))
}

/// RegExpExec ( R, S ) — ECMA-262 §22.2.7.1
pub fn regexp_exec(interp: &mut Interp, r: &JsObject, s: &JsString) -> JsResult<Value> {
    let exec = get_str(interp, r, "exec")?;
    if is_callable(&exec) {
        let result = interp.call(
            &exec,
            &Value::Object(r.clone()),
            &[Value::String(s.clone())],
        )?;
        if !matches!(result, Value::Object(_) | Value::Null) {
            return Err(interp.type_error("The result of RegExp exec must be an object or null"));
        }
        return Ok(result);
    }
    if r.host::<RegExpData>().is_none() {
        return Err(interp.type_error("RegExp exec method called on an incompatible receiver"));
    }
    regexp_builtin_exec(interp, r, s)
}

fn this_object(interp: &mut Interp, this: &Value, method: &str) -> JsResult<JsObject> {
    match this {
        Value::Object(o) => Ok(o.clone()),
        v => {
            let shown = interp::inspect::short_description(interp, v);
            Err(interp.type_error(format!(
                "Method {method} called on incompatible receiver {shown}"
            )))
        }
    }
}

fn flags_of(interp: &mut Interp, rx: &JsObject) -> JsResult<JsString> {
    let f = get_str(interp, rx, "flags")?;
    to_string(interp, &f)
}

fn contains_unit(s: &JsString, c: u8) -> bool {
    s.code_units().contains(&u16::from(c))
}

// ---------------------------------------------------------------------------
// Running the matcher directly on an untouched regexp.

/// The accessors of %RegExp.prototype% whose built-in getters the direct
/// paths rely on (registered by `install` as `%RegExp.prototype.NAME%`).
const FLAG_ACCESSORS: [(&str, &str); 9] = [
    ("flags", "%RegExp.prototype.flags%"),
    ("hasIndices", "%RegExp.prototype.hasIndices%"),
    ("global", "%RegExp.prototype.global%"),
    ("ignoreCase", "%RegExp.prototype.ignoreCase%"),
    ("multiline", "%RegExp.prototype.multiline%"),
    ("dotAll", "%RegExp.prototype.dotAll%"),
    ("unicode", "%RegExp.prototype.unicode%"),
    ("unicodeSets", "%RegExp.prototype.unicodeSets%"),
    ("sticky", "%RegExp.prototype.sticky%"),
];

/// Whether `rx` is a RegExp whose exec, flags and lastIndex behave as the
/// built-ins do, so that running the matcher directly is unobservable.
fn is_pristine(interp: &Interp, rx: &JsObject) -> bool {
    let intrinsics = &interp.realm.intrinsics;
    let Some(proto) = regexp_prototype(interp) else {
        return false;
    };
    if rx.host::<RegExpData>().is_none() || rx.prototype().as_ref() != Some(&proto) {
        return false;
    }
    let keys = rx.own_property_keys();
    if keys.len() != 1 {
        return false;
    }
    match rx.own_slot_raw(&PropertyKey::from("lastIndex")) {
        Some(PropertySlot::Data(Value::Number(_), a)) if a.writable() => {}
        _ => return false,
    }
    let exec = intrinsics.constructor("%RegExp.prototype.exec%");
    match (proto.own_slot_raw(&PropertyKey::from("exec")), exec) {
        (Some(PropertySlot::Data(Value::Object(f), _)), Some(e)) if f == e => {}
        _ => return false,
    }
    FLAG_ACCESSORS.iter().all(|(key, name)| {
        match (
            proto.own_slot_raw(&PropertyKey::from(*key)),
            intrinsics.constructor(name),
        ) {
            (Some(PropertySlot::Accessor(Some(g), _, _)), Some(original)) => g == original,
            _ => false,
        }
    })
}

/// One match found by running the matcher directly: its range, capture
/// ranges and named groups (in code units).
struct DirectMatch {
    start: usize,
    end: usize,
    captures: Vec<Option<regress::Range>>,
    named: Vec<(String, Option<regress::Range>)>,
}

/// Every match a global exec loop over `s` would find (RegExpBuiltinExec
/// repeated, with AdvanceStringIndex after empty matches).
fn direct_matches(interp: &mut Interp, rx: &JsObject, s: &JsString) -> JsResult<Vec<DirectMatch>> {
    let Some(d) = rx.host::<RegExpData>() else {
        return Ok(Vec::new());
    };
    let Some(matcher) = d.matcher.borrow().clone() else {
        return Ok(Vec::new());
    };
    let flags = d.flags.get();
    let full_unicode = flags.full_unicode();
    let mut out = Vec::new();
    let mut pos = 0usize;
    while pos <= s.len() {
        let found = if flags.sticky {
            find_at(d, &matcher, s, pos)
        } else {
            find_from(&matcher, s, pos, full_unicode)
        };
        let Some(m) =
            found.map_err(|()| interp.range_error("Regular expression engine failure"))?
        else {
            break;
        };
        let (start, end) = (m.start(), m.end());
        pos = if end == start {
            advance_string_index(s, end as f64, full_unicode) as usize
        } else {
            end
        };
        let named = m.named_groups().map(|(n, r)| (n.to_string(), r)).collect();
        out.push(DirectMatch {
            start,
            end,
            captures: m.captures,
            named,
        });
    }
    Ok(out)
}

/// The groups object of a direct match (undefined without named groups).
fn direct_groups(interp: &mut Interp, s: &JsString, m: &DirectMatch) -> Value {
    if m.named.is_empty() {
        return Value::Undefined;
    }
    let g = null_proto_object(interp);
    for (name, range) in &m.named {
        g.define_value(name.as_str(), substring_value(s, range), Attributes::all());
    }
    Value::Object(g)
}

// ---------------------------------------------------------------------------
// The constructor.

/// RegExp ( pattern, flags ) — ECMA-262 §22.2.4.1
fn regexp_constructor(
    interp: &mut Interp,
    new_target: Option<&Value>,
    args: &[Value],
) -> JsResult<Value> {
    let pattern = arg(args, 0);
    let flags = arg(args, 1);
    // 1. Let patternIsRegExp be ? IsRegExp(pattern).
    let pattern_is_regexp = is_regexp(interp, &pattern)?;
    // 2-3. newTarget; a call with a regexp and no flags returns it.
    let new_target = match new_target {
        Some(nt) => nt.clone(),
        None => {
            let nt = interp
                .active_function()
                .map(Value::Object)
                .unwrap_or_default();
            if let (true, true, Value::Object(p)) =
                (pattern_is_regexp, flags.is_undefined(), &pattern)
            {
                let pc = get_str(interp, p, "constructor")?;
                if same_value(&nt, &pc) {
                    return Ok(pattern);
                }
            }
            nt
        }
    };
    // 4-6. P and F.
    let (p, f) = if let Some(d) = regexp_data(&pattern) {
        let src = Value::String(d.source.borrow().clone());
        let f = if flags.is_undefined() {
            Value::String(d.flags_text.borrow().clone())
        } else {
            flags
        };
        (src, f)
    } else if let (true, Value::Object(po)) = (pattern_is_regexp, &pattern) {
        let src = get_str(interp, po, "source")?;
        let f = if flags.is_undefined() {
            get_str(interp, po, "flags")?
        } else {
            flags
        };
        (src, f)
    } else {
        (pattern, flags)
    };
    // 7-8.
    let o = regexp_alloc(interp, &new_target)?;
    regexp_initialize(interp, &o, &p, &f)
}

fn regexp_call(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    regexp_constructor(interp, None, args)
}

fn regexp_construct(interp: &mut Interp, new_target: &Value, args: &[Value]) -> JsResult<Value> {
    regexp_constructor(interp, Some(new_target), args)
}

/// get RegExp [ @@species ] — ECMA-262 §22.2.5.2
fn get_species(_interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(this.clone())
}

/// RegExp.prototype.compile ( pattern, flags ) — ECMA-262 §B.2.4.1
fn regexp_compile(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let Some(o) = this
        .as_object()
        .filter(|o| o.host::<RegExpData>().is_some())
    else {
        return Err(interp.type_error("RegExp.prototype.compile called on incompatible receiver"));
    };
    let o = o.clone();
    let (pattern, flags) = (arg(args, 0), arg(args, 1));
    let (p, f) = match regexp_data(&pattern) {
        Some(d) => {
            if !flags.is_undefined() {
                return Err(interp
                    .type_error("Cannot supply flags when constructing one RegExp from another"));
            }
            (
                Value::String(d.source.borrow().clone()),
                Value::String(d.flags_text.borrow().clone()),
            )
        }
        None => (pattern, flags),
    };
    regexp_initialize(interp, &o, &p, &f)
}

// ---------------------------------------------------------------------------
// Accessors of %RegExp.prototype%.

/// RegExpHasFlag ( R, codeUnit ) — ECMA-262 §22.2.6.4.1
fn regexp_has_flag(interp: &mut Interp, this: &Value, flag: u8, name: &str) -> JsResult<Value> {
    let Value::Object(o) = this else {
        let shown = interp::inspect::short_description(interp, this);
        return Err(interp.type_error(format!(
            "RegExp.prototype.{name} getter called on non-object {shown}"
        )));
    };
    if let Some(d) = o.host::<RegExpData>() {
        return Ok(Value::Bool(contains_unit(&d.flags_text.borrow(), flag)));
    }
    if regexp_prototype(interp).as_ref() == Some(o) {
        return Ok(Value::Undefined);
    }
    Err(interp.type_error(format!(
        "RegExp.prototype.{name} getter called on non-RegExp object"
    )))
}

fn get_has_indices(interp: &mut Interp, this: &Value, _: &[Value]) -> JsResult<Value> {
    regexp_has_flag(interp, this, b'd', "hasIndices")
}
fn get_global(interp: &mut Interp, this: &Value, _: &[Value]) -> JsResult<Value> {
    regexp_has_flag(interp, this, b'g', "global")
}
fn get_ignore_case(interp: &mut Interp, this: &Value, _: &[Value]) -> JsResult<Value> {
    regexp_has_flag(interp, this, b'i', "ignoreCase")
}
fn get_multiline(interp: &mut Interp, this: &Value, _: &[Value]) -> JsResult<Value> {
    regexp_has_flag(interp, this, b'm', "multiline")
}
fn get_dot_all(interp: &mut Interp, this: &Value, _: &[Value]) -> JsResult<Value> {
    regexp_has_flag(interp, this, b's', "dotAll")
}
fn get_unicode(interp: &mut Interp, this: &Value, _: &[Value]) -> JsResult<Value> {
    regexp_has_flag(interp, this, b'u', "unicode")
}
fn get_unicode_sets(interp: &mut Interp, this: &Value, _: &[Value]) -> JsResult<Value> {
    regexp_has_flag(interp, this, b'v', "unicodeSets")
}
fn get_sticky(interp: &mut Interp, this: &Value, _: &[Value]) -> JsResult<Value> {
    regexp_has_flag(interp, this, b'y', "sticky")
}

/// get RegExp.prototype.flags — ECMA-262 §22.2.6.4
fn get_flags(interp: &mut Interp, this: &Value, _: &[Value]) -> JsResult<Value> {
    let Value::Object(o) = this else {
        let shown = interp::inspect::short_description(interp, this);
        return Err(interp.type_error(format!(
            "RegExp.prototype.flags getter called on non-object {shown}"
        )));
    };
    let mut out = String::new();
    for (name, c) in [
        ("hasIndices", 'd'),
        ("global", 'g'),
        ("ignoreCase", 'i'),
        ("multiline", 'm'),
        ("dotAll", 's'),
        ("unicode", 'u'),
        ("unicodeSets", 'v'),
        ("sticky", 'y'),
    ] {
        let v = get_str(interp, o, name)?;
        if to_boolean(&v) {
            out.push(c);
        }
    }
    Ok(Value::from(out))
}

/// get RegExp.prototype.source — ECMA-262 §22.2.6.13
fn get_source(interp: &mut Interp, this: &Value, _: &[Value]) -> JsResult<Value> {
    let Value::Object(o) = this else {
        let shown = interp::inspect::short_description(interp, this);
        return Err(interp.type_error(format!(
            "RegExp.prototype.source getter called on non-object {shown}"
        )));
    };
    if let Some(d) = o.host::<RegExpData>() {
        return Ok(Value::String(escape_regexp_pattern(&d.source.borrow())));
    }
    if regexp_prototype(interp).as_ref() == Some(o) {
        return Ok(Value::from("(?:)"));
    }
    Err(interp.type_error("RegExp.prototype.source getter called on non-RegExp object"))
}

// ---------------------------------------------------------------------------
// Methods of %RegExp.prototype%.

/// RegExp.prototype.exec ( string ) — ECMA-262 §22.2.6.2
fn regexp_proto_exec(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let Some(r) = this
        .as_object()
        .filter(|o| o.host::<RegExpData>().is_some())
    else {
        let shown = interp::inspect::short_description(interp, this);
        return Err(interp.type_error(format!(
            "Method RegExp.prototype.exec called on incompatible receiver {shown}"
        )));
    };
    let r = r.clone();
    let s = to_string(interp, &arg(args, 0))?;
    regexp_builtin_exec(interp, &r, &s)
}

/// RegExp.prototype.test ( S ) — ECMA-262 §22.2.6.16
fn regexp_proto_test(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let r = this_object(interp, this, "RegExp.prototype.test")?;
    let s = to_string(interp, &arg(args, 0))?;
    let m = regexp_exec(interp, &r, &s)?;
    Ok(Value::Bool(!m.is_null()))
}

/// RegExp.prototype.toString ( ) — ECMA-262 §22.2.6.17
pub fn regexp_proto_to_string(
    interp: &mut Interp,
    this: &Value,
    _args: &[Value],
) -> JsResult<Value> {
    let r = this_object(interp, this, "RegExp.prototype.toString")?;
    let src = get_str(interp, &r, "source")?;
    let src = to_string(interp, &src)?;
    let flags = flags_of(interp, &r)?;
    let mut b = JsStringBuilder::new();
    b.push_code_unit(u16::from(b'/'));
    b.push_str(&src);
    b.push_code_unit(u16::from(b'/'));
    b.push_str(&flags);
    Ok(Value::String(b.build()))
}

/// RegExp.prototype [ @@match ] ( string ) — ECMA-262 §22.2.6.8
fn regexp_proto_match(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let rx = this_object(interp, this, "RegExp.prototype[Symbol.match]")?;
    let s = to_string(interp, &arg(args, 0))?;
    let flags = flags_of(interp, &rx)?;
    if !contains_unit(&flags, b'g') {
        return regexp_exec(interp, &rx, &s);
    }
    let full_unicode = contains_unit(&flags, b'u') || contains_unit(&flags, b'v');
    set_last_index(interp, &rx, 0.0)?;
    if is_pristine(interp, &rx) {
        let matches = direct_matches(interp, &rx, &s)?;
        set_last_index(interp, &rx, 0.0)?;
        if matches.is_empty() {
            return Ok(Value::Null);
        }
        let found = matches
            .iter()
            .map(|m| Value::String(s.substring(m.start, m.end)))
            .collect();
        return Ok(Value::Object(create_array_from_list(interp, found)));
    }
    let mut found = Vec::new();
    loop {
        let result = regexp_exec(interp, &rx, &s)?;
        let Value::Object(result) = result else {
            if found.is_empty() {
                return Ok(Value::Null);
            }
            return Ok(Value::Object(create_array_from_list(interp, found)));
        };
        let m = get(interp, &result, &PropertyKey::Index(0))?;
        let m = to_string(interp, &m)?;
        if m.is_empty() {
            let this_index = get_last_index(interp, &rx)?;
            let next = advance_string_index(&s, this_index, full_unicode);
            set_last_index(interp, &rx, next)?;
        }
        found.push(Value::String(m));
    }
}

/// RegExp.prototype [ @@matchAll ] ( string ) — ECMA-262 §22.2.6.9
fn regexp_proto_match_all(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let r = this_object(interp, this, "RegExp.prototype[Symbol.matchAll]")?;
    let s = to_string(interp, &arg(args, 0))?;
    let default = regexp_constructor_object(interp)
        .unwrap_or_else(|| interp.realm.intrinsics.object_prototype.clone());
    let c = operations::species_constructor(interp, &r, default)?;
    let flags = flags_of(interp, &r)?;
    let matcher = interp.construct(
        &c,
        &[Value::Object(r.clone()), Value::String(flags.clone())],
        None,
    )?;
    let last_index = get_last_index(interp, &r)?;
    let Value::Object(matcher) = matcher else {
        return Err(interp.type_error("RegExp species constructor returned a non-object"));
    };
    set_last_index(interp, &matcher, last_index)?;
    let iter = RegExpStringIterator {
        regexp: matcher,
        string: s,
        global: contains_unit(&flags, b'g'),
        full_unicode: contains_unit(&flags, b'u') || contains_unit(&flags, b'v'),
        done: Cell::new(false),
    };
    let proto = interp
        .realm
        .intrinsics
        .constructor("%RegExpStringIteratorPrototype%")
        .unwrap_or_else(|| interp.realm.intrinsics.iterator_prototype.clone());
    let o = interp.alloc_object(Some(proto), ObjectKind::Host(Box::new(iter)));
    Ok(Value::Object(o))
}

/// GetSubstitution ( matched, str, position, captures, namedCaptures,
/// replacementTemplate ) — ECMA-262 §22.1.3.19.1
pub fn get_substitution(
    interp: &mut Interp,
    matched: &JsString,
    s: &JsString,
    position: usize,
    captures: &[Value],
    named_captures: &Value,
    template: &JsString,
) -> JsResult<JsString> {
    let t = template.code_units();
    let len = s.len();
    let mut b = JsStringBuilder::new();
    let is_digit = |u: u16| (u16::from(b'0')..=u16::from(b'9')).contains(&u);
    let mut i = 0;
    while i < t.len() {
        let c = t[i];
        let next = t.get(i + 1).copied();
        if c != u16::from(b'$') || next.is_none() {
            b.push_code_unit(c);
            i += 1;
            continue;
        }
        let n = next.unwrap_or(0);
        if n == u16::from(b'$') {
            b.push_code_unit(c);
            i += 2;
        } else if n == u16::from(b'`') {
            b.push_str(&s.substring(0, position));
            i += 2;
        } else if n == u16::from(b'&') {
            b.push_str(matched);
            i += 2;
        } else if n == u16::from(b'\'') {
            let tail = (position + matched.len()).min(len);
            b.push_str(&s.substring(tail, len));
            i += 2;
        } else if is_digit(n) {
            let d1 = usize::from(n - u16::from(b'0'));
            let two = t.get(i + 2).copied().filter(|&u| is_digit(u));
            let (index, digits) = match two {
                Some(d2) => {
                    let idx = d1 * 10 + usize::from(d2 - u16::from(b'0'));
                    if idx > captures.len() {
                        (d1, 1)
                    } else {
                        (idx, 2)
                    }
                }
                None => (d1, 1),
            };
            if (1..=captures.len()).contains(&index) {
                if let Some(Value::String(cap)) = captures.get(index - 1) {
                    b.push_str(cap);
                }
            } else {
                for &u in &t[i..i + 1 + digits] {
                    b.push_code_unit(u);
                }
            }
            i += 1 + digits;
        } else if n == u16::from(b'<') {
            let gt = t[i..].iter().position(|&u| u == u16::from(b'>'));
            match (gt, named_captures) {
                (Some(gt), Value::Object(nc)) => {
                    let name = JsString::from_utf16(&t[i + 2..i + gt]);
                    let cap = get(interp, nc, &PropertyKey::from(name))?;
                    if !cap.is_undefined() {
                        let cap = to_string(interp, &cap)?;
                        b.push_str(&cap);
                    }
                    i += gt + 1;
                }
                _ => {
                    b.push_code_unit(c);
                    b.push_code_unit(n);
                    i += 2;
                }
            }
        } else {
            b.push_code_unit(c);
            i += 1;
        }
    }
    Ok(b.build())
}

/// RegExp.prototype [ @@replace ] ( string, replaceValue ) — ECMA-262 §22.2.6.11
fn regexp_proto_replace(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let rx = this_object(interp, this, "RegExp.prototype[Symbol.replace]")?;
    let s = to_string(interp, &arg(args, 0))?;
    let length_s = s.len();
    let mut replace_value = arg(args, 1);
    let functional = is_callable(&replace_value);
    if !functional {
        replace_value = Value::String(to_string(interp, &replace_value)?);
    }
    let flags = flags_of(interp, &rx)?;
    let global = contains_unit(&flags, b'g');
    let full_unicode = contains_unit(&flags, b'u') || contains_unit(&flags, b'v');
    if global {
        set_last_index(interp, &rx, 0.0)?;
        if is_pristine(interp, &rx) {
            return replace_direct(interp, &rx, &s, &replace_value, functional);
        }
    }
    // 11. Collect the results.
    let mut results = Vec::new();
    loop {
        let Value::Object(result) = regexp_exec(interp, &rx, &s)? else {
            break;
        };
        results.push(result.clone());
        if !global {
            break;
        }
        let m = get(interp, &result, &PropertyKey::Index(0))?;
        let m = to_string(interp, &m)?;
        if m.is_empty() {
            let this_index = get_last_index(interp, &rx)?;
            let next = advance_string_index(&s, this_index, full_unicode);
            set_last_index(interp, &rx, next)?;
        }
    }
    // 12-15. Splice the replacements in.
    let mut acc = JsStringBuilder::new();
    let mut next_source_position = 0usize;
    for result in results {
        let result_length = length_of_array_like(interp, &result)?;
        let n_captures = (result_length - 1.0).max(0.0) as usize;
        let matched = get(interp, &result, &PropertyKey::Index(0))?;
        let matched = to_string(interp, &matched)?;
        let position = get_str(interp, &result, "index")?;
        let position = to_integer_or_infinity(interp, &position)?;
        let position = position.clamp(0.0, length_s as f64) as usize;
        let mut captures = Vec::with_capacity(n_captures);
        for n in 1..=n_captures {
            let cap = get(interp, &result, &PropertyKey::from(n))?;
            captures.push(match cap {
                Value::Undefined => Value::Undefined,
                v => Value::String(to_string(interp, &v)?),
            });
        }
        let named = get_str(interp, &result, "groups")?;
        let replacement = if functional {
            let mut call_args = Vec::with_capacity(n_captures + 4);
            call_args.push(Value::String(matched.clone()));
            call_args.extend(captures);
            call_args.push(Value::from(position));
            call_args.push(Value::String(s.clone()));
            if !named.is_undefined() {
                call_args.push(named);
            }
            let v = interp.call(&replace_value, &Value::Undefined, &call_args)?;
            to_string(interp, &v)?
        } else {
            let named = match named {
                Value::Undefined => Value::Undefined,
                v => Value::Object(to_object(interp, &v)?),
            };
            let template = match &replace_value {
                Value::String(t) => t.clone(),
                _ => JsString::empty(),
            };
            get_substitution(interp, &matched, &s, position, &captures, &named, &template)?
        };
        if position >= next_source_position {
            acc.push_str(&s.substring(next_source_position, position));
            acc.push_str(&replacement);
            next_source_position = position + matched.len();
        }
    }
    if next_source_position < length_s {
        acc.push_str(&s.substring(next_source_position, length_s));
    }
    Ok(Value::String(acc.build()))
}

/// @@replace's steps 11-15 for a global untouched regexp, from direct
/// matches instead of exec results.
fn replace_direct(
    interp: &mut Interp,
    rx: &JsObject,
    s: &JsString,
    replace_value: &Value,
    functional: bool,
) -> JsResult<Value> {
    let matches = direct_matches(interp, rx, s)?;
    set_last_index(interp, rx, 0.0)?;
    let template = match replace_value {
        Value::String(t) => t.clone(),
        _ => JsString::empty(),
    };
    let plain = !functional && !template.code_units().contains(&u16::from(b'$'));
    let mut acc = JsStringBuilder::new();
    let mut next_source_position = 0usize;
    for m in &matches {
        acc.push_str(&s.substring(next_source_position, m.start));
        if plain {
            acc.push_str(&template);
        } else {
            let matched = s.substring(m.start, m.end);
            let captures: Vec<Value> = m.captures.iter().map(|c| substring_value(s, c)).collect();
            let groups = direct_groups(interp, s, m);
            let replacement = if functional {
                let mut call_args = Vec::with_capacity(captures.len() + 4);
                call_args.push(Value::String(matched));
                call_args.extend(captures);
                call_args.push(Value::from(m.start));
                call_args.push(Value::String(s.clone()));
                if !groups.is_undefined() {
                    call_args.push(groups);
                }
                let v = interp.call(replace_value, &Value::Undefined, &call_args)?;
                to_string(interp, &v)?
            } else {
                get_substitution(interp, &matched, s, m.start, &captures, &groups, &template)?
            };
            acc.push_str(&replacement);
        }
        next_source_position = m.end;
    }
    acc.push_str(&s.substring(next_source_position, s.len()));
    Ok(Value::String(acc.build()))
}

/// RegExp.prototype [ @@search ] ( string ) — ECMA-262 §22.2.6.12
fn regexp_proto_search(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let rx = this_object(interp, this, "RegExp.prototype[Symbol.search]")?;
    let s = to_string(interp, &arg(args, 0))?;
    let previous = get_str(interp, &rx, "lastIndex")?;
    if !same_value(&previous, &Value::from(0)) {
        operations::set(
            interp,
            &rx,
            PropertyKey::from("lastIndex"),
            Value::from(0),
            true,
        )?;
    }
    let result = regexp_exec(interp, &rx, &s)?;
    let current = get_str(interp, &rx, "lastIndex")?;
    if !same_value(&current, &previous) {
        operations::set(interp, &rx, PropertyKey::from("lastIndex"), previous, true)?;
    }
    match result {
        Value::Object(r) => get_str(interp, &r, "index"),
        _ => Ok(Value::from(-1)),
    }
}

/// RegExp.prototype [ @@split ] ( string, limit ) — ECMA-262 §22.2.6.14
fn regexp_proto_split(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let rx = this_object(interp, this, "RegExp.prototype[Symbol.split]")?;
    let s = to_string(interp, &arg(args, 0))?;
    let default = regexp_constructor_object(interp)
        .unwrap_or_else(|| interp.realm.intrinsics.object_prototype.clone());
    let c = operations::species_constructor(interp, &rx, default.clone())?;
    let flags = flags_of(interp, &rx)?;
    let unicode_matching = contains_unit(&flags, b'u') || contains_unit(&flags, b'v');
    let new_flags = if contains_unit(&flags, b'y') {
        flags
    } else {
        flags.concat(&JsString::from("y"))
    };
    let splitter = interp.construct(
        &c,
        &[Value::Object(rx.clone()), Value::String(new_flags)],
        None,
    )?;
    let Value::Object(splitter) = splitter else {
        return Err(interp.type_error("RegExp species constructor returned a non-object"));
    };
    let mut parts: Vec<Value> = Vec::new();
    let lim = match arg(args, 1) {
        Value::Undefined => u32::MAX,
        v => to_uint32(interp, &v)?,
    };
    if lim == 0 {
        return Ok(Value::Object(create_array_from_list(interp, parts)));
    }
    let size = s.len();
    if size == 0 {
        let z = regexp_exec(interp, &splitter, &s)?;
        if z.is_null() {
            parts.push(Value::String(s));
        }
        return Ok(Value::Object(create_array_from_list(interp, parts)));
    }
    // A fresh %RegExp% instance with the built-in protocol: search ahead
    // with the matcher instead of trying a sticky exec at every position.
    if matches!(&c, Value::Object(co) if *co == default) && is_pristine(interp, &splitter) {
        return split_direct(interp, &splitter, &s, lim, unicode_matching);
    }
    let mut p = 0usize;
    let mut q = p;
    while q < size {
        set_last_index(interp, &splitter, q as f64)?;
        let z = regexp_exec(interp, &splitter, &s)?;
        let Value::Object(z) = z else {
            q = advance_string_index(&s, q as f64, unicode_matching) as usize;
            continue;
        };
        let e = get_last_index(interp, &splitter)?;
        let e = (e as usize).min(size);
        if e == p {
            q = advance_string_index(&s, q as f64, unicode_matching) as usize;
            continue;
        }
        parts.push(Value::String(s.substring(p, q)));
        if parts.len() as u32 == lim {
            return Ok(Value::Object(create_array_from_list(interp, parts)));
        }
        p = e;
        let n = length_of_array_like(interp, &z)?;
        let n_captures = (n - 1.0).max(0.0) as usize;
        for i in 1..=n_captures {
            let cap = get(interp, &z, &PropertyKey::from(i))?;
            parts.push(cap);
            if parts.len() as u32 == lim {
                return Ok(Value::Object(create_array_from_list(interp, parts)));
            }
        }
        q = p;
    }
    parts.push(Value::String(s.substring(p, size)));
    Ok(Value::Object(create_array_from_list(interp, parts)))
}

/// @@split's loop (steps 19-25) on an untouched splitter: each search
/// finds the next position where the sticky exec would succeed.
fn split_direct(
    interp: &mut Interp,
    splitter: &JsObject,
    s: &JsString,
    lim: u32,
    unicode_matching: bool,
) -> JsResult<Value> {
    let Some(d) = splitter.host::<RegExpData>() else {
        return Ok(Value::Undefined);
    };
    let Some(matcher) = d.matcher.borrow().clone() else {
        return Ok(Value::Undefined);
    };
    let size = s.len();
    let mut parts: Vec<Value> = Vec::new();
    let (mut p, mut q) = (0usize, 0usize);
    while q < size {
        let found = find_from(&matcher, s, q, unicode_matching)
            .map_err(|()| interp.range_error("Regular expression engine failure"))?;
        let Some(m) = found else {
            break;
        };
        q = m.start();
        if q >= size {
            break;
        }
        let e = m.end().min(size);
        if e == p {
            q = advance_string_index(s, q as f64, unicode_matching) as usize;
            continue;
        }
        parts.push(Value::String(s.substring(p, q)));
        if parts.len() as u32 == lim {
            return Ok(Value::Object(create_array_from_list(interp, parts)));
        }
        p = e;
        for c in &m.captures {
            parts.push(substring_value(s, c));
            if parts.len() as u32 == lim {
                return Ok(Value::Object(create_array_from_list(interp, parts)));
            }
        }
        q = p;
    }
    parts.push(Value::String(s.substring(p, size)));
    Ok(Value::Object(create_array_from_list(interp, parts)))
}

// ---------------------------------------------------------------------------
// %RegExpStringIteratorPrototype% — ECMA-262 §22.2.9

/// A RegExp String Iterator (CreateRegExpStringIterator — ECMA-262 §22.2.9.1).
#[derive(Trace, Finalize)]
pub struct RegExpStringIterator {
    regexp: JsObject,
    string: JsString,
    #[unsafe_ignore_trace]
    global: bool,
    #[unsafe_ignore_trace]
    full_unicode: bool,
    #[unsafe_ignore_trace]
    done: Cell<bool>,
}

impl HostObject for RegExpStringIterator {
    fn class_name(&self) -> &str {
        "RegExp String Iterator"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// %RegExpStringIteratorPrototype%.next ( ) — ECMA-262 §22.2.9.2.1
fn regexp_string_iterator_next(
    interp: &mut Interp,
    this: &Value,
    _args: &[Value],
) -> JsResult<Value> {
    let Some(it) = this
        .as_object()
        .and_then(|o| o.host::<RegExpStringIterator>())
    else {
        let shown = interp::inspect::short_description(interp, this);
        return Err(interp.type_error(format!(
            "Method %RegExpStringIterator%.prototype.next called on incompatible receiver {shown}"
        )));
    };
    if it.done.get() {
        return Ok(create_iter_result_object(interp, Value::Undefined, true));
    }
    let (r, s, global, full_unicode) = (
        it.regexp.clone(),
        it.string.clone(),
        it.global,
        it.full_unicode,
    );
    let m = regexp_exec(interp, &r, &s)?;
    let Value::Object(mo) = &m else {
        it.done.set(true);
        return Ok(create_iter_result_object(interp, Value::Undefined, true));
    };
    if !global {
        it.done.set(true);
        return Ok(create_iter_result_object(interp, m, false));
    }
    let ms = get(interp, mo, &PropertyKey::Index(0))?;
    let ms = to_string(interp, &ms)?;
    if ms.is_empty() {
        let this_index = get_last_index(interp, &r)?;
        let next = advance_string_index(&s, this_index, full_unicode);
        set_last_index(interp, &r, next)?;
    }
    Ok(create_iter_result_object(interp, m, false))
}

// ---------------------------------------------------------------------------
// The RegExp-based methods of %String.prototype%.

fn require_object_coercible(interp: &mut Interp, this: &Value, method: &str) -> JsResult<()> {
    if this.is_nullish() {
        return Err(interp.type_error(format!(
            "String.prototype.{method} called on null or undefined"
        )));
    }
    Ok(())
}

/// Calls `regexp[sym](O)` when `regexp` is an object with that method.
fn delegate(
    interp: &mut Interp,
    regexp: &Value,
    sym: interp::Symbol,
    this: &Value,
) -> JsResult<Option<Value>> {
    if !regexp.is_object() {
        return Ok(None);
    }
    match operations::get_method(interp, regexp, &PropertyKey::Symbol(sym))? {
        Some(m) => Ok(Some(interp.call(&m, regexp, std::slice::from_ref(this))?)),
        None => Ok(None),
    }
}

/// String.prototype.match ( regexp ) — ECMA-262 §22.1.3.13
fn string_match(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    require_object_coercible(interp, this, "match")?;
    let regexp = arg(args, 0);
    let sym = interp.realm.intrinsics.symbol_match.clone();
    if let Some(v) = delegate(interp, &regexp, sym.clone(), this)? {
        return Ok(v);
    }
    let s = to_string(interp, this)?;
    let rx = regexp_create(interp, &regexp, &Value::Undefined)?;
    operations::invoke(interp, &rx, &PropertyKey::Symbol(sym), &[Value::String(s)])
}

/// String.prototype.matchAll ( regexp ) — ECMA-262 §22.1.3.14
fn string_match_all(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    require_object_coercible(interp, this, "matchAll")?;
    let regexp = arg(args, 0);
    if let Value::Object(ro) = &regexp {
        if is_regexp(interp, &regexp)? {
            let flags = get_str(interp, ro, "flags")?;
            if flags.is_nullish() {
                return Err(interp.type_error(
                    "String.prototype.matchAll called with a RegExp whose flags are null or undefined",
                ));
            }
            let flags = to_string(interp, &flags)?;
            if !contains_unit(&flags, b'g') {
                return Err(interp.type_error(
                    "String.prototype.matchAll called with a non-global RegExp argument",
                ));
            }
        }
    }
    let sym = interp.realm.intrinsics.symbol_match_all.clone();
    if let Some(v) = delegate(interp, &regexp, sym.clone(), this)? {
        return Ok(v);
    }
    let s = to_string(interp, this)?;
    let rx = regexp_create(interp, &regexp, &Value::from("g"))?;
    operations::invoke(interp, &rx, &PropertyKey::Symbol(sym), &[Value::String(s)])
}

/// String.prototype.search ( regexp ) — ECMA-262 §22.1.3.22
fn string_search(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    require_object_coercible(interp, this, "search")?;
    let regexp = arg(args, 0);
    let sym = interp.realm.intrinsics.symbol_search.clone();
    if let Some(v) = delegate(interp, &regexp, sym.clone(), this)? {
        return Ok(v);
    }
    let s = to_string(interp, this)?;
    let rx = regexp_create(interp, &regexp, &Value::Undefined)?;
    operations::invoke(interp, &rx, &PropertyKey::Symbol(sym), &[Value::String(s)])
}

// ---------------------------------------------------------------------------

/// Creates %RegExp%, %RegExp.prototype%, %RegExpStringIteratorPrototype%
/// and the RegExp-based String methods.
pub fn install(interp: &mut Interp) {
    let op = interp.realm.intrinsics.object_prototype.clone();
    let proto = interp.alloc_object(Some(op), ObjectKind::Ordinary);
    interp
        .realm
        .intrinsics
        .register("%RegExp.prototype%", proto.clone());
    let ctor = make_constructor(interp, "RegExp", 2, regexp_call, regexp_construct, &proto);
    let species = interp.realm.intrinsics.symbol_species.clone();
    define_native_accessor(
        interp,
        &ctor,
        PropertyKey::Symbol(species),
        Some(get_species),
        None,
        Attributes::new(false, false, true),
    );
    define_methods(
        interp,
        &proto,
        &[
            ("compile", regexp_compile, 2),
            ("exec", regexp_proto_exec, 1),
            ("test", regexp_proto_test, 1),
            ("toString", regexp_proto_to_string, 0),
        ],
    );
    for (key, name) in [
        ("exec", "%RegExp.prototype.exec%"),
        ("toString", "%RegExp.prototype.toString%"),
    ] {
        if let Some(Value::Object(f)) = proto.get_own_data(&PropertyKey::from(key)) {
            interp.realm.intrinsics.register(name, f);
        }
    }
    let accessors: [(&str, interp::NativeFn); 10] = [
        ("dotAll", get_dot_all),
        ("flags", get_flags),
        ("global", get_global),
        ("hasIndices", get_has_indices),
        ("ignoreCase", get_ignore_case),
        ("multiline", get_multiline),
        ("source", get_source),
        ("sticky", get_sticky),
        ("unicode", get_unicode),
        ("unicodeSets", get_unicode_sets),
    ];
    for (name, getter) in accessors {
        define_native_accessor(
            interp,
            &proto,
            PropertyKey::from(name),
            Some(getter),
            None,
            Attributes::new(false, false, true),
        );
    }
    for (key, name) in FLAG_ACCESSORS {
        if let Some(PropertySlot::Accessor(Some(g), _, _)) =
            proto.own_slot_raw(&PropertyKey::from(key))
        {
            interp.realm.intrinsics.register(name, g);
        }
    }
    let cache = RegExpCache {
        map: RefCell::new(std::collections::HashMap::new()),
    };
    let cache = interp.alloc_object(None, ObjectKind::Host(Box::new(cache)));
    interp.realm.intrinsics.register("%RegExpCache%", cache);
    let i = &interp.realm.intrinsics;
    let symbols = [
        (
            i.symbol_match.clone(),
            "[Symbol.match]",
            regexp_proto_match as interp::NativeFn,
            1,
        ),
        (
            i.symbol_match_all.clone(),
            "[Symbol.matchAll]",
            regexp_proto_match_all,
            1,
        ),
        (
            i.symbol_replace.clone(),
            "[Symbol.replace]",
            regexp_proto_replace,
            2,
        ),
        (
            i.symbol_search.clone(),
            "[Symbol.search]",
            regexp_proto_search,
            1,
        ),
        (
            i.symbol_split.clone(),
            "[Symbol.split]",
            regexp_proto_split,
            2,
        ),
    ];
    define_symbol_methods(interp, &proto, &symbols);

    // %RegExpStringIteratorPrototype%
    let ip = interp.realm.intrinsics.iterator_prototype.clone();
    let iter_proto = interp.alloc_object(Some(ip), ObjectKind::Ordinary);
    define_methods(
        interp,
        &iter_proto,
        &[("next", regexp_string_iterator_next, 0)],
    );
    interp::function::define_to_string_tag(interp, &iter_proto, "RegExp String Iterator");
    interp
        .realm
        .intrinsics
        .register("%RegExpStringIteratorPrototype%", iter_proto);

    let sp = interp.realm.intrinsics.string_prototype.clone();
    define_methods(
        interp,
        &sp,
        &[
            ("match", string_match, 1),
            ("matchAll", string_match_all, 1),
            ("search", string_search, 1),
        ],
    );
}
