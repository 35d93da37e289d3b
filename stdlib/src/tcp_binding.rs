//! The native TCP binding `globalThis.__minijs_tcp` under `stdlib/js/net.js`.
//!
//! Sockets are non-blocking `mio` sockets watched by the event loop's poll
//! phase (epoll), as libuv's `uv_tcp_t` handles are: one thread serves
//! every connection. Handles (listeners and connections) live in a table
//! keyed by a number. When a socket becomes ready the poll phase calls its
//! watcher here, which accepts, finishes a connect, flushes queued writes
//! and reads until the socket would block, calling back into JavaScript.
//! A handle keeps the loop alive while it listens, connects, reads or has
//! writes queued (and is not `unref()`'d). Closing a handle closes the
//! socket at once and calls back in the close phase, as `uv_close` does.
//!
//! ```text
//! listen(host, port) -> info                   (throws a record)
//! accept(id, onconnection)   onconnection(record | null, info), per connection
//! connect(host, port, cb)    cb(record | null, info)
//! readStart(id, onread)      onread(record | null, bytes)  ([] at end of stream)
//! readStop(id)
//! httpStart(id, kind, noBody, onhttp[, serve])  parse what is read as
//!                            HTTP/1.x ('request' | 'response'; `http_parser.rs`):
//!                            onhttp(1, method | status, url | reason,
//!                                   minor, [name, value, ...], keepAlive,
//!                                   complete, headers)  (complete: no body
//!                                   follows, the end is not reported apart;
//!                                   headers: lower-cased as Node's)
//!                            with `serve` (a server's, `http_server.rs`):
//!                            onhttp(1, req, res, complete) instead, or
//!                            for the usual request the same steps in
//!                            Rust (`serve_request`)
//!                            onhttp(2, bytes)  a piece of the body
//!                            onhttp(3)         the end of the message
//!                            onhttp(4, code, reason)  malformed
//!                            instead of onread's chunks (onread still
//!                            hears of the end of the stream and errors)
//! write(id, data, cb) -> bool  true: all written now (cb is not called);
//!                              false: cb(record | null) once flushed
//! writeMessage(id, head, body, chunked, cb, arg) -> bytes  an HTTP
//!                            message's last write (`tcp_write_message`)
//! httpHead(msg, firstLine, headers, fromMap) -> head | false  (`http_server.rs`)
//! httpHeaders(rawHeaders) -> headers  (`http_server.rs`)
//! httpSetup(writeHead, end, finishMessage, afterEnd, STATUS_CODES,
//!           emitClose, EventEmitter.prototype.emit)
//!                            -> { writeHead, end }  (`http_server.rs`)
//! httpFinish(msg), httpEmitClose(res, req)  (`http_server.rs`)
//! shutdown(id, cb)           cb(record | null) once queued writes are out
//! close(id, cb)              cb() in the close phase
//! setNoDelay(id, on), setKeepAlive(id, on), ref(id, on)
//! info: { id, address, family, port, remoteAddress, remoteFamily, remotePort }
//! ```
//!
//! Every listen and connect goes through [`open_listener`] and
//! [`open_connection`], the one place to check a permission to use the
//! network.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, ToSocketAddrs};
use std::os::unix::io::AsRawFd;
use std::rc::Rc;

use gc::{Finalize, Trace};
use interp::event_loop::{self, Readiness};
use interp::function::{create_native_function, NativeFn};
use interp::object::{HostObject, ObjectKind};
use interp::operations::{is_callable, new_object, to_boolean, to_number, to_string};
use interp::{Attributes, Interp, JsError, JsObject, JsResult, PropertyKey, Value};
use mio::net::{TcpListener, TcpStream};

use crate::fs_binding::{bytes_of, bytes_value, error_record};
use crate::http_parser::{Event, Kind, MessageParser};
use crate::http_server::{header_values, request_objects, serve_request, Serve};
use crate::node_errors::invalid_arg_type;

/// Bytes asked of the kernel per read (libuv reads 64 KiB at a time).
const READ_SIZE: usize = 65536;
/// Reads per readiness event before other sockets get their turn.
const READS_PER_EVENT: usize = 16;

struct Listener {
    sock: TcpListener,
    token: usize,
    onconnection: Option<Value>,
    refed: bool,
}

struct QueuedWrite {
    data: Vec<u8>,
    written: usize,
    cb: Value,
    /// Passed to `cb` after the record (`writeMessage`'s `arg`).
    arg: Value,
}

/// A connection whose reads are parsed as HTTP (`httpStart`).
struct HttpState {
    parser: MessageParser,
    onhttp: Value,
    /// A server's: request heads come with their objects made.
    serve: Option<Rc<Serve>>,
}

struct Connection {
    sock: TcpStream,
    token: usize,
    /// Set while a connect is in progress.
    connect_cb: Option<Value>,
    onread: Option<Value>,
    reading: bool,
    /// Set when what is read is parsed as HTTP.
    http: Option<HttpState>,
    writes: VecDeque<QueuedWrite>,
    /// A shutdown waiting for the queued writes.
    shutdown_cb: Option<Value>,
    refed: bool,
}

enum Handle {
    Listener(Listener),
    Stream(Connection),
}

impl Handle {
    fn token(&self) -> usize {
        match self {
            Handle::Listener(l) => l.token,
            Handle::Stream(c) => c.token,
        }
    }

    /// libuv's "active and referenced": whether it keeps the loop running.
    fn keeps_loop_alive(&self) -> bool {
        match self {
            Handle::Listener(l) => l.refed && l.onconnection.is_some(),
            Handle::Stream(c) => {
                c.refed
                    && (c.connect_cb.is_some()
                        || c.reading
                        || !c.writes.is_empty()
                        || c.shutdown_cb.is_some())
            }
        }
    }
}

/// The open handles. Their JavaScript callbacks are stored here, outside
/// any traced structure (the trace is empty), so they stay rooted while
/// the handle is open and are dropped with it when it closes.
#[derive(Default)]
struct Handles {
    next_id: Cell<u32>,
    table: RefCell<HashMap<u32, Handle>>,
}

impl Finalize for Handles {}
// Safety: nothing here is reachable from the heap's tracing: the values
// stored in the table stay rooted (see `Handles`), so the collector never
// needs to trace them, and the sockets hold no gc pointers.
unsafe impl Trace for Handles {
    gc::unsafe_empty_trace!();
}

impl HostObject for Handles {
    fn class_name(&self) -> &str {
        "TcpHandles"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

const HANDLES: &str = "%tcpHandles%";

fn handles(interp: &mut Interp) -> JsObject {
    if let Some(Value::Object(o)) = interp.host_data.get(HANDLES) {
        return o.clone();
    }
    let o = interp.alloc_object(None, ObjectKind::Host(Box::new(Handles::default())));
    interp.host_data.insert(HANDLES, Value::Object(o.clone()));
    o
}

/// Runs `f` on handle `id` (no JavaScript may run inside `f`).
fn with_handle<R>(interp: &mut Interp, id: u32, f: impl FnOnce(&mut Handle) -> R) -> Option<R> {
    let o = handles(interp);
    let h = o.host::<Handles>()?;
    let mut table = h.table.borrow_mut();
    table.get_mut(&id).map(f)
}

fn with_stream<R>(interp: &mut Interp, id: u32, f: impl FnOnce(&mut Connection) -> R) -> Option<R> {
    with_handle(interp, id, |h| match h {
        Handle::Stream(c) => Some(f(c)),
        Handle::Listener(_) => None,
    })
    .flatten()
}

fn new_id(interp: &mut Interp) -> u32 {
    let o = handles(interp);
    let Some(h) = o.host::<Handles>() else {
        return 0;
    };
    let id = h.next_id.get() + 1;
    h.next_id.set(id);
    id
}

fn insert(interp: &mut Interp, id: u32, handle: Handle) {
    let o = handles(interp);
    if let Some(h) = o.host::<Handles>() {
        h.table.borrow_mut().insert(id, handle);
    }
}

fn remove(interp: &mut Interp, id: u32) -> Option<Handle> {
    let o = handles(interp);
    let h = o.host::<Handles>()?;
    let removed = h.table.borrow_mut().remove(&id);
    removed
}

/// Tells the loop whether handle `id` keeps it running.
fn update_alive(interp: &mut Interp, id: u32) {
    if let Some((token, alive)) = with_handle(interp, id, |h| (h.token(), h.keeps_loop_alive())) {
        event_loop::set_watcher_alive(interp, token, alive);
    }
}

/// Has the poll report readiness the socket already has again (a read
/// started after data arrived).
fn rewatch(interp: &mut Interp, id: u32) {
    let o = handles(interp);
    let Some(h) = o.host::<Handles>() else { return };
    let mut table = h.table.borrow_mut();
    if let Some(Handle::Stream(c)) = table.get_mut(&id) {
        let _ = event_loop::rewatch(interp, c.token, &mut c.sock);
    }
}

// ---------------------------------------------------------------------------

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or_default()
}

fn callback_arg(interp: &mut Interp, args: &[Value], i: usize) -> JsResult<Value> {
    let cb = arg(args, i);
    if is_callable(&cb) {
        Ok(cb)
    } else {
        Err(invalid_arg_type(
            interp,
            "callback",
            "of type function",
            &cb,
        ))
    }
}

fn id_arg(interp: &mut Interp, args: &[Value]) -> JsResult<u32> {
    Ok(to_number(interp, &arg(args, 0))? as u32)
}

fn family(a: &SocketAddr) -> &'static str {
    if a.is_ipv4() {
        "IPv4"
    } else {
        "IPv6"
    }
}

fn info_value(
    interp: &mut Interp,
    id: u32,
    local: Option<SocketAddr>,
    remote: Option<SocketAddr>,
) -> Value {
    let o = new_object(interp);
    let a = Attributes::all();
    o.define_value("id", Value::from(id), a);
    if let Some(l) = local {
        o.define_value("address", Value::from(l.ip().to_string()), a);
        o.define_value("family", Value::from(family(&l)), a);
        o.define_value("port", Value::from(l.port() as u32), a);
    }
    if let Some(r) = remote {
        o.define_value("remoteAddress", Value::from(r.ip().to_string()), a);
        o.define_value("remoteFamily", Value::from(family(&r)), a);
        o.define_value("remotePort", Value::from(r.port() as u32), a);
    }
    Value::Object(o)
}

fn io_record(interp: &mut Interp, e: &std::io::Error, syscall: &'static str) -> Value {
    error_record(interp, e.raw_os_error().unwrap_or(libc::EIO), syscall, None)
}

/// Node's record for a host name that does not resolve.
fn not_found_record(interp: &mut Interp, host: &str) -> Value {
    let o = new_object(interp);
    let a = Attributes::all();
    o.define_value("code", Value::from("ENOTFOUND"), a);
    o.define_value("errno", Value::from(-3008), a);
    o.define_value("syscall", Value::from("getaddrinfo"), a);
    o.define_value("hostname", Value::from(host), a);
    Value::Object(o)
}

/// Resolves `host:port` (the first address); `localhost` and no host are
/// the IPv4 loopback.
fn resolve(host: &str, port: u16) -> Option<SocketAddr> {
    let host = if host.is_empty() || host == "localhost" {
        "127.0.0.1"
    } else {
        host
    };
    (host, port).to_socket_addrs().ok()?.next()
}

fn host_port(interp: &mut Interp, args: &[Value], first: usize) -> JsResult<(String, u16)> {
    let host = match arg(args, first) {
        Value::Undefined | Value::Null => String::new(),
        v => to_string(interp, &v)?.to_rust_string(),
    };
    let port = to_number(interp, &arg(args, first + 1))?;
    if !(0.0..=65535.0).contains(&port) || port.fract() != 0.0 {
        let shown = interp::number::number_to_string(port);
        return Err(crate::node_errors::coded_error(
            interp,
            interp::error::ErrorType::RangeError,
            "ERR_SOCKET_BAD_PORT",
            &format!("Port should be >= 0 and < 65536. Received type number ({shown})."),
        ));
    }
    Ok((host, port as u16))
}

/// Calls `cb(args)` in the next poll phase.
fn call_later(interp: &mut Interp, label: &'static str, cb: Value, args: Vec<Value>) {
    event_loop::queue_completion(
        interp,
        label,
        Box::new(move |interp| interp.call(&cb, &Value::Undefined, &args).map(|_| ())),
    );
}

// ---------------------------------------------------------------------------
// Opening sockets: the entry points for a network permission check.

/// Binds a listening socket on `addr` (every `server.listen` comes here).
fn open_listener(_interp: &mut Interp, addr: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr)
}

/// Starts a non-blocking connect to `addr` (every `net.connect` comes here).
fn open_connection(_interp: &mut Interp, addr: SocketAddr) -> std::io::Result<TcpStream> {
    TcpStream::connect(addr)
}

// ---------------------------------------------------------------------------
// Listening.

fn tcp_listen(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let (host, port) = host_port(interp, args, 0)?;
    interp::permission::check_net(interp, &host, port)?;
    let Some(addr) = resolve(&host, port) else {
        return Err(JsError::Throw(not_found_record(interp, &host)));
    };
    let mut sock = match open_listener(interp, addr) {
        Ok(l) => l,
        Err(e) => return Err(JsError::Throw(io_record(interp, &e, "listen"))),
    };
    let local = sock.local_addr().ok();
    let id = new_id(interp);
    let watcher: event_loop::WatchCallback = Rc::new(move |interp, _| accept_ready(interp, id));
    let token = match event_loop::watch(interp, &mut sock, "net.Server connection", watcher) {
        Ok(t) => t,
        Err(e) => return Err(JsError::Throw(io_record(interp, &e, "listen"))),
    };
    let handle = Handle::Listener(Listener {
        sock,
        token,
        onconnection: None,
        refed: true,
    });
    insert(interp, id, handle);
    Ok(info_value(interp, id, local, None))
}

fn tcp_accept(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let cb = callback_arg(interp, args, 1)?;
    let stored = with_handle(interp, id, |h| match h {
        Handle::Listener(l) => {
            l.onconnection = Some(cb.clone());
            true
        }
        Handle::Stream(_) => false,
    });
    if stored != Some(true) {
        let rec = error_record(interp, libc::EBADF, "accept", None);
        call_later(interp, "net.Server connection", cb, vec![rec]);
        return Ok(Value::Undefined);
    }
    update_alive(interp, id);
    // Connections that arrived before anyone accepted.
    let o = handles(interp);
    if let Some(h) = o.host::<Handles>() {
        if let Some(Handle::Listener(l)) = h.table.borrow_mut().get_mut(&id) {
            let _ = event_loop::rewatch(interp, l.token, &mut l.sock);
        }
    }
    Ok(Value::Undefined)
}

/// The listener is readable: accepts every waiting connection.
fn accept_ready(interp: &mut Interp, id: u32) -> JsResult<()> {
    loop {
        let next = with_handle(interp, id, |h| match h {
            Handle::Listener(l) => l.onconnection.clone().map(|cb| (l.sock.accept(), cb)),
            Handle::Stream(_) => None,
        })
        .flatten();
        let Some((accepted, cb)) = next else {
            return Ok(());
        };
        match accepted {
            Ok((sock, _)) => {
                let args = match register_stream(interp, sock, None) {
                    Ok(info) => vec![Value::Null, info],
                    Err(e) => vec![io_record(interp, &e, "accept")],
                };
                interp.call(&cb, &Value::Undefined, &args)?;
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(()),
            Err(e)
                if e.kind() == ErrorKind::Interrupted
                    || e.kind() == ErrorKind::ConnectionAborted => {}
            Err(e) => {
                let rec = io_record(interp, &e, "accept");
                interp.call(&cb, &Value::Undefined, &[rec])?;
                return Ok(());
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Connections.

/// Puts a connected (or connecting) socket in the table and under watch;
/// returns its info.
fn register_stream(
    interp: &mut Interp,
    mut sock: TcpStream,
    connect_cb: Option<Value>,
) -> std::io::Result<Value> {
    let id = new_id(interp);
    let watcher: event_loop::WatchCallback =
        Rc::new(move |interp, ready| stream_ready(interp, id, ready));
    let token = event_loop::watch(interp, &mut sock, "net.Socket", watcher)?;
    let (local, remote) = (sock.local_addr().ok(), sock.peer_addr().ok());
    let connecting = connect_cb.is_some();
    insert(
        interp,
        id,
        Handle::Stream(Connection {
            sock,
            token,
            connect_cb,
            onread: None,
            reading: false,
            http: None,
            writes: VecDeque::new(),
            shutdown_cb: None,
            refed: true,
        }),
    );
    if connecting {
        update_alive(interp, id);
    }
    Ok(info_value(interp, id, local, remote))
}

fn tcp_connect(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let (host, port) = host_port(interp, args, 0)?;
    interp::permission::check_net(interp, &host, port)?;
    let cb = callback_arg(interp, args, 2)?;
    let Some(addr) = resolve(&host, port) else {
        let rec = not_found_record(interp, &host);
        call_later(interp, "net.Socket connect", cb, vec![rec]);
        return Ok(Value::Undefined);
    };
    let opened =
        open_connection(interp, addr).and_then(|s| register_stream(interp, s, Some(cb.clone())));
    if let Err(e) = opened {
        let rec = io_record(interp, &e, "connect");
        call_later(interp, "net.Socket connect", cb, vec![rec]);
    }
    Ok(Value::Undefined)
}

/// How a non-blocking connect stands.
enum ConnectState {
    Pending,
    Done(Value, Option<SocketAddr>, Option<SocketAddr>),
    Failed(Value, std::io::Error),
}

/// The poll phase's call for a connection: finishes a connect, flushes
/// queued writes, reads.
fn stream_ready(interp: &mut Interp, id: u32, ready: Readiness) -> JsResult<()> {
    let state = with_stream(interp, id, |c| {
        let cb = c.connect_cb.take()?;
        let error = match c.sock.take_error() {
            Ok(Some(e)) | Err(e) => Some(e),
            Ok(None) => None,
        };
        Some(match (error, c.sock.peer_addr()) {
            (Some(e), _) => ConnectState::Failed(cb, e),
            (None, Ok(remote)) => ConnectState::Done(cb, c.sock.local_addr().ok(), Some(remote)),
            (None, Err(e)) if e.kind() == ErrorKind::NotConnected && !ready.closed => {
                c.connect_cb = Some(cb);
                ConnectState::Pending
            }
            (None, Err(e)) => ConnectState::Failed(cb, e),
        })
    })
    .flatten();
    match state {
        Some(ConnectState::Pending) => return Ok(()),
        Some(ConnectState::Done(cb, local, remote)) => {
            update_alive(interp, id);
            let info = info_value(interp, id, local, remote);
            interp.call(&cb, &Value::Undefined, &[Value::Null, info])?;
            return Ok(());
        }
        Some(ConnectState::Failed(cb, e)) => {
            close_handle(interp, id);
            let rec = io_record(interp, &e, "connect");
            interp.call(&cb, &Value::Undefined, &[rec])?;
            return Ok(());
        }
        None => {}
    }
    if ready.writable || ready.closed {
        flush(interp, id)?;
    }
    if ready.readable || ready.closed {
        read_ready(interp, id, ready.closed)?;
    }
    Ok(())
}

thread_local! {
    /// The read buffer, reused from one readiness event to the next (taken
    /// while in use, so a nested read would make its own).
    static READ_BUF: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Reads until the socket would block (or the reader stops), handing each
/// chunk to `onread`.
fn read_ready(interp: &mut Interp, id: u32, closed: bool) -> JsResult<()> {
    let mut buf = READ_BUF.take();
    if buf.len() < READ_SIZE {
        buf = vec![0u8; READ_SIZE];
    }
    let result = read_into(interp, id, closed, &mut buf);
    READ_BUF.set(buf);
    result
}

fn read_into(interp: &mut Interp, id: u32, closed: bool, buf: &mut [u8]) -> JsResult<()> {
    for _ in 0..READS_PER_EVENT {
        let next = with_stream(interp, id, |c| {
            if !c.reading {
                return None;
            }
            let cb = c.onread.clone()?;
            let r = loop {
                match c.sock.read(buf) {
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    r => break r,
                }
            };
            if !matches!(r, Ok(n) if n > 0)
                && !matches!(&r, Err(e) if e.kind() == ErrorKind::WouldBlock)
            {
                // End of stream or an error: reading is over.
                c.reading = false;
            }
            let mut events = Vec::new();
            let onhttp = match (&r, c.http.as_mut()) {
                (Ok(0), Some(h)) => {
                    h.parser.finish(&mut events);
                    Some((h.onhttp.clone(), h.serve.clone()))
                }
                (Ok(n), Some(h)) => {
                    h.parser.feed(&buf[..*n], &mut events);
                    Some((h.onhttp.clone(), h.serve.clone()))
                }
                _ => None,
            };
            Some((r, cb, onhttp, events))
        })
        .flatten();
        let Some((r, cb, onhttp, events)) = next else {
            return Ok(());
        };
        if let Some((onhttp, serve)) = &onhttp {
            deliver_http(interp, onhttp, serve.as_deref(), events)?;
        }
        match r {
            Ok(0) => {
                update_alive(interp, id);
                let empty = bytes_value(interp, Vec::new());
                interp.call(&cb, &Value::Undefined, &[Value::Null, empty])?;
                return Ok(());
            }
            Ok(n) => {
                if onhttp.is_none() {
                    let bytes = bytes_value(interp, buf[..n].to_vec());
                    interp.call(&cb, &Value::Undefined, &[Value::Null, bytes])?;
                }
                // A short read emptied the socket's buffer: what arrives
                // next is a new edge (an end of stream already seen is not).
                if n < READ_SIZE && !closed {
                    return Ok(());
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => return Ok(()),
            Err(e) => {
                update_alive(interp, id);
                let rec = io_record(interp, &e, "read");
                interp.call(&cb, &Value::Undefined, &[rec])?;
                return Ok(());
            }
        }
    }
    // Still readable: have the next poll report it, after the others.
    rewatch(interp, id);
    Ok(())
}

/// Calls `onhttp` for each parsed event (see the module doc).
fn deliver_http(
    interp: &mut Interp,
    onhttp: &Value,
    serve: Option<&Serve>,
    events: Vec<Event>,
) -> JsResult<()> {
    let mut events = events.into_iter().peekable();
    while let Some(event) = events.next() {
        let args = match event {
            Event::Head(h) => {
                // A message without a body ends with its head: one call.
                let complete = matches!(events.peek(), Some(Event::End));
                if complete {
                    events.next();
                }
                if let Some(serve) = serve {
                    let (req, res, special) = request_objects(interp, serve, h)?;
                    if !serve_request(interp, serve, &req, &res, complete, special)? {
                        let args = [Value::from(1), req, res, Value::from(complete)];
                        interp.call(onhttp, &Value::Undefined, &args)?;
                    }
                    continue;
                }
                let (a, b) = if h.method.is_empty() {
                    (Value::from(h.status as u32), Value::from(h.reason))
                } else {
                    (Value::from(h.method), Value::from(h.url))
                };
                let minor = Value::from(h.minor as u32);
                let keep_alive = Value::from(h.keep_alive);
                let (headers, raw) = header_values(interp, h.headers);
                let complete = Value::from(complete);
                vec![
                    Value::from(1),
                    a,
                    b,
                    minor,
                    raw,
                    keep_alive,
                    complete,
                    headers,
                ]
            }
            Event::Body(bytes) => vec![Value::from(2), bytes_value(interp, bytes)],
            Event::End => vec![Value::from(3)],
            Event::Error(code, reason) => {
                vec![Value::from(4), Value::from(code), Value::from(reason)]
            }
        };
        interp.call(onhttp, &Value::Undefined, &args)?;
    }
    Ok(())
}

/// Writes from the queue until it is empty or the socket would block;
/// calls back the writes that finished (or failed), then a shutdown that
/// waited for them.
fn flush(interp: &mut Interp, id: u32) -> JsResult<()> {
    let outcome = with_stream(interp, id, |c| {
        let mut done = Vec::new();
        let mut failed: Option<std::io::Error> = None;
        while let Some(w) = c.writes.front_mut() {
            match c.sock.write(&w.data[w.written..]) {
                Ok(0) => {
                    failed = Some(ErrorKind::WriteZero.into());
                    break;
                }
                Ok(n) => {
                    w.written += n;
                    if w.written == w.data.len() {
                        if let Some(w) = c.writes.pop_front() {
                            done.push((w.cb, w.arg));
                        }
                    }
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        let failed_cbs: Vec<(Value, Value)> = match failed {
            Some(_) => c.writes.drain(..).map(|w| (w.cb, w.arg)).collect(),
            None => Vec::new(),
        };
        let shutdown = match (c.writes.is_empty(), c.shutdown_cb.take()) {
            (true, Some(cb)) => Some((cb, c.sock.shutdown(Shutdown::Write))),
            (_, cb) => {
                c.shutdown_cb = cb;
                None
            }
        };
        (done, failed.map(|e| (e, failed_cbs)), shutdown)
    });
    let Some((done, failed, shutdown)) = outcome else {
        return Ok(());
    };
    update_alive(interp, id);
    for (cb, arg) in done {
        interp.call(&cb, &Value::Undefined, &[Value::Null, arg])?;
    }
    if let Some((e, cbs)) = failed {
        for (cb, arg) in cbs {
            let rec = io_record(interp, &e, "write");
            interp.call(&cb, &Value::Undefined, &[rec, arg])?;
        }
    }
    if let Some((cb, r)) = shutdown {
        let arg = match r {
            Ok(()) => Value::Null,
            Err(e) => io_record(interp, &e, "shutdown"),
        };
        interp.call(&cb, &Value::Undefined, &[arg])?;
    }
    Ok(())
}

fn tcp_read_start(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let cb = callback_arg(interp, args, 1)?;
    let started = with_stream(interp, id, |c| {
        c.onread = Some(cb);
        !std::mem::replace(&mut c.reading, true)
    });
    if started == Some(true) {
        update_alive(interp, id);
        rewatch(interp, id);
    }
    Ok(Value::Undefined)
}

fn tcp_http_start(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let kind = match to_string(interp, &arg(args, 1))?.to_rust_string().as_str() {
        "response" => Kind::Response,
        _ => Kind::Request,
    };
    let no_body = to_boolean(&arg(args, 2));
    let cb = callback_arg(interp, args, 3)?;
    let serve = match kind {
        Kind::Request => Serve::from_value(interp, &arg(args, 4))?.map(Rc::new),
        Kind::Response => None,
    };
    with_stream(interp, id, |c| {
        let mut parser = MessageParser::new(kind);
        parser.no_body = no_body;
        c.http = Some(HttpState {
            parser,
            onhttp: cb,
            serve,
        });
    });
    Ok(Value::Undefined)
}

fn tcp_read_stop(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    with_stream(interp, id, |c| c.reading = false);
    update_alive(interp, id);
    Ok(Value::Undefined)
}

fn tcp_write(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let data = data_arg(interp, &arg(args, 1))?;
    let cb = callback_arg(interp, args, 2)?;
    Ok(Value::from(write_bytes(
        interp,
        id,
        data,
        cb,
        Value::Undefined,
    )))
}

/// The bytes of a string (UTF-8) or of a Buffer.
pub(crate) fn data_arg(interp: &mut Interp, v: &Value) -> JsResult<Vec<u8>> {
    match v {
        Value::String(s) => Ok(match s.as_ascii() {
            Some(a) => a.as_bytes().to_vec(),
            None => s.to_rust_string().into_bytes(),
        }),
        Value::Object(o) => bytes_of(interp, o),
        v => Err(invalid_arg_type(
            interp,
            "data",
            "of type string or an instance of Buffer",
            v,
        )),
    }
}

/// Writes `data` now, queueing what does not fit; true when all of it went
/// out. Else `cb(record | null, arg)` runs once it is flushed (or failed).
pub(crate) fn write_bytes(
    interp: &mut Interp,
    id: u32,
    data: Vec<u8>,
    cb: Value,
    arg: Value,
) -> bool {
    let written = with_stream(interp, id, |c| {
        let mut at = 0;
        if c.writes.is_empty() {
            while at < data.len() {
                match c.sock.write(&data[at..]) {
                    Ok(0) => return Err(ErrorKind::WriteZero.into()),
                    Ok(n) => at += n,
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        if at == data.len() {
            return Ok(true);
        }
        c.writes.push_back(QueuedWrite {
            data,
            written: at,
            cb: cb.clone(),
            arg: arg.clone(),
        });
        Ok(false)
    });
    match written {
        Some(Ok(true)) => true,
        Some(Ok(false)) => {
            update_alive(interp, id);
            false
        }
        Some(Err(e)) => {
            let rec = io_record(interp, &e, "write");
            call_later(interp, "net.Socket write", cb, vec![rec, arg]);
            false
        }
        None => {
            let rec = error_record(interp, libc::EBADF, "write", None);
            call_later(interp, "net.Socket write", cb, vec![rec, arg]);
            false
        }
    }
}

/// A message's last bytes: `head`, then `body` as it is or, `chunked`, as
/// the last chunk followed by the coding's terminator.
pub(crate) fn message_bytes(mut data: Vec<u8>, body: &[u8], chunked: bool) -> Vec<u8> {
    if chunked {
        if !body.is_empty() {
            data.extend_from_slice(format!("{:x}\r\n", body.len()).as_bytes());
            data.extend_from_slice(body);
            data.extend_from_slice(b"\r\n");
        }
        data.extend_from_slice(b"0\r\n\r\n");
    } else {
        data.extend_from_slice(body);
    }
    data
}

/// `writeMessage(id, head, body, chunked, cb, arg)`: one HTTP message's
/// last write in one system call: `head` (a string, or '' when it went out
/// already), then `body` (a string or Buffer, or undefined) as it is, or
/// with `chunked` as the last chunk of the chunked coding followed by its
/// terminator. Returns the number of bytes when all went out now, else
/// minus that number, and `cb(record | null, arg)` follows as `write`'s.
fn tcp_write_message(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let head = data_arg(interp, &arg(args, 1))?;
    let body = match arg(args, 2) {
        Value::Undefined | Value::Null => Vec::new(),
        v => data_arg(interp, &v)?,
    };
    let data = message_bytes(head, &body, to_boolean(&arg(args, 3)));
    let cb = callback_arg(interp, args, 4)?;
    let size = data.len() as f64;
    let done = write_bytes(interp, id, data, cb, arg(args, 5));
    Ok(Value::from(if done { size } else { -size }))
}

fn tcp_shutdown(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let cb = callback_arg(interp, args, 1)?;
    let now = with_stream(interp, id, |c| {
        if c.writes.is_empty() {
            Some(c.sock.shutdown(Shutdown::Write))
        } else {
            c.shutdown_cb = Some(cb.clone());
            None
        }
    });
    let arg = match now {
        Some(None) => {
            update_alive(interp, id);
            return Ok(Value::Undefined);
        }
        Some(Some(Ok(()))) => Value::Null,
        Some(Some(Err(e))) => io_record(interp, &e, "shutdown"),
        None => error_record(interp, libc::EBADF, "shutdown", None),
    };
    call_later(interp, "net.Socket shutdown", cb, vec![arg]);
    Ok(Value::Undefined)
}

/// Takes handle `id` out of the table and the poll, and closes its socket.
fn close_handle(interp: &mut Interp, id: u32) {
    match remove(interp, id) {
        Some(Handle::Listener(mut l)) => event_loop::unwatch(interp, l.token, &mut l.sock),
        Some(Handle::Stream(mut c)) => event_loop::unwatch(interp, c.token, &mut c.sock),
        None => {}
    }
}

fn tcp_close(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let cb = arg(args, 1);
    close_handle(interp, id);
    event_loop::queue_close(
        interp,
        "net handle close",
        Box::new(move |interp| {
            if is_callable(&cb) {
                interp.call(&cb, &Value::Undefined, &[])?;
            }
            Ok(())
        }),
    );
    Ok(Value::Undefined)
}

fn tcp_set_no_delay(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let on = to_boolean(&arg(args, 1));
    with_stream(interp, id, |c| c.sock.set_nodelay(on));
    Ok(Value::Undefined)
}

fn tcp_set_keep_alive(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let on = libc::c_int::from(to_boolean(&arg(args, 1)));
    with_stream(interp, id, |c| {
        // Safety: the descriptor belongs to `c.sock`, open for the call;
        // `on` outlives it and its size is the one passed.
        unsafe {
            libc::setsockopt(
                c.sock.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_KEEPALIVE,
                (&on as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            )
        }
    });
    Ok(Value::Undefined)
}

fn tcp_ref(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let on = to_boolean(&arg(args, 1));
    with_handle(interp, id, |h| match h {
        Handle::Listener(l) => l.refed = on,
        Handle::Stream(c) => c.refed = on,
    });
    update_alive(interp, id);
    Ok(Value::Undefined)
}

/// Installs `globalThis.__minijs_tcp` (hidden from enumeration).
pub fn install(interp: &mut Interp) {
    let binding = new_object(interp);
    let table: &[(&str, NativeFn, u32)] = &[
        ("accept", tcp_accept, 2),
        ("close", tcp_close, 2),
        ("connect", tcp_connect, 3),
        ("httpStart", tcp_http_start, 4),
        ("listen", tcp_listen, 2),
        ("readStart", tcp_read_start, 2),
        ("readStop", tcp_read_stop, 1),
        ("ref", tcp_ref, 2),
        ("setKeepAlive", tcp_set_keep_alive, 2),
        ("setNoDelay", tcp_set_no_delay, 2),
        ("shutdown", tcp_shutdown, 2),
        ("write", tcp_write, 3),
        ("writeMessage", tcp_write_message, 6),
        ("httpHead", crate::http_server::http_head, 4),
        ("httpHeaders", crate::http_server::http_headers, 1),
        ("httpSetup", crate::http_server::http_setup, 7),
        ("httpFinish", crate::http_server::http_finish, 1),
        ("httpEmitClose", crate::http_server::http_emit_close, 2),
    ];
    for (name, f, len) in table {
        let func = create_native_function(interp, *f, name, *len);
        binding.define_value(
            PropertyKey::from(*name),
            Value::Object(func),
            Attributes::all(),
        );
    }
    let g = interp.realm.global_object.clone();
    g.define_value("__minijs_tcp", Value::Object(binding), Attributes::hidden());
}
