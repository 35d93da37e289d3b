//! URI handling functions — ECMA-262 §19.2.6: decodeURI,
//! decodeURIComponent, encodeURI, encodeURIComponent; and Annex B's
//! escape and unescape (§B.2.1).

use interp::error::ErrorType;
use interp::function::define_methods;
use interp::operations::to_string;
use interp::{Interp, JsError, JsResult, JsString, Value};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

fn uri_error(interp: &mut Interp) -> JsError {
    interp.make_error(ErrorType::UriError, "URI malformed")
}

/// uriReserved and "#", the characters encodeURI leaves alone beyond the
/// unreserved ones.
const URI_RESERVED_AND_HASH: &str = ";/?:@&=+$,#";

fn is_unreserved(u: u16) -> bool {
    u < 0x80 && {
        let c = u as u8;
        c.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&c)
    }
}

/// Encode ( string, extraUnescaped ) — ECMA-262 §19.2.6.5
fn encode(interp: &mut Interp, s: &JsString, extra: &str) -> JsResult<Value> {
    let units = s.code_units();
    let mut out = String::with_capacity(units.len());
    let mut k = 0;
    while k < units.len() {
        let c = units[k];
        if is_unreserved(c) || (c < 0x80 && extra.as_bytes().contains(&(c as u8))) {
            out.push(c as u8 as char);
            k += 1;
            continue;
        }
        let Some((cp, n)) = s.code_point_at(k) else {
            break;
        };
        let Some(ch) = char::from_u32(cp) else {
            // An unpaired surrogate.
            return Err(uri_error(interp));
        };
        k += n;
        let mut buf = [0u8; 4];
        for b in ch.encode_utf8(&mut buf).bytes() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Ok(Value::from(out))
}

fn hex_octet(units: &[u16], at: usize) -> Option<u8> {
    let h = |u: u16| char::from_u32(u32::from(u))?.to_digit(16);
    let hi = h(*units.get(at)?)?;
    let lo = h(*units.get(at + 1)?)?;
    Some((hi * 16 + lo) as u8)
}

/// Decode ( string, preserveEscapeSet ) — ECMA-262 §19.2.6.6
fn decode(interp: &mut Interp, s: &JsString, preserve: &str) -> JsResult<Value> {
    let units = s.code_units();
    let len = units.len();
    let mut out: Vec<u16> = Vec::with_capacity(len);
    let mut k = 0;
    while k < len {
        let c = units[k];
        if c != u16::from(b'%') {
            out.push(c);
            k += 1;
            continue;
        }
        let start = k;
        let Some(b) = (k + 3 <= len).then(|| hex_octet(&units, k + 1)).flatten() else {
            return Err(uri_error(interp));
        };
        k += 2;
        let n = b.leading_ones() as usize;
        if n == 0 {
            if preserve.as_bytes().contains(&b) {
                out.extend_from_slice(&units[start..k + 1]);
            } else {
                out.push(u16::from(b));
            }
            k += 1;
            continue;
        }
        if n == 1 || n > 4 || k + 3 * (n - 1) >= len {
            return Err(uri_error(interp));
        }
        let mut octets = vec![b];
        for _ in 1..n {
            k += 1;
            if units[k] != u16::from(b'%') {
                return Err(uri_error(interp));
            }
            let Some(cont) = hex_octet(&units, k + 1) else {
                return Err(uri_error(interp));
            };
            octets.push(cont);
            k += 2;
        }
        let Some(ch) = std::str::from_utf8(&octets)
            .ok()
            .and_then(|t| t.chars().next())
        else {
            return Err(uri_error(interp));
        };
        let mut buf = [0u16; 2];
        out.extend_from_slice(ch.encode_utf16(&mut buf));
        k += 1;
    }
    Ok(Value::String(JsString::from_utf16_vec(out)))
}

/// decodeURI ( encodedURI ) — ECMA-262 §19.2.6.1
fn decode_uri(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = to_string(interp, &arg(args, 0))?;
    decode(interp, &s, URI_RESERVED_AND_HASH)
}

/// decodeURIComponent ( encodedURIComponent ) — ECMA-262 §19.2.6.2
fn decode_uri_component(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = to_string(interp, &arg(args, 0))?;
    decode(interp, &s, "")
}

/// encodeURI ( uri ) — ECMA-262 §19.2.6.3
fn encode_uri(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = to_string(interp, &arg(args, 0))?;
    encode(interp, &s, URI_RESERVED_AND_HASH)
}

/// encodeURIComponent ( uriComponent ) — ECMA-262 §19.2.6.4
fn encode_uri_component(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = to_string(interp, &arg(args, 0))?;
    encode(interp, &s, "")
}

/// Defines the four global URI functions.
/// escape ( string ) — ECMA-262 §B.2.1.1: every code unit outside
/// `A-Za-z0-9@*_+-./` as `%XX` (below 256) or `%uXXXX`.
fn escape(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = to_string(interp, &arg(args, 0))?;
    let mut out = String::with_capacity(s.len());
    for cu in s.code_units().iter().copied() {
        match char::from_u32(u32::from(cu)) {
            Some(c) if c.is_ascii_alphanumeric() || "@*_+-./".contains(c) => out.push(c),
            _ if cu < 256 => out.push_str(&format!("%{cu:02X}")),
            _ => out.push_str(&format!("%u{cu:04X}")),
        }
    }
    Ok(Value::from(out.as_str()))
}

/// unescape ( string ) — ECMA-262 §B.2.1.2: `%uXXXX` and `%XX` back to
/// code units; any other `%` stays.
fn unescape(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = to_string(interp, &arg(args, 0))?;
    let units = s.code_units();
    let hex = |from: usize, n: usize| -> Option<u16> {
        let digits = units.get(from..from + n)?;
        digits.iter().try_fold(0u16, |acc, &d| {
            let v = char::from_u32(u32::from(d))?.to_digit(16)?;
            Some(acc * 16 + v as u16)
        })
    };
    let mut out = Vec::with_capacity(units.len());
    let mut k = 0;
    while k < units.len() {
        let cu = units[k];
        if cu == u16::from(b'%') {
            if units.get(k + 1) == Some(&u16::from(b'u')) {
                if let Some(v) = hex(k + 2, 4) {
                    out.push(v);
                    k += 6;
                    continue;
                }
            } else if let Some(v) = hex(k + 1, 2) {
                out.push(v);
                k += 3;
                continue;
            }
        }
        out.push(cu);
        k += 1;
    }
    Ok(Value::String(JsString::from_utf16_vec(out)))
}

pub fn install(interp: &mut Interp) {
    let g = interp.realm.global_object.clone();
    define_methods(
        interp,
        &g,
        &[
            ("decodeURI", decode_uri, 1),
            ("decodeURIComponent", decode_uri_component, 1),
            ("encodeURI", encode_uri, 1),
            ("encodeURIComponent", encode_uri_component, 1),
            ("escape", escape, 1),
            ("unescape", unescape, 1),
        ],
    );
}
