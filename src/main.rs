//! The `minijs` command: runs a file as a CommonJS module or an ES module
//! by Node's rules (`interp::modules`), evaluates `-e CODE`, checks syntax
//! (`--check`), prints the AST (`--print-ast`), hosts test262
//! (`--test262`), and traces execution contexts (`--trace-context`) and
//! module loading (`--trace-modules`).

mod host;

use std::process::ExitCode;

use interp::execution_context::Source;
use interp::modules::EntryKind;
use interp::{Interp, InterpOptions, JsError, Value};

/// Stack of the interpreter thread; recursion depth is limited well before.
const STACK_SIZE: usize = 1 << 30;

const USAGE: &str = "usage: minijs [--trace-context] [--trace-modules] FILE [args...]
       minijs -e CODE
       minijs --check FILE
       minijs --print-ast FILE
       minijs --test262 [--module] FILE";

#[derive(Default)]
struct Cli {
    trace_context: bool,
    trace_loop: bool,
    loop_model: interp::event_loop::LoopModel,
    no_warnings: bool,
    /// The options before the file (`process.execArgv`).
    exec_argv: Vec<String>,
    trace_modules: bool,
    check: bool,
    print_ast: bool,
    test262: bool,
    module: bool,
    eval: Option<String>,
    file: Option<String>,
    args: Vec<String>,
}

fn parse_cli() -> Result<Cli, String> {
    let mut cli = Cli::default();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        if cli.file.is_some() {
            cli.args.push(a);
            continue;
        }
        if a.starts_with('-') && a.len() > 1 {
            cli.exec_argv.push(a.clone());
        }
        match a.as_str() {
            "--trace-context" => cli.trace_context = true,
            "--trace-loop" => cli.trace_loop = true,
            "--no-warnings" => cli.no_warnings = true,
            s if s.starts_with("--loop=") => {
                let name = &s["--loop=".len()..];
                cli.loop_model = interp::event_loop::LoopModel::parse(name).ok_or_else(|| {
                    format!("minijs: unknown --loop model '{name}' (node, node10 or browser)")
                })?;
            }
            "--trace-modules" => cli.trace_modules = true,
            "--check" | "-c" => cli.check = true,
            "--print-ast" => cli.print_ast = true,
            "--test262" => cli.test262 = true,
            "--module" | "-m" => cli.module = true,
            "-e" | "--eval" => cli.eval = Some(it.next().ok_or("-e needs an argument")?),
            "-h" | "--help" => return Err(USAGE.into()),
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("minijs: bad option: {s}\n{USAGE}"))
            }
            _ => cli.file = Some(a),
        }
    }
    if cli.file.is_none() && cli.eval.is_none() {
        return Err(USAGE.into());
    }
    Ok(cli)
}

fn main() -> ExitCode {
    let cli = match parse_cli() {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(9);
        }
    };
    let handle = std::thread::Builder::new()
        .name("minijs".into())
        .stack_size(STACK_SIZE)
        .spawn(move || run(cli));
    let code = match handle.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => 70,
    };
    ExitCode::from(code.clamp(0, 255) as u8)
}

fn run(cli: Cli) -> i32 {
    let (name, text) = match (&cli.eval, &cli.file) {
        (Some(code), _) => ("[eval]".to_string(), code.clone()),
        (None, Some(f)) => match std::fs::read_to_string(f) {
            Ok(t) => (absolute(f), t),
            Err(e) => {
                eprintln!("minijs: cannot read {f}: {e}");
                return 1;
            }
        },
        (None, None) => return 9,
    };
    // A file runs through the module loader (CommonJS or ES module by
    // Node's rules); `-e` code and test262 scripts run as classic scripts.
    let via_loader = cli.file.is_some()
        && cli.eval.is_none()
        && !cli.check
        && !cli.print_ast
        && (!cli.test262 || cli.module);
    let is_module = cli.module || name.ends_with(".mjs");
    let options = parser::ParseOptions {
        module: is_module,
        function_body: !is_module && !cli.test262 && cli.eval.is_none(),
        allow_new_target: !is_module && !cli.test262 && cli.eval.is_none(),
        ..Default::default()
    };
    // A script may start with a hashbang line.
    let src_text = if text.starts_with("#!") {
        let end = text.find('\n').unwrap_or(text.len());
        format!("{}{}", " ".repeat(end), &text[end..])
    } else {
        text.clone()
    };
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

    let mut argv = vec![std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| "minijs".into())];
    if cli.file.is_some() {
        argv.push(name.clone());
    }
    argv.extend(cli.args.iter().cloned());
    let mut interp = Interp::new(InterpOptions {
        trace_context: cli.trace_context,
        test262: cli.test262,
        argv,
    });
    interp.set_stack_size(STACK_SIZE);
    let source = Source::new(name.clone(), src_text.as_str());
    interp.main_source = Some(source.clone());
    interp.event_loop.model = cli.loop_model;
    interp.event_loop.trace = cli.trace_loop;
    host::install(&mut interp, cli.test262);
    stdlib::intrinsics::install(&mut interp);
    let host_options = stdlib::ProcessOptions {
        no_warnings: cli.no_warnings,
        exec_argv: cli.exec_argv.clone(),
        test262: cli.test262,
    };
    if let Err(e) = stdlib::install(&mut interp, &host_options) {
        if let JsError::Throw(v) = e {
            report_uncaught(&mut interp, &v, cli.test262);
        }
        return 70;
    }
    interp::modules::set_trace(&mut interp, cli.trace_modules);

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
                interp::modules::commonjs::install_eval_globals(&mut interp);
            }
            interp.run_script(program, source.clone())
        }
    };
    let main_is_module = interp::modules::main_is_module(&interp);
    let result = interp::event_loop::run(&mut interp, result.map(|_| ()), main_is_module);
    // An ES module entry: its evaluation promise rejected (uncaught) or
    // never settled (Node warns and exits with 13).
    let result = result.and_then(
        |()| match interp::modules::check_main_promise(&mut interp)? {
            Some(url) => {
                eprintln!("Warning: Detected unsettled top-level await at {url}");
                Err(JsError::Exit(13))
            }
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
