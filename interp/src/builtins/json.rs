//! The JSON object — ECMA-262 §25.5.

use crate::function::define_methods;
use crate::interp::Interp;
use crate::number::number_to_string;
use crate::object::{JsObject, ObjectKind};
use crate::operations::{self, get, is_array, is_callable, to_number, to_string};
use crate::realm::define_global;
use crate::storage::Attributes;
use crate::string::{JsString, JsStringBuilder};
use crate::value::{PropertyKey, Value};
use crate::JsResult;

struct State {
    replacer: Option<Value>,
    property_list: Option<Vec<PropertyKey>>,
    gap: JsString,
    indent: JsString,
    stack: Vec<JsObject>,
}

/// Whether a code unit below 0x80 is written by QuoteJSONString as is.
fn json_plain_ascii(c: u8) -> bool {
    c >= 0x20 && c != b'"' && c != b'\\'
}

/// QuoteJSONString — ECMA-262 §25.5.2.3
pub fn quote_json_string(out: &mut JsStringBuilder, s: &JsString) {
    out.push_code_unit(b'"' as u16);
    if let Some(text) = s.as_ascii() {
        // Runs of characters that need no escape are copied whole.
        let bytes = text.as_bytes();
        let mut start = 0;
        for (i, &c) in bytes.iter().enumerate() {
            if !json_plain_ascii(c) {
                out.push_rust_str(&text[start..i]);
                push_json_escape(out, c as u16);
                start = i + 1;
            }
        }
        out.push_rust_str(&text[start..]);
    } else {
        let units = s.code_units();
        let mut i = 0;
        while i < units.len() {
            let c = units[i];
            match c {
                0xD800..=0xDBFF
                    if i + 1 < units.len() && (0xDC00..0xE000).contains(&units[i + 1]) =>
                {
                    out.push_code_unit(c);
                    out.push_code_unit(units[i + 1]);
                    i += 1;
                }
                0xD800..=0xDFFF => push_json_escape(out, c),
                c if c < 0x80 && !json_plain_ascii(c as u8) => push_json_escape(out, c),
                c => out.push_code_unit(c),
            }
            i += 1;
        }
    }
    out.push_code_unit(b'"' as u16);
}

/// The escape QuoteJSONString writes for a control character, a quote, a
/// backslash or a lone surrogate.
fn push_json_escape(out: &mut JsStringBuilder, c: u16) {
    match c {
        0x08 => out.push_rust_str("\\b"),
        0x09 => out.push_rust_str("\\t"),
        0x0A => out.push_rust_str("\\n"),
        0x0C => out.push_rust_str("\\f"),
        0x0D => out.push_rust_str("\\r"),
        0x22 => out.push_rust_str("\\\""),
        0x5C => out.push_rust_str("\\\\"),
        c => out.push_rust_str(&format!("\\u{c:04x}")),
    }
}

/// SerializeJSONProperty — ECMA-262 §25.5.2.2: writes the value's text to
/// `out`, or nothing and returns false for a value JSON leaves out.
fn serialize_property(
    interp: &mut Interp,
    st: &mut State,
    key: &PropertyKey,
    holder: &JsObject,
    out: &mut JsStringBuilder,
) -> JsResult<bool> {
    let mut value = get(interp, holder, key)?;
    if matches!(value, Value::Object(_) | Value::BigInt(_)) {
        let to_json = operations::get_v(interp, &value, &PropertyKey::from("toJSON"))?;
        if is_callable(&to_json) {
            value = interp.call(&to_json, &value, &[key.to_value()])?;
        }
    }
    if let Some(r) = &st.replacer {
        let r = r.clone();
        value = interp.call(&r, &Value::Object(holder.clone()), &[key.to_value(), value])?;
    }
    if let Value::Object(o) = &value {
        value = match o.kind() {
            ObjectKind::Number(_) => Value::Number(to_number(interp, &value)?),
            ObjectKind::String(_) => Value::String(to_string(interp, &value)?),
            ObjectKind::Boolean(b) => Value::Bool(*b),
            ObjectKind::BigInt(b) => Value::BigInt(b.clone()),
            _ => value.clone(),
        };
    }
    match &value {
        Value::Null => out.push_rust_str("null"),
        Value::Bool(b) => out.push_rust_str(if *b { "true" } else { "false" }),
        Value::String(s) => quote_json_string(out, s),
        Value::Number(n) => out.push_rust_str(&if n.is_finite() {
            number_to_string(*n)
        } else {
            "null".into()
        }),
        Value::Object(o) if !o.is_callable() => {
            if is_array(interp, &value)? {
                serialize_array(interp, st, o, out)?;
            } else {
                serialize_object(interp, st, o, out)?;
            }
        }
        Value::BigInt(_) => return Err(interp.type_error("Do not know how to serialize a BigInt")),
        _ => return Ok(false),
    }
    // V8 gives up on a text longer than the longest string as it goes.
    interp.check_string_length(out.len() as f64)?;
    Ok(true)
}

fn enter(interp: &mut Interp, st: &mut State, o: &JsObject) -> JsResult<()> {
    // Nesting is bounded as calls are (V8 runs out of stack near 4,500
    // levels), which also bounds the cost of the cycle check below.
    if st.stack.len() >= crate::interp::MAX_CALL_DEPTH {
        return Err(interp.range_error("Maximum call stack size exceeded"));
    }
    if st.stack.contains(o) {
        return Err(interp.type_error("Converting circular structure to JSON"));
    }
    st.stack.push(o.clone());
    Ok(())
}

/// Writes the separator before a member of an object or array: a comma
/// after the first, and with a gap a new line and the indent.
fn write_separator(out: &mut JsStringBuilder, st: &State, first: bool) {
    if !first {
        out.push_code_unit(b',' as u16);
    }
    if !st.gap.is_empty() {
        out.push_code_unit(b'\n' as u16);
        out.push_str(&st.indent);
    }
}

/// Closes an object or array whose members are written (`any`: whether
/// there were some), with the new line and indent a gap asks for.
fn write_close(out: &mut JsStringBuilder, st: &State, stepback: &JsString, any: bool, close: u8) {
    if any && !st.gap.is_empty() {
        out.push_code_unit(b'\n' as u16);
        out.push_str(stepback);
    }
    out.push_code_unit(close as u16);
}

/// SerializeJSONObject — ECMA-262 §25.5.2.5. Members are written straight
/// into `out` (not each into a string of its own that the parent copies
/// again), and a member whose value JSON leaves out is cut off again.
fn serialize_object(
    interp: &mut Interp,
    st: &mut State,
    o: &JsObject,
    out: &mut JsStringBuilder,
) -> JsResult<()> {
    enter(interp, st, o)?;
    let stepback = st.indent.clone();
    st.indent = st.indent.concat(&st.gap);
    let keys = match &st.property_list {
        Some(k) => k.clone(),
        None => operations::enumerable_own_keys(interp, o)?,
    };
    out.push_code_unit(b'{' as u16);
    let mut first = true;
    for k in keys {
        let mark = out.len();
        write_separator(out, st, first);
        quote_json_string(
            out,
            &match k.to_value() {
                Value::String(s) => s,
                _ => JsString::empty(),
            },
        );
        out.push_code_unit(b':' as u16);
        if !st.gap.is_empty() {
            out.push_code_unit(b' ' as u16);
        }
        if serialize_property(interp, st, &k, o, out)? {
            first = false;
        } else {
            out.truncate(mark);
        }
    }
    write_close(out, st, &stepback, !first, b'}');
    st.stack.pop();
    st.indent = stepback;
    Ok(())
}

/// SerializeJSONArray — ECMA-262 §25.5.2.6
fn serialize_array(
    interp: &mut Interp,
    st: &mut State,
    o: &JsObject,
    out: &mut JsStringBuilder,
) -> JsResult<()> {
    enter(interp, st, o)?;
    let stepback = st.indent.clone();
    st.indent = st.indent.concat(&st.gap);
    let len = operations::length_of_array_like(interp, o)? as usize;
    out.push_code_unit(b'[' as u16);
    for i in 0..len {
        write_separator(out, st, i == 0);
        if !serialize_property(interp, st, &PropertyKey::from(i), o, out)? {
            out.push_rust_str("null");
        }
    }
    write_close(out, st, &stepback, len > 0, b']');
    st.stack.pop();
    st.indent = stepback;
    Ok(())
}

/// JSON.stringify — ECMA-262 §25.5.2
pub fn json_stringify(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let value = args.first().cloned().unwrap_or_default();
    let replacer = args.get(1).cloned().unwrap_or_default();
    let space = args.get(2).cloned().unwrap_or_default();
    let mut st = State {
        replacer: None,
        property_list: None,
        gap: JsString::empty(),
        indent: JsString::empty(),
        stack: Vec::new(),
    };
    if is_callable(&replacer) {
        st.replacer = Some(replacer);
    } else if let Value::Object(r) = &replacer {
        if is_array(interp, &replacer)? {
            let mut list: Vec<PropertyKey> = Vec::new();
            let len = operations::length_of_array_like(interp, r)? as usize;
            for i in 0..len {
                let v = get(interp, r, &PropertyKey::from(i))?;
                let item = match &v {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(_) => Some(to_string(interp, &v)?),
                    Value::Object(o)
                        if matches!(o.kind(), ObjectKind::String(_) | ObjectKind::Number(_)) =>
                    {
                        Some(to_string(interp, &v)?)
                    }
                    _ => None,
                };
                if let Some(s) = item {
                    let k = PropertyKey::from(s);
                    if !list.contains(&k) {
                        list.push(k);
                    }
                }
            }
            st.property_list = Some(list);
        }
    }
    let space = match &space {
        Value::Object(o) if matches!(o.kind(), ObjectKind::Number(_)) => {
            Value::Number(to_number(interp, &space)?)
        }
        Value::Object(o) if matches!(o.kind(), ObjectKind::String(_)) => {
            Value::String(to_string(interp, &space)?)
        }
        _ => space,
    };
    st.gap = match space {
        Value::Number(n) => JsString::from(" ".repeat(n.clamp(0.0, 10.0) as usize)),
        Value::String(s) => s.substring(0, 10),
        _ => JsString::empty(),
    };
    let wrapper = operations::new_object(interp);
    wrapper.define_value("", value, Attributes::all());
    let mut out = JsStringBuilder::new();
    if serialize_property(interp, &mut st, &PropertyKey::from(""), &wrapper, &mut out)? {
        Ok(Value::String(out.build()))
    } else {
        Ok(Value::Undefined)
    }
}

struct Parser<'a> {
    s: &'a [u16],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && matches!(self.s[self.i], 0x20 | 0x09 | 0x0A | 0x0D) {
            self.i += 1;
        }
    }
    fn peek(&self) -> Option<u16> {
        self.s.get(self.i).copied()
    }
    fn fail(&self, interp: &mut Interp, msg: &str) -> crate::JsError {
        interp.syntax_error(format!("{msg} in JSON at position {}", self.i))
    }
    /// An unexpected character where a value should start.
    fn unexpected(&self, interp: &mut Interp) -> crate::JsError {
        match self.peek() {
            None => interp.syntax_error("Unexpected end of JSON input"),
            Some(c) => {
                let ch = char::from_u32(c as u32).unwrap_or('?');
                interp.syntax_error(format!(
                    "Unexpected token '{ch}', \"{}\" is not valid JSON",
                    String::from_utf16_lossy(self.s)
                ))
            }
        }
    }
    fn expect_or_end(&self, interp: &mut Interp, msg: &str) -> crate::JsError {
        if self.peek().is_none() && self.s.is_empty() {
            return interp.syntax_error("Unexpected end of JSON input");
        }
        self.fail(interp, msg)
    }
    fn value(&mut self, interp: &mut Interp) -> JsResult<Value> {
        interp.check_stack()?;
        self.ws();
        match self.peek() {
            Some(0x7B) => {
                self.i += 1;
                let o = operations::new_object(interp);
                self.ws();
                if self.peek() == Some(0x7D) {
                    self.i += 1;
                    return Ok(Value::Object(o));
                }
                let mut first = true;
                loop {
                    self.ws();
                    if self.peek() != Some(0x22) {
                        return Err(if first {
                            self.expect_or_end(interp, "Expected property name or '}'")
                        } else {
                            self.fail(interp, "Expected double-quoted property name")
                        });
                    }
                    first = false;
                    let k = self.string(interp)?;
                    self.ws();
                    if self.peek() != Some(0x3A) {
                        return Err(self.fail(interp, "Expected ':' after property name"));
                    }
                    self.i += 1;
                    let v = self.value(interp)?;
                    o.define_value(PropertyKey::from(k), v, Attributes::all());
                    self.ws();
                    match self.peek() {
                        Some(0x2C) => self.i += 1,
                        Some(0x7D) => {
                            self.i += 1;
                            return Ok(Value::Object(o));
                        }
                        _ => {
                            return Err(
                                self.fail(interp, "Expected ',' or '}' after property value")
                            )
                        }
                    }
                }
            }
            Some(0x5B) => {
                self.i += 1;
                let a = crate::builtins::array::array_create(interp, 0);
                self.ws();
                if self.peek() == Some(0x5D) {
                    self.i += 1;
                    return Ok(Value::Object(a));
                }
                loop {
                    let v = self.value(interp)?;
                    a.array_push(v);
                    self.ws();
                    match self.peek() {
                        Some(0x2C) => self.i += 1,
                        Some(0x5D) => {
                            self.i += 1;
                            return Ok(Value::Object(a));
                        }
                        _ => {
                            return Err(self.fail(interp, "Expected ',' or ']' after array element"))
                        }
                    }
                }
            }
            Some(0x22) => Ok(Value::String(self.string(interp)?)),
            Some(c) if c == b'-' as u16 || (b'0' as u16..=b'9' as u16).contains(&c) => {
                let start = self.i;
                if self.peek() == Some(b'-' as u16) {
                    self.i += 1;
                }
                let digits = |p: &mut Self| {
                    let s = p.i;
                    while p.i < p.s.len() && (b'0' as u16..=b'9' as u16).contains(&p.s[p.i]) {
                        p.i += 1;
                    }
                    p.i - s
                };
                let int_start = self.i;
                if self.s.get(int_start) == Some(&(b'0' as u16)) {
                    self.i += 1;
                    if matches!(self.peek(), Some(c) if (b'0' as u16..=b'9' as u16).contains(&c)) {
                        return Err(self.fail(interp, "Unexpected number"));
                    }
                } else if digits(self) == 0 {
                    return Err(if self.peek().is_none() {
                        interp.syntax_error("Unexpected end of JSON input")
                    } else {
                        self.fail(interp, "No number after minus sign")
                    });
                }
                if self.peek() == Some(b'.' as u16) {
                    self.i += 1;
                    if digits(self) == 0 {
                        return Err(if self.peek().is_none() {
                            interp.syntax_error("Unexpected end of JSON input")
                        } else {
                            self.fail(interp, "Unterminated fractional number")
                        });
                    }
                }
                if matches!(self.peek(), Some(0x65) | Some(0x45)) {
                    self.i += 1;
                    if matches!(self.peek(), Some(0x2B) | Some(0x2D)) {
                        self.i += 1;
                    }
                    if digits(self) == 0 {
                        return Err(if self.peek().is_none() {
                            interp.syntax_error("Unexpected end of JSON input")
                        } else {
                            self.fail(interp, "Exponent part is missing a number")
                        });
                    }
                }
                let text = String::from_utf16_lossy(&self.s[start..self.i]);
                Ok(Value::Number(text.parse::<f64>().unwrap_or(f64::NAN)))
            }
            _ => {
                for (lit, v) in [
                    ("true", Value::Bool(true)),
                    ("false", Value::Bool(false)),
                    ("null", Value::Null),
                ] {
                    let l: Vec<u16> = lit.encode_utf16().collect();
                    if self.s.get(self.i..self.i + l.len()) == Some(&l[..]) {
                        self.i += l.len();
                        return Ok(v);
                    }
                    // A truncated literal is an unexpected end.
                    let rest = &self.s[self.i..];
                    if !rest.is_empty() && rest.len() < l.len() && l.starts_with(rest) {
                        return Err(interp.syntax_error("Unexpected end of JSON input"));
                    }
                }
                Err(self.unexpected(interp))
            }
        }
    }
    fn string(&mut self, interp: &mut Interp) -> JsResult<JsString> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.fail(interp, "Unterminated string"));
            };
            self.i += 1;
            match c {
                0x22 => return Ok(JsString::from_utf16_vec(out)),
                0x5C => {
                    let Some(e) = self.peek() else {
                        return Err(self.fail(interp, "Unterminated string"));
                    };
                    let ch = match e {
                        0x22 => 0x22,
                        0x5C => 0x5C,
                        0x2F => 0x2F,
                        0x62 => 0x08,
                        0x66 => 0x0C,
                        0x6E => 0x0A,
                        0x72 => 0x0D,
                        0x74 => 0x09,
                        0x75 => {
                            let hex = self
                                .s
                                .get(self.i + 1..self.i + 5)
                                .map(String::from_utf16_lossy)
                                .unwrap_or_default();
                            let Ok(v) = u16::from_str_radix(&hex, 16) else {
                                return Err(self.fail(interp, "Bad Unicode escape"));
                            };
                            self.i += 4;
                            v
                        }
                        _ => return Err(self.fail(interp, "Bad escaped character")),
                    };
                    self.i += 1;
                    out.push(ch);
                }
                c if c < 0x20 => {
                    self.i -= 1;
                    return Err(self.fail(interp, "Bad control character in string literal"));
                }
                c => out.push(c),
            }
        }
    }
}

/// InternalizeJSONProperty — ECMA-262 §25.5.1.1
fn internalize(
    interp: &mut Interp,
    holder: &JsObject,
    key: PropertyKey,
    reviver: &Value,
) -> JsResult<Value> {
    let val = get(interp, holder, &key)?;
    if let Value::Object(o) = &val {
        let keys: Vec<PropertyKey> = if is_array(interp, &val)? {
            (0..operations::length_of_array_like(interp, o)? as usize)
                .map(PropertyKey::from)
                .collect()
        } else {
            operations::enumerable_own_keys(interp, o)?
        };
        for k in keys {
            let nv = internalize(interp, o, k.clone(), reviver)?;
            if nv.is_undefined() {
                o.delete(&k);
            } else {
                operations::create_data_property(interp, o, k, nv)?;
            }
        }
    }
    interp.call(
        reviver,
        &Value::Object(holder.clone()),
        &[key.to_value(), val],
    )
}

/// JSON.parse — ECMA-262 §25.5.1
pub fn json_parse(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let text = to_string(interp, &args.first().cloned().unwrap_or_default())?;
    let units = text.code_units().into_owned();
    let mut p = Parser { s: &units, i: 0 };
    let v = p.value(interp)?;
    p.ws();
    if p.i != units.len() {
        let msg = format!(
            "Unexpected non-whitespace character after JSON at position {}",
            p.i
        );
        return Err(interp.syntax_error(msg));
    }
    let reviver = args.get(1).cloned().unwrap_or_default();
    if is_callable(&reviver) {
        let root = operations::new_object(interp);
        root.define_value("", v, Attributes::all());
        return internalize(interp, &root, PropertyKey::from(""), &reviver);
    }
    Ok(v)
}

pub(crate) fn init(interp: &mut Interp) {
    let json = operations::new_object(interp);
    define_methods(
        interp,
        &json,
        &[("parse", json_parse, 2), ("stringify", json_stringify, 3)],
    );
    crate::function::define_to_string_tag(interp, &json, "JSON");
    define_global(interp, "JSON", Value::Object(json));
}
