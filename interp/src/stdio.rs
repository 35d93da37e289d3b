//! Where the program's standard output and standard error go.
//!
//! Everything the program prints (console, `process.stdout.write`, writes
//! to fd 1 and 2) passes through [`write`]. A host may redirect it with
//! [`set_output_hook`]: the REPL does, so that output produced while its
//! prompt is shown (a timer firing) is printed above the prompt instead of
//! through the line being edited. Writes can come from the I/O thread pool,
//! hence a process-wide hook.

use std::io::Write;
use std::sync::Mutex;

/// Receives each write: the file descriptor (1 or 2) and the bytes.
pub type OutputHook = Box<dyn FnMut(u8, &[u8]) + Send>;

static HOOK: Mutex<Option<OutputHook>> = Mutex::new(None);

/// Sends all program output to `hook`; `None` writes to the real
/// stdout/stderr again.
pub fn set_output_hook(hook: Option<OutputHook>) {
    let mut guard = HOOK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    *guard = hook;
}

/// Writes `bytes` to fd 1 (stdout) or 2 (stderr), or to the hook. Standard
/// output is flushed before standard error is written, so that the two
/// interleave in program order on a terminal.
pub fn write(fd: u8, bytes: &[u8]) -> std::io::Result<()> {
    {
        let mut guard = HOOK.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(hook) = guard.as_mut() {
            hook(fd, bytes);
            return Ok(());
        }
    }
    if fd == 2 {
        let _ = std::io::stdout().flush();
        std::io::stderr().write_all(bytes)
    } else {
        std::io::stdout().lock().write_all(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn a_hook_receives_the_writes_until_removed() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = seen.clone();
        set_output_hook(Some(Box::new(move |fd, bytes| {
            if let Ok(mut v) = sink.lock() {
                v.push((fd, String::from_utf8_lossy(bytes).into_owned()));
            }
        })));
        write(1, b"out\n").ok();
        write(2, b"err\n").ok();
        set_output_hook(None);
        let got = seen.lock().map(|v| v.clone()).unwrap_or_default();
        assert_eq!(
            got,
            vec![(1, "out\n".to_string()), (2, "err\n".to_string())]
        );
    }
}
