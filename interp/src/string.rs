//! `JsString`: an immutable JavaScript string with UTF-16 semantics.
//!
//! Strings whose code units are all ASCII are stored as bytes (one byte per
//! code unit, so indexing and `length` stay O(1)); any other string is stored
//! as UTF-16 code units, which keeps lone surrogates intact. The invariant
//! "all-ASCII content is always stored as `Ascii`" makes equality and hashing
//! a plain comparison of the stored representation.
//!
//! Concatenation of long strings does not copy: it makes a rope node
//! (`Repr::Concat`) that knows its length and whether it is all ASCII, and
//! the first read of its text flattens it, once, into a flat string that the
//! node keeps from then on (V8's cons strings work the same way). Building
//! a string with `s += part` in a loop is therefore linear, not quadratic.

use std::cell::{RefCell, UnsafeCell};
use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use rustc_hash::FxBuildHasher;

use gc::{unsafe_empty_trace, Finalize, Trace};

enum Repr {
    Ascii(Box<[u8]>),
    Utf16(Box<[u16]>),
    /// `left` followed by `right`, not flattened yet.
    Concat {
        left: JsString,
        right: JsString,
        /// The total length (at most `MAX_LENGTH`, which fits).
        len: u32,
        /// Whether both sides are all ASCII (so the flat form is `Ascii`).
        ascii: bool,
    },
}

/// The text of a flat string, borrowed.
#[derive(Clone, Copy)]
enum Units<'a> {
    Ascii(&'a [u8]),
    Utf16(&'a [u16]),
}

/// A string's node: its representation, which changes at most once, from
/// `Concat` to the flat form of the same text (see `JsString::flatten`).
struct Node(UnsafeCell<Repr>);

/// The longest string, in code units: V8's `String::kMaxLength` on 64-bit
/// targets. Making a longer one is `RangeError: Invalid string length`
/// (`Interp::check_string_length`), never an allocation of gigabytes.
pub const MAX_LENGTH: usize = (1 << 29) - 24;

/// A concatenation at most this long is copied into a flat string at once:
/// short strings (`'x' + i`, property keys) are read soon after they are
/// made, and a copy this short costs less than a rope node and its flatten.
const FLAT_CONCAT_MAX: usize = 64;

/// When the left side of an append is a rope whose last piece is a flat
/// string, and that piece and the appended text together are at most this
/// long, the new rope copies them into one flat piece instead of adding a
/// node: `s += 'ab'` a million times then makes a rope of a few thousand
/// pieces, not of a million nodes (memory, and the flatten's walk).
const ROPE_CHUNK: usize = 512;

/// An immutable JavaScript string value (cheap to clone).
#[derive(Clone)]
pub struct JsString(Rc<Node>);

impl Finalize for JsString {}
// Safety: a JsString holds no `Gc` pointers, so there is nothing to trace or root.
unsafe impl Trace for JsString {
    unsafe_empty_trace!();
}

impl Drop for Node {
    #[inline]
    fn drop(&mut self) {
        if let Repr::Concat { .. } = self.0.get_mut() {
            drop_rope(self.0.get_mut());
        }
    }
}

/// Drops a rope without recursion: a chain of a million appends would
/// otherwise nest a million `drop` calls and overflow the stack.
#[cold]
#[inline(never)]
fn drop_rope(repr: &mut Repr) {
    /// Moves a node's sides to `pending`, leaving it an empty flat string.
    fn take(repr: &mut Repr, pending: &mut Vec<JsString>) {
        if let Repr::Concat { left, right, .. } = std::mem::replace(repr, Repr::Ascii(Box::new([])))
        {
            pending.push(left);
            pending.push(right);
        }
    }
    let mut pending: Vec<JsString> = Vec::new();
    take(repr, &mut pending);
    while let Some(s) = pending.pop() {
        // A node shared with another string lives on; one held only here
        // is emptied first, so its own drop has nothing to do.
        if let Ok(mut node) = Rc::try_unwrap(s.0) {
            take(node.0.get_mut(), &mut pending);
        }
    }
}

impl PartialEq for JsString {
    fn eq(&self, other: &Self) -> bool {
        if self.ptr_eq(other) {
            return true;
        }
        if self.len() != other.len() {
            return false;
        }
        match (self.units(), other.units()) {
            (Units::Ascii(a), Units::Ascii(b)) => a == b,
            (Units::Utf16(a), Units::Utf16(b)) => a == b,
            // All-ASCII text is always `Ascii`, so the two texts differ.
            _ => false,
        }
    }
}
impl Eq for JsString {}
impl Hash for JsString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self.units() {
            Units::Ascii(b) => {
                state.write_u8(0);
                b.hash(state)
            }
            Units::Utf16(u) => {
                state.write_u8(1);
                u.hash(state)
            }
        }
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
        match (self.units(), other.units()) {
            (Units::Ascii(a), Units::Ascii(b)) => a.cmp(b),
            _ => self.code_units().cmp(&other.code_units()),
        }
    }
}

impl JsString {
    fn new(repr: Repr) -> JsString {
        JsString(Rc::new(Node(UnsafeCell::new(repr))))
    }

    fn ascii(bytes: Box<[u8]>) -> JsString {
        JsString::new(Repr::Ascii(bytes))
    }

    /// The node's representation, which may still be a `Concat`.
    ///
    /// Safety: the caller must not keep the reference across a call that
    /// may flatten this string (`units` or `flatten`), as flattening
    /// replaces a `Concat` in place. A flat representation is never
    /// replaced, so references into it live as long as the string.
    #[inline]
    unsafe fn repr(&self) -> &Repr {
        // Safety: the only write to the cell is in `flatten`, whose
        // contract with the callers of this function is above.
        unsafe { &*self.0 .0.get() }
    }

    /// The text, flattening a rope first.
    #[inline]
    fn units(&self) -> Units<'_> {
        // Safety: the reference is dropped before `flatten` runs, and
        // after it the representation is flat, hence never written again.
        match unsafe { self.repr() } {
            Repr::Ascii(b) => Units::Ascii(b),
            Repr::Utf16(u) => Units::Utf16(u),
            Repr::Concat { .. } => self.flatten(),
        }
    }

    /// Replaces a rope node's `Concat` by the flat text it stands for,
    /// walking the rope with an explicit stack (ropes can be a million
    /// nodes deep), and returns that text.
    #[cold]
    #[inline(never)]
    fn flatten(&self) -> Units<'_> {
        let flat = {
            // Safety: the rope is only read here; every reference taken
            // into it (this node's and its descendants') ends with this
            // block, before the write below. No node is flattened during
            // the walk: it runs no code but copying.
            let (len, ascii) = match unsafe { self.repr() } {
                Repr::Concat { len, ascii, .. } => (*len as usize, *ascii),
                Repr::Ascii(_) | Repr::Utf16(_) => return self.units(),
            };
            let mut stack: Vec<&JsString> = vec![self];
            if ascii {
                let mut out: Vec<u8> = Vec::with_capacity(len);
                while let Some(s) = stack.pop() {
                    match unsafe { s.repr() } {
                        Repr::Ascii(b) => out.extend_from_slice(b),
                        // A rope marked ASCII has only ASCII pieces.
                        Repr::Utf16(_) => {}
                        Repr::Concat { left, right, .. } => {
                            stack.push(right);
                            stack.push(left);
                        }
                    }
                }
                Repr::Ascii(out.into_boxed_slice())
            } else {
                let mut out: Vec<u16> = Vec::with_capacity(len);
                while let Some(s) = stack.pop() {
                    match unsafe { s.repr() } {
                        Repr::Ascii(b) => out.extend(b.iter().map(|&c| c as u16)),
                        Repr::Utf16(u) => out.extend_from_slice(u),
                        Repr::Concat { left, right, .. } => {
                            stack.push(right);
                            stack.push(left);
                        }
                    }
                }
                Repr::Utf16(out.into_boxed_slice())
            }
        };
        // Safety: no reference into this node's representation is alive
        // (the walk's ended above; a `Concat` node hands out none through
        // `units`), and `JsString` is `!Sync`, so this is the only access.
        // The old `Concat` is dropped after the write, outside the cell.
        let old = unsafe { std::mem::replace(&mut *self.0 .0.get(), flat) };
        drop(old);
        self.units()
    }

    pub fn empty() -> JsString {
        JsString::from_ascii_bytes(&[])
    }

    /// The string of these ASCII bytes; the empty string and the
    /// one-character ones are shared, not allocated (`s[i]`, `charAt`,
    /// `String.fromCharCode` and one-character slices make them all the
    /// time).
    fn from_ascii_bytes(b: &[u8]) -> JsString {
        let shared = match b {
            [] => SMALL.try_with(|t| t[0].clone()),
            &[c] => SMALL.try_with(|t| t[1 + c as usize].clone()),
            _ => return JsString::ascii(b.into()),
        };
        // Only while the thread's locals are being destroyed.
        shared.unwrap_or_else(|_| JsString::ascii(b.into()))
    }

    /// Builds a string from UTF-16 code units.
    pub fn from_utf16(units: &[u16]) -> JsString {
        match units {
            [] => JsString::empty(),
            &[u] if u < 0x80 => JsString::from_ascii_bytes(&[u as u8]),
            _ if units.iter().all(|&u| u < 0x80) => {
                JsString::ascii(units.iter().map(|&u| u as u8).collect())
            }
            _ => JsString::new(Repr::Utf16(units.into())),
        }
    }

    pub fn from_utf16_vec(units: Vec<u16>) -> JsString {
        if units.len() <= 1 {
            JsString::from_utf16(&units)
        } else if units.iter().all(|&u| u < 0x80) {
            JsString::ascii(units.iter().map(|&u| u as u8).collect())
        } else {
            JsString::new(Repr::Utf16(units.into_boxed_slice()))
        }
    }

    pub fn is_ascii(&self) -> bool {
        // Safety: the reference ends with this expression.
        match unsafe { self.repr() } {
            Repr::Ascii(_) => true,
            Repr::Utf16(_) => false,
            Repr::Concat { ascii, .. } => *ascii,
        }
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
        match self.units() {
            // Safety: every constructor of `Repr::Ascii` stores only bytes
            // below 0x80 (the module invariant), and ASCII is valid UTF-8.
            // Checking would make this O(n), and the RegExp engine asks for
            // the text on every match.
            Units::Ascii(b) => Some(unsafe { std::str::from_utf8_unchecked(b) }),
            Units::Utf16(_) => None,
        }
    }

    /// The number of UTF-16 code units (`"…".length`).
    #[inline]
    pub fn len(&self) -> usize {
        // Safety: the reference ends with this expression.
        match unsafe { self.repr() } {
            Repr::Ascii(b) => b.len(),
            Repr::Utf16(u) => u.len(),
            Repr::Concat { len, .. } => *len as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code unit at `index`.
    pub fn code_unit_at(&self, index: usize) -> Option<u16> {
        match self.units() {
            Units::Ascii(b) => b.get(index).map(|&c| c as u16),
            Units::Utf16(u) => u.get(index).copied(),
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
        match self.units() {
            Units::Ascii(b) => std::borrow::Cow::Owned(b.iter().map(|&c| c as u16).collect()),
            Units::Utf16(u) => std::borrow::Cow::Borrowed(u),
        }
    }

    /// The substring of code units `start..end` (clamped).
    pub fn substring(&self, start: usize, end: usize) -> JsString {
        let end = end.min(self.len());
        let start = start.min(end);
        match self.units() {
            _ if start == 0 && end == self.len() => self.clone(),
            Units::Ascii(b) => JsString::from_ascii_bytes(&b[start..end]),
            Units::Utf16(u) => JsString::from_utf16(&u[start..end]),
        }
    }

    /// Concatenation (the `+` operator on strings): a copy when the result
    /// is short, else a rope node (see the module doc). The callers check
    /// the result against `MAX_LENGTH` first.
    pub fn concat(&self, other: &JsString) -> JsString {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        let len = self.len() + other.len();
        if len <= FLAT_CONCAT_MAX || len > MAX_LENGTH {
            return JsString::flat_concat(self, other);
        }
        let ascii = self.is_ascii() && other.is_ascii();
        // Safety: the reference ends with this statement; nothing in it
        // flattens `self` (`other` is another node, or a flat string).
        if let Repr::Concat {
            left, right: last, ..
        } = unsafe { self.repr() }
        {
            if last.len() + other.len() <= ROPE_CHUNK && !last.is_rope() && !other.is_rope() {
                return JsString::new(Repr::Concat {
                    left: left.clone(),
                    right: JsString::flat_concat(last, other),
                    len: len as u32,
                    ascii,
                });
            }
        }
        JsString::new(Repr::Concat {
            left: self.clone(),
            right: other.clone(),
            len: len as u32,
            ascii,
        })
    }

    /// `self` followed by the text of a number (or preceded by it, with
    /// `before`): `'x' + i` without a string made for `i` first.
    pub fn concat_number(&self, n: f64, before: bool) -> JsString {
        crate::number::with_number_str(n, |digits| {
            let len = self.len() + digits.len();
            if len > FLAT_CONCAT_MAX {
                let digits = JsString::from(digits);
                return if before {
                    digits.concat(self)
                } else {
                    self.concat(&digits)
                };
            }
            match self.units() {
                Units::Ascii(b) => {
                    let mut v = Vec::with_capacity(len);
                    let (first, second) = if before {
                        (digits.as_bytes(), b)
                    } else {
                        (b, digits.as_bytes())
                    };
                    v.extend_from_slice(first);
                    v.extend_from_slice(second);
                    JsString::ascii(v.into_boxed_slice())
                }
                Units::Utf16(u) => {
                    let mut v = Vec::with_capacity(len);
                    if before {
                        v.extend(digits.bytes().map(u16::from));
                        v.extend_from_slice(u);
                    } else {
                        v.extend_from_slice(u);
                        v.extend(digits.bytes().map(u16::from));
                    }
                    JsString::new(Repr::Utf16(v.into_boxed_slice()))
                }
            }
        })
    }

    /// `a` followed by `b`, copied into one flat string.
    fn flat_concat(a: &JsString, b: &JsString) -> JsString {
        match (a.units(), b.units()) {
            (Units::Ascii(x), Units::Ascii(y)) => {
                let mut v = Vec::with_capacity(x.len() + y.len());
                v.extend_from_slice(x);
                v.extend_from_slice(y);
                JsString::ascii(v.into_boxed_slice())
            }
            (x, y) => {
                let mut v = Vec::with_capacity(a.len() + b.len());
                for part in [x, y] {
                    match part {
                        Units::Ascii(b) => v.extend(b.iter().map(|&c| c as u16)),
                        Units::Utf16(u) => v.extend_from_slice(u),
                    }
                }
                JsString::new(Repr::Utf16(v.into_boxed_slice()))
            }
        }
    }

    /// Whether this is a rope not flattened yet.
    fn is_rope(&self) -> bool {
        // Safety: the reference ends with this expression.
        matches!(unsafe { self.repr() }, Repr::Concat { .. })
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
        match (self.units(), needle.units()) {
            (Units::Ascii(h), Units::Ascii(nd)) => {
                (from..=len - n).find(|&i| h[i..i + n] == nd[..])
            }
            _ => {
                let h = self.code_units();
                let nd = needle.code_units();
                (from..=len - n).find(|&i| h[i..i + n] == nd[..])
            }
        }
    }

    /// Lossy conversion for display (lone surrogates become U+FFFD).
    pub fn to_rust_string(&self) -> String {
        match self.units() {
            Units::Ascii(b) => String::from_utf8_lossy(b).into_owned(),
            Units::Utf16(u) => String::from_utf16_lossy(u),
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
    /// The empty string, then the 128 one-character ASCII strings.
    static SMALL: [JsString; 129] = std::array::from_fn(|i| match i {
        0 => JsString::ascii(Box::new([])),
        _ => JsString::ascii(Box::new([(i - 1) as u8])),
    });
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
            JsString::from_ascii_bytes(s.as_bytes())
        } else {
            JsString::new(Repr::Utf16(s.encode_utf16().collect()))
        }
    }
}

impl From<String> for JsString {
    fn from(s: String) -> JsString {
        if s.is_ascii() {
            JsString::ascii(s.into_bytes().into_boxed_slice())
        } else {
            JsString::new(Repr::Utf16(s.encode_utf16().collect()))
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
        match (&mut self.wide, s.units()) {
            (None, Units::Ascii(b)) => self.ascii.extend_from_slice(b),
            (Some(w), Units::Ascii(b)) => w.extend(b.iter().map(|&c| c as u16)),
            (Some(w), Units::Utf16(u)) => w.extend_from_slice(u),
            (None, Units::Utf16(u)) => self.widen().extend_from_slice(u),
        }
    }

    pub fn push_rust_str(&mut self, s: &str) {
        if self.wide.is_none() && s.is_ascii() {
            self.ascii.extend_from_slice(s.as_bytes());
        } else {
            self.widen().extend(s.encode_utf16());
        }
    }

    /// Appends UTF-16 code units.
    pub fn push_utf16(&mut self, units: &[u16]) {
        match &mut self.wide {
            None if units.iter().all(|&u| u < 0x80) => {
                self.ascii.extend(units.iter().map(|&u| u as u8))
            }
            _ => self.widen().extend_from_slice(units),
        }
    }

    /// Appends `s` `count` times, doubling the copied run each step.
    pub fn push_str_repeated(&mut self, s: &JsString, count: usize) {
        fn repeat_tail<T: Copy>(v: &mut Vec<T>, start: usize, count: usize) {
            let unit = v.len() - start;
            let total = unit * count;
            v.reserve(total.saturating_sub(unit));
            while v.len() - start < total {
                let have = v.len() - start;
                v.extend_from_within(start..start + have.min(total - have));
            }
        }
        if count == 0 {
            return;
        }
        let start = self.len();
        self.push_str(s);
        match &mut self.wide {
            None => repeat_tail(&mut self.ascii, start, count),
            Some(w) => repeat_tail(w, start, count),
        }
    }

    /// The UTF-16 buffer, made from the ASCII one on first use.
    fn widen(&mut self) -> &mut Vec<u16> {
        if self.wide.is_none() {
            let ascii = std::mem::take(&mut self.ascii);
            self.wide = Some(ascii.iter().map(|&c| c as u16).collect());
        }
        self.wide.get_or_insert_with(Vec::new)
    }

    pub fn push_code_unit(&mut self, u: u16) {
        match &mut self.wide {
            None if u < 0x80 => self.ascii.push(u as u8),
            None => self.widen().push(u),
            Some(w) => w.push(u),
        }
    }

    pub fn len(&self) -> usize {
        self.wide.as_ref().map_or(self.ascii.len(), |w| w.len())
    }

    /// Cuts the text back to its first `len` code units.
    pub fn truncate(&mut self, len: usize) {
        match &mut self.wide {
            None => self.ascii.truncate(len),
            Some(w) => w.truncate(len),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn build(self) -> JsString {
        match self.wide {
            None if self.ascii.len() <= 1 => JsString::from_ascii_bytes(&self.ascii),
            None => JsString::ascii(self.ascii.into_boxed_slice()),
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

    /// A rope of `n` pieces `piece`, nested to the left (`((a+b)+c)+...`)
    /// or to the right, built node by node so that none is merged.
    fn deep_rope(piece: &JsString, n: usize, to_left: bool) -> JsString {
        let mut s = piece.clone();
        for _ in 1..n {
            let (left, right) = if to_left {
                (s.clone(), piece.clone())
            } else {
                (piece.clone(), s.clone())
            };
            s = JsString::new(Repr::Concat {
                len: (left.len() + right.len()) as u32,
                ascii: left.is_ascii() && right.is_ascii(),
                left,
                right,
            });
        }
        s
    }

    #[test]
    fn flattening_a_million_deep_rope_does_not_recurse() {
        for to_left in [true, false] {
            let s = deep_rope(&JsString::from("ab"), 1_000_000, to_left);
            assert!(s.is_rope());
            assert_eq!(s.len(), 2_000_000);
            assert_eq!(s.code_unit_at(1_999_999), Some(b'b' as u16));
            assert!(!s.is_rope());
            assert_eq!(s, JsString::from("ab".repeat(1_000_000)));
            // A deep rope never read is dropped without recursion too.
            drop(deep_rope(&JsString::from("é"), 1_000_000, to_left));
        }
    }

    #[test]
    fn ropes_read_as_the_text_they_stand_for() {
        let pair = JsString::from("😀");
        let high = pair.substring(0, 1);
        let low = pair.substring(1, 2);
        let mut s = JsString::from("x".repeat(100));
        let mut expected: Vec<u16> = vec![b'x' as u16; 100];
        for i in 0..5000 {
            let part = match i % 4 {
                0 => high.clone(),
                1 => low.clone(),
                2 => JsString::from("abc"),
                _ => JsString::from("y".repeat(70)),
            };
            expected.extend_from_slice(&part.code_units());
            s = s.concat(&part);
            assert_eq!(s.len(), expected.len());
        }
        assert!(!s.is_ascii());
        let flat = JsString::from_utf16(&expected);
        let [a, b] = [&s, &flat].map(|t| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            t.hash(&mut h);
            h.finish()
        });
        assert_eq!(a, b);
        assert_eq!(s, flat);
        assert_eq!(s.code_point_at(100), Some((0x1F600, 2)));
        // A rope shared by two longer ones keeps its own text.
        let t = s.concat(&JsString::from("t"));
        let u = s.concat(&JsString::from("u"));
        assert_eq!(t.substring(0, s.len()), s);
        assert_eq!(u.code_unit_at(s.len()), Some(b'u' as u16));
        assert_eq!(s.clone().intern(), flat.intern());
    }

    #[test]
    fn array_index_parsing() {
        assert_eq!(parse_array_index("0"), Some(0));
        assert_eq!(parse_array_index("01"), None);
        assert_eq!(parse_array_index("4294967294"), Some(4294967294));
        assert_eq!(parse_array_index("4294967295"), None);
    }
}
