//! The Math object — ECMA-262 §21.3.

use std::cell::Cell;

use crate::function::{define_methods, NativeFn};
use crate::interp::Interp;
use crate::operations::to_number;
use crate::realm::define_global;
use crate::storage::Attributes;
use crate::value::Value;
use crate::JsResult;

fn num(interp: &mut Interp, args: &[Value], i: usize) -> JsResult<f64> {
    to_number(interp, &args.get(i).cloned().unwrap_or_default())
}

macro_rules! unary {
    ($($name:ident => $f:expr),* $(,)?) => {
        $(fn $name(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
            let x = num(interp, args, 0)?;
            let f: fn(f64) -> f64 = $f;
            Ok(Value::Number(f(x)))
        })*
    };
}

unary! {
    math_abs => f64::abs,
    math_acos => f64::acos,
    math_acosh => f64::acosh,
    math_asin => f64::asin,
    math_asinh => f64::asinh,
    math_atan => f64::atan,
    math_atanh => f64::atanh,
    math_cbrt => f64::cbrt,
    math_ceil => f64::ceil,
    math_cos => f64::cos,
    math_cosh => f64::cosh,
    math_exp => f64::exp,
    math_expm1 => f64::exp_m1,
    math_floor => f64::floor,
    math_fround => |x| x as f32 as f64,
    math_log => f64::ln,
    math_log1p => f64::ln_1p,
    math_log10 => f64::log10,
    math_log2 => f64::log2,
    math_sign => |x| if x.is_nan() || x == 0.0 { x } else { x.signum() },
    math_sin => f64::sin,
    math_sinh => f64::sinh,
    math_sqrt => f64::sqrt,
    math_tan => f64::tan,
    math_tanh => f64::tanh,
    math_trunc => f64::trunc,
    math_clz32 => |x| crate::operations::f64_to_uint32(x).leading_zeros() as f64,
    // Not `(x + 0.5).floor()`: that sum rounds up for 0.5 - 2^-54 and
    // for odd integers past 2^52 (`x - floor(x)` is exact).
    math_round => |x| if x.is_nan() || x.is_infinite() || x == 0.0 { x } else if (-0.5..0.0).contains(&x) { -0.0 } else if x - x.floor() >= 0.5 { x.floor() + 1.0 } else { x.floor() },
}

fn math_atan2(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let y = num(interp, args, 0)?;
    let x = num(interp, args, 1)?;
    Ok(Value::Number(y.atan2(x)))
}

fn math_pow(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let a = num(interp, args, 0)?;
    let b = num(interp, args, 1)?;
    Ok(Value::Number(crate::eval_expr::js_pow(a, b)))
}

fn math_imul(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let a = crate::operations::f64_to_int32(num(interp, args, 0)?);
    let b = crate::operations::f64_to_int32(num(interp, args, 1)?);
    Ok(Value::Number(a.wrapping_mul(b) as f64))
}

fn math_max(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let mut r = f64::NEG_INFINITY;
    let mut nan = false;
    for i in 0..args.len() {
        let x = num(interp, args, i)?;
        if x.is_nan() {
            nan = true;
        } else if x > r || (x == 0.0 && r == 0.0 && !x.is_sign_negative()) {
            r = x;
        }
    }
    Ok(Value::Number(if nan { f64::NAN } else { r }))
}

fn math_min(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let mut r = f64::INFINITY;
    let mut nan = false;
    for i in 0..args.len() {
        let x = num(interp, args, i)?;
        if x.is_nan() {
            nan = true;
        } else if x < r || (x == 0.0 && r == 0.0 && x.is_sign_negative()) {
            r = x;
        }
    }
    Ok(Value::Number(if nan { f64::NAN } else { r }))
}

fn math_hypot(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let mut s = 0.0f64;
    let mut inf = false;
    let mut nan = false;
    for i in 0..args.len() {
        let x = num(interp, args, i)?;
        if x.is_infinite() {
            inf = true;
        }
        if x.is_nan() {
            nan = true;
        }
        s += x * x;
    }
    Ok(Value::Number(if inf {
        f64::INFINITY
    } else if nan {
        f64::NAN
    } else {
        s.sqrt()
    }))
}

thread_local! {
    static RNG: Cell<u64> = Cell::new({
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0x9E3779B97F4A7C15);
        t | 1
    });
}

/// Math.random (xorshift64*).
fn math_random(_interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    let r = RNG.with(|s| {
        let mut x = s.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        s.set(x);
        x.wrapping_mul(0x2545F4914F6CDD1D)
    });
    Ok(Value::Number((r >> 11) as f64 / (1u64 << 53) as f64))
}

pub(crate) fn init(interp: &mut Interp) {
    let math = crate::operations::new_object(interp);
    let table: &[(&str, NativeFn, u32)] = &[
        ("abs", math_abs, 1),
        ("acos", math_acos, 1),
        ("acosh", math_acosh, 1),
        ("asin", math_asin, 1),
        ("asinh", math_asinh, 1),
        ("atan", math_atan, 1),
        ("atan2", math_atan2, 2),
        ("atanh", math_atanh, 1),
        ("cbrt", math_cbrt, 1),
        ("ceil", math_ceil, 1),
        ("clz32", math_clz32, 1),
        ("cos", math_cos, 1),
        ("cosh", math_cosh, 1),
        ("exp", math_exp, 1),
        ("expm1", math_expm1, 1),
        ("floor", math_floor, 1),
        ("fround", math_fround, 1),
        ("hypot", math_hypot, 2),
        ("imul", math_imul, 2),
        ("log", math_log, 1),
        ("log10", math_log10, 1),
        ("log1p", math_log1p, 1),
        ("log2", math_log2, 1),
        ("max", math_max, 2),
        ("min", math_min, 2),
        ("pow", math_pow, 2),
        ("random", math_random, 0),
        ("round", math_round, 1),
        ("sign", math_sign, 1),
        ("sin", math_sin, 1),
        ("sinh", math_sinh, 1),
        ("sqrt", math_sqrt, 1),
        ("tan", math_tan, 1),
        ("tanh", math_tanh, 1),
        ("trunc", math_trunc, 1),
    ];
    define_methods(interp, &math, table);
    let consts = [
        ("E", std::f64::consts::E),
        ("LN10", std::f64::consts::LN_10),
        ("LN2", std::f64::consts::LN_2),
        ("LOG10E", std::f64::consts::LOG10_E),
        ("LOG2E", std::f64::consts::LOG2_E),
        ("PI", std::f64::consts::PI),
        ("SQRT1_2", std::f64::consts::FRAC_1_SQRT_2),
        ("SQRT2", std::f64::consts::SQRT_2),
    ];
    for (n, v) in consts {
        math.define_value(n, Value::Number(v), Attributes::none());
    }
    crate::function::define_to_string_tag(interp, &math, "Math");
    define_global(interp, "Math", Value::Object(math));
}
