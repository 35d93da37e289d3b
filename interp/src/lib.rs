//! Tree-walking evaluator for minijs.
//!
//! Reading order: `value.rs` and `string.rs` (language values),
//! `storage.rs` (the audited heap storage), `object.rs` (objects and their
//! internal methods), `environment.rs` and `execution_context.rs` (the
//! runtime records the spec names), `interp.rs` (the interpreter state,
//! `call`/`construct`), `function.rs` (function objects and
//! FunctionDeclarationInstantiation), `eval_*.rs` (statements, expressions,
//! patterns, classes), `generator.rs` (suspension on coroutines),
//! `promise.rs` + `job_queue.rs` + `event_loop.rs`, `realm.rs` (intrinsics) and `builtins/`,
//! `inspect.rs` (Node's `util.inspect`).

// gc_derive's `#[derive(Trace, Finalize)]` expands to impls inside a const
// block, which rustc reports as non-local definitions.
#![allow(non_local_definitions)]

pub mod bigint;
pub mod builtins;
pub mod environment;
pub mod error;
mod eval_class;
mod eval_expr;
mod eval_pattern;
mod eval_stmt;
pub mod event_loop;
pub mod execution_context;
pub mod function;
pub mod generator;
pub mod heap_limit;
pub mod inspect;
pub mod interp;
pub mod job_queue;
pub mod modules;
pub mod number;
pub mod object;
pub mod operations;
pub mod permission;
pub mod promise;
pub mod proxy;
pub mod realm;
mod shape;
pub mod stdio;
pub mod storage;
pub mod string;
pub mod value;

pub use crate::bigint::JsBigInt;
pub use crate::error::{
    throw_error, throw_range_error, throw_reference_error, throw_syntax_error, throw_type_error,
};
pub use crate::function::NativeFn;
pub use crate::interp::{Interp, InterpOptions, ReplCompletion};
pub use crate::object::{JsObject, ObjectKind, PropertyDescriptor};
pub use crate::storage::Attributes;
pub use crate::string::JsString;
pub use crate::value::{PropertyKey, Symbol, Value};

/// An abrupt completion that unwinds Rust frames.
#[derive(Clone, Debug)]
pub enum JsError {
    /// A JavaScript exception (`throw v`): catchable by `try`.
    Throw(Value),
    /// A generator resumed with `return(v)`: unwinds the generator body,
    /// running `finally` blocks but not `catch` blocks.
    GeneratorReturn(Value),
    /// `process.exit(code)`: unwinds everything.
    Exit(i32),
}

pub type JsResult<T> = Result<T, JsError>;

/// A statement's completion record — ECMA-262 §6.2.4.
#[derive(Clone, Debug)]
pub enum Completion {
    Normal(Option<Value>),
    Return(Value),
    /// `break label`, with the value of the statements before it (if any).
    Break(Option<parser::ast::Atom>, Option<Value>),
    /// `continue label`, with the value of the statements before it.
    Continue(Option<parser::ast::Atom>, Option<Value>),
}
