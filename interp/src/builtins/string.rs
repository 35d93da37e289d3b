//! %String% and %String.prototype% — ECMA-262 §22.1 (common methods; no
//! RegExp-based ones, which the standard library provides).

use crate::builtins::iterator::create_string_iterator;
use crate::function::{define_methods, define_symbol_methods};
use crate::interp::Interp;
use crate::object::ObjectKind;
use crate::operations::{self, to_integer_or_infinity, to_number, to_string};
use crate::storage::Attributes;
use crate::string::{JsString, JsStringBuilder};
use crate::value::Value;
use crate::JsResult;

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

fn string_call(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    match args.first() {
        None => Ok(Value::String(JsString::empty())),
        Some(Value::Symbol(s)) => Ok(Value::from(s.descriptive_string())),
        Some(v) => Ok(Value::String(to_string(interp, v)?)),
    }
}

fn string_construct(interp: &mut Interp, new_target: &Value, args: &[Value]) -> JsResult<Value> {
    let s = match args.first() {
        None => JsString::empty(),
        Some(v) => to_string(interp, v)?,
    };
    let default = interp.realm.intrinsics.string_prototype.clone();
    let o = operations::ordinary_create_from_constructor(
        interp,
        new_target,
        default,
        ObjectKind::String(s),
    )?;
    Ok(Value::Object(o))
}

/// thisStringValue / RequireObjectCoercible + ToString.
fn this_str(interp: &mut Interp, this: &Value, method: &str) -> JsResult<JsString> {
    match this {
        Value::String(s) => Ok(s.clone()),
        Value::Undefined | Value::Null => Err(interp.type_error(format!(
            "String.prototype.{method} called on null or undefined"
        ))),
        v => to_string(interp, v),
    }
}

/// RequireObjectCoercible ( argument ) — ECMA-262 §7.2.1
fn require_object_coercible(interp: &mut Interp, this: &Value, method: &str) -> JsResult<()> {
    if this.is_nullish() {
        return Err(interp.type_error(format!(
            "String.prototype.{method} called on null or undefined"
        )));
    }
    Ok(())
}

fn this_string_value(interp: &mut Interp, this: &Value) -> JsResult<Value> {
    match this {
        Value::String(_) => Ok(this.clone()),
        Value::Object(o) => match o.kind() {
            ObjectKind::String(s) => Ok(Value::String(s.clone())),
            _ => {
                Err(interp.type_error("String.prototype.valueOf requires that 'this' be a String"))
            }
        },
        _ => Err(interp.type_error("String.prototype.valueOf requires that 'this' be a String")),
    }
}

fn string_value_of(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    this_string_value(interp, this)
}

fn char_at(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "charAt")?;
    let p = to_integer_or_infinity(interp, &arg(args, 0))?;
    if p < 0.0 || p >= s.len() as f64 {
        return Ok(Value::String(JsString::empty()));
    }
    Ok(Value::String(s.substring(p as usize, p as usize + 1)))
}

fn char_code_at(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    // A string receiver and an integral number position: no coercion can
    // run, so the code unit is read without copying the string.
    if let (Value::String(s), Some(&Value::Number(p))) = (this, args.first()) {
        if p >= 0.0 && p.fract() == 0.0 {
            // (A position past the end, however large, finds no unit.)
            return Ok(match s.code_unit_at(p as usize) {
                Some(c) => Value::from(c as u32),
                None => Value::Number(f64::NAN),
            });
        }
    }
    let s = this_str(interp, this, "charCodeAt")?;
    let p = to_integer_or_infinity(interp, &arg(args, 0))?;
    if p < 0.0 || p >= s.len() as f64 {
        return Ok(Value::Number(f64::NAN));
    }
    Ok(Value::from(s.code_unit_at(p as usize).unwrap_or(0) as u32))
}

fn code_point_at(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "codePointAt")?;
    let p = to_integer_or_infinity(interp, &arg(args, 0))?;
    if p < 0.0 || p >= s.len() as f64 {
        return Ok(Value::Undefined);
    }
    Ok(Value::from(
        s.code_point_at(p as usize).map(|(c, _)| c).unwrap_or(0),
    ))
}

fn at(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "at")?;
    let r = to_integer_or_infinity(interp, &arg(args, 0))?;
    let len = s.len() as f64;
    let k = if r >= 0.0 { r } else { len + r };
    if k < 0.0 || k >= len {
        return Ok(Value::Undefined);
    }
    Ok(Value::String(s.substring(k as usize, k as usize + 1)))
}

fn index_of(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "indexOf")?;
    let needle = to_string(interp, &arg(args, 0))?;
    let pos = to_integer_or_infinity(interp, &arg(args, 1))?.clamp(0.0, s.len() as f64) as usize;
    Ok(match s.index_of(&needle, pos) {
        Some(i) => Value::from(i),
        None => Value::Number(-1.0),
    })
}

fn last_index_of(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "lastIndexOf")?;
    let needle = to_string(interp, &arg(args, 0))?;
    let n = to_number(interp, &arg(args, 1))?;
    let max = if n.is_nan() { f64::INFINITY } else { n.trunc() };
    let start = max.clamp(0.0, s.len() as f64) as usize;
    let mut best = None;
    let mut from = 0;
    while let Some(i) = s.index_of(&needle, from) {
        if i > start {
            break;
        }
        best = Some(i);
        from = i + 1;
        if from > s.len() {
            break;
        }
    }
    Ok(best.map(Value::from).unwrap_or(Value::Number(-1.0)))
}

/// ToString of a search string that must not be a RegExp (IsRegExp check
/// of includes, startsWith and endsWith).
fn not_regexp(interp: &mut Interp, v: &Value, method: &str) -> JsResult<JsString> {
    if operations::is_regexp(interp, v)? {
        return Err(interp.type_error(format!(
            "First argument to String.prototype.{method} must not be a regular expression"
        )));
    }
    to_string(interp, v)
}

fn includes(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "includes")?;
    let needle = not_regexp(interp, &arg(args, 0), "includes")?;
    let pos = to_integer_or_infinity(interp, &arg(args, 1))?.clamp(0.0, s.len() as f64) as usize;
    Ok(Value::Bool(s.index_of(&needle, pos).is_some()))
}

fn starts_with(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "startsWith")?;
    let needle = not_regexp(interp, &arg(args, 0), "startsWith")?;
    let pos = to_integer_or_infinity(interp, &arg(args, 1))?.clamp(0.0, s.len() as f64) as usize;
    Ok(Value::Bool(s.substring(pos, pos + needle.len()) == needle))
}

fn ends_with(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "endsWith")?;
    let needle = not_regexp(interp, &arg(args, 0), "endsWith")?;
    let end = match arg(args, 1) {
        Value::Undefined => s.len(),
        v => to_integer_or_infinity(interp, &v)?.clamp(0.0, s.len() as f64) as usize,
    };
    if needle.len() > end {
        return Ok(Value::Bool(false));
    }
    Ok(Value::Bool(s.substring(end - needle.len(), end) == needle))
}

fn slice(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "slice")?;
    let len = s.len() as f64;
    let rel = |interp: &mut Interp, v: &Value, d: f64| -> JsResult<f64> {
        if v.is_undefined() {
            return Ok(d);
        }
        let r = to_integer_or_infinity(interp, v)?;
        Ok(if r < 0.0 {
            (len + r).max(0.0)
        } else {
            r.min(len)
        })
    };
    let from = rel(interp, &arg(args, 0), 0.0)?;
    let to = rel(interp, &arg(args, 1), len)?;
    if from >= to {
        return Ok(Value::String(JsString::empty()));
    }
    Ok(Value::String(s.substring(from as usize, to as usize)))
}

fn substring(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "substring")?;
    let len = s.len() as f64;
    let a = to_integer_or_infinity(interp, &arg(args, 0))?.clamp(0.0, len);
    let b = match arg(args, 1) {
        Value::Undefined => len,
        v => to_integer_or_infinity(interp, &v)?.clamp(0.0, len),
    };
    Ok(Value::String(
        s.substring(a.min(b) as usize, a.max(b) as usize),
    ))
}

fn substr(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "substr")?;
    let len = s.len() as f64;
    let mut start = to_integer_or_infinity(interp, &arg(args, 0))?;
    if start < 0.0 {
        start = (len + start).max(0.0);
    }
    start = start.min(len);
    let count = match arg(args, 1) {
        Value::Undefined => len,
        v => to_integer_or_infinity(interp, &v)?,
    };
    let end = (start + count).min(len);
    if end <= start {
        return Ok(Value::String(JsString::empty()));
    }
    Ok(Value::String(s.substring(start as usize, end as usize)))
}

fn map_str(
    interp: &mut Interp,
    this: &Value,
    name: &str,
    f: fn(&str) -> String,
) -> JsResult<Value> {
    let s = this_str(interp, this, name)?;
    Ok(Value::from(f(&s.to_rust_string())))
}

fn to_upper_case(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    map_str(interp, this, "toUpperCase", |s| s.to_uppercase())
}
fn to_lower_case(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    map_str(interp, this, "toLowerCase", |s| s.to_lowercase())
}
fn trim(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    map_str(interp, this, "trim", |s| {
        crate::number::trim_js(s).to_string()
    })
}
fn trim_start(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    map_str(interp, this, "trimStart", |s| {
        s.trim_start_matches(crate::number::is_js_whitespace)
            .to_string()
    })
}
fn trim_end(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    map_str(interp, this, "trimEnd", |s| {
        s.trim_end_matches(crate::number::is_js_whitespace)
            .to_string()
    })
}

fn repeat(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "repeat")?;
    let n = to_integer_or_infinity(interp, &arg(args, 0))?;
    if n < 0.0 || n.is_infinite() {
        return Err(interp.range_error(format!(
            "Invalid count value: {}",
            crate::number::number_to_string(n)
        )));
    }
    if s.is_empty() {
        return Ok(Value::String(s));
    }
    interp.check_string_length(s.len() as f64 * n)?;
    let mut b = JsStringBuilder::new();
    b.push_str_repeated(&s, n as usize);
    Ok(Value::String(b.build()))
}

fn pad(interp: &mut Interp, this: &Value, args: &[Value], at_start: bool) -> JsResult<Value> {
    let s = this_str(interp, this, if at_start { "padStart" } else { "padEnd" })?;
    let max = operations::to_length(interp, &arg(args, 0))? as usize;
    let filler = match arg(args, 1) {
        Value::Undefined => JsString::from(" "),
        v => to_string(interp, &v)?,
    };
    if max <= s.len() || filler.is_empty() {
        return Ok(Value::String(s));
    }
    interp.check_string_length(max as f64)?;
    let fill_len = max - s.len();
    let mut b = JsStringBuilder::new();
    if !at_start {
        b.push_str(&s);
    }
    b.push_str_repeated(&filler, fill_len / filler.len());
    b.push_str(&filler.substring(0, fill_len % filler.len()));
    if at_start {
        b.push_str(&s);
    }
    Ok(Value::String(b.build()))
}

fn pad_start(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    pad(interp, this, args, true)
}
fn pad_end(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    pad(interp, this, args, false)
}

fn concat(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let mut s = this_str(interp, this, "concat")?;
    for a in args {
        let t = to_string(interp, a)?;
        interp.check_string_length((s.len() + t.len()) as f64)?;
        s = s.concat(&t);
    }
    Ok(Value::String(s))
}

/// String.prototype.split ( separator, limit ) — ECMA-262 §22.1.3.23
fn split(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    require_object_coercible(interp, this, "split")?;
    let sep_v = arg(args, 0);
    if let Value::Object(_) = &sep_v {
        let sym = interp.realm.intrinsics.symbol_split.clone();
        if let Some(m) =
            operations::get_method(interp, &sep_v, &crate::value::PropertyKey::Symbol(sym))?
        {
            return interp.call(&m, &sep_v, &[this.clone(), arg(args, 1)]);
        }
    }
    let s = this_str(interp, this, "split")?;
    let limit = match arg(args, 1) {
        Value::Undefined => u32::MAX,
        v => operations::to_uint32(interp, &v)?,
    };
    let sep = to_string(interp, &sep_v)?;
    let mut out = Vec::new();
    if limit == 0 {
        return Ok(Value::Object(operations::create_array_from_list(
            interp, out,
        )));
    }
    if sep_v.is_undefined() {
        out.push(Value::String(s));
        return Ok(Value::Object(operations::create_array_from_list(
            interp, out,
        )));
    }
    if sep.is_empty() {
        for i in 0..s.len().min(limit as usize) {
            out.push(Value::String(s.substring(i, i + 1)));
        }
        return Ok(Value::Object(operations::create_array_from_list(
            interp, out,
        )));
    }
    let mut start = 0;
    while let Some(i) = s.index_of(&sep, start) {
        out.push(Value::String(s.substring(start, i)));
        if out.len() as u32 >= limit {
            return Ok(Value::Object(operations::create_array_from_list(
                interp, out,
            )));
        }
        start = i + sep.len();
    }
    out.push(Value::String(s.substring(start, s.len())));
    Ok(Value::Object(operations::create_array_from_list(
        interp, out,
    )))
}

/// String.prototype.replace ( searchValue, replaceValue ) and replaceAll —
/// ECMA-262 §22.1.3.19-20. A RegExp pattern dispatches through @@replace.
fn replace_impl(interp: &mut Interp, this: &Value, args: &[Value], all: bool) -> JsResult<Value> {
    let method = if all { "replaceAll" } else { "replace" };
    require_object_coercible(interp, this, method)?;
    let pattern = arg(args, 0);
    let replacement = arg(args, 1);
    if let Value::Object(po) = &pattern {
        if all && operations::is_regexp(interp, &pattern)? {
            let flags = operations::get_str(interp, po, "flags")?;
            if flags.is_nullish() {
                return Err(interp.type_error(
                    "String.prototype.replaceAll called with a RegExp whose flags are null or undefined",
                ));
            }
            let flags = to_string(interp, &flags)?;
            if !flags.code_units().contains(&u16::from(b'g')) {
                return Err(interp.type_error(
                    "String.prototype.replaceAll called with a non-global RegExp argument",
                ));
            }
        }
        let sym = interp.realm.intrinsics.symbol_replace.clone();
        if let Some(m) =
            operations::get_method(interp, &pattern, &crate::value::PropertyKey::Symbol(sym))?
        {
            return interp.call(&m, &pattern, &[this.clone(), replacement]);
        }
    }
    let s = this_str(interp, this, method)?;
    let pat = to_string(interp, &pattern)?;
    let functional = operations::is_callable(&replacement);
    let repl_str = if functional {
        JsString::empty()
    } else {
        to_string(interp, &replacement)?
    };
    let mut positions = Vec::new();
    let mut from = 0;
    while let Some(i) = s.index_of(&pat, from) {
        positions.push(i);
        if !all {
            break;
        }
        from = i + pat.len().max(1);
        if from > s.len() {
            break;
        }
    }
    if positions.is_empty() {
        return Ok(Value::String(s));
    }
    let mut b = JsStringBuilder::new();
    let mut last = 0;
    for p in positions {
        b.push_str(&s.substring(last, p));
        if functional {
            let r = interp.call(
                &replacement,
                &Value::Undefined,
                &[
                    Value::String(pat.clone()),
                    Value::from(p),
                    Value::String(s.clone()),
                ],
            )?;
            let r = to_string(interp, &r)?;
            b.push_str(&r);
        } else {
            b.push_str(&get_substitution(&pat, &s, p, &repl_str));
        }
        last = p + pat.len();
    }
    b.push_str(&s.substring(last, s.len()));
    Ok(Value::String(b.build()))
}

/// GetSubstitution for string patterns ($$, $&, $`, $').
fn get_substitution(matched: &JsString, s: &JsString, pos: usize, repl: &JsString) -> JsString {
    let units = repl.code_units();
    let mut b = JsStringBuilder::new();
    let mut i = 0;
    while i < units.len() {
        let c = units[i];
        if c == b'$' as u16 && i + 1 < units.len() {
            match units[i + 1] {
                x if x == b'$' as u16 => b.push_code_unit(b'$' as u16),
                x if x == b'&' as u16 => b.push_str(matched),
                x if x == b'`' as u16 => b.push_str(&s.substring(0, pos)),
                x if x == b'\'' as u16 => b.push_str(&s.substring(pos + matched.len(), s.len())),
                _ => {
                    b.push_code_unit(c);
                    i += 1;
                    continue;
                }
            }
            i += 2;
            continue;
        }
        b.push_code_unit(c);
        i += 1;
    }
    b.build()
}

fn replace(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    replace_impl(interp, this, args, false)
}
fn replace_all(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    replace_impl(interp, this, args, true)
}

/// String.prototype.localeCompare ( that ) — ECMA-262 §22.1.3.12: code
/// point order of the NFC forms (canonically equivalent strings are equal).
fn locale_compare(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let a = this_str(interp, this, "localeCompare")?;
    let b = to_string(interp, &arg(args, 0))?;
    let a = normalize_units(&a, NormalizationForm::Nfc);
    let b = normalize_units(&b, NormalizationForm::Nfc);
    Ok(Value::Number(match a.cmp(&b) {
        std::cmp::Ordering::Less => -1.0,
        std::cmp::Ordering::Equal => 0.0,
        std::cmp::Ordering::Greater => 1.0,
    }))
}

#[derive(Clone, Copy)]
enum NormalizationForm {
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
}

/// The normalization of `s` as a string; lone surrogates stay in place
/// (they split the text into separately normalized runs).
fn normalize_units(s: &JsString, form: NormalizationForm) -> JsString {
    use unicode_normalization::UnicodeNormalization;
    if s.is_ascii() {
        return s.clone();
    }
    let units = s.code_units();
    let mut out: Vec<u16> = Vec::with_capacity(units.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<u16>| {
        let normalized: String = match form {
            NormalizationForm::Nfc => run.nfc().collect(),
            NormalizationForm::Nfd => run.nfd().collect(),
            NormalizationForm::Nfkc => run.nfkc().collect(),
            NormalizationForm::Nfkd => run.nfkd().collect(),
        };
        out.extend(normalized.encode_utf16());
        run.clear();
    };
    for r in char::decode_utf16(units.iter().copied()) {
        match r {
            Ok(c) => run.push(c),
            Err(e) => {
                flush(&mut run, &mut out);
                out.push(e.unpaired_surrogate());
            }
        }
    }
    flush(&mut run, &mut out);
    JsString::from_utf16_vec(out)
}

/// String.prototype.normalize ( [ form ] ) — ECMA-262 §22.1.3.15
fn normalize(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "normalize")?;
    let form = match arg(args, 0) {
        Value::Undefined => NormalizationForm::Nfc,
        v => match to_string(interp, &v)?.as_ascii() {
            Some("NFC") => NormalizationForm::Nfc,
            Some("NFD") => NormalizationForm::Nfd,
            Some("NFKC") => NormalizationForm::Nfkc,
            Some("NFKD") => NormalizationForm::Nfkd,
            _ => {
                return Err(interp
                    .range_error("The normalization form should be one of NFC, NFD, NFKC, NFKD."))
            }
        },
    };
    Ok(Value::String(normalize_units(&s, form)))
}

/// The index of the first lone surrogate in `units`, if any.
fn first_lone_surrogate(units: &[u16]) -> Option<usize> {
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        if (0xD800..0xDC00).contains(&u)
            && units
                .get(i + 1)
                .is_some_and(|n| (0xDC00..0xE000).contains(n))
        {
            i += 2;
            continue;
        }
        if (0xD800..0xE000).contains(&u) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// String.prototype.isWellFormed ( ) — ECMA-262 §22.1.3.10
fn is_well_formed(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "isWellFormed")?;
    Ok(Value::Bool(
        s.is_ascii() || first_lone_surrogate(&s.code_units()).is_none(),
    ))
}

/// String.prototype.toWellFormed ( ) — ECMA-262 §22.1.3.32
fn to_well_formed(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "toWellFormed")?;
    if s.is_ascii() {
        return Ok(Value::String(s));
    }
    let mut units = s.code_units().into_owned();
    let mut from = 0;
    while let Some(i) = first_lone_surrogate(&units[from..]) {
        units[from + i] = 0xFFFD;
        from += i + 1;
    }
    Ok(Value::String(JsString::from_utf16_vec(units)))
}

fn string_iterator(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let s = this_str(interp, this, "[Symbol.iterator]")?;
    Ok(Value::Object(create_string_iterator(interp, s)))
}

fn from_char_code(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let mut units = Vec::with_capacity(args.len());
    for a in args {
        let n = to_number(interp, a)?;
        units.push(operations::f64_to_uint32(n) as u16);
    }
    Ok(Value::String(JsString::from_utf16_vec(units)))
}

fn from_code_point(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let mut units = Vec::new();
    for a in args {
        let n = to_number(interp, a)?;
        if n.fract() != 0.0 || !(0.0..=1114111.0).contains(&n) {
            return Err(interp.range_error(format!(
                "Invalid code point {}",
                crate::number::number_to_string(n)
            )));
        }
        let c = n as u32;
        if c >= 0x10000 {
            let c = c - 0x10000;
            units.push(0xD800 + (c >> 10) as u16);
            units.push(0xDC00 + (c & 0x3FF) as u16);
        } else {
            units.push(c as u16);
        }
    }
    Ok(Value::String(JsString::from_utf16_vec(units)))
}

fn string_raw(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let cooked = operations::to_object(interp, &arg(args, 0))?;
    let raw = operations::get_str(interp, &cooked, "raw")?;
    let raw = operations::to_object(interp, &raw)?;
    let len = operations::length_of_array_like(interp, &raw)? as usize;
    let mut b = JsStringBuilder::new();
    for i in 0..len {
        let seg = operations::get(interp, &raw, &crate::value::PropertyKey::from(i))?;
        let seg = to_string(interp, &seg)?;
        b.push_str(&seg);
        if i + 1 < len {
            if let Some(sub) = args.get(i + 1) {
                let sub = to_string(interp, sub)?;
                b.push_str(&sub);
            }
        }
    }
    Ok(Value::String(b.build()))
}

pub(crate) fn init(interp: &mut Interp) {
    let proto = interp.realm.intrinsics.string_prototype.clone();
    let ctor = super::make_constructor(interp, "String", 1, string_call, string_construct, &proto);
    define_methods(
        interp,
        &ctor,
        &[
            ("fromCharCode", from_char_code, 1),
            ("fromCodePoint", from_code_point, 1),
            ("raw", string_raw, 1),
        ],
    );
    define_methods(
        interp,
        &proto,
        &[
            ("at", at, 1),
            ("charAt", char_at, 1),
            ("charCodeAt", char_code_at, 1),
            ("codePointAt", code_point_at, 1),
            ("concat", concat, 1),
            ("endsWith", ends_with, 1),
            ("includes", includes, 1),
            ("indexOf", index_of, 1),
            ("lastIndexOf", last_index_of, 1),
            ("isWellFormed", is_well_formed, 0),
            ("localeCompare", locale_compare, 1),
            ("normalize", normalize, 0),
            ("padEnd", pad_end, 1),
            ("padStart", pad_start, 1),
            ("repeat", repeat, 1),
            ("replace", replace, 2),
            ("replaceAll", replace_all, 2),
            ("slice", slice, 2),
            ("split", split, 2),
            ("startsWith", starts_with, 1),
            ("substr", substr, 2),
            ("substring", substring, 2),
            ("toLocaleLowerCase", to_lower_case, 0),
            ("toLocaleUpperCase", to_upper_case, 0),
            ("toLowerCase", to_lower_case, 0),
            ("toString", string_value_of, 0),
            ("toUpperCase", to_upper_case, 0),
            ("trim", trim, 0),
            ("trimEnd", trim_end, 0),
            ("trimStart", trim_start, 0),
            ("toWellFormed", to_well_formed, 0),
            ("valueOf", string_value_of, 0),
        ],
    );
    let iter = interp.realm.intrinsics.symbol_iterator.clone();
    define_symbol_methods(
        interp,
        &proto,
        &[(iter, "[Symbol.iterator]", string_iterator, 0)],
    );
    let _ = Attributes::all();
}
