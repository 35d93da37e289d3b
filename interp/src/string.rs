//! `JsString`: an immutable JavaScript string with UTF-16 semantics.
//!
//! Strings whose code units are all ASCII are stored as bytes (one byte per
//! code unit, so indexing and `length` stay O(1)); any other string is stored
//! as UTF-16 code units, which keeps lone surrogates intact. The invariant
//! "all-ASCII content is always stored as `Ascii`" makes equality and hashing
//! a plain comparison of the stored representation.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use rustc_hash::FxBuildHasher;

use gc::{unsafe_empty_trace, Finalize, Trace};

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    Ascii(Box<[u8]>),
    Utf16(Box<[u16]>),
}

/// The longest string, in code units: V8's `String::kMaxLength` on 64-bit
/// targets. Making a longer one is `RangeError: Invalid string length`
/// (`Interp::check_string_length`), never an allocation of gigabytes.
pub const MAX_LENGTH: usize = (1 << 29) - 24;

/// An immutable JavaScript string value (cheap to clone).
#[derive(Clone)]
pub struct JsString(Rc<Repr>);

impl Finalize for JsString {}
// Safety: a JsString holds no `Gc` pointers, so there is nothing to trace or root.
unsafe impl Trace for JsString {
    unsafe_empty_trace!();
}

impl PartialEq for JsString {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}
impl Eq for JsString {}
impl Hash for JsString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state)
    }
}

impl PartialOrd for JsString {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for JsString {
    /// Code-unit order, as the spec's IsLessThan compares strings.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (&*self.0, &*other.0) {
            (Repr::Ascii(a), Repr::Ascii(b)) => a.cmp(b),
            _ => self.code_units().cmp(&other.code_units()),
        }
    }
}

impl JsString {
    pub fn empty() -> JsString {
        JsString(Rc::new(Repr::Ascii(Box::new([]))))
    }

    /// Builds a string from UTF-16 code units.
    pub fn from_utf16(units: &[u16]) -> JsString {
        if units.iter().all(|&u| u < 0x80) {
            JsString(Rc::new(Repr::Ascii(
                units.iter().map(|&u| u as u8).collect(),
            )))
        } else {
            JsString(Rc::new(Repr::Utf16(units.into())))
        }
    }

    pub fn from_utf16_vec(units: Vec<u16>) -> JsString {
        if units.iter().all(|&u| u < 0x80) {
            JsString(Rc::new(Repr::Ascii(
                units.iter().map(|&u| u as u8).collect(),
            )))
        } else {
            JsString(Rc::new(Repr::Utf16(units.into_boxed_slice())))
        }
    }

    pub fn is_ascii(&self) -> bool {
        matches!(&*self.0, Repr::Ascii(_))
    }

    /// Whether both are the same allocation (equal without comparing text).
    #[inline]
    pub fn ptr_eq(&self, other: &JsString) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// The address of the text, an identity while the string is alive.
    #[inline]
    pub fn ptr_id(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }

    /// The one live string with this text that property keys use
    /// (`PropertyKey::String` holds only interned strings, so keys compare
    /// and hash by address): `self` if no live interned string has its
    /// text, which makes `self` that string.
    pub fn intern(self) -> JsString {
        INTERNER
            .try_with(|t| t.borrow_mut().intern(self.clone()))
            // Only while the thread's locals are being destroyed, when no
            // JavaScript runs any more.
            .unwrap_or(self)
    }

    /// The ASCII bytes, if the string is pure ASCII.
    pub fn as_ascii(&self) -> Option<&str> {
        match &*self.0 {
            // Safety: every constructor of `Repr::Ascii` stores only bytes
            // below 0x80 (the module invariant), and ASCII is valid UTF-8.
            // Checking would make this O(n), and the RegExp engine asks for
            // the text on every match.
            Repr::Ascii(b) => Some(unsafe { std::str::from_utf8_unchecked(b) }),
            Repr::Utf16(_) => None,
        }
    }

    /// The number of UTF-16 code units (`"…".length`).
    pub fn len(&self) -> usize {
        match &*self.0 {
            Repr::Ascii(b) => b.len(),
            Repr::Utf16(u) => u.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code unit at `index`.
    pub fn code_unit_at(&self, index: usize) -> Option<u16> {
        match &*self.0 {
            Repr::Ascii(b) => b.get(index).map(|&c| c as u16),
            Repr::Utf16(u) => u.get(index).copied(),
        }
    }

    /// The code point at `index` (CodePointAt — ECMA-262 §11.1.4), with the
    /// number of code units it spans.
    pub fn code_point_at(&self, index: usize) -> Option<(u32, usize)> {
        let first = self.code_unit_at(index)?;
        if (0xD800..0xDC00).contains(&first) {
            if let Some(second) = self.code_unit_at(index + 1) {
                if (0xDC00..0xE000).contains(&second) {
                    let cp = 0x10000 + ((first as u32 - 0xD800) << 10) + (second as u32 - 0xDC00);
                    return Some((cp, 2));
                }
            }
        }
        Some((first as u32, 1))
    }

    /// All code units (allocates for ASCII strings).
    pub fn code_units(&self) -> std::borrow::Cow<'_, [u16]> {
        match &*self.0 {
            Repr::Ascii(b) => std::borrow::Cow::Owned(b.iter().map(|&c| c as u16).collect()),
            Repr::Utf16(u) => std::borrow::Cow::Borrowed(u),
        }
    }

    /// The substring of code units `start..end` (clamped).
    pub fn substring(&self, start: usize, end: usize) -> JsString {
        let end = end.min(self.len());
        let start = start.min(end);
        match &*self.0 {
            Repr::Ascii(b) => JsString(Rc::new(Repr::Ascii(b[start..end].into()))),
            Repr::Utf16(u) => JsString::from_utf16(&u[start..end]),
        }
    }

    /// Concatenation (the `+` operator on strings).
    pub fn concat(&self, other: &JsString) -> JsString {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        match (&*self.0, &*other.0) {
            (Repr::Ascii(a), Repr::Ascii(b)) => {
                let mut v = Vec::with_capacity(a.len() + b.len());
                v.extend_from_slice(a);
                v.extend_from_slice(b);
                JsString(Rc::new(Repr::Ascii(v.into_boxed_slice())))
            }
            _ => {
                let mut v = Vec::with_capacity(self.len() + other.len());
                v.extend_from_slice(&self.code_units());
                v.extend_from_slice(&other.code_units());
                JsString(Rc::new(Repr::Utf16(v.into_boxed_slice())))
            }
        }
    }

    /// Index of `needle` at or after `from`, in code units.
    pub fn index_of(&self, needle: &JsString, from: usize) -> Option<usize> {
        let n = needle.len();
        let len = self.len();
        if n == 0 {
            return if from <= len { Some(from) } else { None };
        }
        if n > len {
            return None;
        }
        match (&*self.0, &*needle.0) {
            (Repr::Ascii(h), Repr::Ascii(nd)) => (from..=len - n).find(|&i| h[i..i + n] == nd[..]),
            _ => {
                let h = self.code_units();
                let nd = needle.code_units();
                (from..=len - n).find(|&i| h[i..i + n] == nd[..])
            }
        }
    }

    /// Lossy conversion for display (lone surrogates become U+FFFD).
    pub fn to_rust_string(&self) -> String {
        match &*self.0 {
            Repr::Ascii(b) => String::from_utf8_lossy(b).into_owned(),
            Repr::Utf16(u) => String::from_utf16_lossy(u),
        }
    }

    /// CanonicalNumericIndexString for array indices: the index if this
    /// string is the canonical form of an integer in 0..2^32-1.
    pub fn as_array_index(&self) -> Option<u32> {
        let s = self.as_ascii()?;
        parse_array_index(s)
    }
}

/// The interned strings of one thread (`JsString` is `!Send`, so a key
/// never meets another thread's table).
struct Interner {
    set: HashSet<JsString, FxBuildHasher>,
    /// The size at which `intern` next drops the strings only the table
    /// still holds (so the table stays within twice the live keys).
    sweep_at: usize,
}

thread_local! {
    static INTERNER: RefCell<Interner> = RefCell::new(Interner {
        set: HashSet::default(),
        sweep_at: 1024,
    });
}

impl Interner {
    fn intern(&mut self, s: JsString) -> JsString {
        if let Some(t) = self.set.get(&s) {
            return t.clone();
        }
        if self.set.len() >= self.sweep_at {
            // A string held by nothing but this table is no key any more;
            // a later key with its text is interned afresh.
            self.set.retain(|t| Rc::strong_count(&t.0) > 1);
            self.sweep_at = (self.set.len() * 2).max(1024);
        }
        self.set.insert(s.clone());
        s
    }
}

/// Parses the canonical decimal form of an array index (0 ..= 2^32 - 2).
pub fn parse_array_index(s: &str) -> Option<u32> {
    let bytes = s.as_bytes();
    if bytes.is_empty() || bytes.len() > 10 {
        return None;
    }
    if bytes.len() > 1 && bytes[0] == b'0' {
        return None;
    }
    let mut n: u64 = 0;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + (b - b'0') as u64;
    }
    if n < u32::MAX as u64 {
        Some(n as u32)
    } else {
        None
    }
}

impl From<&str> for JsString {
    fn from(s: &str) -> JsString {
        if s.is_ascii() {
            JsString(Rc::new(Repr::Ascii(s.as_bytes().into())))
        } else {
            JsString(Rc::new(Repr::Utf16(s.encode_utf16().collect())))
        }
    }
}

impl From<String> for JsString {
    fn from(s: String) -> JsString {
        if s.is_ascii() {
            JsString(Rc::new(Repr::Ascii(s.into_bytes().into_boxed_slice())))
        } else {
            JsString(Rc::new(Repr::Utf16(s.encode_utf16().collect())))
        }
    }
}

impl From<&String> for JsString {
    fn from(s: &String) -> JsString {
        JsString::from(s.as_str())
    }
}

impl fmt::Display for JsString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rust_string())
    }
}

impl fmt::Debug for JsString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_rust_string())
    }
}

/// A string builder that keeps ASCII content compact.
#[derive(Default)]
pub struct JsStringBuilder {
    ascii: Vec<u8>,
    wide: Option<Vec<u16>>,
}

impl JsStringBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push_str(&mut self, s: &JsString) {
        match (&mut self.wide, &*s.0) {
            (None, Repr::Ascii(b)) => self.ascii.extend_from_slice(b),
            (Some(w), _) => w.extend_from_slice(&s.code_units()),
            (None, Repr::Utf16(u)) => {
                let mut w: Vec<u16> = self.ascii.iter().map(|&c| c as u16).collect();
                w.extend_from_slice(u);
                self.wide = Some(w);
            }
        }
    }

    pub fn push_rust_str(&mut self, s: &str) {
        if self.wide.is_none() && s.is_ascii() {
            self.ascii.extend_from_slice(s.as_bytes());
        } else {
            self.push_str(&JsString::from(s));
        }
    }

    pub fn push_code_unit(&mut self, u: u16) {
        match &mut self.wide {
            None if u < 0x80 => self.ascii.push(u as u8),
            None => {
                let mut w: Vec<u16> = self.ascii.iter().map(|&c| c as u16).collect();
                w.push(u);
                self.wide = Some(w);
            }
            Some(w) => w.push(u),
        }
    }

    pub fn len(&self) -> usize {
        self.wide.as_ref().map_or(self.ascii.len(), |w| w.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn build(self) -> JsString {
        match self.wide {
            None => JsString(Rc::new(Repr::Ascii(self.ascii.into_boxed_slice()))),
            Some(w) => JsString::from_utf16_vec(w),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_utf16_compare_equal_by_content() {
        let a = JsString::from("abc");
        let b = JsString::from_utf16(&[97, 98, 99]);
        assert_eq!(a, b);
        assert_eq!(a.len(), 3);
    }

    #[test]
    fn surrogate_pairs_count_two_units() {
        let s = JsString::from("a😀");
        assert_eq!(s.len(), 3);
        assert_eq!(s.code_point_at(1), Some((0x1F600, 2)));
        assert_eq!(s.substring(1, 2).len(), 1);
    }

    #[test]
    fn array_index_parsing() {
        assert_eq!(parse_array_index("0"), Some(0));
        assert_eq!(parse_array_index("01"), None);
        assert_eq!(parse_array_index("4294967294"), Some(4294967294));
        assert_eq!(parse_array_index("4294967295"), None);
    }
}
