//! Drives the real REPL on a pseudo-terminal (tmux: send-keys and
//! capture-pane), as a person would: multi-line entry, `let` reused on the
//! next line, Tab completion, top-level `await`, an error then a working
//! line, `.loop`, a timer printing while the prompt waits, and history
//! recalled after a restart. Needs `tmux` (`.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    /// Prompt lines on the screen when the last input was sent: the next
    /// prompt is ready when there are more.
    prompts_sent: std::cell::Cell<usize>,
}

fn prompt_lines(screen: &str) -> usize {
    screen.lines().filter(|l| l.starts_with('>')).count()
}

impl Tmux {
    fn start(state_dir: &Path, color: bool) -> Tmux {
        // One tmux server per test (tests run in parallel).
        let name = state_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        let socket = format!("minijs-repl-test-{}", name.unwrap_or_default());
        let exe = env!("CARGO_BIN_EXE_minijs");
        let mut command = format!("env XDG_STATE_HOME={} ", state_dir.display());
        if !color {
            command.push_str("NO_COLOR=1 ");
        }
        command.push_str(exe);
        let t = Tmux {
            socket,
            prompts_sent: std::cell::Cell::new(0),
        };
        let status = t
            .cmd(&[
                "new-session",
                "-d",
                "-s",
                "repl",
                "-x",
                "100",
                "-y",
                "40",
                &command,
            ])
            .status()
            .expect("tmux is needed for this test (apt-get install tmux)");
        assert!(status.success(), "tmux new-session failed");
        // (capture-pane drops the blank after the prompt)
        t.wait_for("information.\n>", "the first prompt");
        t
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-L").arg(&self.socket).args(args);
        c
    }

    fn screen(&self, escapes: bool) -> String {
        let mut args = vec!["capture-pane", "-p", "-t", "repl", "-S", "-200"];
        if escapes {
            args.push("-e");
        }
        let out = self.cmd(&args).output().expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "repl"];
        args.extend_from_slice(keys);
        assert!(self
            .cmd(&args)
            .status()
            .map(|s| s.success())
            .unwrap_or(false));
    }

    /// Waits for an empty prompt, then types `line` and presses Enter.
    /// (Keys typed while the previous input is still being evaluated can
    /// race with the line editor's start-up, as with any readline.)
    fn line(&self, line: &str) {
        self.ready();
        self.more(line);
    }

    /// Types a continuation line of a multi-line input and presses Enter.
    fn more(&self, line: &str) {
        self.keys(&["-l", line]);
        self.enter();
    }

    fn enter(&self) {
        self.prompts_sent.set(prompt_lines(&self.screen(false)));
        self.keys(&["Enter"]);
    }

    /// Polls the screen (with colour escapes if `escapes`) until `done`
    /// holds, for at most 15 s (the REPL is asynchronous); returns it.
    fn until(&self, escapes: bool, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen(escapes);
            if done(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the last line on the screen is an empty prompt.
    fn ready(&self) {
        self.until(false, "a prompt", |screen| {
            prompt_lines(screen) > self.prompts_sent.get()
                && screen.lines().rev().find(|l| !l.trim().is_empty()) == Some(">")
        });
    }

    /// Waits until the screen contains `text`.
    fn wait_for(&self, text: &str, what: &str) -> String {
        self.until(false, &format!("{what} ({text:?})"), |screen| {
            screen.contains(text)
        })
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .cmd(&["kill-server"])
            .stderr(std::process::Stdio::null())
            .status();
    }
}

fn state_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("minijs-repl-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn the_repl_on_a_terminal() {
    let dir = state_dir("session");
    let t = Tmux::start(&dir, false);

    // Multi-line function entry: the open brace asks for more lines.
    t.line("function add(a, b) {");
    t.more("  return a + b");
    t.more("}");
    t.line("add(40, 2)");
    t.wait_for("\n42\n", "the multi-line function's result");

    // `let` on one line is visible on the next, and may be declared again.
    t.line("let count = 10");
    t.line("count * 2");
    t.wait_for("\n20\n", "a let binding used on the next line");
    t.line("let count = 'again'");
    t.line("count");
    t.wait_for("'again'", "a let declared again");

    // Tab completion of `Math.ma` to `Math.max`.
    t.ready();
    t.keys(&["-l", "Math.ma"]);
    t.keys(&["Tab"]);
    t.wait_for("> Math.max", "completion of Math.ma");
    t.keys(&["-l", "(3, 9)"]);
    t.enter();
    t.wait_for("\n9\n", "Math.max(3, 9)");

    // Top-level await, and `_` holding the last result.
    t.line("await Promise.resolve(5)");
    t.wait_for("\n5\n", "the awaited value");
    t.line("_ + 1");
    t.wait_for("\n6\n", "_ + 1");

    // An error does not end the REPL; the next line works.
    t.line("null.boom");
    t.wait_for(
        "Uncaught TypeError: Cannot read properties of null",
        "the error",
    );
    t.line("'still alive'.toUpperCase()");
    t.wait_for("'STILL ALIVE'", "a line after the error");

    // The loop model switches live: in node10, both timers run before the
    // microtasks queued by the first one.
    t.line(".loop node10");
    t.wait_for("Event loop model: node10", ".loop node10");
    t.line(
        "setTimeout(() => { console.log('t1'); Promise.resolve().then(() => console.log('p1')) }); \
         setTimeout(() => console.log('t2')); 'queued'",
    );
    let screen = t.wait_for("\np1\n", "the node10 timers");
    let order: Vec<&str> = screen
        .lines()
        .filter(|l| matches!(l.trim(), "t1" | "t2" | "p1"))
        .collect();
    assert_eq!(order, ["t1", "t2", "p1"], "screen:\n{screen}");

    // A timer fires while the prompt waits; its output appears and the
    // prompt is usable afterwards.
    t.line("setTimeout(() => console.log('late tick'), 300); 'waiting'");
    t.wait_for("\nlate tick\n", "the timer's output");
    t.line("1 + 1");
    t.wait_for("> 1 + 1\n2\n", "a line after the timer");

    t.line(".exit");
    std::thread::sleep(Duration::from_millis(300));
    drop(t);

    // History is saved and recalled after a restart.
    let history = dir.join("minijs/history");
    let saved = std::fs::read_to_string(&history).unwrap_or_default();
    assert!(saved.contains("add(40, 2)"), "history file: {saved}");
    let t = Tmux::start(&dir, false);
    t.ready();
    t.keys(&["Up"]);
    t.wait_for("> .exit", "the last line recalled");
    t.keys(&["Up"]);
    t.wait_for("> 1 + 1", "the line before it");
    t.enter();
    t.wait_for("> 1 + 1\n2\n", "the recalled line's result");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn results_are_coloured_on_a_terminal() {
    let dir = state_dir("color");
    let t = Tmux::start(&dir, true);
    t.line("[1, 'a', null]");
    // Numbers yellow, strings green, null bold (Node's inspect styles).
    t.until(true, "the colours", |screen| {
        screen.contains("\x1b[33m1")
            && screen.contains("\x1b[32m'a'")
            && screen.contains("\x1b[1mnull")
    });
    let _ = std::fs::remove_dir_all(&dir);
}
