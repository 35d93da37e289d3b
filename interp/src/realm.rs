//! Realms and intrinsics — ECMA-262 §9.3. `Realm::create` allocates the
//! intrinsic objects bare (so that every later allocation can name its
//! prototype); `initialize_intrinsics` fills in their properties and the
//! global object in one place (`create_intrinsics`).

use std::cell::RefCell;
use std::collections::HashMap;

use crate::environment::{Env, EnvironmentKind, GlobalEnvironment};
use crate::error::ErrorType;
use crate::function::NativeFunction;
use crate::interp::Interp;
use crate::object::{ArrayData, JsObject, ObjectKind};
use crate::storage::{Attributes, List};
use crate::string::JsString;
use crate::value::{Symbol, Value};

/// The well-known and intrinsic objects of a realm.
pub struct Intrinsics {
    pub object_prototype: JsObject,
    pub function_prototype: JsObject,
    pub array_prototype: JsObject,
    pub string_prototype: JsObject,
    pub number_prototype: JsObject,
    pub boolean_prototype: JsObject,
    pub symbol_prototype: JsObject,
    /// %BigInt.prototype% (its properties come from the standard library).
    pub bigint_prototype: JsObject,
    pub error_prototypes: Vec<JsObject>,
    pub iterator_prototype: JsObject,
    pub async_iterator_prototype: JsObject,
    pub array_iterator_prototype: JsObject,
    pub generator_function_prototype: JsObject,
    pub generator_prototype: JsObject,
    pub async_function_prototype: JsObject,
    pub async_generator_function_prototype: JsObject,
    pub async_generator_prototype: JsObject,
    pub promise_prototype: JsObject,
    pub promise_constructor: JsObject,
    pub map_prototype: JsObject,
    pub set_prototype: JsObject,
    /// %Array.prototype.values% (also arguments[@@iterator]).
    pub array_prototype_values: JsObject,
    /// %ArrayIteratorPrototype%.next (for-of and spread over an array skip
    /// the iterator objects while it is the `next` in place).
    pub array_iterator_next: JsObject,
    /// %ThrowTypeError%
    pub throw_type_error: JsObject,
    /// %eval% (direct eval is recognised by identity).
    pub eval_function: JsObject,
    pub symbol_iterator: Symbol,
    pub symbol_async_iterator: Symbol,
    pub symbol_has_instance: Symbol,
    pub symbol_to_primitive: Symbol,
    pub symbol_to_string_tag: Symbol,
    pub symbol_unscopables: Symbol,
    pub symbol_species: Symbol,
    pub symbol_is_concat_spreadable: Symbol,
    pub symbol_match: Symbol,
    pub symbol_match_all: Symbol,
    pub symbol_replace: Symbol,
    pub symbol_search: Symbol,
    pub symbol_split: Symbol,
    /// Constructors and other intrinsics by name (`"Object"`, `"Array"`,
    /// `"RegExp"`...). The standard library registers more here.
    pub by_name: RefCell<HashMap<&'static str, JsObject>>,
}

impl Intrinsics {
    pub fn error_prototype(&self, ty: ErrorType) -> JsObject {
        let i = ErrorType::ALL.iter().position(|t| *t == ty).unwrap_or(0);
        self.error_prototypes[i].clone()
    }

    /// An intrinsic registered by name.
    pub fn constructor(&self, name: &str) -> Option<JsObject> {
        self.by_name.borrow().get(name).cloned()
    }

    /// The `prototype` of the constructor registered as `name`: the
    /// default prototype of the objects it makes. A built-in
    /// constructor's `prototype` is a non-writable, non-configurable data
    /// property, so reading it runs no code and cannot fail; `None` when
    /// no such constructor is registered.
    pub fn prototype_of(&self, name: &str) -> Option<JsObject> {
        let ctor = self.constructor(name)?;
        match ctor.get_own_data(&crate::value::PropertyKey::from("prototype")) {
            Some(Value::Object(p)) => Some(p),
            _ => None,
        }
    }

    pub fn register(&self, name: &'static str, obj: JsObject) {
        self.by_name.borrow_mut().insert(name, obj);
    }
}

/// Realm Record — ECMA-262 §9.3
pub struct Realm {
    pub intrinsics: Intrinsics,
    pub global_object: JsObject,
    /// The `this` of global code (the global object).
    pub global_this: JsObject,
    pub global_env: Env,
}

fn placeholder(_: &mut Interp, _: &Value, _: &[Value]) -> crate::JsResult<Value> {
    Ok(Value::Undefined)
}

fn native_kind(call: crate::NativeFn, ctor: Option<crate::NativeFn>) -> ObjectKind {
    ObjectKind::NativeFunction(Box::new(NativeFunction {
        call,
        constructor: ctor,
        slots: List::new(),
    }))
}

impl Realm {
    /// CreateRealm + CreateIntrinsics (allocation only).
    pub fn create() -> Realm {
        let raw =
            |proto: Option<&JsObject>, kind: ObjectKind| JsObject::new_raw(proto.cloned(), kind);
        let object_prototype = raw(None, ObjectKind::Ordinary);
        let op = Some(&object_prototype);
        let function_prototype = raw(op, native_kind(placeholder, None));
        let fp = Some(&function_prototype);
        let array_prototype = raw(
            op,
            ObjectKind::Array(ArrayData {
                length: std::cell::Cell::new(0),
                length_writable: std::cell::Cell::new(true),
            }),
        );
        let string_prototype = raw(op, ObjectKind::String(JsString::empty()));
        let number_prototype = raw(op, ObjectKind::Number(0.0));
        let boolean_prototype = raw(op, ObjectKind::Boolean(false));
        let symbol_prototype = raw(op, ObjectKind::Ordinary);
        let bigint_prototype = raw(op, ObjectKind::Ordinary);
        let error_base = raw(op, ObjectKind::Ordinary);
        let mut error_prototypes = vec![error_base.clone()];
        for _ in 1..ErrorType::ALL.len() {
            error_prototypes.push(raw(Some(&error_base), ObjectKind::Ordinary));
        }
        let iterator_prototype = raw(op, ObjectKind::Ordinary);
        let async_iterator_prototype = raw(op, ObjectKind::Ordinary);
        let array_iterator_prototype = raw(Some(&iterator_prototype), ObjectKind::Ordinary);
        let generator_function_prototype = raw(fp, ObjectKind::Ordinary);
        let generator_prototype = raw(Some(&iterator_prototype), ObjectKind::Ordinary);
        let async_function_prototype = raw(fp, ObjectKind::Ordinary);
        let async_generator_function_prototype = raw(fp, ObjectKind::Ordinary);
        let async_generator_prototype = raw(Some(&async_iterator_prototype), ObjectKind::Ordinary);
        let promise_prototype = raw(op, ObjectKind::Ordinary);
        let promise_constructor = raw(
            fp,
            native_kind(
                crate::promise::PROMISE_CALL,
                Some(crate::promise::PROMISE_CONSTRUCT),
            ),
        );
        let map_prototype = raw(op, ObjectKind::Ordinary);
        let set_prototype = raw(op, ObjectKind::Ordinary);
        let array_prototype_values =
            raw(fp, native_kind(crate::builtins::array::array_values, None));
        let array_iterator_next = raw(
            fp,
            native_kind(crate::builtins::iterator::array_iterator_next, None),
        );
        let throw_type_error = raw(
            fp,
            native_kind(crate::builtins::function::throw_type_error_fn, None),
        );
        let eval_function = raw(fp, native_kind(crate::builtins::global::global_eval, None));
        let global_object = raw(op, ObjectKind::Ordinary);
        let global_env = Env::new_raw(
            None,
            EnvironmentKind::Global(GlobalEnvironment {
                global_object: global_object.clone(),
                global_this: global_object.clone(),
                var_names: RefCell::new(Vec::new()),
            }),
            "global",
            16,
        );
        let sym = |d: &str| Symbol::new(Some(JsString::from(d)));
        Realm {
            intrinsics: Intrinsics {
                object_prototype,
                function_prototype,
                array_prototype,
                string_prototype,
                number_prototype,
                boolean_prototype,
                symbol_prototype,
                bigint_prototype,
                error_prototypes,
                iterator_prototype,
                async_iterator_prototype,
                array_iterator_prototype,
                generator_function_prototype,
                generator_prototype,
                async_function_prototype,
                async_generator_function_prototype,
                async_generator_prototype,
                promise_prototype,
                promise_constructor,
                map_prototype,
                set_prototype,
                array_prototype_values,
                array_iterator_next,
                throw_type_error,
                eval_function,
                symbol_iterator: sym("Symbol.iterator"),
                symbol_async_iterator: sym("Symbol.asyncIterator"),
                symbol_has_instance: sym("Symbol.hasInstance"),
                symbol_to_primitive: sym("Symbol.toPrimitive"),
                symbol_to_string_tag: sym("Symbol.toStringTag"),
                symbol_unscopables: sym("Symbol.unscopables"),
                symbol_species: sym("Symbol.species"),
                symbol_is_concat_spreadable: sym("Symbol.isConcatSpreadable"),
                symbol_match: sym("Symbol.match"),
                symbol_match_all: sym("Symbol.matchAll"),
                symbol_replace: sym("Symbol.replace"),
                symbol_search: sym("Symbol.search"),
                symbol_split: sym("Symbol.split"),
                by_name: RefCell::new(HashMap::new()),
            },
            global_this: global_object.clone(),
            global_object,
            global_env,
        }
    }
}

/// Fills in every intrinsic's properties and the global object
/// (the one list of all intrinsics).
pub fn initialize_intrinsics(interp: &mut Interp) {
    crate::builtins::create_intrinsics(interp);
}

/// Defines a global property (writable, configurable, not enumerable).
pub fn define_global(interp: &mut Interp, name: &str, value: Value) {
    let g = interp.realm.global_object.clone();
    g.define_value(name, value, Attributes::hidden());
}
