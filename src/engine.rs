//! The interpreter behind the REPL (`minijs::repl::Engine`).
//!
//! Each input runs as global code named `REPLn`, as in Node: declarations
//! stay visible on the next line, and `let`/`const`/`class` may be declared
//! again on a later line. Input that awaits at its top level runs as an
//! async body; the REPL runs the event loop until its promise settles.
//! Results are `util.inspect`ed in colour; `_` holds the last result and
//! `_error` the last error.

use std::rc::Rc;
use std::time::{Duration, Instant};

use interp::error::throw_error;
use interp::event_loop::LoopModel;
use interp::execution_context::Source;
use interp::inspect::{inspect, InspectOptions};
use interp::promise::{promise_data, PromiseState};
use interp::realm::define_global;
use interp::{Attributes, Interp, JsError, JsObject, PropertyKey, ReplCompletion, Value};
use minijs::repl::{Engine, OutputHook};

/// Makes a fresh interpreter with the command line's settings (`.clear`
/// starts over with a new one).
pub type Factory = Box<dyn Fn() -> Option<Interp>>;

pub struct ReplEngine {
    factory: Factory,
    interp: Interp,
    color: bool,
    /// Inputs evaluated so far (`REPL1`, `REPL2`, ... name their sources).
    inputs: usize,
}

impl ReplEngine {
    pub fn new(factory: Factory, color: bool) -> Option<ReplEngine> {
        let interp = factory()?;
        Some(ReplEngine {
            factory,
            interp,
            color,
            inputs: 0,
        })
    }

    fn inspect(&mut self, v: &Value) -> String {
        let opts = InspectOptions {
            colors: self.color,
            ..Default::default()
        };
        inspect(&mut self.interp, v, &opts)
    }

    /// How Node's REPL reports an uncaught value: `Uncaught` and the error's
    /// stack without the REPL's own top-level frames, or the inspected value.
    fn uncaught(&mut self, v: &Value) -> String {
        define_global(&mut self.interp, "_error", v.clone());
        let stack = match v {
            Value::Object(o) if interp::error::is_error_object(v) => {
                match o
                    .get_own_property(&PropertyKey::from("stack"))
                    .and_then(|d| d.value)
                {
                    Some(Value::String(s)) => Some((o.clone(), s.to_rust_string())),
                    _ => None,
                }
            }
            _ => None,
        };
        let text = match stack {
            Some((o, stack)) => {
                // As Node's REPL, the error keeps a stack without the
                // input's own top-level frames (so `_error` shows
                // `[Error: boom]`).
                let trimmed = stack
                    .lines()
                    .filter(|l| !is_top_level_frame(l))
                    .collect::<Vec<_>>()
                    .join("\n");
                if trimmed != stack {
                    o.define_value(
                        "stack",
                        Value::from(trimmed.as_str()),
                        Attributes::new(true, false, true),
                    );
                }
                trimmed
            }
            None => self.inspect(v),
        };
        format!("Uncaught {text}")
    }

    /// Runs the event loop until `promise` settles: `Ok(value)` or
    /// `Err(reason)`; a promise that can no longer settle (pending, and
    /// nothing scheduled) is reported as an error instead of hanging.
    fn settle(&mut self, promise: &JsObject) -> Result<Result<Value, Value>, JsError> {
        loop {
            if let Some(d) = promise_data(promise) {
                match d.state.get() {
                    PromiseState::Fulfilled => return Ok(Ok(d.result.get())),
                    PromiseState::Rejected => {
                        // Handled here: not an unhandled rejection.
                        self.interp.pending_rejections.retain(|p| p != promise);
                        return Ok(Err(d.result.get()));
                    }
                    PromiseState::Pending => {}
                }
            }
            let next = interp::event_loop::run_due(&mut self.interp)?;
            let pending =
                promise_data(promise).is_some_and(|d| d.state.get() == PromiseState::Pending);
            if !pending {
                continue;
            }
            match next {
                Some(at) => {
                    let wait = at.saturating_duration_since(Instant::now());
                    std::thread::sleep(wait.min(Duration::from_millis(10)));
                }
                None if self.interp.job_queue.is_empty() => {
                    let msg = "The awaited promise can never settle: nothing is scheduled that could settle it";
                    return match throw_error::<()>(&mut self.interp, msg) {
                        Err(JsError::Throw(e)) => Ok(Err(e)),
                        _ => Ok(Err(Value::from(msg))),
                    };
                }
                None => {}
            }
        }
    }
}

/// `    at REPL3:1:7`: a frame of the input's own top-level code.
fn is_top_level_frame(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix("at REPL") else {
        return false;
    };
    rest.split(':')
        .next()
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Parses one input: a script, or, if that fails, a script whose top level
/// awaits. The first error is the one reported.
fn parse_input(source: &str) -> Result<(parser::ast::Program, String), parser::ParseError> {
    // As Node's REPL: input that starts with `{` and does not end with `;`
    // is an object literal if it parses as one (`{ a: 1 }`), else a block.
    let trimmed = source.trim();
    if trimmed.starts_with('{') && !trimmed.ends_with(';') {
        let wrapped = format!("({trimmed})\n");
        if let Ok(p) = parser::parse_script(&wrapped) {
            return Ok((p, wrapped));
        }
    }
    match parser::parse_script(source) {
        Ok(p) => Ok((p, source.to_string())),
        Err(e) => {
            let options = parser::ParseOptions {
                top_level_await: true,
                ..Default::default()
            };
            match parser::parse(source, &options) {
                Ok(p) if p.has_top_level_await => Ok((p, source.to_string())),
                _ => Err(e),
            }
        }
    }
}

/// The program ended the process (`process.exit()` in the REPL).
fn exit(code: i32) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    std::process::exit(code)
}

impl Engine for ReplEngine {
    fn eval(&mut self, source: &str) -> Result<String, String> {
        self.inputs += 1;
        let (program, text) = match parse_input(source) {
            Ok(p) => p,
            Err(e) => return Err(format!("Uncaught SyntaxError: {}", e.message)),
        };
        let src = Source::new(format!("REPL{}", self.inputs), text.as_str());
        let outcome = match self.interp.run_repl_input(Rc::new(program), src) {
            Ok(ReplCompletion::Value(v)) => Ok(Ok(v)),
            Ok(ReplCompletion::Promise(p)) => self.settle(&p),
            Err(e) => Err(e),
        };
        let outcome = match outcome {
            Ok(r) => r,
            Err(JsError::Throw(v)) => Err(v),
            Err(JsError::Exit(code)) => exit(code),
            Err(JsError::GeneratorReturn(_)) => Ok(Value::Undefined),
        };
        match outcome {
            Ok(v) => {
                define_global(&mut self.interp, "_", v.clone());
                Ok(self.inspect(&v))
            }
            Err(v) => Err(self.uncaught(&v)),
        }
    }

    fn run_due(&mut self) -> Option<Instant> {
        match interp::event_loop::run_due(&mut self.interp) {
            Ok(next) => next,
            Err(JsError::Exit(code)) => exit(code),
            Err(JsError::Throw(v)) => {
                // An error in a callback is reported; the REPL goes on.
                let text = self.uncaught(&v);
                let _ = interp::stdio::write(2, format!("{text}\n").as_bytes());
                Some(Instant::now())
            }
            Err(JsError::GeneratorReturn(_)) => None,
        }
    }

    fn set_output_hook(&mut self, hook: Option<OutputHook>) {
        interp::stdio::set_output_hook(hook.map(|mut h| {
            Box::new(move |_fd: u8, bytes: &[u8]| h(&String::from_utf8_lossy(bytes)))
                as interp::stdio::OutputHook
        }));
    }

    fn global_names(&mut self) -> Vec<String> {
        let global = self.interp.realm.global_object.clone();
        let mut names = property_names_of(&global);
        let env = self.interp.realm.global_env.clone();
        names.extend(env.bindings().names().iter().map(|n| n.to_string()));
        names
    }

    fn property_names(&mut self, chain: &[&str]) -> Option<Vec<String>> {
        let (first, rest) = chain.split_first()?;
        let env = self.interp.realm.global_env.clone();
        let mut value = match env.bindings().find(first) {
            Some(slot) => env.bindings().get(slot),
            None => data_property(&self.interp.realm.global_object, first)?,
        };
        for name in rest {
            let Value::Object(o) = &value else {
                return None;
            };
            value = data_property(o, name)?;
        }
        match value {
            Value::Object(o) => Some(property_names_of(&o)),
            _ => None,
        }
    }

    fn module_names(&mut self) -> Vec<String> {
        self.interp
            .modules
            .builtin_module_names()
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn set_loop_model(&mut self, model: &str) -> Result<(), String> {
        let m = LoopModel::parse(model)
            .ok_or_else(|| format!("Unknown loop model '{model}': node, node10 or browser"))?;
        self.interp.event_loop.model = m;
        Ok(())
    }

    fn set_trace(&mut self, what: &str, on: bool) -> Result<(), String> {
        match what {
            "context" => self.interp.options.trace_context = on,
            "loop" => self.interp.event_loop.trace = on,
            _ => return Err(format!("Unknown trace '{what}': context or loop")),
        }
        Ok(())
    }

    fn reset(&mut self) {
        if let Some(fresh) = (self.factory)() {
            self.interp = fresh;
            self.inputs = 0;
        }
    }
}

/// The value of data property `name` on `o` or its prototypes, without
/// running code: `None` if it is missing or an accessor.
fn data_property(o: &JsObject, name: &str) -> Option<Value> {
    let key = PropertyKey::from(name);
    let mut cur = Some(o.clone());
    while let Some(obj) = cur {
        if let Some(d) = obj.get_own_property(&key) {
            return d.value;
        }
        cur = obj.prototype();
    }
    None
}

/// String-keyed property names of `o` and its prototypes.
fn property_names_of(o: &JsObject) -> Vec<String> {
    let mut names = Vec::new();
    let mut cur = Some(o.clone());
    while let Some(obj) = cur {
        for key in obj.own_property_keys() {
            if let PropertyKey::String(s) = key {
                names.push(s.to_rust_string());
            }
        }
        cur = obj.prototype();
    }
    names
}
