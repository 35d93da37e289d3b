//! String literals (ECMA-262 §12.9.4) and template literal parts
//! (§12.9.6), scanned by hand into UTF-16 code units.

use std::rc::Rc;

use crate::{LexError, TemplatePart};

pub(crate) fn hex_value(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// The code point of `XXXX` or `{X...}` at `pos` (just after `\u`) and the
/// offset after it. `None` when malformed or above U+10FFFF. Surrogates
/// are returned as they are (`"\uD800"` is a lone surrogate).
pub(crate) fn unicode_escape_value(bytes: &[u8], pos: usize) -> Option<(u32, usize)> {
    if bytes.get(pos) == Some(&b'{') {
        let mut value: u32 = 0;
        let mut i = pos + 1;
        while let Some(d) = bytes.get(i).and_then(|&b| hex_value(b)) {
            value = value * 16 + d;
            if value > 0x10FFFF {
                return None;
            }
            i += 1;
        }
        if i == pos + 1 || bytes.get(i) != Some(&b'}') {
            return None;
        }
        Some((value, i + 1))
    } else {
        let mut value = 0;
        for k in 0..4 {
            value = value * 16 + hex_value(*bytes.get(pos + k)?)?;
        }
        Some((value, pos + 4))
    }
}

/// One decoded escape sequence.
pub(crate) enum Escape {
    /// A code point, or a lone surrogate code unit.
    Code(u32),
    /// Backslash + line terminator: contributes nothing.
    LineContinuation,
    /// `\1`, `\377`, `\08`... (LegacyOctalEscapeSequence).
    LegacyOctal(u32),
    /// `\8`, `\9` (NonOctalDecimalEscapeSequence): the digit itself.
    NonOctalDecimal(u32),
    Invalid(&'static str),
}

/// Decode the escape whose backslash is at `pos - 1`. Returns the escape and
/// where scanning resumes; `None` when the input ends after the backslash.
pub(crate) fn escape(src: &str, pos: usize) -> Option<(Escape, usize)> {
    let bytes = src.as_bytes();
    let b = *bytes.get(pos)?;
    let simple = |c: u32| Some((Escape::Code(c), pos + 1));
    match b {
        b'n' => simple(0x0A),
        b't' => simple(0x09),
        b'r' => simple(0x0D),
        b'b' => simple(0x08),
        b'f' => simple(0x0C),
        b'v' => simple(0x0B),
        b'\n' => Some((Escape::LineContinuation, pos + 1)),
        b'\r' => {
            let end = if bytes.get(pos + 1) == Some(&b'\n') {
                pos + 2
            } else {
                pos + 1
            };
            Some((Escape::LineContinuation, end))
        }
        b'0'..=b'7' => {
            let next_is_digit = bytes.get(pos + 1).is_some_and(u8::is_ascii_digit);
            if b == b'0' && !next_is_digit {
                return simple(0);
            }
            let mut value = u32::from(b - b'0');
            let max_len = if b <= b'3' { 3 } else { 2 };
            let mut i = pos + 1;
            while i < pos + max_len {
                match bytes.get(i) {
                    Some(&d @ b'0'..=b'7') => value = value * 8 + u32::from(d - b'0'),
                    _ => break,
                }
                i += 1;
            }
            Some((Escape::LegacyOctal(value), i))
        }
        b'8' | b'9' => Some((Escape::NonOctalDecimal(u32::from(b)), pos + 1)),
        b'x' => {
            let hi = bytes.get(pos + 1).and_then(|&d| hex_value(d));
            let lo = bytes.get(pos + 2).and_then(|&d| hex_value(d));
            match (hi, lo) {
                (Some(hi), Some(lo)) => Some((Escape::Code(hi * 16 + lo), pos + 3)),
                _ => Some((
                    Escape::Invalid("Invalid hexadecimal escape sequence"),
                    pos + 1,
                )),
            }
        }
        b'u' => match unicode_escape_value(bytes, pos + 1) {
            Some((c, end)) => Some((Escape::Code(c), end)),
            None => Some((Escape::Invalid("Invalid Unicode escape sequence"), pos + 1)),
        },
        _ => {
            let c = src.get(pos..)?.chars().next()?;
            if c == '\u{2028}' || c == '\u{2029}' {
                Some((Escape::LineContinuation, pos + c.len_utf8()))
            } else {
                Some((Escape::Code(c as u32), pos + c.len_utf8()))
            }
        }
    }
}

/// Append a code point (or lone surrogate) as UTF-16.
fn push_code(out: &mut Vec<u16>, c: u32) {
    if c >= 0x10000 {
        let c = c - 0x10000;
        out.push(0xD800 | (c >> 10) as u16);
        out.push(0xDC00 | (c & 0x3FF) as u16);
    } else {
        out.push(c as u16);
    }
}

/// `src[start..end]` as UTF-16 (empty if the range is not on char
/// boundaries, which the scanners never produce).
fn utf16(src: &str, start: usize, end: usize) -> Rc<[u16]> {
    let s = src.get(start..end).unwrap_or("");
    if s.is_ascii() {
        s.as_bytes().iter().map(|&b| u16::from(b)).collect()
    } else {
        s.encode_utf16().collect()
    }
}

fn extend_utf16(out: &mut Vec<u16>, src: &str, start: usize, end: usize) {
    out.extend(src.get(start..end).unwrap_or("").encode_utf16());
}

pub(crate) struct StrLit {
    pub value: Rc<[u16]>,
    pub end: usize,
    /// Contains a legacy octal or `\8`/`\9` escape.
    pub legacy_octal: bool,
}

fn unterminated_string(start: usize, end: usize) -> LexError {
    LexError::new(start, end, "Invalid or unexpected token").incomplete()
}

/// Scan the string literal whose quote is at `start`.
pub(crate) fn scan_string(src: &str, start: usize) -> Result<StrLit, LexError> {
    let bytes = src.as_bytes();
    let quote = bytes.get(start).copied().unwrap_or(b'"');
    let special = |b: u8| b == quote || b == b'\\' || b == b'\n' || b == b'\r';
    let mut i = start + 1;
    while i < bytes.len() && !special(bytes[i]) {
        i += 1;
    }
    if bytes.get(i) == Some(&quote) {
        return Ok(StrLit {
            value: utf16(src, start + 1, i),
            end: i + 1,
            legacy_octal: false,
        });
    }
    let mut out = Vec::with_capacity(i - start);
    extend_utf16(&mut out, src, start + 1, i);
    let mut legacy_octal = false;
    loop {
        match bytes.get(i) {
            None => return Err(unterminated_string(start, i)),
            Some(&b) if b == quote => {
                return Ok(StrLit {
                    value: out.into(),
                    end: i + 1,
                    legacy_octal,
                })
            }
            Some(b'\\') => {
                let Some((esc, next)) = escape(src, i + 1) else {
                    return Err(unterminated_string(start, bytes.len()));
                };
                match esc {
                    Escape::Code(c) => push_code(&mut out, c),
                    Escape::LineContinuation => {}
                    Escape::LegacyOctal(c) | Escape::NonOctalDecimal(c) => {
                        legacy_octal = true;
                        push_code(&mut out, c);
                    }
                    Escape::Invalid(message) => return Err(LexError::new(i, next, message)),
                }
                i = next;
            }
            Some(_) => return Err(LexError::new(start, i, "Invalid or unexpected token")),
        }
        let run = i;
        while i < bytes.len() && !special(bytes[i]) {
            i += 1;
        }
        extend_utf16(&mut out, src, run, i);
    }
}

pub(crate) struct TemplateLit {
    pub part: TemplatePart,
    pub end: usize,
    /// Ended with `` ` `` (no substitution follows).
    pub tail: bool,
}

/// `src[start..end]` with CRLF and CR turned into LF, as UTF-16.
fn normalized_raw(src: &str, start: usize, end: usize) -> Rc<[u16]> {
    let s = src.get(start..end).unwrap_or("");
    if !s.contains('\r') {
        return utf16(src, start, end);
    }
    let mut out = Vec::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push(0x0A);
        } else {
            let mut buf = [0u16; 2];
            out.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    out.into()
}

/// Scan template characters from `pos` (just after `` ` `` or the `}` that
/// closes a substitution) up to and including `` ` `` or `${`. `opener` is
/// where the literal started, for the error span.
pub(crate) fn scan_template(src: &str, pos: usize, opener: usize) -> Result<TemplateLit, LexError> {
    let bytes = src.as_bytes();
    let special = |b: u8| matches!(b, b'`' | b'$' | b'\\' | b'\r');
    let unterminated =
        || LexError::new(opener, src.len(), "Unterminated template literal").incomplete();
    let finish = |text_end: usize, cooked: Option<Rc<[u16]>>, raw: Rc<[u16]>| {
        let tail = bytes.get(text_end) == Some(&b'`');
        TemplateLit {
            part: TemplatePart { cooked, raw },
            end: if tail { text_end + 1 } else { text_end + 2 },
            tail,
        }
    };

    // Fast path: no escapes, no CR.
    let mut i = pos;
    loop {
        while i < bytes.len() && !special(bytes[i]) {
            i += 1;
        }
        match bytes.get(i) {
            None => return Err(unterminated()),
            Some(b'`') => {
                let text = utf16(src, pos, i);
                return Ok(finish(i, Some(text.clone()), text));
            }
            Some(b'$') if bytes.get(i + 1) == Some(&b'{') => {
                let text = utf16(src, pos, i);
                return Ok(finish(i, Some(text.clone()), text));
            }
            Some(b'$') => i += 1,
            Some(_) => break,
        }
    }

    // General path: decode escapes into the cooked value.
    let mut cooked = Vec::with_capacity(i - pos + 16);
    extend_utf16(&mut cooked, src, pos, i);
    let mut valid = true;
    loop {
        match bytes.get(i) {
            None => return Err(unterminated()),
            Some(b'`') => break,
            Some(b'$') if bytes.get(i + 1) == Some(&b'{') => break,
            Some(b'$') => {
                cooked.push(u16::from(b'$'));
                i += 1;
            }
            Some(b'\r') => {
                cooked.push(0x0A);
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            Some(b'\\') => {
                let Some((esc, next)) = escape(src, i + 1) else {
                    return Err(unterminated());
                };
                match esc {
                    Escape::Code(c) => push_code(&mut cooked, c),
                    Escape::LineContinuation => {}
                    Escape::LegacyOctal(_) | Escape::NonOctalDecimal(_) | Escape::Invalid(_) => {
                        valid = false
                    }
                }
                i = next;
            }
            Some(_) => {}
        }
        let run = i;
        while i < bytes.len() && !special(bytes[i]) {
            i += 1;
        }
        extend_utf16(&mut cooked, src, run, i);
    }
    let raw = normalized_raw(src, pos, i);
    Ok(finish(i, valid.then(|| cooked.into()), raw))
}
