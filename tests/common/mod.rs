//! Helpers shared by the integration tests: a temporary directory removed
//! when dropped, and for the tests that run minijs scripts over real
//! sockets, a minijs process read line by line under a watchdog and
//! loopback clients with timeouts.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

pub const TIMEOUT: Duration = Duration::from_secs(10);

/// A minijs process, killed when dropped.
pub struct Script {
    child: Child,
    stdout: BufReader<ChildStdout>,
    _dir: TempDir,
}

impl Drop for Script {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh directory for generated inputs (removed by `drop`).
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("minijs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("cannot create a temporary directory");
        TempDir(dir)
    }

    /// As `new`, with the path made canonical (the temporary directory may
    /// be reached through a symbolic link).
    pub fn new_canonical(name: &str) -> TempDir {
        let mut tmp = TempDir::new(name);
        tmp.0 = std::fs::canonicalize(&tmp.0).expect("canonical temp dir");
        tmp
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Script {
    /// Runs `source` with `args`; its stdout is read line by line.
    pub fn start(name: &str, source: &str, args: &[&str]) -> Script {
        let dir = TempDir::new(&format!("net-{name}"));
        let file = dir.0.join("main.js");
        std::fs::write(&file, source).expect("write script");
        let mut child = Command::new(env!("CARGO_BIN_EXE_minijs"))
            .arg(&file)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("run minijs");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Script {
            child,
            stdout,
            _dir: dir,
        }
    }

    /// The next line the script prints (a watchdog kills the process if it
    /// prints nothing for too long, so this never hangs).
    pub fn line(&mut self) -> String {
        let pid = self.child.id();
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let watchdog = std::thread::spawn(move || {
            if rx.recv_timeout(TIMEOUT).is_err() {
                let _ = Command::new("kill").arg(pid.to_string()).status();
            }
        });
        let mut line = String::new();
        let _ = self.stdout.read_line(&mut line);
        let _ = tx.send(());
        let _ = watchdog.join();
        assert!(
            !line.is_empty(),
            "minijs printed nothing (timed out or exited)"
        );
        line.trim_end().to_string()
    }

    /// Waits for the process to exit; its exit code and the rest of stdout.
    pub fn finish(mut self) -> (i32, String) {
        let mut rest = String::new();
        let pid = self.child.id();
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let watchdog = std::thread::spawn(move || {
            if rx.recv_timeout(TIMEOUT).is_err() {
                let _ = Command::new("kill").arg(pid.to_string()).status();
            }
        });
        let _ = self.stdout.read_to_string(&mut rest);
        let code = self.child.wait().ok().and_then(|s| s.code()).unwrap_or(-1);
        let _ = tx.send(());
        let _ = watchdog.join();
        (code, rest)
    }

    /// Reads `listening <port>` and returns the port.
    pub fn port(&mut self) -> u16 {
        let line = self.line();
        line.strip_prefix("listening ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("expected 'listening <port>', got {line:?}"))
    }
}

pub fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(TIMEOUT)).expect("timeout");
    s.set_write_timeout(Some(TIMEOUT)).expect("timeout");
    s
}
