//! `http` over real sockets: a minijs server answering a Rust client
//! (keep-alive, pipelining, request bodies by length and in chunks,
//! malformed requests, clients that vanish mid-request), and the minijs
//! client (`http.get`, `http.request`) talking to a Rust server.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};

use common::{connect, Script, TIMEOUT};

const SERVER: &str = r#"
const http = require('http');
const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    if (req.url === '/stop') {
      res.end('bye');
      server.close();
      return;
    }
    if (req.url === '/chunked') {
      res.write('part1,');
      res.end('part2');
      return;
    }
    res.setHeader('Content-Type', 'text/plain');
    res.setHeader('X-Method', req.method);
    res.end(`${req.method} ${req.url} ${req.httpVersion} ua=${req.headers['user-agent']} body=${body}`);
  });
  req.on('aborted', () => console.log('aborted', req.url));
});
server.listen(0, '127.0.0.1', () => console.log('listening', server.address().port));
"#;

/// One parsed response: status line, headers (lower-cased names), body.
struct Response {
    status: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn read_line(r: &mut impl BufRead) -> String {
    let mut line = String::new();
    r.read_line(&mut line).expect("read line");
    line.trim_end_matches(['\r', '\n']).to_string()
}

/// Header lines up to the empty line (names lower-cased).
fn read_headers(r: &mut impl BufRead) -> Vec<(String, String)> {
    let mut headers = Vec::new();
    loop {
        let line = read_line(r);
        if line.is_empty() {
            return headers;
        }
        let (name, value) = line.split_once(": ").expect("header line");
        headers.push((name.to_ascii_lowercase(), value.to_string()));
    }
}

/// A body in the chunked coding.
fn read_chunked(r: &mut impl BufRead) -> String {
    let mut body = String::new();
    loop {
        let size = usize::from_str_radix(&read_line(r), 16).expect("chunk size");
        let mut chunk = vec![0u8; size + 2];
        r.read_exact(&mut chunk).expect("chunk");
        if size == 0 {
            return body;
        }
        body.push_str(&String::from_utf8_lossy(&chunk[..size]));
    }
}

/// Reads one response (framed by Content-Length or chunks, else to EOF).
fn read_response(r: &mut BufReader<TcpStream>) -> Response {
    let status = read_line(r);
    let headers = read_headers(r);
    let mut res = Response {
        status,
        headers,
        body: String::new(),
    };
    if let Some(len) = res.header("content-length") {
        let mut body = vec![0u8; len.parse().expect("length")];
        r.read_exact(&mut body).expect("body");
        res.body = String::from_utf8_lossy(&body).into_owned();
    } else if res.header("transfer-encoding") == Some("chunked") {
        res.body = read_chunked(r);
    } else {
        r.read_to_string(&mut res.body).expect("body to end");
    }
    res
}

fn stop(port: u16) {
    let mut c = connect(port);
    c.write_all(b"GET /stop HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("write");
    let res = read_response(&mut BufReader::new(c));
    assert_eq!(res.body, "bye");
}

#[test]
fn keep_alive_and_pipelined_requests_are_answered_in_order() {
    let mut server = Script::start("http-pipeline", SERVER, &[]);
    let port = server.port();
    let mut c = connect(port);
    // Three requests in one write: a GET, a body by length, a chunked body.
    c.write_all(
        b"GET /a HTTP/1.1\r\nHost: x\r\nUser-Agent: rust\r\n\r\n\
          POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello\
          POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n",
    )
    .expect("write");
    let mut r = BufReader::new(c.try_clone().expect("clone"));
    let a = read_response(&mut r);
    assert_eq!(a.status, "HTTP/1.1 200 OK");
    assert_eq!(a.body, "GET /a 1.1 ua=rust body=");
    assert_eq!(a.header("content-type"), Some("text/plain"));
    assert_eq!(a.header("x-method"), Some("GET"));
    assert_eq!(a.header("connection"), Some("keep-alive"));
    assert_eq!(a.header("keep-alive"), Some("timeout=5"));
    assert!(a.header("date").is_some_and(|d| d.ends_with(" GMT")));
    let b = read_response(&mut r);
    assert_eq!(b.body, "POST /b 1.1 ua=undefined body=hello");
    let c3 = read_response(&mut r);
    assert_eq!(c3.body, "POST /c 1.1 ua=undefined body=abcdefg");
    // The same connection again, a response of unknown length: chunked.
    c.write_all(b"GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("write");
    let d = read_response(&mut r);
    assert_eq!(d.header("transfer-encoding"), Some("chunked"));
    assert_eq!(d.body, "part1,part2");
    // HTTP/1.0 without keep-alive: the connection closes after it.
    let mut old = connect(port);
    old.write_all(b"GET /old HTTP/1.0\r\n\r\n").expect("write");
    let mut all = String::new();
    old.read_to_string(&mut all).expect("read to end");
    assert!(all.starts_with("HTTP/1.1 200 OK\r\n"), "{all}");
    assert!(all.contains("\r\nConnection: close\r\n"), "{all}");
    assert!(
        all.ends_with("\r\n\r\nGET /old 1.0 ua=undefined body="),
        "{all}"
    );
    drop((c, r));
    stop(port);
    let (code, _) = server.finish();
    assert_eq!(code, 0);
}

#[test]
fn malformed_requests_get_400_and_the_server_keeps_serving() {
    let mut server = Script::start("http-bad", SERVER, &[]);
    let port = server.port();
    let bad: &[(&[u8], &str)] = &[
        (b"GARBAGE\r\n\r\n", "400 Bad Request"),
        (
            b"GET / HTTP/1.1\r\nBad Header: x\r\n\r\n",
            "400 Bad Request",
        ),
        (b"GET / HTTP/7.1\r\nHost: x\r\n\r\n", "400 Bad Request"),
        (
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12x\r\n\r\n",
            "400 Bad Request",
        ),
        (
            b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nnot hex\r\n",
            "400 Bad Request",
        ),
    ];
    for (request, status) in bad {
        let mut c = connect(port);
        c.write_all(request).expect("write");
        let mut all = String::new();
        c.read_to_string(&mut all).expect("read to end");
        assert_eq!(
            all,
            format!("HTTP/1.1 {status}\r\nConnection: close\r\n\r\n"),
            "for {:?}",
            String::from_utf8_lossy(request)
        );
    }
    // A head larger than 16 KiB.
    let mut c = connect(port);
    let huge = format!("GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n", "a".repeat(20_000));
    let _ = c.write_all(huge.as_bytes());
    let mut all = String::new();
    let _ = c.read_to_string(&mut all);
    assert_eq!(
        all,
        "HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n"
    );
    // HTTP/1.1 without Host: Node answers 400 through a response.
    let mut c = connect(port);
    c.write_all(b"GET / HTTP/1.1\r\n\r\n").expect("write");
    let res = read_response(&mut BufReader::new(c));
    assert_eq!(res.status, "HTTP/1.1 400 Bad Request");
    assert_eq!(res.header("connection"), Some("close"));
    stop(port);
    assert_eq!(server.finish().0, 0);
}

#[test]
fn a_client_disconnecting_mid_request_does_not_stop_the_server() {
    let mut server = Script::start("http-vanish", SERVER, &[]);
    let port = server.port();
    // Half a head, then gone.
    let mut a = connect(port);
    a.write_all(b"GET /half HTTP/1.1\r\nHo").expect("write");
    drop(a);
    // A body cut short: the request is aborted.
    let mut b = connect(port);
    b.write_all(b"POST /partial HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten..")
        .expect("write");
    drop(b);
    assert_eq!(server.line(), "aborted /partial");
    let mut c = connect(port);
    c.write_all(b"GET /after HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("write");
    let res = read_response(&mut BufReader::new(c));
    assert_eq!(res.body, "GET /after 1.1 ua=undefined body=");
    stop(port);
    assert_eq!(server.finish().0, 0);
}

#[test]
fn http_client_talks_to_a_rust_server() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let client = Script::start(
        "http-client",
        r#"
const http = require('http');
const port = Number(process.argv[2]);
http.get(`http://127.0.0.1:${port}/first?q=1`, (res) => {
  console.log('status', res.statusCode, res.statusMessage, res.httpVersion);
  console.log('x-test', res.headers['x-test'], 'set-cookie', JSON.stringify(res.headers['set-cookie']));
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (d) => { body += d; });
  res.on('end', () => {
    console.log('body', body);
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/second',
      headers: { 'Content-Type': 'text/plain' } }, (res2) => {
      let b2 = '';
      res2.on('data', (d) => { b2 += d; });
      res2.on('end', () => console.log('second', res2.statusCode, b2));
    });
    req.on('close', () => console.log('request closed'));
    req.write('abc');
    req.end('def');
  });
});
"#,
        &[&port.to_string()],
    );
    let accept = || {
        let (s, _) = listener.accept().expect("accept");
        s.set_read_timeout(Some(TIMEOUT)).expect("timeout");
        s
    };
    // A GET: no body; answered in chunks, with repeated headers.
    let s = accept();
    let mut r = BufReader::new(s.try_clone().expect("clone"));
    assert_eq!(read_line(&mut r), "GET /first?q=1 HTTP/1.1");
    let headers = read_headers(&mut r);
    let host = headers
        .iter()
        .find(|(n, _)| n == "host")
        .map(|(_, v)| v.clone());
    assert_eq!(host, Some(format!("127.0.0.1:{port}")));
    let mut w = s;
    w.write_all(
        b"HTTP/1.1 200 OK\r\nX-Test: yes\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\
          Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
    )
    .expect("write");
    // A POST with a body in two writes: chunked.
    let s = accept();
    let mut r = BufReader::new(s.try_clone().expect("clone"));
    assert_eq!(read_line(&mut r), "POST /second HTTP/1.1");
    let headers = read_headers(&mut r);
    assert!(headers.contains(&("transfer-encoding".into(), "chunked".into())));
    let body = read_chunked(&mut r);
    assert_eq!(body, "abcdef");
    let mut w = s;
    w.write_all(b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")
        .expect("write");
    let (code, out) = client.finish();
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "status 200 OK 1.1\nx-test yes set-cookie [\"a=1\",\"b=2\"]\nbody hello world\n\
         second 201 ok\nrequest closed\n"
    );
}

#[test]
fn idle_keep_alive_connections_close_after_the_keep_alive_timeout() {
    let mut server = Script::start(
        "http-idle",
        r#"
const http = require('http');
const server = http.createServer((req, res) => res.end('hi'));
server.keepAliveTimeout = 300;
server.on('connection', (s) => s.on('close', () => console.log('closed')));
server.listen(0, '127.0.0.1', () => console.log('listening', server.address().port));
"#,
        &[],
    );
    let port = server.port();
    let c = connect(port);
    let mut w = c.try_clone().expect("clone");
    w.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .expect("write");
    let mut r = BufReader::new(c);
    let res = read_response(&mut r);
    assert_eq!(res.header("keep-alive"), Some("timeout=0"));
    let start = std::time::Instant::now();
    let mut rest = Vec::new();
    r.read_to_end(&mut rest)
        .expect("the server closes the idle connection");
    assert!(rest.is_empty());
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(server.line(), "closed");
}
