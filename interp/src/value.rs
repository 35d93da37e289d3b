//! ECMAScript language values (ECMA-262 §6.1) and property keys.

use std::fmt;
use std::rc::Rc;

use gc::{custom_trace, unsafe_empty_trace, Finalize, Trace};

use crate::bigint::JsBigInt;
use crate::object::JsObject;
use crate::string::JsString;

/// A JavaScript value. Cloning an `Object` roots it (see `storage.rs`).
///
/// `repr(u64)`: the tag is a whole word and every payload (a boolean
/// too) sits in the second word, so the compiler moves a value as two
/// words. With the default layout (a one-byte tag, a boolean at byte 1)
/// it split every move into five pieces (bytes 0, 1, 2-5, 6-7, 8-15):
/// ten instructions for each value handed from one function to another.
/// The tag's unused values are still a niche: `Option<Value>` stays at 16
/// bytes (see `tests::value_layout`). Measured: callgrind suite -3.4%
/// geo, every program down (nbody and permute -4.4%).
#[derive(Default)]
#[repr(u64)]
pub enum Value {
    #[default]
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(JsString),
    Symbol(Symbol),
    Object(JsObject),
    BigInt(JsBigInt),
}

// Written out rather than derived, and always inline, so that the BigInt
// variant (whose clone is a call, see `JsBigInt`) does not take the whole
// clone out of line: derived, every identifier read paid a call to it
// (iter-sieve: +5.7% instructions).
impl Clone for Value {
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::Undefined => Value::Undefined,
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(*b),
            Value::Number(n) => Value::Number(*n),
            Value::String(s) => Value::String(s.clone()),
            Value::Symbol(s) => Value::Symbol(s.clone()),
            Value::Object(o) => Value::Object(o.clone()),
            Value::BigInt(b) => Value::BigInt(b.clone()),
        }
    }
}

impl Finalize for Value {}
// Safety: only the `Object` variant holds a `Gc`, and it is forwarded.
unsafe impl Trace for Value {
    custom_trace!(this, {
        if let Value::Object(o) = this {
            mark(o)
        }
    });
}

impl Value {
    /// Whether the value owns nothing to drop (undefined, null, a boolean,
    /// a number), so that it may be forgotten rather than dropped. A test
    /// of the tag in place: callers ask it of a value where it lies, since
    /// moving the value out first copied it through the stack.
    #[inline(always)]
    pub(crate) fn owns_nothing(&self) -> bool {
        matches!(
            self,
            Value::Undefined | Value::Null | Value::Bool(_) | Value::Number(_)
        )
    }

    pub fn is_undefined(&self) -> bool {
        matches!(self, Value::Undefined)
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    pub fn is_nullish(&self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }
    pub fn as_object(&self) -> Option<&JsObject> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
    pub fn as_string(&self) -> Option<&JsString> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
    /// The `typeof` operator's result (ECMA-262 §13.5.3).
    pub fn type_of(&self) -> &'static str {
        match self {
            Value::Undefined => "undefined",
            Value::Null => "object",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Symbol(_) => "symbol",
            Value::BigInt(_) => "bigint",
            Value::Object(o) => {
                if o.is_callable() {
                    "function"
                } else {
                    "object"
                }
            }
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}
impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Number(n)
    }
}
impl From<i32> for Value {
    fn from(n: i32) -> Value {
        Value::Number(n as f64)
    }
}
impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Number(n as f64)
    }
}
impl From<usize> for Value {
    fn from(n: usize) -> Value {
        Value::Number(n as f64)
    }
}
impl From<JsString> for Value {
    fn from(s: JsString) -> Value {
        Value::String(s)
    }
}
impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(JsString::from(s))
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(JsString::from(s))
    }
}
impl From<JsObject> for Value {
    fn from(o: JsObject) -> Value {
        Value::Object(o)
    }
}
impl From<JsBigInt> for Value {
    fn from(b: JsBigInt) -> Value {
        Value::BigInt(b)
    }
}
impl From<Symbol> for Value {
    fn from(s: Symbol) -> Value {
        Value::Symbol(s)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Undefined => write!(f, "undefined"),
            Value::Null => write!(f, "null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{}", crate::number::number_to_string(*n)),
            Value::String(s) => write!(f, "{s:?}"),
            Value::Symbol(s) => write!(f, "{s:?}"),
            Value::Object(_) => write!(f, "[object]"),
            Value::BigInt(b) => write!(f, "{b}n"),
        }
    }
}

struct SymbolData {
    description: Option<JsString>,
    /// `Symbol.for` key, for registered symbols.
    registered: bool,
}

/// A Symbol value; identity is the allocation.
#[derive(Clone)]
pub struct Symbol(Rc<SymbolData>);

impl Finalize for Symbol {}
// Safety: a Symbol holds no `Gc` pointers.
unsafe impl Trace for Symbol {
    unsafe_empty_trace!();
}

impl Symbol {
    pub fn new(description: Option<JsString>) -> Symbol {
        Symbol(Rc::new(SymbolData {
            description,
            registered: false,
        }))
    }
    pub fn new_registered(key: JsString) -> Symbol {
        Symbol(Rc::new(SymbolData {
            description: Some(key),
            registered: true,
        }))
    }
    pub fn description(&self) -> Option<&JsString> {
        self.0.description.as_ref()
    }
    pub fn is_registered(&self) -> bool {
        self.0.registered
    }
    /// SymbolDescriptiveString — ECMA-262 §20.4.3.3.1
    pub fn descriptive_string(&self) -> String {
        format!(
            "Symbol({})",
            self.0
                .description
                .as_ref()
                .map(|d| d.to_rust_string())
                .unwrap_or_default()
        )
    }
    pub fn ptr_id(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }
}

impl PartialEq for Symbol {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for Symbol {}
impl std::hash::Hash for Symbol {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.ptr_id().hash(state)
    }
}
impl fmt::Debug for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.descriptive_string())
    }
}

/// A class's private name (`#x`): unique per class evaluation.
#[derive(Clone)]
pub struct PrivateName(Rc<PrivateNameData>);

struct PrivateNameData {
    description: Rc<str>,
}

impl PrivateName {
    pub fn new(description: Rc<str>) -> PrivateName {
        PrivateName(Rc::new(PrivateNameData { description }))
    }
    pub fn description(&self) -> &str {
        &self.0.description
    }
}
impl PartialEq for PrivateName {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for PrivateName {}
impl std::hash::Hash for PrivateName {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (Rc::as_ptr(&self.0) as usize).hash(state)
    }
}

/// The string of a `PropertyKey::String`: always interned
/// (`JsString::intern`), so that two keys with the same text are the same
/// allocation and keys compare and hash by address; a lookup that misses
/// never compares text. Made only by `PropertyKey`'s constructors.
#[derive(Clone)]
pub struct KeyString(JsString);

impl KeyString {
    fn new(s: JsString) -> KeyString {
        KeyString(s.intern())
    }
    pub fn as_js(&self) -> &JsString {
        &self.0
    }
}

impl std::ops::Deref for KeyString {
    type Target = JsString;
    fn deref(&self) -> &JsString {
        &self.0
    }
}

impl PartialEq for KeyString {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.0.ptr_eq(&other.0)
    }
}
impl Eq for KeyString {}
impl std::hash::Hash for KeyString {
    #[inline]
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.ptr_id().hash(state)
    }
}

/// A property key: array indices are kept as integers so that own keys come
/// out in JavaScript order and arrays stay fast.
///
/// `repr(u64)` as `Value` is, so that an index sits in the second word
/// with the pointers (a key moves as two words; callgrind suite -0.1%).
#[derive(Clone, PartialEq, Eq, Hash)]
#[repr(u64)]
pub enum PropertyKey {
    Index(u32),
    String(KeyString),
    Symbol(Symbol),
    Private(PrivateName),
}

impl Finalize for PropertyKey {}
// Safety: a PropertyKey holds no `Gc` pointers.
unsafe impl Trace for PropertyKey {
    unsafe_empty_trace!();
}

impl PropertyKey {
    pub fn is_symbol(&self) -> bool {
        matches!(self, PropertyKey::Symbol(_))
    }
    /// The key as a JS value (indices become strings).
    pub fn to_value(&self) -> Value {
        match self {
            PropertyKey::Index(i) => Value::String(JsString::from(i.to_string())),
            PropertyKey::String(s) => Value::String(s.as_js().clone()),
            PropertyKey::Symbol(s) => Value::Symbol(s.clone()),
            PropertyKey::Private(p) => {
                Value::String(JsString::from(format!("#{}", p.description())))
            }
        }
    }
    /// The key as a string for display (`Symbol(x)` for symbols).
    pub fn to_display(&self) -> String {
        match self {
            PropertyKey::Index(i) => i.to_string(),
            PropertyKey::String(s) => s.to_rust_string(),
            PropertyKey::Symbol(s) => s.descriptive_string(),
            PropertyKey::Private(p) => format!("#{}", p.description()),
        }
    }
    pub fn as_str(&self) -> Option<String> {
        match self {
            PropertyKey::String(s) => Some(s.to_rust_string()),
            _ => None,
        }
    }
}

impl From<&str> for PropertyKey {
    fn from(s: &str) -> PropertyKey {
        match crate::string::parse_array_index(s) {
            Some(i) => PropertyKey::Index(i),
            None => PropertyKey::String(KeyString::new(JsString::from(s))),
        }
    }
}
impl From<JsString> for PropertyKey {
    fn from(s: JsString) -> PropertyKey {
        match s.as_array_index() {
            Some(i) => PropertyKey::Index(i),
            None => PropertyKey::String(KeyString::new(s)),
        }
    }
}
impl From<u32> for PropertyKey {
    fn from(i: u32) -> PropertyKey {
        if i == u32::MAX {
            PropertyKey::String(KeyString::new(JsString::from(i.to_string())))
        } else {
            PropertyKey::Index(i)
        }
    }
}
impl From<usize> for PropertyKey {
    fn from(i: usize) -> PropertyKey {
        if i < u32::MAX as usize {
            PropertyKey::Index(i as u32)
        } else {
            PropertyKey::String(KeyString::new(JsString::from(i.to_string())))
        }
    }
}
impl From<Symbol> for PropertyKey {
    fn from(s: Symbol) -> PropertyKey {
        PropertyKey::Symbol(s)
    }
}
impl fmt::Debug for PropertyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two words for a value, with or without an `Option` around it
    /// (the tag's unused values are its niche).
    #[test]
    fn value_layout() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
        assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
        assert_eq!(std::mem::size_of::<Option<Option<Value>>>(), 16);
        assert_eq!(std::mem::size_of::<PropertyKey>(), 16);
        assert_eq!(std::mem::size_of::<Option<PropertyKey>>(), 16);
    }
}
