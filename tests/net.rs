//! `net` against real sockets on the loopback: minijs servers talked to by
//! Rust clients (many at once, some disconnecting mid-message), and a minijs
//! client talking to a Rust server (with write backpressure). Every socket
//! operation has a timeout and every child is killed when the test ends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(10);

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

pub struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Script {
    /// Runs `source` with `args`; its stdout is read line by line.
    pub fn start(name: &str, source: &str, args: &[&str]) -> Script {
        let dir = std::env::temp_dir().join(format!("minijs-net-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("main.js");
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
            _dir: TempDir(dir),
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

const ECHO_SERVER: &str = r#"
const net = require('net');
let connections = 0;
const server = net.createServer((socket) => {
  connections++;
  socket.on('data', (d) => {
    const text = d.toString();
    if (text.includes('stop')) {
      console.log('connections', connections);
      socket.end('bye');
      server.close();
      return;
    }
    socket.write(text.toUpperCase());
  });
  socket.on('error', (e) => console.log('socket error', e.code));
  socket.on('close', () => console.log('closed'));
});
server.listen(0, '127.0.0.1', () => console.log('listening', server.address().port));
"#;

#[test]
fn one_thread_serves_hundreds_of_connections_at_once() {
    let mut server = Script::start("many", ECHO_SERVER, &[]);
    let port = server.port();
    const N: usize = 300;
    // All connected before any is answered: one thread holds them all.
    let mut clients: Vec<TcpStream> = (0..N).map(|_| connect(port)).collect();
    for (i, c) in clients.iter_mut().enumerate() {
        c.write_all(format!("hello {i}").as_bytes()).expect("write");
    }
    for (i, c) in clients.iter_mut().enumerate() {
        let want = format!("HELLO {i}");
        let mut got = vec![0u8; want.len()];
        c.read_exact(&mut got).expect("read echo");
        assert_eq!(String::from_utf8_lossy(&got), want);
    }
    drop(clients);
    for _ in 0..N {
        assert_eq!(server.line(), "closed");
    }
    let mut last = connect(port);
    last.write_all(b"stop").expect("write");
    let mut bye = String::new();
    last.read_to_string(&mut bye).expect("read");
    assert_eq!(bye, "bye");
    assert_eq!(server.line(), format!("connections {}", N + 1));
    drop(last);
    let (code, rest) = server.finish();
    assert_eq!((code, rest.as_str()), (0, "closed\n"));
}

#[test]
fn a_client_that_vanishes_mid_message_does_not_stop_the_server() {
    let mut server = Script::start("vanish", ECHO_SERVER, &[]);
    let port = server.port();
    // Half a message, then gone without reading the reply.
    let mut a = connect(port);
    a.write_all(b"half a mess").expect("write");
    drop(a);
    assert_eq!(server.line(), "closed");
    // A reset: unread data in the server's reply makes close send RST.
    let mut b = connect(port);
    b.write_all(b"x").expect("write");
    std::thread::sleep(Duration::from_millis(50));
    drop(b);
    let line = server.line();
    assert!(
        line == "closed" || line == "socket error ECONNRESET",
        "unexpected {line:?}"
    );
    if line != "closed" {
        assert_eq!(server.line(), "closed");
    }
    let mut c = connect(port);
    c.write_all(b"still there?").expect("write");
    let mut got = [0u8; 12];
    c.read_exact(&mut got).expect("read");
    assert_eq!(&got, b"STILL THERE?");
    c.write_all(b"stop").expect("write");
    assert_eq!(server.line(), "connections 3");
}

#[test]
fn minijs_client_talks_to_a_rust_server_with_backpressure() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let client = Script::start(
        "client",
        r#"
const net = require('net');
const port = Number(process.argv[2]);
const chunk = Buffer.alloc(1 << 20, 'a');
const sock = net.connect(port, '127.0.0.1', () => {
  console.log('connected', sock.remotePort === port, sock.remoteAddress);
  let writes = 0;
  let sawFalse = false;
  const more = () => {
    while (writes < 16) {
      writes++;
      if (!sock.write(chunk)) { sawFalse = true; sock.once('drain', more); return; }
    }
    console.log('backpressure seen', sawFalse);
    sock.end();
  };
  more();
});
let reply = '';
sock.setEncoding('utf8');
sock.on('data', (d) => { reply += d; });
sock.on('end', () => console.log('reply', reply, 'written', sock.bytesWritten));
sock.on('close', (hadError) => console.log('close', hadError));
"#,
        &[&port.to_string()],
    );
    listener.set_nonblocking(false).expect("blocking listener");
    let (mut conn, _) = listener.accept().expect("accept");
    conn.set_read_timeout(Some(TIMEOUT)).expect("timeout");
    // Read slowly at first so the client's writes queue up.
    std::thread::sleep(Duration::from_millis(300));
    let mut got = Vec::new();
    conn.read_to_end(&mut got).expect("read all");
    assert_eq!(got.len(), 16 << 20);
    assert!(got.iter().all(|&b| b == b'a'));
    conn.write_all(b"got it").expect("write");
    drop(conn);
    let (code, out) = client.finish();
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "connected true 127.0.0.1\nbackpressure seen true\nreply got it written {}\nclose false\n",
            16 << 20
        )
    );
}
