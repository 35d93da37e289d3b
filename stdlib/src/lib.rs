//! Node-style host modules and ECMAScript intrinsics.
