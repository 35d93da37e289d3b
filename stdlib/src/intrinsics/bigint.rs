//! The BigInt constructor and BigInt.prototype — ECMA-262 §21.2. The
//! values and their operators live in the interpreter (`interp::bigint`);
//! this file is the library around them.

use interp::bigint::{as_n_bits, to_locale_string, JsBigInt};
use interp::builtins::make_constructor;
use interp::function::define_methods;
use interp::operations::{to_integer_or_infinity, to_primitive, Hint};
use interp::{Interp, JsResult, ObjectKind, Value};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

/// BigInt ( value ) called as a function — ECMA-262 §21.2.1.1.
fn bigint_call(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let prim = to_primitive(interp, &arg(args, 0), Hint::Number)?;
    if let Value::Number(n) = prim {
        return match JsBigInt::from_f64(n) {
            Some(b) => Ok(Value::BigInt(b)),
            None => {
                let shown = interp::number::number_to_string(n);
                Err(interp.range_error(format!(
                    "The number {shown} cannot be converted to a BigInt because it is not an integer"
                )))
            }
        };
    }
    Ok(Value::BigInt(to_bigint_primitive(interp, &prim)?))
}

/// `new BigInt(...)`: BigInt is not a constructor (step 1 of §21.2.1.1).
fn bigint_construct(interp: &mut Interp, _nt: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("BigInt is not a constructor"))
}

/// ToBigInt — ECMA-262 §7.1.13.
pub fn to_bigint(interp: &mut Interp, v: &Value) -> JsResult<JsBigInt> {
    let prim = to_primitive(interp, v, Hint::Number)?;
    to_bigint_primitive(interp, &prim)
}

/// ToBigInt's table on a primitive.
fn to_bigint_primitive(interp: &mut Interp, prim: &Value) -> JsResult<JsBigInt> {
    match prim {
        Value::BigInt(b) => Ok(b.clone()),
        Value::Bool(b) => Ok(JsBigInt::from_i64(i64::from(*b))),
        Value::String(s) => {
            let text = s.to_rust_string();
            match JsBigInt::parse(&text) {
                Some(b) => Ok(b),
                None => Err(interp.syntax_error(format!("Cannot convert {text} to a BigInt"))),
            }
        }
        v => {
            let shown = match v {
                Value::Symbol(s) => s.descriptive_string(),
                Value::Number(n) => interp::number::number_to_string(*n),
                Value::Null => "null".into(),
                _ => "undefined".into(),
            };
            Err(interp.type_error(format!("Cannot convert {shown} to a BigInt")))
        }
    }
}

/// ToIndex — ECMA-262 §7.1.22 (V8's message).
fn to_index(interp: &mut Interp, v: &Value) -> JsResult<u64> {
    let n = to_integer_or_infinity(interp, v)?;
    if !(0.0..=9007199254740991.0).contains(&n) {
        return Err(interp.range_error("Invalid value: not (convertible to) a safe integer"));
    }
    Ok(n as u64)
}

/// BigInt.asIntN and BigInt.asUintN — ECMA-262 §21.2.2.1-2.
fn as_n(interp: &mut Interp, args: &[Value], signed: bool) -> JsResult<Value> {
    let bits = to_index(interp, &arg(args, 0))?;
    let x = to_bigint(interp, &arg(args, 1))?;
    match as_n_bits(bits, &x, signed) {
        Ok(r) => Ok(Value::BigInt(r)),
        Err(message) => Err(interp.range_error(message)),
    }
}

fn bigint_as_int_n(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    as_n(interp, args, true)
}

fn bigint_as_uint_n(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    as_n(interp, args, false)
}

/// thisBigIntValue — ECMA-262 §21.2.3.4.1.
fn this_bigint(interp: &mut Interp, this: &Value, method: &str) -> JsResult<JsBigInt> {
    match this {
        Value::BigInt(b) => return Ok(b.clone()),
        Value::Object(o) => {
            if let ObjectKind::BigInt(b) = o.kind() {
                return Ok(b.clone());
            }
        }
        _ => {}
    }
    Err(interp.type_error(format!(
        "BigInt.prototype.{method} requires that 'this' be a BigInt"
    )))
}

/// BigInt.prototype.toString ( [ radix ] ) — ECMA-262 §21.2.3.3.
fn bigint_to_string(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let x = this_bigint(interp, this, "toString")?;
    let radix = match arg(args, 0) {
        Value::Undefined => 10.0,
        r => to_integer_or_infinity(interp, &r)?,
    };
    if !(2.0..=36.0).contains(&radix) {
        return Err(interp.range_error("toString() radix argument must be between 2 and 36"));
    }
    Ok(Value::from(x.to_string_radix(radix as u32)))
}

/// BigInt.prototype.toLocaleString — ECMA-262 §21.2.3.2 (ECMA-402's
/// default locale only: digits grouped by three, as Node's en-US).
fn bigint_to_locale_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let x = this_bigint(interp, this, "toLocaleString")?;
    Ok(Value::from(to_locale_string(&x)))
}

/// BigInt.prototype.valueOf — ECMA-262 §21.2.3.4.
fn bigint_value_of(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::BigInt(this_bigint(interp, this, "valueOf")?))
}

/// Fills in %BigInt.prototype% (allocated with the realm, since the
/// evaluator reads it for `1n.toString()`) and creates the global `BigInt`.
pub fn install(interp: &mut Interp) {
    let proto = interp.realm.intrinsics.bigint_prototype.clone();
    let ctor = make_constructor(interp, "BigInt", 1, bigint_call, bigint_construct, &proto);
    define_methods(
        interp,
        &ctor,
        &[
            ("asIntN", bigint_as_int_n, 2),
            ("asUintN", bigint_as_uint_n, 2),
        ],
    );
    define_methods(
        interp,
        &proto,
        &[
            ("toLocaleString", bigint_to_locale_string, 0),
            ("toString", bigint_to_string, 0),
            ("valueOf", bigint_value_of, 0),
        ],
    );
    interp::function::define_to_string_tag(interp, &proto, "BigInt");
}
