//! The native TCP binding `globalThis.__minijs_tcp` under `stdlib/js/net.js`.
//!
//! Handles (listening sockets and connections) live in a table keyed by a
//! number. Waiting work — accepting, connecting, reading — runs on a thread
//! of its own per request (`event_loop::submit_blocking_io`) and its
//! callback runs in the poll phase; writes run on the I/O pool. Closing a
//! handle shuts the socket down (which wakes a thread blocked on it) and
//! calls back in the close phase, as libuv's `uv_close` does.
//!
//! ```text
//! listen(host, port) -> { id, address, family, port }   (throws a record)
//! accept(id, cb)          cb(record | null, info)
//! connect(host, port, cb) cb(record | null, info)
//! read(id, size, cb)      cb(record | null, bytes)   ([] at end of stream)
//! write(id, data, cb)     cb(record | null)
//! shutdown(id, cb)        cb(record | null)          (end of our side)
//! close(id, cb)           cb() in the close phase
//! info: { id, address, family, port, remoteAddress, remoteFamily, remotePort }
//! ```

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::os::unix::io::AsRawFd;
use std::sync::Arc;

use gc::{Finalize, Trace};
use interp::event_loop::{self, IoCompletion, IoWork};
use interp::function::{create_native_function, NativeFn};
use interp::object::{HostObject, ObjectKind};
use interp::operations::{is_callable, new_object, to_number, to_string};
use interp::{Attributes, Interp, JsError, JsObject, JsResult, PropertyKey, Value};

use crate::fs_binding::{bytes_of, bytes_value, error_record};
use crate::node_errors::invalid_arg_type;

#[derive(Clone)]
enum Handle {
    Listener(Arc<TcpListener>),
    Stream(Arc<TcpStream>),
}

#[derive(Default)]
struct Handles {
    next_id: Cell<u32>,
    table: RefCell<HashMap<u32, Handle>>,
}

impl Finalize for Handles {}
// Safety: the table holds only sockets, no gc pointers.
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

fn with_handles<R>(
    interp: &mut Interp,
    f: impl FnOnce(&Cell<u32>, &mut HashMap<u32, Handle>) -> R,
) -> Option<R> {
    let o = handles(interp);
    let h = o.host::<Handles>()?;
    let mut table = h.table.borrow_mut();
    Some(f(&h.next_id, &mut table))
}

fn insert(interp: &mut Interp, handle: Handle) -> u32 {
    with_handles(interp, |next, table| {
        let id = next.get() + 1;
        next.set(id);
        table.insert(id, handle);
        id
    })
    .unwrap_or(0)
}

fn lookup(interp: &mut Interp, id: u32) -> Option<Handle> {
    with_handles(interp, |_, table| table.get(&id).cloned()).flatten()
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

struct StreamInfo {
    stream: TcpStream,
    local: Option<SocketAddr>,
    remote: Option<SocketAddr>,
}

impl StreamInfo {
    fn new(stream: TcpStream) -> StreamInfo {
        StreamInfo {
            local: stream.local_addr().ok(),
            remote: stream.peer_addr().ok(),
            stream,
        }
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

/// Resolves `host:port` (the first address).
fn resolve(host: &str, port: u16) -> std::io::Result<SocketAddr> {
    let host = if host.is_empty() || host == "localhost" {
        "127.0.0.1"
    } else {
        host
    };
    (host, port)
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| std::io::Error::from_raw_os_error(libc::EADDRNOTAVAIL))
}

fn host_port(interp: &mut Interp, args: &[Value], first: usize) -> JsResult<(String, u16)> {
    let host = match arg(args, first) {
        Value::Undefined | Value::Null => String::new(),
        v => to_string(interp, &v)?.to_rust_string(),
    };
    let port = to_number(interp, &arg(args, first + 1))?;
    if !(0.0..=65535.0).contains(&port) {
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

/// Completion that calls `cb(record | null, value)`.
fn completion<T: 'static>(
    cb: Value,
    syscall: &'static str,
    ok: fn(&mut Interp, T) -> Value,
) -> IoCompletion {
    Box::new(move |interp, result| {
        let Ok(r) = result.downcast::<std::io::Result<T>>() else {
            return Ok(());
        };
        let args = match *r {
            Ok(v) => {
                let v = ok(interp, v);
                vec![Value::Null, v]
            }
            Err(e) => vec![io_record(interp, &e, syscall)],
        };
        interp.call(&cb, &Value::Undefined, &args)?;
        Ok(())
    })
}

fn boxed<T: Send + 'static>(r: T) -> Box<dyn std::any::Any + Send> {
    Box::new(r)
}

// ---------------------------------------------------------------------------

fn tcp_listen(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let (host, port) = host_port(interp, args, 0)?;
    let bound = resolve(&host, port).and_then(TcpListener::bind);
    match bound {
        Ok(l) => {
            let local = l.local_addr().ok();
            let id = insert(interp, Handle::Listener(Arc::new(l)));
            Ok(info_value(interp, id, local, None))
        }
        Err(e) => Err(JsError::Throw(io_record(interp, &e, "listen"))),
    }
}

fn new_stream(interp: &mut Interp, s: StreamInfo) -> Value {
    let (local, remote) = (s.local, s.remote);
    let id = insert(interp, Handle::Stream(Arc::new(s.stream)));
    info_value(interp, id, local, remote)
}

fn tcp_accept(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let cb = callback_arg(interp, args, 1)?;
    let Some(Handle::Listener(l)) = lookup(interp, id) else {
        let rec = error_record(interp, libc::EBADF, "accept", None);
        event_loop::queue_completion(
            interp,
            "net.accept",
            Box::new(move |interp| interp.call(&cb, &Value::Undefined, &[rec]).map(|_| ())),
        );
        return Ok(Value::Undefined);
    };
    let work: IoWork = Box::new(move || boxed(l.accept().map(|(s, _)| StreamInfo::new(s))));
    let done = completion(cb, "accept", new_stream);
    event_loop::submit_blocking_io(interp, "net.Server connection", work, done);
    Ok(Value::Undefined)
}

fn tcp_connect(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let (host, port) = host_port(interp, args, 0)?;
    let cb = callback_arg(interp, args, 2)?;
    let work: IoWork = Box::new(move || {
        boxed(
            resolve(&host, port)
                .and_then(TcpStream::connect)
                .map(StreamInfo::new),
        )
    });
    let done = completion(cb, "connect", new_stream);
    event_loop::submit_blocking_io(interp, "net.Socket connect", work, done);
    Ok(Value::Undefined)
}

fn stream_arg(
    interp: &mut Interp,
    args: &[Value],
    syscall: &'static str,
) -> JsResult<Result<Arc<TcpStream>, Value>> {
    let id = id_arg(interp, args)?;
    match lookup(interp, id) {
        Some(Handle::Stream(s)) => Ok(Ok(s)),
        _ => Ok(Err(error_record(interp, libc::EBADF, syscall, None))),
    }
}

/// Calls `cb(record)` in the next poll phase (an operation on a handle
/// that is gone).
fn fail_later(interp: &mut Interp, cb: Value, rec: Value) {
    event_loop::queue_completion(
        interp,
        "net",
        Box::new(move |interp| interp.call(&cb, &Value::Undefined, &[rec]).map(|_| ())),
    );
}

fn tcp_read(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let size = to_number(interp, &arg(args, 1))?.clamp(1.0, 1048576.0) as usize;
    let cb = callback_arg(interp, args, 2)?;
    let s = match stream_arg(interp, args, "read")? {
        Ok(s) => s,
        Err(rec) => {
            fail_later(interp, cb, rec);
            return Ok(Value::Undefined);
        }
    };
    let work: IoWork = Box::new(move || {
        let mut buf = vec![0u8; size];
        boxed((&*s).read(&mut buf).map(|n| {
            buf.truncate(n);
            buf
        }))
    });
    let done = completion(cb, "read", bytes_value);
    event_loop::submit_blocking_io(interp, "net.Socket data", work, done);
    Ok(Value::Undefined)
}

fn unit(_interp: &mut Interp, _v: ()) -> Value {
    Value::Undefined
}

fn tcp_write(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let data = match arg(args, 1) {
        Value::String(s) => s.to_rust_string().into_bytes(),
        Value::Object(o) => bytes_of(interp, &o)?,
        v => {
            return Err(invalid_arg_type(
                interp,
                "data",
                "of type string or an instance of Buffer",
                &v,
            ))
        }
    };
    let cb = callback_arg(interp, args, 2)?;
    let s = match stream_arg(interp, args, "write")? {
        Ok(s) => s,
        Err(rec) => {
            fail_later(interp, cb, rec);
            return Ok(Value::Undefined);
        }
    };
    let work: IoWork = Box::new(move || boxed((&*s).write_all(&data)));
    let done = completion(cb, "write", unit);
    event_loop::submit_io(interp, "net.Socket write", work, done);
    Ok(Value::Undefined)
}

fn tcp_shutdown(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let cb = callback_arg(interp, args, 1)?;
    let s = match stream_arg(interp, args, "shutdown")? {
        Ok(s) => s,
        Err(rec) => {
            fail_later(interp, cb, rec);
            return Ok(Value::Undefined);
        }
    };
    let work: IoWork = Box::new(move || boxed(s.shutdown(Shutdown::Write)));
    let done = completion(cb, "shutdown", unit);
    event_loop::submit_io(interp, "net.Socket shutdown", work, done);
    Ok(Value::Undefined)
}

fn tcp_close(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let id = id_arg(interp, args)?;
    let cb = arg(args, 1);
    let handle = with_handles(interp, |_, table| table.remove(&id)).flatten();
    match &handle {
        // Wakes a thread blocked reading; the socket closes when the last
        // reference (that thread's) is gone.
        Some(Handle::Stream(s)) => {
            let _ = s.shutdown(Shutdown::Both);
        }
        // std has no shutdown for listeners; shutdown(2) makes a blocked
        // accept(2) return on Linux.
        Some(Handle::Listener(l)) => {
            // Safety: the descriptor belongs to `l`, which is alive for the
            // call; shutdown(2) does not close or invalidate it.
            unsafe {
                libc::shutdown(l.as_raw_fd(), libc::SHUT_RDWR);
            }
        }
        None => {}
    }
    drop(handle);
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

/// Installs `globalThis.__minijs_tcp` (hidden from enumeration).
pub fn install(interp: &mut Interp) {
    let binding = new_object(interp);
    let table: &[(&str, NativeFn, u32)] = &[
        ("accept", tcp_accept, 2),
        ("close", tcp_close, 2),
        ("connect", tcp_connect, 3),
        ("listen", tcp_listen, 2),
        ("read", tcp_read, 3),
        ("shutdown", tcp_shutdown, 2),
        ("write", tcp_write, 3),
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
