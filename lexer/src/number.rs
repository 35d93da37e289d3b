//! Numeric literals (ECMA-262 §12.9.3, with the legacy octal forms of
//! Annex B.1.1).

use std::rc::Rc;

use crate::ident::starts_name_or_digit;
use crate::LexError;

pub(crate) struct NumLit {
    pub value: f64,
    pub end: usize,
    /// `017`, `08`, `09.5`: a legacy form the parser rejects in strict code.
    pub legacy_octal: bool,
    /// For a BigInt literal (`12n`, `0xFFn`): its digits without separators
    /// or the `n`, after the radix prefix (`"12"`, `"0xFF"`).
    pub bigint: Option<Rc<str>>,
}

const INVALID: &str = "Invalid or unexpected token";
const TRAILING_SEPARATOR: &str =
    "Numeric separators are not allowed at the end of numeric literals";
const DOUBLE_SEPARATOR: &str = "Only one underscore is allowed as numeric separator";
const SEPARATOR_AFTER_ZERO: &str = "Numeric separator can not be used after leading 0.";

/// Scan digits accepted by `is_digit`, with single `_` separators between
/// digits, from `i` (which must hold a digit). Returns the end and whether
/// a separator was seen.
fn digits(
    bytes: &[u8],
    start: usize,
    mut i: usize,
    is_digit: impl Fn(u8) -> bool,
) -> Result<(usize, bool), LexError> {
    let mut separated = false;
    loop {
        match bytes.get(i) {
            Some(&b) if is_digit(b) => i += 1,
            Some(b'_') => match bytes.get(i + 1) {
                Some(&b) if is_digit(b) => {
                    separated = true;
                    i += 2;
                }
                Some(b'_') => return Err(LexError::new(start, i + 2, DOUBLE_SEPARATOR)),
                _ => return Err(LexError::new(start, i + 1, TRAILING_SEPARATOR)),
            },
            _ => return Ok((i, separated)),
        }
    }
}

/// The correctly rounded value of digits in base `2^bits` (separators
/// skipped), for literals of any length.
fn radix_value(digits: &[u8], bits: u32) -> f64 {
    let mut mantissa: u64 = 0;
    let mut dropped: i32 = 0;
    let mut sticky = false;
    for &b in digits {
        let Some(d) = (b as char).to_digit(16) else {
            continue;
        };
        if mantissa >> (64 - bits) == 0 {
            mantissa = (mantissa << bits) | u64::from(d);
            continue;
        }
        for k in (0..bits).rev() {
            let bit = u64::from((d >> k) & 1);
            if mantissa >> 63 == 0 {
                mantissa = (mantissa << 1) | bit;
            } else {
                dropped = dropped.saturating_add(1);
                sticky |= bit != 0;
            }
        }
    }
    if sticky {
        // Below the rounding bit of a 64-bit mantissa: only marks "inexact".
        mantissa |= 1;
    }
    let value = mantissa as f64;
    if dropped == 0 {
        value
    } else {
        value * 2f64.powi(dropped.min(2000))
    }
}

/// After a literal: a name or digit touching it is an error. An integer
/// literal (`integer`) may take the BigInt suffix `n`: returns whether it
/// did (the literal then ends after the `n`).
fn check_end(src: &str, start: usize, end: usize, integer: bool) -> Result<bool, LexError> {
    let bigint = integer && src.as_bytes().get(end) == Some(&b'n');
    let end = if bigint { end + 1 } else { end };
    if starts_name_or_digit(src, end) {
        return Err(LexError::new(start, end + 1, INVALID));
    }
    Ok(bigint)
}

/// A BigInt literal's digits (`text` without the `n`) without separators.
fn bigint_text(text: &str) -> Option<Rc<str>> {
    Some(Rc::from(text.replace('_', "")))
}

/// Scan the numeric literal starting at `start` (a digit, or `.` before a
/// digit).
pub(crate) fn scan_number(src: &str, start: usize) -> Result<NumLit, LexError> {
    let bytes = src.as_bytes();
    let first = bytes.get(start).copied().unwrap_or(b'0');
    let second = bytes.get(start + 1).copied();

    if first == b'0' {
        let radix = match second {
            Some(b'x' | b'X') => Some(4),
            Some(b'o' | b'O') => Some(3),
            Some(b'b' | b'B') => Some(1),
            _ => None,
        };
        if let Some(bits) = radix {
            let is_digit = move |b: u8| (b as char).is_digit(1 << bits);
            let digits_start = start + 2;
            if !bytes.get(digits_start).is_some_and(|&b| is_digit(b)) {
                return Err(LexError::new(start, digits_start, INVALID));
            }
            let (end, _) = digits(bytes, start, digits_start, is_digit)?;
            if check_end(src, start, end, true)? {
                return Ok(NumLit {
                    value: 0.0,
                    end: end + 1,
                    legacy_octal: false,
                    bigint: bigint_text(&src[start..end]),
                });
            }
            return Ok(NumLit {
                value: radix_value(&bytes[digits_start..end], bits),
                end,
                legacy_octal: false,
                bigint: None,
            });
        }
        if second == Some(b'_') {
            return Err(LexError::new(start, start + 2, SEPARATOR_AFTER_ZERO));
        }
        if second.is_some_and(|b| b.is_ascii_digit()) {
            return scan_legacy(src, start);
        }
    }

    // DecimalLiteral: digits, fraction, exponent.
    let mut separated = false;
    let mut i = start;
    if first != b'.' {
        let (end, sep) = digits(bytes, start, start, |b| b.is_ascii_digit())?;
        separated |= sep;
        i = end;
    }
    let mut integer = true;
    if bytes.get(i) == Some(&b'.') {
        integer = false;
        i += 1;
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            let (end, sep) = digits(bytes, start, i, |b| b.is_ascii_digit())?;
            separated |= sep;
            i = end;
        }
    }
    i = exponent(bytes, start, i, &mut separated, &mut integer)?;
    if check_end(src, start, i, integer)? {
        return Ok(NumLit {
            value: 0.0,
            end: i + 1,
            legacy_octal: false,
            bigint: bigint_text(&src[start..i]),
        });
    }
    let text = &src[start..i];
    let value = if separated {
        text.replace('_', "").parse::<f64>()
    } else {
        text.parse::<f64>()
    };
    let value = value.map_err(|_| LexError::new(start, i, INVALID))?;
    Ok(NumLit {
        value,
        end: i,
        legacy_octal: false,
        bigint: None,
    })
}

/// An optional ExponentPart at `i`.
fn exponent(
    bytes: &[u8],
    start: usize,
    mut i: usize,
    separated: &mut bool,
    integer: &mut bool,
) -> Result<usize, LexError> {
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        *integer = false;
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            return Err(LexError::new(start, i, INVALID));
        }
        let (end, sep) = digits(bytes, start, i, |b| b.is_ascii_digit())?;
        *separated |= sep;
        i = end;
    }
    Ok(i)
}

/// `0` followed by digits: LegacyOctalIntegerLiteral when all are octal,
/// else NonOctalDecimalIntegerLiteral (which may take a fraction and an
/// exponent). Neither allows separators.
fn scan_legacy(src: &str, start: usize) -> Result<NumLit, LexError> {
    let bytes = src.as_bytes();
    let mut i = start + 1;
    let mut octal = true;
    while let Some(&b) = bytes.get(i) {
        if !b.is_ascii_digit() {
            break;
        }
        octal &= b < b'8';
        i += 1;
    }
    if bytes.get(i) == Some(&b'_') {
        return Err(LexError::new(start, i + 1, SEPARATOR_AFTER_ZERO));
    }
    if octal {
        check_end(src, start, i, false)?;
        return Ok(NumLit {
            value: radix_value(&bytes[start + 1..i], 3),
            end: i,
            legacy_octal: true,
            bigint: None,
        });
    }
    let mut separated = false;
    let mut integer = true;
    if bytes.get(i) == Some(&b'.') {
        integer = false;
        i += 1;
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            let (end, sep) = digits(bytes, start, i, |b| b.is_ascii_digit())?;
            separated |= sep;
            i = end;
        }
    }
    i = exponent(bytes, start, i, &mut separated, &mut integer)?;
    check_end(src, start, i, false)?;
    let text = src[start..i].replace('_', "");
    let value = text
        .parse::<f64>()
        .map_err(|_| LexError::new(start, i, INVALID))?;
    Ok(NumLit {
        value,
        end: i,
        legacy_octal: true,
        bigint: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_values_round_to_nearest_even() {
        assert_eq!(radix_value(b"ff", 4), 255.0);
        assert_eq!(radix_value(b"1_0", 1), 2.0);
        // 2^64 - 1 needs rounding: up to 2^64.
        assert_eq!(radix_value(b"ffffffffffffffff", 4), 18446744073709551616.0);
        // 2^54 + 2 is halfway between 2^54 and 2^54 + 4: ties to even (2^54).
        assert_eq!(radix_value(b"40000000000002", 4), 18014398509481984.0);
        // 2^54 + 6: halfway, ties to even (2^54 + 8).
        assert_eq!(radix_value(b"40000000000006", 4), 18014398509481992.0);
        // The same, with the tie broken by a bit far below: rounds up.
        let mut long = b"400000000000020000000000000000".to_vec();
        long.push(b'1');
        assert_eq!(
            radix_value(&long, 4),
            (18014398509481984.0 + 4.0) * 2f64.powi(68)
        );
    }
}
