//! ECMAScript intrinsics kept outside the interpreter core (ECMA-262
//! §19-§28): BigInt, RegExp on the `regress` engine, Date (with the local time
//! zone read from tzdata), Reflect and Proxy, the URI functions, WeakRef and FinalizationRegistry. Each file adds
//! its constructors and prototypes to the realm and registers them by name
//! (`Intrinsics::register`), which is how the evaluator finds `RegExp` for
//! regular expression literals.

pub mod bigint;
pub mod date;
pub mod proxy;
pub mod reflect;
pub mod regexp;
mod time_zone;
pub mod uri;
pub mod weakref;

use interp::Interp;

/// Installs every intrinsic of this crate into the interpreter's realm.
pub fn install(interp: &mut Interp) {
    bigint::install(interp);
    regexp::install(interp);
    reflect::install(interp);
    proxy::install(interp);
    date::install(interp);
    uri::install(interp);
    weakref::install(interp);
}
