//! %Symbol% and %Symbol.prototype% — ECMA-262 §20.4.

use crate::function::{define_methods, define_native_accessor};
use crate::interp::Interp;
use crate::object::ObjectKind;
use crate::operations::to_string;
use crate::storage::Attributes;
use crate::value::{PropertyKey, Symbol, Value};
use crate::JsResult;

fn symbol_call(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let desc = match args.first() {
        None | Some(Value::Undefined) => None,
        Some(v) => Some(to_string(interp, v)?),
    };
    Ok(Value::Symbol(Symbol::new(desc)))
}

fn symbol_construct(interp: &mut Interp, _nt: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("Symbol is not a constructor"))
}

fn symbol_for(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let key = to_string(interp, &args.first().cloned().unwrap_or_default())?;
    if let Some(s) = interp.symbol_registry.get(&key) {
        return Ok(Value::Symbol(s.clone()));
    }
    let s = Symbol::new_registered(key.clone());
    interp.symbol_registry.insert(key, s.clone());
    Ok(Value::Symbol(s))
}

fn symbol_key_for(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    match args.first() {
        Some(Value::Symbol(s)) => Ok(if s.is_registered() {
            s.description()
                .cloned()
                .map(Value::String)
                .unwrap_or_default()
        } else {
            Value::Undefined
        }),
        other => {
            let shown =
                crate::inspect::short_description(interp, &other.cloned().unwrap_or_default());
            Err(interp.type_error(format!("{shown} is not a symbol")))
        }
    }
}

/// thisSymbolValue — ECMA-262 §20.4.3
fn this_symbol(interp: &mut Interp, this: &Value) -> JsResult<Symbol> {
    match this {
        Value::Symbol(s) => Ok(s.clone()),
        Value::Object(o) => match o.kind() {
            ObjectKind::Symbol(s) => Ok(s.clone()),
            _ => {
                Err(interp.type_error("Symbol.prototype.valueOf requires that 'this' be a Symbol"))
            }
        },
        _ => Err(interp.type_error("Symbol.prototype.valueOf requires that 'this' be a Symbol")),
    }
}

fn symbol_to_string(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let s = this_symbol(interp, this)?;
    Ok(Value::from(s.descriptive_string()))
}

fn symbol_value_of(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::Symbol(this_symbol(interp, this)?))
}

fn symbol_description(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let s = this_symbol(interp, this)?;
    Ok(s.description()
        .cloned()
        .map(Value::String)
        .unwrap_or_default())
}

pub(crate) fn init(interp: &mut Interp) {
    let proto = interp.realm.intrinsics.symbol_prototype.clone();
    let ctor = super::make_constructor(interp, "Symbol", 0, symbol_call, symbol_construct, &proto);
    define_methods(
        interp,
        &ctor,
        &[("for", symbol_for, 1), ("keyFor", symbol_key_for, 1)],
    );
    let i = &interp.realm.intrinsics;
    let wk = [
        ("asyncIterator", i.symbol_async_iterator.clone()),
        ("hasInstance", i.symbol_has_instance.clone()),
        ("isConcatSpreadable", i.symbol_is_concat_spreadable.clone()),
        ("iterator", i.symbol_iterator.clone()),
        ("match", i.symbol_match.clone()),
        ("matchAll", i.symbol_match_all.clone()),
        ("replace", i.symbol_replace.clone()),
        ("search", i.symbol_search.clone()),
        ("species", i.symbol_species.clone()),
        ("split", i.symbol_split.clone()),
        ("toPrimitive", i.symbol_to_primitive.clone()),
        ("toStringTag", i.symbol_to_string_tag.clone()),
        ("unscopables", i.symbol_unscopables.clone()),
    ];
    for (name, s) in wk {
        ctor.define_value(name, Value::Symbol(s), Attributes::none());
    }
    define_methods(
        interp,
        &proto,
        &[
            ("toString", symbol_to_string, 0),
            ("valueOf", symbol_value_of, 0),
        ],
    );
    define_native_accessor(
        interp,
        &proto,
        PropertyKey::from("description"),
        Some(symbol_description),
        None,
        Attributes::new(false, false, true),
    );
    crate::function::define_to_string_tag(interp, &proto, "Symbol");
    let tp = interp.realm.intrinsics.symbol_to_primitive.clone();
    let f =
        crate::function::create_native_function(interp, symbol_value_of, "[Symbol.toPrimitive]", 1);
    proto.define_value(
        PropertyKey::Symbol(tp),
        Value::Object(f),
        Attributes::new(false, false, true),
    );
}
