//! Node-style host modules and ECMAScript intrinsics.

pub mod node_modules;
pub mod os;

pub mod intrinsics;
