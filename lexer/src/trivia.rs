//! Whitespace, line terminators and comments outside the token stream:
//! the gap check the parser's automatic semicolon insertion relies on, and
//! line/column lookup for diagnostics.

use logos::Logos;

use crate::raw::RawTok;

/// Is `c` a JS line terminator (LF, CR, U+2028, U+2029)?
pub fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The offset of the first line terminator at or after `pos` (or the end):
/// where a single-line comment starting before `pos` ends.
pub(crate) fn line_end(src: &str, pos: usize) -> usize {
    src.get(pos..)
        .and_then(|rest| rest.find(is_line_terminator))
        .map_or(src.len(), |i| pos + i)
}

/// Scan `gap` (source text between two tokens): `Some(has_line_terminator)`
/// when it is only whitespace and comments, `None` otherwise. HTML-like
/// comments (`<!--`, and `-->` after a line terminator) count as comments,
/// as in scripts.
pub fn gap_is_trivia(gap: &str) -> Option<bool> {
    let mut raw = RawTok::lexer(gap);
    loop {
        let tok = raw.next();
        let newline = raw.extras.newline_at.is_some();
        let html_comment = match tok {
            None => return Some(newline),
            Some(Ok(RawTok::Lt)) => raw.remainder().starts_with("!--"),
            Some(Ok(RawTok::MinusMinus)) => newline && raw.remainder().starts_with('>'),
            Some(_) => false,
        };
        if !html_comment {
            return None;
        }
        let end = line_end(gap, raw.span().end);
        raw.bump(end - raw.span().end);
    }
}

/// Line (1-based) and column (1-based, in chars) of a byte offset, plus the
/// text of that line, for diagnostics. CRLF counts as one line break; an
/// offset past the end or inside a character is moved back onto one.
pub fn line_col(source: &str, offset: usize) -> (usize, usize, &str) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let mut line = 1;
    let mut line_start = 0;
    let mut chars = source[..offset].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
            continue;
        }
        if is_line_terminator(c) {
            line += 1;
            line_start = i + c.len_utf8();
        }
    }
    // An offset between CR and LF belongs to the line the CR ends.
    if source[..offset].ends_with('\r') && source[offset..].starts_with('\n') {
        line -= 1;
        line_start = source[..offset - 1]
            .rfind(is_line_terminator)
            .map_or(0, |i| {
                i + source[i..].chars().next().map_or(1, char::len_utf8)
            });
    }
    let column = source[line_start..offset].chars().count() + 1;
    let line_text = &source[line_start..line_end(source, line_start)];
    (line, column, line_text)
}
