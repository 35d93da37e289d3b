//! `net` against real sockets on the loopback: minijs servers talked to by
//! Rust clients (many at once, some disconnecting mid-message), and a minijs
//! client talking to a Rust server (with write backpressure). Every socket
//! operation has a timeout and every child is killed when the test ends.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use common::{connect, Script, TIMEOUT};

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
    // The server may echo before it sees the FIN; the peer, gone, answers
    // that echo with a reset, so the socket may report ECONNRESET before
    // closing (Node reports the same race the same way).
    let closed_maybe_reset = |server: &mut Script| {
        let line = server.line();
        assert!(
            line == "closed" || line == "socket error ECONNRESET",
            "unexpected {line:?}"
        );
        if line != "closed" {
            assert_eq!(server.line(), "closed");
        }
    };
    let mut a = connect(port);
    a.write_all(b"half a mess").expect("write");
    drop(a);
    closed_maybe_reset(&mut server);
    // A reset: unread data in the server's reply makes close send RST.
    let mut b = connect(port);
    b.write_all(b"x").expect("write");
    std::thread::sleep(Duration::from_millis(50));
    drop(b);
    closed_maybe_reset(&mut server);
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
