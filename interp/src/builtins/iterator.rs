//! %IteratorPrototype%, %ArrayIteratorPrototype%, %StringIteratorPrototype%,
//! and the generator prototypes — ECMA-262 §27.1, §23.1.5, §22.1.5, §27.5.

use std::any::Any;
use std::cell::Cell;

use gc::{Finalize, Trace};

use crate::function::{create_native_function, define_methods, define_symbol_methods};
use crate::interp::Interp;
use crate::object::{HostObject, JsObject, ObjectKind};
use crate::operations::{
    create_array_from_list, create_iter_result_object, get, length_of_array_like,
};
use crate::storage::Attributes;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};
use crate::JsResult;

/// What an array iterator yields.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum IterKind {
    Keys,
    Values,
    Entries,
}

/// An Array Iterator's internal slots — ECMA-262 §23.1.5.
#[derive(Trace, Finalize)]
pub struct ArrayIterator {
    pub object: Value,
    #[unsafe_ignore_trace]
    pub index: Cell<u64>,
    #[unsafe_ignore_trace]
    pub kind: IterKind,
    #[unsafe_ignore_trace]
    pub done: Cell<bool>,
}

impl HostObject for ArrayIterator {
    fn class_name(&self) -> &str {
        "Array Iterator"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A String Iterator's internal slots — ECMA-262 §22.1.5.
#[derive(Trace, Finalize)]
pub struct StringIterator {
    #[unsafe_ignore_trace]
    pub string: JsString,
    #[unsafe_ignore_trace]
    pub position: Cell<usize>,
}

impl HostObject for StringIterator {
    fn class_name(&self) -> &str {
        "String Iterator"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// CreateArrayIterator — ECMA-262 §23.1.5.1
pub fn create_array_iterator(interp: &mut Interp, object: Value, kind: IterKind) -> JsObject {
    let proto = interp.realm.intrinsics.array_iterator_prototype.clone();
    interp.alloc_object(
        Some(proto),
        ObjectKind::Host(Box::new(ArrayIterator {
            object,
            index: Cell::new(0),
            kind,
            done: Cell::new(false),
        })),
    )
}

pub fn create_string_iterator(interp: &mut Interp, s: JsString) -> JsObject {
    let proto = interp
        .realm
        .intrinsics
        .constructor("%StringIteratorPrototype%")
        .unwrap_or_else(|| interp.realm.intrinsics.iterator_prototype.clone());
    interp.alloc_object(
        Some(proto),
        ObjectKind::Host(Box::new(StringIterator {
            string: s,
            position: Cell::new(0),
        })),
    )
}

/// %ArrayIteratorPrototype%.next — ECMA-262 §23.1.5.2.1
pub(crate) fn array_iterator_next(
    interp: &mut Interp,
    this: &Value,
    _args: &[Value],
) -> JsResult<Value> {
    let it = match this {
        Value::Object(o) => o.host::<ArrayIterator>().map(|_| o.clone()),
        _ => None,
    };
    let Some(it_obj) = it else {
        return Err(interp.type_error("next method called on incompatible receiver"));
    };
    let Some(it) = it_obj.host::<ArrayIterator>() else {
        return Err(interp.type_error("next method called on incompatible receiver"));
    };
    if it.done.get() {
        return Ok(create_iter_result_object(interp, Value::Undefined, true));
    }
    let Value::Object(a) = &it.object else {
        return Ok(create_iter_result_object(interp, Value::Undefined, true));
    };
    let index = it.index.get();
    let len = match a.kind() {
        ObjectKind::Array(d) => d.length.get() as f64,
        _ => length_of_array_like(interp, a)?,
    };
    if index as f64 >= len {
        it.done.set(true);
        return Ok(create_iter_result_object(interp, Value::Undefined, true));
    }
    it.index.set(index + 1);
    let key = PropertyKey::from(index as usize);
    let result = match it.kind {
        IterKind::Keys => Value::from(index as f64),
        IterKind::Values => get(interp, a, &key)?,
        IterKind::Entries => {
            let v = get(interp, a, &key)?;
            Value::Object(create_array_from_list(
                interp,
                vec![Value::from(index as f64), v],
            ))
        }
    };
    Ok(create_iter_result_object(interp, result, false))
}

/// %StringIteratorPrototype%.next — ECMA-262 §22.1.5.1.1
fn string_iterator_next(interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    let Some(it) = this.as_object().and_then(|o| o.host::<StringIterator>()) else {
        return Err(interp.type_error("next method called on incompatible receiver"));
    };
    let pos = it.position.get();
    match it.string.code_point_at(pos) {
        None => Ok(create_iter_result_object(interp, Value::Undefined, true)),
        Some((_, n)) => {
            it.position.set(pos + n);
            let s = it.string.substring(pos, pos + n);
            Ok(create_iter_result_object(interp, Value::String(s), false))
        }
    }
}

fn return_this(_interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(this.clone())
}

pub(crate) fn init(interp: &mut Interp) {
    let intr = &interp.realm.intrinsics;
    let iter_proto = intr.iterator_prototype.clone();
    let async_iter_proto = intr.async_iterator_prototype.clone();
    let array_iter_proto = intr.array_iterator_prototype.clone();
    let gen_proto = intr.generator_prototype.clone();
    let async_gen_proto = intr.async_generator_prototype.clone();
    let sym_iter = intr.symbol_iterator.clone();
    let sym_async_iter = intr.symbol_async_iterator.clone();
    let tag = intr.symbol_to_string_tag.clone();
    define_symbol_methods(
        interp,
        &iter_proto,
        &[(sym_iter, "[Symbol.iterator]", return_this, 0)],
    );
    define_symbol_methods(
        interp,
        &async_iter_proto,
        &[(sym_async_iter, "[Symbol.asyncIterator]", return_this, 0)],
    );

    let next = interp.realm.intrinsics.array_iterator_next.clone();
    next.define_value(
        "length",
        Value::from(0),
        Attributes::new(false, false, true),
    );
    next.define_value(
        "name",
        Value::from("next"),
        Attributes::new(false, false, true),
    );
    array_iter_proto.define_value("next", Value::Object(next), Attributes::hidden());
    array_iter_proto.define_value(
        PropertyKey::Symbol(tag.clone()),
        Value::from("Array Iterator"),
        Attributes::new(false, false, true),
    );

    let string_iter_proto = interp.alloc_object(Some(iter_proto.clone()), ObjectKind::Ordinary);
    define_methods(
        interp,
        &string_iter_proto,
        &[("next", string_iterator_next, 0)],
    );
    string_iter_proto.define_value(
        PropertyKey::Symbol(tag.clone()),
        Value::from("String Iterator"),
        Attributes::new(false, false, true),
    );
    interp
        .realm
        .intrinsics
        .register("%StringIteratorPrototype%", string_iter_proto);

    define_methods(
        interp,
        &gen_proto,
        &[
            ("next", crate::generator::generator_next, 1),
            ("return", crate::generator::generator_return, 1),
            ("throw", crate::generator::generator_throw, 1),
        ],
    );
    gen_proto.define_value(
        PropertyKey::Symbol(tag.clone()),
        Value::from("Generator"),
        Attributes::new(false, false, true),
    );
    define_methods(
        interp,
        &async_gen_proto,
        &[
            ("next", crate::generator::async_generator_next, 1),
            ("return", crate::generator::async_generator_return, 1),
            ("throw", crate::generator::async_generator_throw, 1),
        ],
    );
    async_gen_proto.define_value(
        PropertyKey::Symbol(tag),
        Value::from("AsyncGenerator"),
        Attributes::new(false, false, true),
    );
    let _ = create_native_function;
}
