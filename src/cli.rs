//! The command line, parsed with `clap` as `node` reads its own: options
//! first, then the script, then the script's arguments (`process.argv`).

use clap::{ArgAction, Parser};

/// Node's exit code for a bad option.
pub const BAD_OPTION_EXIT: u8 = 9;

const EXAMPLES: &str = "\
Examples:
  minijs examples/execution-context.js     run a file (CommonJS or ES module, by Node's rules)
  minijs --trace-context examples/execution-context.js
                                           show each execution context's creation phase
  minijs --trace-loop examples/event-loop/node-loop.js
                                           show the loop phase every callback runs in
  minijs --loop=node10 FILE                run timers as Node before v11 did
  minijs -e 'console.log(1 + 1)'           evaluate a script
  minijs -p '[1, 2].map(x => x * 2)'       evaluate and print the result
  echo 'console.log(42)' | minijs          run the program read from stdin
  minijs                                   start the REPL (when stdin is a terminal)";

#[derive(Parser, Debug, Default)]
#[command(
    name = "minijs",
    version,
    about = "A small JavaScript interpreter that runs Node-style programs and shows how JavaScript works",
    after_help = EXAMPLES,
    disable_version_flag = true
)]
pub struct Cli {
    /// Evaluate CODE as a script
    #[arg(short = 'e', long = "eval", value_name = "CODE")]
    pub eval: Option<String>,
    /// Evaluate CODE and print the result
    #[arg(
        short = 'p',
        long = "print",
        value_name = "CODE",
        conflicts_with = "eval"
    )]
    pub print: Option<String>,
    /// Check the syntax without running
    #[arg(short = 'c', long = "check")]
    pub check: bool,
    /// Print the parsed syntax tree
    #[arg(long = "print-ast")]
    pub print_ast: bool,
    /// Start the REPL even if stdin is not a terminal
    #[arg(short = 'i', long = "interactive")]
    pub interactive: bool,
    /// Event-loop model: node (v11+), node10 (timers before microtasks, as before v11) or browser
    #[arg(long = "loop", value_name = "MODEL", default_value = "node",
          value_parser = ["node", "node10", "browser"])]
    pub loop_model: String,
    /// Print each function's execution context (creation phase, variable object) on stderr
    #[arg(long = "trace-context")]
    pub trace_context: bool,
    /// Print the event-loop phase of every callback on stderr
    #[arg(long = "trace-loop")]
    pub trace_loop: bool,
    /// Print module resolution and loading on stderr
    #[arg(long = "trace-modules")]
    pub trace_modules: bool,
    /// Silence process warnings
    #[arg(long = "no-warnings")]
    pub no_warnings: bool,
    /// Stack available to JavaScript, in KiB (as node's V8 option)
    #[arg(long = "stack-size", value_name = "KIB")]
    pub stack_size: Option<usize>,
    /// Run as a test262 host (print, $262; the file is a classic script)
    #[arg(long = "test262")]
    pub test262: bool,
    /// With --test262: the file is an ES module
    #[arg(short = 'm', long = "module")]
    pub module: bool,
    /// Print the version
    #[arg(short = 'v', long = "version", action = ArgAction::SetTrue)]
    pub version: bool,
    /// The heap limit and the permission model (`safety.rs`).
    #[command(flatten)]
    pub safety: crate::safety::SafetyFlags,
    /// The script (`-` reads it from stdin), then its arguments
    #[arg(
        value_name = "SCRIPT",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub script_and_args: Vec<String>,
}

/// What the command line asks for.
pub enum Parsed {
    Run(Box<Cli>),
    /// `--help` or `--version`: the text to print, exit 0.
    Info(String),
    /// A bad option: the message to print, exit 9.
    Bad(String),
}

pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Parsed {
    let args: Vec<String> = args.into_iter().collect();
    match Cli::try_parse_from(&args) {
        Ok(cli) if cli.version => Parsed::Info(format!("v{}", env!("CARGO_PKG_VERSION"))),
        // An unknown option before the script is taken for the script by
        // the trailing arguments: refuse it as node does.
        Ok(cli) => match cli.file() {
            Some(f) if f.starts_with('-') && f != "-" => {
                Parsed::Bad(format!("minijs: bad option: {f}"))
            }
            _ => Parsed::Run(Box::new(cli)),
        },
        Err(e) => match e.kind() {
            clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                Parsed::Info(e.to_string())
            }
            _ => Parsed::Bad(e.to_string()),
        },
    }
}

impl Cli {
    /// The script file, if one was given (`-` is stdin).
    pub fn file(&self) -> Option<&str> {
        if self.eval.is_some() || self.print.is_some() {
            return None;
        }
        self.script_and_args.first().map(String::as_str)
    }

    /// The arguments after the script (after the options for `-e`/`-p`).
    pub fn script_args(&self) -> &[String] {
        if self.eval.is_some() || self.print.is_some() {
            &self.script_and_args
        } else {
            self.script_and_args.get(1..).unwrap_or(&[])
        }
    }

    /// The options before the script, as given (`process.execArgv`).
    pub fn exec_argv(raw: &[String], cli: &Cli) -> Vec<String> {
        let rest = cli.script_and_args.len();
        let end = raw.len().saturating_sub(rest);
        raw.get(1..end).unwrap_or(&[]).to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Cli {
        let all = std::iter::once("minijs")
            .chain(args.iter().copied())
            .map(String::from);
        match parse(all) {
            Parsed::Run(cli) => *cli,
            Parsed::Info(s) | Parsed::Bad(s) => panic!("unexpected: {s}"),
        }
    }

    #[test]
    fn options_before_the_script_arguments_after_it() {
        let cli = run(&[
            "--trace-loop",
            "--loop=node10",
            "app.js",
            "--port",
            "8080",
            "-e",
        ]);
        assert!(cli.trace_loop);
        assert_eq!(cli.loop_model, "node10");
        assert_eq!(cli.file(), Some("app.js"));
        assert_eq!(cli.script_args(), ["--port", "8080", "-e"]);
        let raw: Vec<String> = [
            "minijs",
            "--trace-loop",
            "--loop=node10",
            "app.js",
            "--port",
        ]
        .map(String::from)
        .to_vec();
        let cli = run(&["--trace-loop", "--loop=node10", "app.js", "--port"]);
        assert_eq!(
            Cli::exec_argv(&raw, &cli),
            ["--trace-loop", "--loop=node10"]
        );
    }

    #[test]
    fn eval_and_print_take_code_and_leave_the_rest_as_arguments() {
        let cli = run(&["-e", "1+1", "x", "y"]);
        assert_eq!(cli.eval.as_deref(), Some("1+1"));
        assert_eq!(cli.file(), None);
        assert_eq!(cli.script_args(), ["x", "y"]);
        let cli = run(&["-p", "2*3"]);
        assert_eq!(cli.print.as_deref(), Some("2*3"));
        assert_eq!(run(&["-", "a"]).file(), Some("-"));
    }

    #[test]
    fn bad_options_and_models_are_refused() {
        let bad = |args: &[&str]| {
            let all = std::iter::once("minijs")
                .chain(args.iter().copied())
                .map(String::from);
            matches!(parse(all), Parsed::Bad(_))
        };
        assert!(bad(&["--bogus"]));
        assert!(bad(&["--loop=fast", "x.js"]));
        assert!(bad(&["--stack-size=lots"]));
        assert!(bad(&["-e"]));
        let info = |args: &[&str]| {
            let all = std::iter::once("minijs")
                .chain(args.iter().copied())
                .map(String::from);
            match parse(all) {
                Parsed::Info(s) => s,
                _ => String::new(),
            }
        };
        assert!(info(&["--version"]).starts_with('v'));
        assert!(info(&["--help"]).contains("--trace-context"));
    }
}
