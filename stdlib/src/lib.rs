//! Node-style host modules and ECMAScript intrinsics.

pub mod intrinsics;
