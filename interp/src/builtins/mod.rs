//! The intrinsics the evaluator needs (ECMA-262 §19-§27, minimal where the
//! standard library will add more), listed in one `create_intrinsics`.
//! The `stdlib` crate extends these through the same public API.

pub mod array;
pub mod console;
pub mod error;
pub mod function;
pub mod global;
pub mod iterator;
pub mod json;
pub mod map_set;
pub mod math;
pub mod number;
pub mod object;
pub mod string;
pub mod symbol;

use crate::function::{create_native_constructor, NativeFn};
use crate::interp::Interp;
use crate::object::JsObject;
use crate::realm::define_global;
use crate::storage::Attributes;
use crate::value::Value;

/// Creates a global constructor `name` whose `prototype` is `proto`, and
/// registers it as an intrinsic.
pub fn make_constructor(
    interp: &mut Interp,
    name: &'static str,
    length: u32,
    call: NativeFn,
    construct: NativeFn,
    proto: &JsObject,
) -> JsObject {
    let c = create_native_constructor(interp, call, construct, name, length);
    c.define_value(
        "prototype",
        Value::Object(proto.clone()),
        Attributes::none(),
    );
    proto.define_value(
        "constructor",
        Value::Object(c.clone()),
        Attributes::hidden(),
    );
    interp.realm.intrinsics.register(name, c.clone());
    define_global(interp, name, Value::Object(c.clone()));
    c
}

/// CreateIntrinsics + SetDefaultGlobalBindings — every intrinsic, in order.
pub fn create_intrinsics(interp: &mut Interp) {
    function::init(interp);
    object::init(interp);
    symbol::init(interp);
    error::init(interp);
    iterator::init(interp);
    array::init(interp);
    string::init(interp);
    number::init(interp);
    math::init(interp);
    json::init(interp);
    map_set::init(interp);
    crate::promise::init(interp);
    global::init(interp);
    console::init(interp);
}
