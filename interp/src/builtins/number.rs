//! %Number%, %Number.prototype%, %Boolean%, %Boolean.prototype% —
//! ECMA-262 §21.1, §20.3.

use crate::function::define_methods;
use crate::interp::Interp;
use crate::number::{number_to_string, number_to_string_radix};
use crate::object::ObjectKind;
use crate::operations::{self, to_boolean, to_integer_or_infinity, to_number};
use crate::storage::Attributes;
use crate::value::Value;
use crate::JsResult;

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

/// Number ( value )'s steps 1-2: ToNumeric, with a BigInt converted.
fn number_of_argument(interp: &mut Interp, args: &[Value]) -> JsResult<f64> {
    let Some(v) = args.first() else {
        return Ok(0.0);
    };
    let v = match v {
        Value::Object(_) => operations::to_primitive(interp, v, operations::Hint::Number)?,
        _ => v.clone(),
    };
    match v {
        Value::BigInt(b) => Ok(b.to_f64()),
        v => to_number(interp, &v),
    }
}

fn number_call(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Number(number_of_argument(interp, args)?))
}

fn number_construct(interp: &mut Interp, new_target: &Value, args: &[Value]) -> JsResult<Value> {
    let n = number_of_argument(interp, args)?;
    let default = interp.realm.intrinsics.number_prototype.clone();
    let o = operations::ordinary_create_from_constructor(
        interp,
        new_target,
        default,
        ObjectKind::Number(n),
    )?;
    Ok(Value::Object(o))
}

/// thisNumberValue — ECMA-262 §21.1.3
fn this_number(interp: &mut Interp, this: &Value, method: &str) -> JsResult<f64> {
    match this {
        Value::Number(n) => Ok(*n),
        Value::Object(o) => match o.kind() {
            ObjectKind::Number(n) => Ok(*n),
            _ => Err(interp.type_error(format!(
                "Number.prototype.{method} requires that 'this' be a Number"
            ))),
        },
        _ => Err(interp.type_error(format!(
            "Number.prototype.{method} requires that 'this' be a Number"
        ))),
    }
}

fn number_to_string_fn(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let n = this_number(interp, this, "toString")?;
    let radix = match arg(args, 0) {
        Value::Undefined => 10.0,
        r => to_integer_or_infinity(interp, &r)?,
    };
    if !(2.0..=36.0).contains(&radix) {
        return Err(interp.range_error("toString() radix must be between 2 and 36"));
    }
    Ok(Value::from(number_to_string_radix(n, radix as u32)))
}

fn number_value_of(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::Number(this_number(interp, this, "valueOf")?))
}

fn number_to_fixed(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let n = this_number(interp, this, "toFixed")?;
    let f = to_integer_or_infinity(interp, &arg(args, 0))?;
    if !(0.0..=100.0).contains(&f) {
        return Err(interp.range_error("toFixed() digits argument must be between 0 and 100"));
    }
    if !n.is_finite() || n.abs() >= 1e21 {
        return Ok(Value::from(number_to_string(n)));
    }
    let mut buf = ryu_js::Buffer::new();
    Ok(Value::from(buf.format_to_fixed(n, f as u8).to_string()))
}

/// The decimal digits and exponent of `x` (> 0) rounded to `digits`
/// significant digits, ties away from zero (as Number::toExponential and
/// toPrecision ask: "the larger n").
fn round_to_digits(x: f64, digits: usize) -> (String, i32) {
    // The exact decimal expansion of a double has at most 767 significant digits.
    let exact = format!("{:.*e}", 800, x);
    let (mantissa, exp) = exact.split_once('e').unwrap_or((&exact, "0"));
    let mut e: i32 = exp.parse().unwrap_or(0);
    let all: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    let mut kept: Vec<u8> = all.iter().take(digits).copied().collect();
    if all.get(digits).is_some_and(|&d| d >= b'5') {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, b'1');
                kept.pop();
                e += 1;
                break;
            }
            i -= 1;
            if kept[i] == b'9' {
                kept[i] = b'0';
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    (String::from_utf8_lossy(&kept).into_owned(), e)
}

/// Number.prototype.toExponential ( fractionDigits ) — ECMA-262 §21.1.3.2
fn number_to_exponential(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let x = this_number(interp, this, "toExponential")?;
    let fraction = arg(args, 0);
    let f = to_integer_or_infinity(interp, &fraction)?;
    if !x.is_finite() {
        return Ok(Value::from(number_to_string(x)));
    }
    if !(0.0..=100.0).contains(&f) {
        return Err(interp.range_error("toExponential() argument must be between 0 and 100"));
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let x = x.abs();
    let (digits, e) = if x == 0.0 {
        let n = if fraction.is_undefined() {
            1
        } else {
            f as usize + 1
        };
        ("0".repeat(n), 0)
    } else if fraction.is_undefined() {
        // The shortest digits that round-trip.
        let shortest = format!("{x:e}");
        let (mantissa, exp) = shortest.split_once('e').unwrap_or((&shortest, "0"));
        (mantissa.replace('.', ""), exp.parse().unwrap_or(0))
    } else {
        round_to_digits(x, f as usize + 1)
    };
    let m = if digits.len() > 1 {
        format!("{}.{}", &digits[..1], &digits[1..])
    } else {
        digits
    };
    let exp_sign = if e < 0 { "-" } else { "+" };
    Ok(Value::from(format!("{sign}{m}e{exp_sign}{}", e.abs())))
}

fn number_to_precision(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let n = this_number(interp, this, "toPrecision")?;
    if arg(args, 0).is_undefined() {
        return Ok(Value::from(number_to_string(n)));
    }
    let p = to_integer_or_infinity(interp, &arg(args, 0))?;
    if !n.is_finite() {
        return Ok(Value::from(number_to_string(n)));
    }
    if !(1.0..=100.0).contains(&p) {
        return Err(interp.range_error("toPrecision() argument must be between 1 and 100"));
    }
    let p = p as usize;
    if n == 0.0 {
        return Ok(Value::from(if p > 1 {
            format!("0.{}", "0".repeat(p - 1))
        } else {
            "0".into()
        }));
    }
    let e = n.abs().log10().floor() as i32;
    let s = if e < -6 || e >= p as i32 {
        let formatted = format!("{:.*e}", p - 1, n);
        let (mant, exp) = formatted.split_once('e').unwrap_or((&formatted, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        format!("{mant}e{}{}", if exp >= 0 { "+" } else { "-" }, exp.abs())
    } else {
        let decimals = (p as i32 - 1 - e).max(0) as usize;
        format!("{:.*}", decimals, n)
    };
    Ok(Value::from(s))
}

fn number_is_integer(_interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(
        matches!(arg(args, 0), Value::Number(n) if n.is_finite() && n.trunc() == n),
    ))
}
fn number_is_safe_integer(_interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(
        matches!(arg(args, 0), Value::Number(n) if n.is_finite() && n.trunc() == n && n.abs() <= 9007199254740991.0),
    ))
}
fn number_is_finite(_interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(
        matches!(arg(args, 0), Value::Number(n) if n.is_finite()),
    ))
}
fn number_is_nan(_interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(
        matches!(arg(args, 0), Value::Number(n) if n.is_nan()),
    ))
}

fn boolean_call(_interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(to_boolean(&arg(args, 0))))
}

fn boolean_construct(interp: &mut Interp, new_target: &Value, args: &[Value]) -> JsResult<Value> {
    let b = to_boolean(&arg(args, 0));
    let default = interp.realm.intrinsics.boolean_prototype.clone();
    let o = operations::ordinary_create_from_constructor(
        interp,
        new_target,
        default,
        ObjectKind::Boolean(b),
    )?;
    Ok(Value::Object(o))
}

fn this_boolean(interp: &mut Interp, this: &Value) -> JsResult<bool> {
    match this {
        Value::Bool(b) => Ok(*b),
        Value::Object(o) => {
            match o.kind() {
                ObjectKind::Boolean(b) => Ok(*b),
                _ => Err(interp
                    .type_error("Boolean.prototype.valueOf requires that 'this' be a Boolean")),
            }
        }
        _ => Err(interp.type_error("Boolean.prototype.valueOf requires that 'this' be a Boolean")),
    }
}

fn boolean_to_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::from(if this_boolean(interp, this)? {
        "true"
    } else {
        "false"
    }))
}
fn boolean_value_of(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::Bool(this_boolean(interp, this)?))
}

pub(crate) fn init(interp: &mut Interp) {
    let proto = interp.realm.intrinsics.number_prototype.clone();
    let ctor = super::make_constructor(interp, "Number", 1, number_call, number_construct, &proto);
    define_methods(
        interp,
        &proto,
        &[
            ("toExponential", number_to_exponential, 1),
            ("toFixed", number_to_fixed, 1),
            ("toLocaleString", number_to_string_fn, 0),
            ("toPrecision", number_to_precision, 1),
            ("toString", number_to_string_fn, 1),
            ("valueOf", number_value_of, 0),
        ],
    );
    define_methods(
        interp,
        &ctor,
        &[
            ("isFinite", number_is_finite, 1),
            ("isInteger", number_is_integer, 1),
            ("isNaN", number_is_nan, 1),
            ("isSafeInteger", number_is_safe_integer, 1),
        ],
    );
    let consts = [
        ("EPSILON", f64::EPSILON),
        ("MAX_SAFE_INTEGER", 9007199254740991.0),
        ("MAX_VALUE", f64::MAX),
        ("MIN_SAFE_INTEGER", -9007199254740991.0),
        ("MIN_VALUE", 5e-324),
        ("NaN", f64::NAN),
        ("NEGATIVE_INFINITY", f64::NEG_INFINITY),
        ("POSITIVE_INFINITY", f64::INFINITY),
    ];
    for (name, v) in consts {
        ctor.define_value(name, Value::Number(v), Attributes::none());
    }
    let bproto = interp.realm.intrinsics.boolean_prototype.clone();
    super::make_constructor(
        interp,
        "Boolean",
        1,
        boolean_call,
        boolean_construct,
        &bproto,
    );
    define_methods(
        interp,
        &bproto,
        &[
            ("toString", boolean_to_string, 0),
            ("valueOf", boolean_value_of, 0),
        ],
    );
}
