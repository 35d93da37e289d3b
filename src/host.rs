//! The test262 host the binary installs (`print`, `$262`). `process` and
//! the timers are `stdlib`'s; modules and `require` are `interp::modules`.

use interp::function::{create_native_function, define_methods};
use interp::operations::{self, to_string};
use interp::realm::define_global;
use interp::{Attributes, Interp, JsResult, Value};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

fn print(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let s = interp::inspect::format_log_args(interp, args)?;
    println!("{s}");
    Ok(Value::Undefined)
}

fn gc_fn(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    interp.collect_garbage();
    Ok(Value::Undefined)
}

fn eval_script(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let code = to_string(interp, &arg(args, 0))?.to_rust_string();
    let program = match parser::parse_script(&code) {
        Ok(p) => p,
        Err(e) => return Err(interp.parse_error(&e)),
    };
    let src = interp::execution_context::Source::new("evalScript", code.as_str());
    interp.run_script(&program, src)
}

fn create_realm(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("createRealm is not supported"))
}

pub fn install(interp: &mut Interp, test262: bool) {
    if test262 {
        let p = create_native_function(interp, print, "print", 1);
        define_global(interp, "print", Value::Object(p));
        let host = operations::new_object(interp);
        define_methods(
            interp,
            &host,
            &[
                ("createRealm", create_realm, 0),
                ("evalScript", eval_script, 1),
                ("gc", gc_fn, 0),
            ],
        );
        let global = interp.realm.global_object.clone();
        host.define_value("global", Value::Object(global), Attributes::all());
        define_global(interp, "$262", Value::Object(host));
    }
}
