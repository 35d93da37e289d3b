//! The interactive REPL on `rustyline`.
//!
//! Two threads: the JavaScript engine stays on the calling thread (its heap
//! is not `Send`) and keeps running the event loop while the prompt waits;
//! a reader thread owns the line editor. They talk over channels: the
//! reader sends lines, interrupts and completion requests; the engine
//! answers completions and tells the reader when to show the next prompt.
//! Output produced while the prompt is shown (a timer firing) goes through
//! rustyline's external printer, so it appears above the prompt.
//!
//! Editing help that needs no engine runs on the reader thread: syntax
//! highlighting from minijs's own lexer, multi-line input when the parser
//! says the input ended early, history in the XDG state directory.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Config, Editor, ExternalPrinter, Helper};

/// Where program output goes while the prompt is shown.
pub type OutputHook = Box<dyn FnMut(&str) + Send>;

/// What the REPL needs from the JavaScript engine.
pub trait Engine {
    /// Evaluate one complete input as REPL code (top-level `await`
    /// allowed, `let` redeclarable across inputs). `Ok` carries the
    /// formatted result (`util.inspect` with colours), `Err` the formatted
    /// uncaught error.
    fn eval(&mut self, source: &str) -> Result<String, String>;
    /// Run event-loop work that is due (timers, immediates, I/O, jobs) and
    /// return when the next timer is due (`None`: nothing is scheduled).
    fn run_due(&mut self) -> Option<Instant>;
    /// Send everything the program prints (console, process.stdout) to
    /// `hook` instead of the terminal; `None` prints directly again.
    fn set_output_hook(&mut self, hook: Option<OutputHook>);
    /// Names of the global object and the REPL's lexical bindings.
    fn global_names(&mut self) -> Vec<String>;
    /// Property names (own and inherited) of the value that the plain name
    /// chain `a.b.c` denotes, read without running any code: `None` when a
    /// step is a getter, a proxy or not an object.
    fn property_names(&mut self, chain: &[&str]) -> Option<Vec<String>>;
    /// Names `require('...')` can load here.
    fn module_names(&mut self) -> Vec<String>;
    /// `.loop MODEL`.
    fn set_loop_model(&mut self, model: &str) -> Result<(), String>;
    /// `.trace context|loop on|off`.
    fn set_trace(&mut self, what: &str, on: bool) -> Result<(), String>;
    /// `.clear`: a fresh global context.
    fn reset(&mut self);
}

const KEYWORDS: &[&str] = &[
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "let",
    "new",
    "null",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "undefined",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "async",
    "of",
];

const HELP: &str = "\
.break    Sometimes you get stuck, this gets you out
.clear    Break, and also clear the local context
.editor   Enter editor mode (Ctrl-D to finish, Ctrl-C to cancel)
.exit     Exit the REPL
.help     Print this help message
.load     Load JS from a file into the REPL session
.save     Save all evaluated commands in this REPL session to a file
.loop     Switch the event-loop model: node, node10 or browser
.trace    Trace execution contexts or loop phases: .trace context|loop on|off

Press Ctrl+C to abort current expression, Ctrl+D to exit the REPL";

/// From the reader thread to the engine.
enum Request {
    Line(String),
    Interrupted,
    Eof,
    Complete {
        line: String,
        pos: usize,
        reply: Sender<(usize, Vec<String>)>,
    },
    Fatal(String),
}

/// From the engine to the reader thread.
enum Prompt {
    Show(String),
    /// `.editor`: read lines until Ctrl-D.
    Editor,
    Quit,
}

/// The editor helper: highlighting, validation and (through the engine)
/// completion.
struct ReplHelper {
    requests: Sender<Request>,
    color: bool,
}

impl Helper for ReplHelper {}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        if input.trim_start().starts_with('.') {
            return Ok(ValidationResult::Valid(None));
        }
        Ok(if input_is_incomplete(input) {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Valid(None)
        })
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !self.color {
            return Cow::Borrowed(line);
        }
        Cow::Owned(crate::highlight::highlight(line))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        self.color
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (tx, rx) = mpsc::channel();
        let request = Request::Complete {
            line: line.to_string(),
            pos,
            reply: tx,
        };
        if self.requests.send(request).is_err() {
            return Ok((pos, Vec::new()));
        }
        let (start, words) = rx.recv().unwrap_or((pos, Vec::new()));
        let pairs = words
            .into_iter()
            .map(|w| Pair {
                display: w.clone(),
                replacement: w,
            })
            .collect();
        Ok((start, pairs))
    }
}

/// Does the parser say that `input` ended before the program was complete?
pub fn input_is_incomplete(input: &str) -> bool {
    if input.trim().is_empty() {
        return false;
    }
    match parser::parse_script(input) {
        Ok(_) => false,
        // Top-level `await` is allowed in the REPL: a module parse also
        // gets a say for input that fails as a script because of it.
        Err(e) => e.incomplete || parser::parse_module(input).is_err_and(|m| m.incomplete),
    }
}

/// `$XDG_STATE_HOME/minijs/history`, else `~/.local/state/minijs/history`.
pub fn history_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(base.join("minijs").join("history"))
}

/// The completion for the text before `pos`: the start offset of the word
/// being completed and the candidates.
pub fn complete(engine: &mut dyn Engine, line: &str, pos: usize) -> (usize, Vec<String>) {
    let before = &line[..pos.min(line.len())];
    // Module names inside `require('`.
    for quote in ['\'', '"'] {
        let open = format!("require({quote}");
        if let Some(i) = before.rfind(&open) {
            let typed = &before[i + open.len()..];
            if !typed.contains(quote) {
                let mut names: Vec<String> = engine
                    .module_names()
                    .into_iter()
                    .filter(|n| n.starts_with(typed))
                    .collect();
                names.sort();
                return (i + open.len(), names);
            }
        }
    }
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '$' || *c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let expr = &before[word_start..];
    let mut parts: Vec<&str> = expr.split('.').collect();
    let partial = parts.pop().unwrap_or("");
    let start = pos - partial.len();
    let mut names = if parts.is_empty() {
        let mut names = engine.global_names();
        names.extend(KEYWORDS.iter().map(|k| k.to_string()));
        names
    } else {
        if parts
            .iter()
            .any(|p| p.is_empty() || p.starts_with(|c: char| c.is_ascii_digit()))
        {
            return (start, Vec::new());
        }
        match engine.property_names(&parts) {
            Some(names) => names,
            None => return (start, Vec::new()),
        }
    };
    names.retain(|n| n.starts_with(partial) && is_identifier(n));
    names.sort();
    names.dedup();
    (start, names)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// Run the REPL until `.exit`, Ctrl-D, or Ctrl-C twice on an empty line.
/// Returns the process exit code.
pub fn run(engine: &mut dyn Engine, color: bool) -> i32 {
    let (req_tx, req_rx) = mpsc::channel::<Request>();
    let (prompt_tx, prompt_rx) = mpsc::channel::<Prompt>();
    let (printer_tx, printer_rx) = mpsc::channel();
    let reader = {
        let req_tx = req_tx.clone();
        std::thread::Builder::new()
            .name("minijs-repl-reader".into())
            .spawn(move || reader_thread(req_tx, prompt_rx, printer_tx, color))
    };
    let Ok(reader) = reader else {
        eprintln!("minijs: cannot start the REPL reader thread");
        return 1;
    };
    println!(
        "Welcome to minijs {}.\nType \".help\" for more information.",
        env!("CARGO_PKG_VERSION")
    );
    // The printer arrives once the editor exists; without one (no
    // terminal) output goes straight to stdout.
    let printer: Option<Box<dyn ExternalPrinter + Send>> = printer_rx.recv().ok().flatten();
    let printer = std::sync::Arc::new(std::sync::Mutex::new(printer));
    let mut session = Session {
        buffer_lines: Vec::new(),
        saved: Vec::new(),
        interrupted_once: false,
    };
    let code = engine_loop(engine, &req_rx, &prompt_tx, &printer, &mut session);
    let _ = prompt_tx.send(Prompt::Quit);
    drop(req_tx);
    let _ = reader.join();
    code
}

struct Session {
    /// Lines of a multi-line `.editor` input.
    buffer_lines: Vec<String>,
    /// Everything evaluated, for `.save`.
    saved: Vec<String>,
    interrupted_once: bool,
}

type SharedPrinter = std::sync::Arc<std::sync::Mutex<Option<Box<dyn ExternalPrinter + Send>>>>;

fn engine_loop(
    engine: &mut dyn Engine,
    requests: &Receiver<Request>,
    prompts: &Sender<Prompt>,
    printer: &SharedPrinter,
    session: &mut Session,
) -> i32 {
    let mut prompt = Prompt::Show("> ".into());
    loop {
        if prompts.send(prompt).is_err() {
            return 0;
        }
        prompt = Prompt::Show("> ".into());
        // While the prompt is shown, program output goes above it.
        let hook_printer = printer.clone();
        engine.set_output_hook(Some(Box::new(move |s: &str| print_above(&hook_printer, s))));
        let request = wait_for_input(engine, requests);
        engine.set_output_hook(None);
        match request {
            None | Some(Request::Eof) => {
                if !session.buffer_lines.is_empty() {
                    // End of `.editor` input.
                    let src = session.buffer_lines.join("\n");
                    session.buffer_lines.clear();
                    evaluate(engine, session, &src);
                    continue;
                }
                return 0;
            }
            Some(Request::Fatal(msg)) => {
                eprintln!("minijs: {msg}");
                return 1;
            }
            Some(Request::Interrupted) => {
                if !session.buffer_lines.is_empty() {
                    session.buffer_lines.clear();
                    session.interrupted_once = false;
                    continue;
                }
                if session.interrupted_once {
                    return 0;
                }
                session.interrupted_once = true;
                println!("(To exit, press Ctrl+C again or Ctrl+D or type .exit)");
            }
            Some(Request::Complete { .. }) => {}
            Some(Request::Line(line)) => {
                session.interrupted_once = false;
                if prompt_is_editor(session) {
                    session.buffer_lines.push(line);
                    prompt = Prompt::Editor;
                    continue;
                }
                match dot_command(engine, session, &line) {
                    Some(Dot::Exit) => return 0,
                    Some(Dot::Editor) => {
                        println!("// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)");
                        session.buffer_lines.push(String::new());
                        prompt = Prompt::Editor;
                    }
                    Some(Dot::Done) => {}
                    None => evaluate(engine, session, &line),
                }
            }
        }
    }
}

fn prompt_is_editor(session: &Session) -> bool {
    !session.buffer_lines.is_empty()
}

fn print_above(printer: &SharedPrinter, s: &str) {
    let mut guard = match printer.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    match guard.as_mut() {
        Some(p) => {
            let _ = p.print(s.to_string());
        }
        None => {
            use std::io::Write;
            let mut out = std::io::stdout();
            let _ = out.write_all(s.as_bytes());
            let _ = out.flush();
        }
    }
}

/// Wait for the reader while running due event-loop work; answer
/// completion requests on the way.
fn wait_for_input(engine: &mut dyn Engine, requests: &Receiver<Request>) -> Option<Request> {
    loop {
        let next = engine.run_due();
        let timeout = next.map_or(Duration::from_millis(250), |t| {
            t.saturating_duration_since(Instant::now())
                .min(Duration::from_millis(250))
        });
        match requests.recv_timeout(timeout) {
            Ok(Request::Complete { line, pos, reply }) => {
                let _ = reply.send(complete(engine, &line, pos));
            }
            Ok(r) => return Some(r),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

fn evaluate(engine: &mut dyn Engine, session: &mut Session, src: &str) {
    if src.trim().is_empty() {
        return;
    }
    session.saved.push(src.to_string());
    match engine.eval(src) {
        Ok(result) => println!("{result}"),
        Err(error) => eprintln!("{error}"),
    }
}

enum Dot {
    Exit,
    Editor,
    Done,
}

fn dot_command(engine: &mut dyn Engine, session: &mut Session, line: &str) -> Option<Dot> {
    let trimmed = line.trim();
    let rest = trimmed.strip_prefix('.')?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None; // `.5 + 1` is a number
    }
    let (cmd, arg) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let arg = arg.trim();
    match cmd {
        "exit" => return Some(Dot::Exit),
        "help" => println!("{HELP}"),
        "break" => session.buffer_lines.clear(),
        "clear" => {
            session.buffer_lines.clear();
            engine.reset();
            println!("Clearing context...");
        }
        "editor" => return Some(Dot::Editor),
        "load" => match std::fs::read_to_string(arg) {
            Ok(src) => evaluate(engine, session, &src),
            Err(e) => eprintln!("Failed to load: {arg}: {e}"),
        },
        "save" => match std::fs::write(arg, session.saved.join("\n") + "\n") {
            Ok(()) => println!("Session saved to: {arg}"),
            Err(e) => eprintln!("Failed to save: {arg}: {e}"),
        },
        "loop" => match engine.set_loop_model(arg) {
            Ok(()) => println!("Event loop model: {arg}"),
            Err(e) => eprintln!("{e}"),
        },
        "trace" => {
            let mut words = arg.split_whitespace();
            let what = words.next().unwrap_or("");
            let on = match words.next() {
                Some("on") => true,
                Some("off") => false,
                _ => {
                    eprintln!("Usage: .trace context|loop on|off");
                    return Some(Dot::Done);
                }
            };
            if let Err(e) = engine.set_trace(what, on) {
                eprintln!("{e}");
            }
        }
        _ => {
            eprintln!("Invalid REPL keyword");
        }
    }
    Some(Dot::Done)
}

fn reader_thread(
    requests: Sender<Request>,
    prompts: Receiver<Prompt>,
    printer_out: Sender<Option<Box<dyn ExternalPrinter + Send>>>,
    color: bool,
) {
    let config = Config::builder()
        .max_history_size(1000)
        .and_then(|c| c.history_ignore_dups(true))
        .map(|c| c.auto_add_history(true).build());
    let config = match config {
        Ok(c) => c,
        Err(e) => {
            let _ = printer_out.send(None);
            let _ = requests.send(Request::Fatal(format!(
                "cannot configure the line editor: {e}"
            )));
            return;
        }
    };
    let mut editor: Editor<ReplHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(e) => {
            let _ = printer_out.send(None);
            let _ = requests.send(Request::Fatal(format!("cannot start the line editor: {e}")));
            return;
        }
    };
    editor.set_helper(Some(ReplHelper {
        requests: requests.clone(),
        color,
    }));
    let history = history_path();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let printer = editor
        .create_external_printer()
        .ok()
        .map(|p| Box::new(p) as Box<dyn ExternalPrinter + Send>);
    let _ = printer_out.send(printer);
    while let Ok(prompt) = prompts.recv() {
        let text = match prompt {
            Prompt::Quit => break,
            Prompt::Show(p) => p,
            Prompt::Editor => String::new(),
        };
        let request = loop {
            match editor.readline(&text) {
                Ok(line) => break Request::Line(line),
                Err(ReadlineError::Interrupted) => break Request::Interrupted,
                Err(ReadlineError::Eof) => break Request::Eof,
                // A line that is not UTF-8 is refused; the REPL goes on.
                Err(ReadlineError::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
                    eprintln!("Uncaught SyntaxError: the input line is not valid UTF-8");
                }
                Err(e) => break Request::Fatal(e.to_string()),
            }
        };
        if requests.send(request).is_err() {
            break;
        }
    }
    if let Some(h) = &history {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.save_history(h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incomplete_input_asks_for_more_lines() {
        assert!(input_is_incomplete("function f() {"));
        assert!(input_is_incomplete("let s = `a${"));
        assert!(input_is_incomplete("1 +"));
        assert!(!input_is_incomplete("1 + 1"));
        assert!(!input_is_incomplete("a }"));
        assert!(!input_is_incomplete("await Promise.resolve(5)"));
        assert!(input_is_incomplete("let x = await f("));
    }

    struct Fake;

    impl Engine for Fake {
        fn eval(&mut self, source: &str) -> Result<String, String> {
            Ok(source.to_string())
        }
        fn run_due(&mut self) -> Option<Instant> {
            None
        }
        fn set_output_hook(&mut self, _hook: Option<OutputHook>) {}
        fn global_names(&mut self) -> Vec<String> {
            vec!["Math".into(), "Map".into(), "console".into()]
        }
        fn property_names(&mut self, chain: &[&str]) -> Option<Vec<String>> {
            (chain == ["Math"]).then(|| vec!["max".into(), "min".into(), "PI".into()])
        }
        fn module_names(&mut self) -> Vec<String> {
            vec!["events".into(), "fs".into(), "stream".into()]
        }
        fn set_loop_model(&mut self, _model: &str) -> Result<(), String> {
            Ok(())
        }
        fn set_trace(&mut self, _what: &str, _on: bool) -> Result<(), String> {
            Ok(())
        }
        fn reset(&mut self) {}
    }

    #[test]
    fn completes_globals_properties_keywords_and_modules() {
        let mut e = Fake;
        assert_eq!(complete(&mut e, "Math.ma", 7), (5, vec!["max".to_string()]));
        assert_eq!(
            complete(&mut e, "x = Ma", 6),
            (4, vec!["Map".to_string(), "Math".to_string()])
        );
        assert_eq!(complete(&mut e, "retu", 4), (0, vec!["return".to_string()]));
        assert_eq!(
            complete(&mut e, "require('st", 11),
            (9, vec!["stream".to_string()])
        );
        assert_eq!(complete(&mut e, "foo.bar", 7).1, Vec::<String>::new());
    }
}
