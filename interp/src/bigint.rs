//! BigInt values — ECMA-262 §6.1.6.2 (the BigInt type and its operations)
//! and the conversions between BigInts, Numbers and strings (§7.1.13-15,
//! §21.2.1.1.1), on `num-bigint`'s arbitrary-precision integers.

use std::cmp::Ordering;
use std::fmt;
use std::mem::ManuallyDrop;
use std::rc::Rc;

use gc::{unsafe_empty_trace, Finalize, Trace};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// A BigInt value: immutable, shared. Equality is by value.
///
/// Its clone and drop are out of line, each one call in `Value`'s clone
/// and drop glue: with the `Rc`'s reference counting inline there, the
/// glue grew past what the optimiser inlines into the evaluator, and
/// every identifier read and assignment paid a call (iter-sieve: +4.7%
/// instructions, most in out-of-line `drop_in_place<Value>`).
pub struct JsBigInt(ManuallyDrop<Rc<BigInt>>);

impl Clone for JsBigInt {
    #[inline(never)]
    fn clone(&self) -> JsBigInt {
        JsBigInt(ManuallyDrop::new(Rc::clone(&self.0)))
    }
}

impl Drop for JsBigInt {
    #[inline(never)]
    fn drop(&mut self) {
        // Safety: the field is dropped here only, once, and the value is
        // not used after its drop.
        unsafe { ManuallyDrop::drop(&mut self.0) }
    }
}

impl Finalize for JsBigInt {}
// Safety: a BigInt holds no `Gc` pointers.
unsafe impl Trace for JsBigInt {
    unsafe_empty_trace!();
}

/// V8's limit on a BigInt's size, in bits (`kMaxLengthBits`): a result
/// that would need more is a RangeError ("Maximum BigInt size exceeded")
/// rather than an attempt to allocate it.
pub const MAX_BITS: u64 = 1 << 30;

/// The RangeError message for a result over [`MAX_BITS`].
pub const TOO_BIG: &str = "Maximum BigInt size exceeded";

impl JsBigInt {
    pub fn new(b: BigInt) -> JsBigInt {
        JsBigInt(ManuallyDrop::new(Rc::new(b)))
    }
    /// A literal's value from the AST (shared, not copied).
    pub fn from_literal(b: &Rc<BigInt>) -> JsBigInt {
        JsBigInt(ManuallyDrop::new(Rc::clone(b)))
    }
    pub fn from_i64(n: i64) -> JsBigInt {
        JsBigInt::new(BigInt::from(n))
    }
    pub fn from_u128(n: u128) -> JsBigInt {
        JsBigInt::new(BigInt::from(n))
    }
    pub fn get(&self) -> &BigInt {
        &self.0
    }
    pub fn is_zero(&self) -> bool {
        self.get().is_zero()
    }

    /// Number(bigint): the nearest double (ties to even), infinite past
    /// the largest.
    pub fn to_f64(&self) -> f64 {
        self.get().to_f64().unwrap_or(f64::NAN)
    }

    /// NumberToBigInt — ECMA-262 §21.2.1.1.1: `None` for a number that
    /// is not an integer (NaN, infinities, fractions).
    pub fn from_f64(n: f64) -> Option<JsBigInt> {
        if !n.is_finite() || n.fract() != 0.0 {
            return None;
        }
        num_traits::FromPrimitive::from_f64(n).map(JsBigInt::new)
    }

    /// StringToBigInt — ECMA-262 §7.1.14: `None` for text that is not a
    /// StringIntegerLiteral (white space around a decimal integer with an
    /// optional sign, or an unsigned `0x`/`0o`/`0b` literal; no separators,
    /// no `n`). The empty string (after trimming) is 0.
    pub fn parse(text: &str) -> Option<JsBigInt> {
        let s = crate::number::trim_js(text);
        if s.is_empty() {
            return Some(JsBigInt::new(BigInt::zero()));
        }
        let (radix, digits) = match s.get(..2) {
            Some("0x" | "0X") => (16, &s[2..]),
            Some("0o" | "0O") => (8, &s[2..]),
            Some("0b" | "0B") => (2, &s[2..]),
            _ => (10, s),
        };
        let (negative, digits) = match (radix, digits.as_bytes().first()) {
            (10, Some(b'-')) => (true, &digits[1..]),
            (10, Some(b'+')) => (false, &digits[1..]),
            _ => (false, digits),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let n = BigInt::parse_bytes(digits.as_bytes(), radix)?;
        Some(JsBigInt::new(if negative { -n } else { n }))
    }

    /// BigInt::toString(x, radix) — ECMA-262 §6.1.6.2.23 (radix 2-36).
    pub fn to_string_radix(&self, radix: u32) -> String {
        self.get().to_str_radix(radix)
    }

    /// The value compared with a number (BigInt::lessThan and
    /// IsLooselyEqual's mixed cases, exactly, without rounding):
    /// `None` against NaN.
    pub fn compare_f64(&self, n: f64) -> Option<Ordering> {
        if n.is_nan() {
            return None;
        }
        if n.is_infinite() {
            return Some(if n > 0.0 {
                Ordering::Less
            } else {
                Ordering::Greater
            });
        }
        let floor = n.floor();
        let whole = JsBigInt::from_f64(floor)?;
        match self.get().cmp(whole.get()) {
            // Equal to the floor: less than n when n has a fraction.
            Ordering::Equal if floor != n => Some(Ordering::Less),
            o => Some(o),
        }
    }

    /// The `~`, unary `-` operators.
    pub fn bitwise_not(&self) -> JsBigInt {
        JsBigInt::new(!self.get())
    }
    pub fn negate(&self) -> JsBigInt {
        JsBigInt::new(-self.get())
    }
    /// `x + 1n` / `x - 1n` for `++` and `--`.
    pub fn step(&self, up: bool) -> JsBigInt {
        JsBigInt::new(if up { self.get() + 1 } else { self.get() - 1 })
    }
}

impl PartialEq for JsBigInt {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.get() == other.get()
    }
}
impl Eq for JsBigInt {}
impl std::hash::Hash for JsBigInt {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.get().hash(state)
    }
}

impl fmt::Display for JsBigInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.get())
    }
}

/// A binary operator on two BigInts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BigIntOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Exp,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
}

/// Why a BigInt operation failed: a RangeError with this message.
pub type RangeMessage = &'static str;

/// `x op y` on two BigInts — BigInt::add and siblings, ECMA-262
/// §6.1.6.2.1-§6.1.6.2.20. The error is a RangeError's message.
pub fn binary(op: BigIntOp, x: &JsBigInt, y: &JsBigInt) -> Result<JsBigInt, RangeMessage> {
    let (a, b) = (x.get(), y.get());
    let r = match op {
        BigIntOp::Add => a + b,
        BigIntOp::Sub => a - b,
        BigIntOp::Mul => {
            if a.bits() + b.bits() > MAX_BITS {
                return Err(TOO_BIG);
            }
            a * b
        }
        // Both truncate toward zero, as BigInt::divide and
        // BigInt::remainder do (the remainder takes the dividend's sign).
        BigIntOp::Div | BigIntOp::Rem => {
            if b.is_zero() {
                return Err("Division by zero");
            }
            if op == BigIntOp::Div {
                a / b
            } else {
                a % b
            }
        }
        BigIntOp::Exp => return exponentiate(a, b),
        BigIntOp::BitAnd => a & b,
        BigIntOp::BitOr => a | b,
        BigIntOp::BitXor => a ^ b,
        BigIntOp::Shl => return shift_left(a, b),
        BigIntOp::Shr => return shift_left(a, &-b),
    };
    Ok(JsBigInt::new(r))
}

/// BigInt::exponentiate — ECMA-262 §6.1.6.2.3.
fn exponentiate(base: &BigInt, exponent: &BigInt) -> Result<JsBigInt, RangeMessage> {
    if exponent.is_negative() {
        // V8's message (its operand name is missing from the template).
        return Err("undefined must be positive");
    }
    if exponent.is_zero() || base.is_one() {
        return Ok(JsBigInt::new(BigInt::one()));
    }
    if base.is_zero() {
        return Ok(JsBigInt::new(BigInt::zero()));
    }
    if *base == BigInt::from(-1) {
        let odd = exponent.is_odd();
        return Ok(JsBigInt::from_i64(if odd { -1 } else { 1 }));
    }
    // |base| >= 2: the result has at least `exponent` bits.
    let Some(e) = exponent.to_u64().filter(|&e| e <= MAX_BITS) else {
        return Err(TOO_BIG);
    };
    if (base.bits() - 1).saturating_mul(e) > MAX_BITS {
        return Err(TOO_BIG);
    }
    // `e` is at most 2^30 here.
    Ok(JsBigInt::new(base.pow(e as u32)))
}

/// BigInt::leftShift — ECMA-262 §6.1.6.2.9 (a negative count shifts
/// right, rounding toward negative infinity).
fn shift_left(a: &BigInt, count: &BigInt) -> Result<JsBigInt, RangeMessage> {
    if a.is_zero() {
        return Ok(JsBigInt::new(BigInt::zero()));
    }
    if count.is_negative() {
        let n = count.magnitude();
        return Ok(JsBigInt::new(match n.to_u64().filter(|&n| n < a.bits()) {
            Some(n) => a >> n,
            None if a.is_negative() => BigInt::from(-1),
            None => BigInt::zero(),
        }));
    }
    match count.to_u64() {
        Some(n) if a.bits().saturating_add(n) <= MAX_BITS => Ok(JsBigInt::new(a << n)),
        _ => Err(TOO_BIG),
    }
}

/// BigInt.asIntN (signed: true) and BigInt.asUintN — ECMA-262 §21.2.2.1-2:
/// the value modulo 2^bits, as a two's complement number when signed.
pub fn as_n_bits(bits: u64, x: &JsBigInt, signed: bool) -> Result<JsBigInt, RangeMessage> {
    let a = x.get();
    if bits == 0 {
        return Ok(JsBigInt::new(BigInt::zero()));
    }
    // Values that already fit come back as they are (also for huge `bits`).
    let fits = if signed {
        a.bits() < bits
    } else {
        !a.is_negative() && a.bits() <= bits
    };
    if fits {
        return Ok(x.clone());
    }
    if bits > MAX_BITS {
        return Err(TOO_BIG);
    }
    let modulus = BigInt::one() << bits;
    let mut r = a.mod_floor(&modulus);
    if signed && r.bits() == bits {
        r -= modulus;
    }
    Ok(JsBigInt::new(r))
}

/// BigInt.prototype.toLocaleString without a locale: the decimal digits
/// grouped by three with commas (as Node's default en-US locale does).
pub fn to_locale_string(x: &JsBigInt) -> String {
    let digits = x.get().magnitude().to_string();
    let mut out = String::with_capacity(digits.len() * 4 / 3 + 1);
    if x.get().is_negative() {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> JsBigInt {
        JsBigInt::parse(s).expect("valid")
    }

    #[test]
    fn parses_string_integer_literals() {
        assert_eq!(big("  0x1f ").to_string(), "31");
        assert_eq!(big(" -12 ").to_string(), "-12");
        assert_eq!(big("").to_string(), "0");
        for bad in ["-0x1", "1n", "1_0", "1.5", "0x", "+", "1e3", "0b2"] {
            assert!(JsBigInt::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn compares_with_numbers_exactly() {
        assert_eq!(big("1").compare_f64(1.5), Some(Ordering::Less));
        assert_eq!(big("2").compare_f64(1.5), Some(Ordering::Greater));
        assert_eq!(big("-2").compare_f64(-1.5), Some(Ordering::Less));
        assert_eq!(big("1").compare_f64(f64::NAN), None);
        assert_eq!(
            big("9007199254740993").compare_f64(9007199254740992.0),
            Some(Ordering::Greater)
        );
    }

    #[test]
    fn shifts_and_wraps() {
        let r = binary(BigIntOp::Shr, &big("-5"), &big("1")).map(|r| r.to_string());
        assert_eq!(r, Ok("-3".into()));
        let r = binary(BigIntOp::Shr, &big("-1"), &big("1000")).map(|r| r.to_string());
        assert_eq!(r, Ok("-1".into()));
        let r = as_n_bits(8, &big("255"), true).map(|r| r.to_string());
        assert_eq!(r, Ok("-1".into()));
        let r = as_n_bits(8, &big("-1"), false).map(|r| r.to_string());
        assert_eq!(r, Ok("255".into()));
        assert_eq!(to_locale_string(&big("-1234567")), "-1,234,567");
    }
}
