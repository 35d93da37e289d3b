//! The minimal host objects the binary installs: `process` and the test262
//! host (`print`, `$262`). Modules and `require` are `interp::modules`.

use interp::function::{create_native_function, define_methods, NativeFn};
use interp::operations::{self, create_array_from_list, to_number, to_string};
use interp::realm::define_global;
use interp::{Attributes, Interp, JsError, JsResult, PropertyKey, Value};

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

fn process_exit(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let code = match arg(args, 0) {
        Value::Undefined => exit_code(interp),
        v => to_number(interp, &v)? as i32,
    };
    Err(JsError::Exit(code))
}

fn process_cwd(_interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(Value::from(
        std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default(),
    ))
}

fn process_next_tick(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let f = arg(args, 0);
    if !operations::is_callable(&f) {
        return Err(interp.type_error("The \"callback\" argument must be of type function"));
    }
    interp.job_queue.push(interp::job_queue::Job::Callback {
        callback: f,
        args: args.get(1..).unwrap_or(&[]).to_vec(),
    });
    Ok(Value::Undefined)
}

fn process_on(_interp: &mut Interp, this: &Value, _args: &[Value]) -> JsResult<Value> {
    Ok(this.clone())
}

fn write_stdout(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    use std::io::Write;
    let s = to_string(interp, &arg(args, 0))?;
    let _ = std::io::stdout().write_all(s.to_rust_string().as_bytes());
    Ok(Value::Bool(true))
}

fn write_stderr(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    use std::io::Write;
    let s = to_string(interp, &arg(args, 0))?;
    let _ = std::io::stderr().write_all(s.to_rust_string().as_bytes());
    Ok(Value::Bool(true))
}

fn hrtime_bigint_like(_interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1e3)
        .unwrap_or(0.0);
    Ok(Value::Number(t))
}

/// The exit code set through `process.exitCode`.
pub fn exit_code(interp: &Interp) -> i32 {
    match interp.host_data.get("process") {
        Some(Value::Object(p)) => match p.get_own_data(&PropertyKey::from("exitCode")) {
            Some(Value::Number(n)) => n as i32,
            _ => 0,
        },
        _ => 0,
    }
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
        Err(e) => return Err(interp.syntax_error(e.message)),
    };
    let src = interp::execution_context::Source::new("evalScript", code.as_str());
    interp.run_script(&program, src)
}

fn create_realm(interp: &mut Interp, _this: &Value, _args: &[Value]) -> JsResult<Value> {
    Err(interp.type_error("createRealm is not supported"))
}

pub fn install(interp: &mut Interp, test262: bool) {
    let process = operations::new_object(interp);
    let a = Attributes::all();
    let argv: Vec<Value> = interp
        .options
        .argv
        .iter()
        .map(|s| Value::from(s.as_str()))
        .collect();
    let argv = create_array_from_list(interp, argv);
    process.define_value("argv", Value::Object(argv), a);
    let env = operations::new_object(interp);
    for (k, v) in std::env::vars() {
        env.define_value(PropertyKey::from(k.as_str()), Value::from(v), a);
    }
    process.define_value("env", Value::Object(env), a);
    process.define_value("platform", Value::from(std::env::consts::OS), a);
    process.define_value("pid", Value::from(std::process::id()), a);
    process.define_value("version", Value::from("v20.0.0"), a);
    process.define_value("exitCode", Value::Undefined, a);
    let table: &[(&str, NativeFn, u32)] = &[
        ("cwd", process_cwd, 0),
        ("exit", process_exit, 1),
        ("nextTick", process_next_tick, 1),
        ("on", process_on, 2),
        ("once", process_on, 2),
        ("uptime", hrtime_bigint_like, 0),
    ];
    define_methods(interp, &process, table);
    for (name, f) in [
        ("stdout", write_stdout as NativeFn),
        ("stderr", write_stderr as NativeFn),
    ] {
        let stream = operations::new_object(interp);
        define_methods(interp, &stream, &[("write", f, 1)]);
        process.define_value(name, Value::Object(stream), a);
    }
    interp
        .host_data
        .insert("process", Value::Object(process.clone()));
    define_global(interp, "process", Value::Object(process));

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
