//! The `minijs` command: runs a file as a CommonJS module or an ES module
//! by Node's rules (`interp::modules`), evaluates `-e CODE` / `-p CODE`,
//! runs a program piped on stdin, checks syntax (`--check`), prints the
//! AST (`--print-ast`), hosts test262 (`--test262`), traces execution
//! contexts, the event loop and module loading, and starts the REPL when
//! stdin is a terminal and no program is given.

mod cli;
mod engine;
mod host;
mod safety;

/// Counts live bytes for the heap limit (`--max-heap-size`).
#[global_allocator]
static ALLOCATOR: interp::heap_limit::CountingAllocator = interp::heap_limit::CountingAllocator;

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use cli::{Cli, Parsed};
use interp::execution_context::Source;
use interp::modules::EntryKind;
use interp::{Interp, InterpOptions, JsError, Value};

/// Stack of the interpreter thread when `--stack-size` is not given;
/// recursion depth is limited well before.
const STACK_SIZE: usize = 1 << 30;

/// Room kept for Rust frames below the JavaScript stack of `--stack-size`.
const STACK_RESERVE: usize = 8 << 20;

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().collect();
    let cli = match cli::parse(raw.clone()) {
        Parsed::Run(cli) => cli,
        Parsed::Info(text) => {
            println!("{}", text.trim_end());
            return ExitCode::SUCCESS;
        }
        Parsed::Bad(text) => {
            eprintln!("{}", text.trim_end());
            return ExitCode::from(cli::BAD_OPTION_EXIT);
        }
    };
    let exec_argv = Cli::exec_argv(&raw, &cli);
    let (thread_stack, js_stack) = match cli.stack_size {
        Some(kib) => {
            let js = kib.saturating_mul(1024);
            (
                js.saturating_add(STACK_RESERVE),
                js.saturating_add(STACK_RESERVE / 2),
            )
        }
        None => (STACK_SIZE, STACK_SIZE),
    };
    let handle = std::thread::Builder::new()
        .name("minijs".into())
        .stack_size(thread_stack)
        .spawn(move || run(*cli, exec_argv, js_stack));
    let code = match handle.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => 70,
    };
    ExitCode::from(code.clamp(0, 255) as u8)
}

/// Where the program comes from.
enum Input {
    File(String),
    /// `-e`, `-p` or stdin: a classic script named `[eval]` / `[stdin]`.
    Script {
        name: String,
        text: String,
    },
    Repl,
}

fn input_of(cli: &Cli) -> Result<Input, String> {
    if let Some(code) = cli.eval.as_ref().or(cli.print.as_ref()) {
        return Ok(Input::Script {
            name: "[eval]".into(),
            text: code.clone(),
        });
    }
    match cli.file() {
        Some("-") => {}
        Some(f) => return Ok(Input::File(f.to_string())),
        None if cli.interactive || std::io::stdin().is_terminal() => return Ok(Input::Repl),
        None => {}
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| format!("minijs: cannot read the program from stdin: {e}"))?;
    Ok(Input::Script {
        name: "[stdin]".into(),
        text,
    })
}

/// The interpreter with the host installed, as the command line asks.
fn new_interp(cli: &Cli, exec_argv: &[String], argv: Vec<String>, stack: usize) -> Option<Interp> {
    let mut interp = Interp::new(InterpOptions {
        trace_context: cli.trace_context,
        test262: cli.test262,
        argv,
    });
    interp.set_stack_size(stack);
    cli.safety.apply(&mut interp);
    interp.event_loop.model =
        interp::event_loop::LoopModel::parse(&cli.loop_model).unwrap_or_default();
    interp.event_loop.trace = cli.trace_loop;
    host::install(&mut interp, cli.test262);
    stdlib::intrinsics::install(&mut interp);
    let host_options = stdlib::ProcessOptions {
        no_warnings: cli.no_warnings,
        exec_argv: exec_argv.to_vec(),
        test262: cli.test262,
    };
    if let Err(e) = stdlib::install(&mut interp, &host_options) {
        if let JsError::Throw(v) = e {
            report_uncaught(&mut interp, &v, cli.test262);
        }
        return None;
    }
    interp::modules::set_trace(&mut interp, cli.trace_modules);
    Some(interp)
}

fn exe_path() -> String {
    std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "minijs".into())
}

fn run(cli: Cli, exec_argv: Vec<String>, stack: usize) -> i32 {
    let input = match input_of(&cli) {
        Ok(i) => i,
        Err(msg) => {
            eprintln!("{msg}");
            return 1;
        }
    };
    let is_file = cli.file().is_some_and(|f| f != "-");
    // A file runs through the module loader (CommonJS or ES module by
    // Node's rules), which resolves and reads it itself; `-e`/`-p`/stdin
    // code and test262 scripts run as classic scripts.
    let via_loader = is_file && !cli.check && !cli.print_ast && (!cli.test262 || cli.module);
    let (name, text) = match input {
        Input::Repl => return run_repl(cli, exec_argv, stack),
        Input::Script { name, text } => (name, text),
        Input::File(f) if via_loader => (absolute(&f), String::new()),
        Input::File(f) => match std::fs::read(&f) {
            Ok(t) => (absolute(&f), String::from_utf8_lossy(&t).into_owned()),
            Err(e) => {
                eprintln!("minijs: cannot read {f}: {e}");
                return 1;
            }
        },
    };
    let is_module = cli.module || name.ends_with(".mjs");
    let plain_script = !is_file || cli.test262;
    let options = parser::ParseOptions {
        module: is_module,
        function_body: !is_module && !plain_script,
        allow_new_target: !is_module && !plain_script,
        ..Default::default()
    };
    // A script may start with a hashbang line.
    let src_text = interp::modules::module_record::strip_hashbang(text.clone());
    let parsed = if via_loader {
        Ok(None)
    } else {
        parser::parse(&src_text, &options).map(Some)
    };
    let program = match parsed {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}", e.render(&name, &src_text));
            if cli.test262 {
                println!("SyntaxError: {}", e.message);
            }
            return 1;
        }
    };
    if cli.check {
        // The process ends now: freeing a large tree node by node would
        // only cost time.
        std::mem::forget(program);
        return 0;
    }
    if cli.print_ast {
        if let Some(program) = &program {
            println!("{program:#?}");
        }
        return 0;
    }

    let mut argv = vec![exe_path()];
    if is_file {
        argv.push(name.clone());
    } else if cli.file() == Some("-") {
        argv.push("-".into());
    }
    argv.extend(cli.script_args().iter().cloned());
    let Some(mut interp) = new_interp(&cli, &exec_argv, argv, stack) else {
        return 70;
    };
    let source = Source::new(name.clone(), src_text.as_str());
    interp.main_source = Some(source.clone());

    let result = match &program {
        None => {
            let kind = if cli.module {
                EntryKind::Module
            } else {
                EntryKind::Auto
            };
            interp::modules::run_main(&mut interp, &name, kind).map(|_| Value::Undefined)
        }
        Some(program) => {
            if !cli.test262 {
                interp::modules::commonjs::install_eval_globals(&mut interp, &name);
            }
            interp.run_script(program, source.clone())
        }
    };
    // `-p`: the script's value, printed as console.log prints it.
    let result = match result {
        Ok(v) if cli.print.is_some() => {
            interp::inspect::format_log_args(&mut interp, &[v]).map(|text| {
                let _ = interp::stdio::write(1, format!("{text}\n").as_bytes());
                Value::Undefined
            })
        }
        r => r,
    };
    let main_is_module = interp::modules::main_is_module(&interp);
    let result = interp::event_loop::run(&mut interp, result.map(|_| ()), main_is_module);
    // An ES module entry: its evaluation promise rejected (uncaught) or
    // never settled (Node exits with 13).
    let result = result.and_then(
        |()| match interp::modules::check_main_promise(&mut interp)? {
            // Node 20 exits silently here (the warning came in Node 22).
            Some(_) => Err(JsError::Exit(13)),
            None => Ok(()),
        },
    );
    let result = result.and_then(|()| stdlib::process::exit_naturally(&mut interp));
    let code = match result {
        Ok(code) => code,
        Err(JsError::Exit(code)) => code,
        Err(JsError::Throw(v)) => {
            report_uncaught(&mut interp, &v, cli.test262);
            // 1, unless an 'exit' listener set another process.exitCode.
            match stdlib::process::exit_code(&mut interp) {
                0 => 1,
                code => code,
            }
        }
        Err(JsError::GeneratorReturn(_)) => 0,
    };
    use std::io::Write;
    let _ = std::io::stdout().flush();
    code
}

/// The REPL, with a fresh interpreter per `.clear`.
fn run_repl(cli: Cli, exec_argv: Vec<String>, stack: usize) -> i32 {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let factory: engine::Factory = Box::new(move || {
        let mut interp = new_interp(&cli, &exec_argv, vec![exe_path()], stack)?;
        interp::modules::commonjs::install_eval_globals(&mut interp, "[repl]");
        Some(interp)
    });
    let Some(mut engine) = engine::ReplEngine::new(factory, color) else {
        return 70;
    };
    minijs::repl::run(&mut engine, color)
}

fn absolute(f: &str) -> String {
    let p = std::path::Path::new(f);
    if p.is_absolute() {
        return f.to_string();
    }
    match std::env::current_dir() {
        Ok(d) => {
            let joined = d.join(p);
            let mut out = std::path::PathBuf::new();
            for c in joined.components() {
                match c {
                    std::path::Component::CurDir => {}
                    std::path::Component::ParentDir => {
                        out.pop();
                    }
                    other => out.push(other.as_os_str()),
                }
            }
            out.display().to_string()
        }
        Err(_) => f.to_string(),
    }
}

/// Prints an uncaught exception as Node does: the throwing source line with
/// a caret, a blank line, then the error's stack (or inspected value).
fn report_uncaught(interp: &mut Interp, v: &Value, test262: bool) {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let description = interp::error::uncaught_description(interp, v);
    if test262 {
        let header = interp::error::error_header(v).unwrap_or_else(|| description.clone());
        println!("{header}");
        eprintln!("Uncaught {description}");
        return;
    }
    let mut out = String::new();
    let is_error = interp::error::is_error_object(v);
    if let Some((src, pos)) = interp.last_throw_position.clone() {
        let (line, col) = src.line_col(pos);
        // Node separates the caret from an error's stack by a blank line,
        // and starts the report of a thrown non-error with one.
        out.push_str(&format!(
            "{}{}:{}\n{}\n{}^\n{}",
            if is_error { "" } else { "\n" },
            src.name,
            line,
            src.line_text(line),
            " ".repeat(col - 1),
            if is_error { "\n" } else { "" }
        ));
    } else if let Some(frame) = first_frame(&description) {
        out.push_str(&frame);
    }
    out.push_str(&description);
    if !is_error {
        // A thrown primitive is shown as its string, an object inspected.
        if !v.is_object() {
            if let Value::String(s) = v {
                out.truncate(out.len() - description.len());
                out.push_str(&s.to_rust_string());
            }
            out.push_str(
                "\n(Use `node --trace-uncaught ...` to show where the exception was thrown)",
            );
        }
    }
    out.push_str("\n\nNode.js v20.0.0-minijs\n");
    let _ = std::io::stderr().write_all(out.as_bytes());
}

/// `file:line` + source line + caret for the top stack frame of an error
/// thrown by the engine (no `throw` statement position recorded).
fn first_frame(stack: &str) -> Option<String> {
    let line = stack.lines().find(|l| l.trim_start().starts_with("at "))?;
    let loc = line.rsplit('(').next()?.trim_end_matches(')');
    let loc = loc.trim_start().strip_prefix("at ").unwrap_or(loc);
    let mut parts = loc.rsplitn(3, ':');
    let col: usize = parts.next()?.parse().ok()?;
    let line_no: usize = parts.next()?.parse().ok()?;
    let file = parts.next()?;
    // ES modules are named by their file:// URL.
    let text = std::fs::read_to_string(file.strip_prefix("file://").unwrap_or(file)).ok()?;
    let src = Source::new(file, text.as_str());
    Some(format!(
        "{file}:{line_no}\n{}\n{}^\n\n",
        src.line_text(line_no),
        " ".repeat(col.saturating_sub(1))
    ))
}
