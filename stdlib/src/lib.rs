//! Node-style host modules and ECMAScript intrinsics.
//!
//! [`install`] sets up everything a Node program expects beyond the
//! language: the timer globals (`timers.rs`), `global` and the globals
//! that come from modules (`globals.rs`), `process` (`process.rs`,
//! which also gives the event loop its host hooks), the native fs binding
//! (`fs_binding.rs`), the TCP binding under `net` (`tcp_binding.rs`) and
//! the registry of built-in modules
//! (`node_modules.rs`), and `structuredClone` (`structured_clone.rs`).

// gc_derive's `#[derive(Trace, Finalize)]` expands to impls inside a const
// block, which rustc reports as non-local definitions.
#![allow(non_local_definitions)]

pub mod fs_binding;
pub mod globals;
pub mod http_parser;
pub mod http_server;
pub mod intrinsics;
pub mod node_errors;
pub mod node_modules;
pub mod os;
pub mod performance;
pub mod process;
pub mod structured_clone;
pub mod tcp_binding;
pub mod timers;

use interp::{Interp, JsResult};

pub use process::ProcessOptions;

/// Installs the Node host into a fresh interpreter.
pub fn install(interp: &mut Interp, options: &ProcessOptions) -> JsResult<()> {
    node_modules::install(interp);
    timers::install(interp);
    fs_binding::install(interp);
    tcp_binding::install(interp);
    globals::install(interp);
    performance::install(interp);
    structured_clone::install(interp);
    process::install(interp, options)
}
