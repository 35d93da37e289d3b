//! Number::toString and StringToNumber (ECMA-262 §6.1.6.1.20, §7.1.4.1.1).

/// Number::toString(x, 10) — shortest round-trip digits, JS exponent rules.
pub fn number_to_string(n: f64) -> String {
    with_number_str(n, str::to_owned)
}

/// Number::toString(x) as a JavaScript string, made without a Rust
/// `String` in between.
pub fn number_to_js_string(n: f64) -> crate::string::JsString {
    with_number_str(n, |s| crate::string::JsString::from(s))
}

/// Calls `f` with Number::toString(x) — ECMA-262 §6.1.6.1.20 — formatted
/// on the stack.
pub fn with_number_str<R>(n: f64, f: impl FnOnce(&str) -> R) -> R {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        // An integer (or -0, which prints as 0): its digits, written from
        // the end of the buffer.
        let mut buf = [0u8; 17];
        let mut at = buf.len();
        let mut v = n.abs() as u64;
        loop {
            at -= 1;
            buf[at] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        if n < 0.0 {
            at -= 1;
            buf[at] = b'-';
        }
        return f(std::str::from_utf8(&buf[at..]).unwrap_or("0"));
    }
    if n.is_nan() {
        return f("NaN");
    }
    if n.is_infinite() {
        return f(if n > 0.0 { "Infinity" } else { "-Infinity" });
    }
    let mut buf = ryu_js::Buffer::new();
    f(buf.format(n))
}

/// Number::toString(x, radix) for radix 2..=36 (other than 10).
pub fn number_to_string_radix(n: f64, radix: u32) -> String {
    if radix == 10 || n.is_nan() || n.is_infinite() || n == 0.0 {
        return number_to_string(n);
    }
    let negative = n < 0.0;
    let n = n.abs();
    let mut int = n.trunc();
    let mut frac = n - int;
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut int_digits = Vec::new();
    if int == 0.0 {
        int_digits.push(b'0');
    }
    while int >= 1.0 {
        let d = (int % radix as f64) as usize;
        int_digits.push(digits[d]);
        int = (int / radix as f64).trunc();
    }
    int_digits.reverse();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(std::str::from_utf8(&int_digits).unwrap_or("0"));
    if frac > 0.0 {
        out.push('.');
        // Enough digits to distinguish the double (52 bits of mantissa).
        let max_digits = (52.0 / (radix as f64).log2()).ceil() as usize + 1;
        let mut count = 0;
        while frac > 0.0 && count < max_digits {
            frac *= radix as f64;
            let d = frac.trunc() as usize;
            out.push(digits[d.min(35)] as char);
            frac -= d as f64;
            count += 1;
        }
        while out.ends_with('0') {
            out.pop();
        }
    }
    out
}

/// WhiteSpace or LineTerminator (ECMA-262 §12.2, §12.3).
pub fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{9}' | '\u{A}' | '\u{B}' | '\u{C}' | '\u{D}' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// Trims JavaScript white space and line terminators.
pub fn trim_js(s: &str) -> &str {
    s.trim_matches(is_js_whitespace)
}

/// StringToNumber — ECMA-262 §7.1.4.1.1
pub fn string_to_number(s: &str) -> f64 {
    let s = trim_js(s);
    if s.is_empty() {
        return 0.0;
    }
    let (radix, digits) = match s.get(..2) {
        Some("0x") | Some("0X") => (16, &s[2..]),
        Some("0o") | Some("0O") => (8, &s[2..]),
        Some("0b") | Some("0B") => (2, &s[2..]),
        _ => (10, s),
    };
    if radix != 10 {
        if digits.is_empty() {
            return f64::NAN;
        }
        let mut v = 0.0f64;
        for c in digits.chars() {
            match c.to_digit(radix) {
                Some(d) => v = v * radix as f64 + d as f64,
                None => return f64::NAN,
            }
        }
        return v;
    }
    match s {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    // StrDecimalLiteral: digits, optional fraction and exponent; Rust's
    // parser accepts a superset ("inf", "nan"), so validate first.
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let start_digits = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut any = i > start_digits;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let f = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        any |= i > f;
    }
    if !any {
        return f64::NAN;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let e = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == e {
            return f64::NAN;
        }
    }
    if i != b.len() {
        return f64::NAN;
    }
    s.parse::<f64>().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_javascript() {
        assert_eq!(number_to_string(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number_to_string(1e21), "1e+21");
        assert_eq!(number_to_string(123.0), "123");
        assert_eq!(number_to_string(-0.0), "0");
        assert_eq!(number_to_string(1e-7), "1e-7");
        assert_eq!(number_to_string(0.000001), "0.000001");
        assert_eq!(number_to_string(f64::NAN), "NaN");
        assert_eq!(number_to_string(2f64.powi(53)), "9007199254740992");
        assert_eq!(number_to_string(1e20), "100000000000000000000");
    }

    #[test]
    fn parses_like_javascript() {
        assert_eq!(string_to_number("  12  "), 12.0);
        assert_eq!(string_to_number("0x1F"), 31.0);
        assert!(string_to_number("1e").is_nan());
        assert!(string_to_number("inf").is_nan());
        assert_eq!(string_to_number(""), 0.0);
        assert_eq!(string_to_number(".5"), 0.5);
        assert_eq!(string_to_number("-Infinity"), f64::NEG_INFINITY);
    }

    #[test]
    fn radix_conversion() {
        assert_eq!(number_to_string_radix(255.0, 16), "ff");
        assert_eq!(number_to_string_radix(-5.0, 2), "-101");
        assert_eq!(number_to_string_radix(0.5, 2), "0.1");
    }
}
