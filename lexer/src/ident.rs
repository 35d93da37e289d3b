//! Identifier names that need more than the ASCII fast path of the raw
//! scan: non-ASCII characters (ID_Start / ID_Continue, ECMA-262 §12.7) and
//! `\uXXXX` / `\u{X}` escapes.

use crate::unicode::{ID_CONTINUE, ID_START};
use crate::LexError;

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// IdentifierStartChar: UnicodeIDStart, `$`, `_`.
pub(crate) fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic() || c == '$' || c == '_'
    } else {
        in_table(ID_START, c)
    }
}

/// IdentifierPartChar: UnicodeIDContinue, `$`, ZWNJ, ZWJ.
pub(crate) fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '$' || c == '_'
    } else {
        c == '\u{200C}' || c == '\u{200D}' || in_table(ID_CONTINUE, c)
    }
}

/// Does an identifier that ended (on the ASCII fast path) at `pos` really
/// continue there: with an escape or a non-ASCII identifier character?
pub(crate) fn continues_at(src: &str, pos: usize) -> bool {
    match src.as_bytes().get(pos) {
        Some(b'\\') => true,
        Some(&b) if b >= 0x80 => src
            .get(pos..)
            .and_then(|s| s.chars().next())
            .is_some_and(is_id_continue),
        _ => false,
    }
}

/// A scanned identifier name.
pub(crate) struct Name {
    pub text: String,
    pub end: usize,
    /// Some character was written as an escape.
    pub escaped: bool,
}

/// Scan an IdentifierName starting at `start` (escapes decoded). Fails when
/// no identifier starts there or an escape is malformed or escapes a
/// character that cannot appear in a name.
pub(crate) fn scan_name(src: &str, start: usize) -> Result<Name, LexError> {
    let bytes = src.as_bytes();
    let mut text = String::new();
    let mut escaped = false;
    let mut i = start;
    loop {
        let first = i == start;
        let Some(&b) = bytes.get(i) else { break };
        if b.is_ascii() && b != b'\\' {
            let c = b as char;
            let ok = if first {
                is_id_start(c)
            } else {
                is_id_continue(c)
            };
            if !ok {
                break;
            }
            text.push(c);
            i += 1;
        } else if b == b'\\' {
            let (c, next) = unicode_escape(src, i + 1)
                .ok_or_else(|| LexError::new(i, i + 1, "Invalid Unicode escape sequence"))?;
            let ok = if first {
                is_id_start(c)
            } else {
                is_id_continue(c)
            };
            if !ok {
                return Err(LexError::new(i, next, "Invalid Unicode escape sequence"));
            }
            text.push(c);
            escaped = true;
            i = next;
        } else {
            let Some(c) = src.get(i..).and_then(|s| s.chars().next()) else {
                break;
            };
            let ok = if first {
                is_id_start(c)
            } else {
                is_id_continue(c)
            };
            if !ok {
                break;
            }
            text.push(c);
            i += c.len_utf8();
        }
    }
    if i == start {
        let end = src
            .get(start..)
            .and_then(|s| s.chars().next())
            .map_or(start, |c| start + c.len_utf8());
        return Err(LexError::new(start, end, "Invalid or unexpected token"));
    }
    Ok(Name {
        text,
        end: i,
        escaped,
    })
}

/// After `\` at `pos - 1`: `uXXXX` or `u{X...}` naming a Unicode scalar
/// value. Returns the character and the offset after the escape.
fn unicode_escape(src: &str, pos: usize) -> Option<(char, usize)> {
    let bytes = src.as_bytes();
    if bytes.get(pos) != Some(&b'u') {
        return None;
    }
    let (value, end) = crate::string::unicode_escape_value(bytes, pos + 1)?;
    // A surrogate code point is not a character and never an identifier part.
    char::from_u32(value).map(|c| (c, end))
}

/// Used by the number scanner: is the byte at `pos` the start of something
/// that may not touch a numeric literal (IdentifierStart or a digit)?
pub(crate) fn starts_name_or_digit(src: &str, pos: usize) -> bool {
    match src.as_bytes().get(pos) {
        None => false,
        Some(b'\\') => true,
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric() || b == b'$' || b == b'_',
        Some(_) => src
            .get(pos..)
            .and_then(|s| s.chars().next())
            .is_some_and(is_id_start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_disjoint() {
        for table in [ID_START, ID_CONTINUE] {
            for pair in table.windows(2) {
                assert!(
                    pair[0].0 <= pair[0].1 && pair[0].1 + 1 < pair[1].0,
                    "{pair:?}"
                );
            }
        }
    }

    #[test]
    fn id_start_is_within_id_continue() {
        for c in (0x80..0x11_0000).filter_map(char::from_u32) {
            if is_id_start(c) {
                assert!(is_id_continue(c), "{c:?}");
            }
        }
    }

    #[test]
    fn samples() {
        for c in [
            'a',
            'Z',
            '$',
            '_',
            'é',
            'π',
            'ж',
            '日',
            'ℵ',
            'ᛮ',
            '\u{2118}',
            '\u{1D49C}',
        ] {
            assert!(is_id_start(c), "{c:?}");
        }
        for c in [
            '0', '\u{301}', '\u{203F}', '\u{200C}', '\u{200D}', '\u{660}', '\u{B7}',
        ] {
            assert!(!is_id_start(c) && is_id_continue(c), "{c:?}");
        }
        for c in [
            ' ', '-', '\u{A0}', '\u{2028}', '€', '😀', '\u{2E2F}', '\u{FEFF}',
        ] {
            assert!(!is_id_start(c) && !is_id_continue(c), "{c:?}");
        }
    }
}
