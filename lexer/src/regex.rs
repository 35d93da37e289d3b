//! Regular expression literals (ECMA-262 §12.9.5): only the extent of the
//! body and the flags are checked here; the pattern itself is compiled (and
//! its errors reported) later.

use std::rc::Rc;

use crate::ident::is_id_continue;
use crate::{is_line_terminator, LexError};

pub(crate) struct RegexLit {
    pub body: Rc<str>,
    pub flags: Rc<str>,
    pub end: usize,
}

const MISSING_SLASH: &str = "Invalid regular expression: missing /";

/// Scan the regular expression literal whose opening `/` is at `start`.
pub(crate) fn scan_regex(src: &str, start: usize) -> Result<RegexLit, LexError> {
    let rest = src.get(start + 1..).unwrap_or("");
    let mut chars = rest.char_indices();
    let mut in_class = false;
    let body_len = loop {
        let Some((i, c)) = chars.next() else {
            return Err(LexError::new(start, src.len(), MISSING_SLASH).incomplete());
        };
        match c {
            '/' if !in_class => break i,
            '[' => in_class = true,
            ']' => in_class = false,
            '\\' => match chars.next() {
                None => return Err(LexError::new(start, src.len(), MISSING_SLASH).incomplete()),
                Some((j, c)) if is_line_terminator(c) => {
                    return Err(LexError::new(start, start + 1 + j, MISSING_SLASH))
                }
                Some(_) => {}
            },
            c if is_line_terminator(c) => {
                return Err(LexError::new(start, start + 1 + i, MISSING_SLASH))
            }
            _ => {}
        }
    };
    let body = &rest[..body_len];
    let flags_start = start + 1 + body_len + 1;
    let flag_text = src.get(flags_start..).unwrap_or("");
    let flags_len = flag_text
        .char_indices()
        .find(|&(_, c)| !(is_id_continue(c) || c == '\\'))
        .map_or(flag_text.len(), |(i, _)| i);
    let flags = &flag_text[..flags_len];
    let end = flags_start + flags_len;
    if !valid_flags(flags) {
        return Err(LexError::new(
            start,
            end,
            "Invalid regular expression flags",
        ));
    }
    Ok(RegexLit {
        body: body.into(),
        flags: flags.into(),
        end,
    })
}

/// Flags are a subset of `dgimsuyv` without repeats, and not both `u` and `v`.
fn valid_flags(flags: &str) -> bool {
    let mut seen = 0u32;
    for c in flags.chars() {
        let Some(bit) = "dgimsuyv".find(c) else {
            return false;
        };
        if seen & (1 << bit) != 0 {
            return false;
        }
        seen |= 1 << bit;
    }
    let (u, v) = (1 << 5, 1 << 7);
    seen & (u | v) != (u | v)
}
