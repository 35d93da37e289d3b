//! The per-request work of `stdlib/js/http.js`'s server done in Rust, as
//! Node does it in C++ (llhttp and the stream base): a tree-walking
//! interpreter spends most of a hello-world request making objects and
//! building strings, so these are made here.
//!
//! - [`Serve`] / [`request_objects`]: for each request head the connection
//!   parses (`tcp_binding.rs`), the `IncomingMessage` (method, url, headers
//!   lower-cased with Node's rules for repeats, rawHeaders, version) and
//!   its `ServerResponse` are made here with their prototypes from
//!   http.js, instead of by their JavaScript constructors; only the fields
//!   that differ from the prototypes' defaults are set.
//! - `httpHead(msg, firstLine, headers, fromMap)` (on the tcp binding):
//!   the head of an outgoing message as `OutgoingMessage#_storeHeader`
//!   builds it (user headers in order, Date, Connection/Keep-Alive,
//!   Content-Length or chunked); returns the head, or `false` when a header
//!   needs the JavaScript path (an invalid name or value, which that path
//!   reports with Node's error, or a value that is not a string, number or
//!   boolean).
//! - [`serve_request`] / `finish_response`: the usual request's dispatch
//!   ('request' to the one listener) and its response's finish (the
//!   connection idle again), the steps of `connectionListener`'s
//!   `conn.onhttp` and `conn.finish`, which run for every other case.
//! - `httpSetup(writeHead, end, finishMessage, afterEnd, STATUS_CODES,
//!   emitClose, EventEmitter.prototype.emit)`
//!   returns native `ServerResponse#writeHead` and `#end` for the usual
//!   calls (`writeHead(status[, reason][, headersObject])` before any
//!   header is set; `end([string])` with nothing queued on the socket):
//!   the same steps as the JavaScript methods given, which they call for
//!   every other case.

use std::cell::RefCell;

use interp::operations::{create_array_from_list, get, new_object, same_value, set, to_boolean};
use interp::{Attributes, Interp, JsObject, JsResult, PropertyKey, Value};

use crate::http_parser::Head;

/// The property key `name`, the interned one that `o.name` in the source
/// uses (one FxHash lookup; a hit in a small property map is by pointer).
/// Remembered in a small direct-mapped cache by the name's address (the
/// names are literals), so that the usual lookup neither hashes nor
/// compares text. (A key cached for another interpreter on this thread is
/// still the right key, only not the pointer-equal one.)
fn key(interp: &mut Interp, name: &'static str) -> PropertyKey {
    const SLOTS: usize = 256;
    thread_local! {
        static CACHE: RefCell<Vec<(usize, PropertyKey)>> = const { RefCell::new(Vec::new()) };
    }
    let address = name.as_ptr() as usize;
    let slot = (address.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 24) % SLOTS;
    let hit = CACHE.with(|c| match c.borrow().get(slot) {
        Some((a, k)) if *a == address => Some(k.clone()),
        _ => None,
    });
    if let Some(k) = hit {
        return k;
    }
    let k = interp.interned_key(name);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_empty() {
            c.resize(SLOTS, (0, k.clone()));
        }
        c[slot] = (address, k.clone());
    });
    k
}

/// What a server connection needs to make its requests' objects
/// (`httpStart`'s last argument: `[socket, server, IncomingMessage.prototype,
/// ServerResponse.prototype, conn]`, `conn` the connection's state object of
/// http.js's `connectionListener`).
pub struct Serve {
    socket: Value,
    server: JsObject,
    req_proto: JsObject,
    res_proto: JsObject,
    conn: JsObject,
}

impl Serve {
    pub fn from_value(interp: &mut Interp, v: &Value) -> JsResult<Option<Serve>> {
        let Value::Object(list) = v else {
            return Ok(None);
        };
        let mut items = Vec::with_capacity(5);
        for i in 0..5u32 {
            items.push(list.get(interp, &PropertyKey::from(i), v)?);
        }
        let obj = |v: &Value| match v {
            Value::Object(o) => Some(o.clone()),
            _ => None,
        };
        let (Some(server), Some(req_proto), Some(res_proto), Some(conn)) = (
            obj(&items[1]),
            obj(&items[2]),
            obj(&items[3]),
            obj(&items[4]),
        ) else {
            return Ok(None);
        };
        Ok(Some(Serve {
            socket: items[0].clone(),
            server,
            req_proto,
            res_proto,
            conn,
        }))
    }
}

/// Headers of which Node keeps the first and drops repeats.
const SINGLE: &[&str] = &[
    "age",
    "authorization",
    "content-length",
    "content-type",
    "etag",
    "expires",
    "from",
    "host",
    "if-modified-since",
    "if-unmodified-since",
    "last-modified",
    "location",
    "max-forwards",
    "proxy-authorization",
    "referer",
    "retry-after",
    "server",
    "user-agent",
];

/// `req.headers`: names lower-cased; repeats of `set-cookie` collect in an
/// array, of `cookie` join with `; `, of the [`SINGLE`] ones are dropped,
/// of the rest join with `, `.
fn headers_object(interp: &mut Interp, headers: &[(String, String)]) -> JsObject {
    let o = new_object(interp);
    let all = Attributes::all();
    for (name, value) in headers {
        // httparse accepts only token characters in names: ASCII.
        let lower = name.to_ascii_lowercase();
        let key = interp.interned_key(&lower);
        match o.get_own_data(&key) {
            None if lower == "set-cookie" => {
                let list = create_array_from_list(interp, vec![Value::from(value.as_str())]);
                o.define_value(key, Value::Object(list), all);
            }
            None => o.define_value(key, Value::from(value.as_str()), all),
            Some(Value::Object(list)) if lower == "set-cookie" => {
                list.array_push(Value::from(value.as_str()));
            }
            Some(old) => {
                if SINGLE.contains(&lower.as_str()) {
                    continue;
                }
                let sep = if lower == "cookie" { "; " } else { ", " };
                let old = match old {
                    Value::String(s) => s.to_rust_string(),
                    _ => String::new(),
                };
                o.define_value(key, Value::from(format!("{old}{sep}{value}")), all);
            }
        }
    }
    o
}

/// A message's `headers` (see [`headers_object`]) and `rawHeaders`
/// (`[name, value, ...]` as sent).
pub fn header_values(interp: &mut Interp, headers: Vec<(String, String)>) -> (Value, Value) {
    let object = headers_object(interp, &headers);
    let raw = raw_headers(interp, headers);
    (Value::Object(object), Value::Object(raw))
}

/// `rawHeaders`: `[name, value, ...]` as sent.
fn raw_headers(interp: &mut Interp, headers: Vec<(String, String)>) -> JsObject {
    let mut flat = Vec::with_capacity(headers.len() * 2);
    for (name, value) in headers {
        flat.push(Value::from(name));
        flat.push(Value::from(value));
    }
    create_array_from_list(interp, flat)
}

/// `httpHeaders(rawHeaders)`: a message's `headers` (see
/// [`headers_object`]) from its `[name, value, ...]` (the getter of
/// http.js's `IncomingMessage#headers`, as Node makes them when first read).
pub fn http_headers(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let mut pairs = Vec::new();
    if let Some(Value::Object(raw)) = args.first() {
        let source = Value::Object(raw.clone());
        let len = if raw.is_array() {
            raw.array_length()
        } else {
            0
        };
        let mut i = 0;
        while i + 1 < len {
            let name = raw.get(interp, &PropertyKey::from(i), &source)?;
            let value = raw.get(interp, &PropertyKey::from(i + 1), &source)?;
            let text = |v: Value| match v {
                Value::String(s) => s.to_rust_string(),
                _ => String::new(),
            };
            pairs.push((text(name), text(value)));
            i += 2;
        }
    }
    Ok(Value::Object(headers_object(interp, &pairs)))
}

/// The `IncomingMessage` and `ServerResponse` of a request head, and
/// whether the request needs http.js's `specialRequest` (an HTTP/1.1
/// request without Host, or one with Expect).
pub fn request_objects(
    interp: &mut Interp,
    serve: &Serve,
    head: Head,
) -> JsResult<(Value, Value, bool)> {
    let all = Attributes::all();
    let has = |name: &str| {
        head.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    let special = (head.minor >= 1 && !has("host")) || has("expect");
    // (`headers` is made from rawHeaders when first read.)
    let raw = raw_headers(interp, head.headers);
    let head_request = head.method == "HEAD";
    let req = interp.alloc_object(
        Some(serve.req_proto.clone()),
        interp::object::ObjectKind::Ordinary,
    );
    req.define_value(key(interp, "socket"), serve.socket.clone(), all);
    req.define_value(key(interp, "complete"), Value::from(false), all);
    req.define_value(key(interp, "_eofPending"), Value::from(false), all);
    req.define_value(key(interp, "method"), Value::from(head.method), all);
    req.define_value(key(interp, "url"), Value::from(head.url), all);
    req.define_value(key(interp, "rawHeaders"), Value::Object(raw), all);
    if head.minor != 1 {
        req.define_value(
            key(interp, "httpVersionMinor"),
            Value::from(head.minor as u32),
            all,
        );
        req.define_value(
            key(interp, "httpVersion"),
            Value::from(format!("1.{}", head.minor)),
            all,
        );
    }
    let res = interp.alloc_object(
        Some(serve.res_proto.clone()),
        interp::object::ObjectKind::Ordinary,
    );
    // The fields writeHead/end and http.js assign, as own properties from
    // the start (as Node's constructor makes them): an assignment then
    // updates them in place instead of looking along the prototype chain
    // and adding a property.
    for (name, v) in [
        ("_header", Value::Null),
        ("_headerSent", Value::from(false)),
        ("_finishDone", Value::from(false)),
        ("writableEnded", Value::from(false)),
        ("writableFinished", Value::from(false)),
        ("finished", Value::from(false)),
        ("chunkedEncoding", Value::from(false)),
        ("_last", Value::from(false)),
        ("statusCode", Value::from(200)),
        ("statusMessage", Value::Undefined),
        ("socket", Value::Null),
        ("_attached", Value::from(false)),
    ] {
        res.define_value(key(interp, name), v, all);
    }
    res.define_value(key(interp, "req"), Value::Object(req.clone()), all);
    let keep_alive_timeout = prop(interp, &serve.server, "keepAliveTimeout")?;
    res.define_value(key(interp, "_keepAliveTimeout"), keep_alive_timeout, all);
    res.define_value(
        key(interp, "_onFinish"),
        Value::Object(serve.conn.clone()),
        all,
    );
    if !head.keep_alive {
        res.define_value(key(interp, "shouldKeepAlive"), Value::from(false), all);
    }
    if head.minor < 1 {
        res.define_value(
            key(interp, "useChunkedEncodingByDefault"),
            Value::from(false),
            all,
        );
    }
    if head_request {
        res.define_value(key(interp, "_hasBody"), Value::from(false), all);
    }
    Ok((Value::Object(req), Value::Object(res), special))
}

fn object(v: Value) -> Option<JsObject> {
    match v {
        Value::Object(o) => Some(o),
        _ => None,
    }
}

/// `conn.onhttp(1, req, res, complete)` of http.js's `connectionListener`
/// for the usual request (not `special`, the socket not destroyed, the
/// server's `emit` EventEmitter's with one function listening to
/// 'request'): queues the response, calls the listener, ends a request
/// without a body. The same steps; `false` (nothing done) for the others.
pub fn serve_request(
    interp: &mut Interp,
    serve: &Serve,
    req: &Value,
    res: &Value,
    complete: bool,
    special: bool,
) -> JsResult<bool> {
    let (Value::Object(req_obj), Value::Object(res_obj), Value::Object(socket)) =
        (req, res, &serve.socket)
    else {
        return Ok(false);
    };
    if special {
        return Ok(false);
    }
    let Some(ws) = object(prop(interp, socket, "_writableState")?) else {
        return Ok(false);
    };
    if to_boolean(&prop(interp, &ws, "destroyed")?) {
        return Ok(false);
    }
    let server = &serve.server;
    let emit = prop(interp, server, "emit")?;
    if !same_value(&emit, &stored(interp, EE_EMIT)) {
        return Ok(false);
    }
    let Some(events) = object(prop(interp, server, "_events")?) else {
        return Ok(false);
    };
    let listener = prop(interp, &events, "request")?;
    if !matches!(&listener, Value::Object(f) if f.is_callable()) {
        return Ok(false);
    }
    let conn = &serve.conn;
    let Some(responses) = object(prop(interp, conn, "responses")?) else {
        return Ok(false);
    };
    if !responses.is_array() {
        return Ok(false);
    }
    set_prop(interp, socket, "_idleSince", Value::from(0))?;
    set_prop(interp, conn, "incoming", req.clone())?;
    responses.array_push(res.clone());
    if responses.array_length() == 1 {
        set_prop(interp, res_obj, "socket", serve.socket.clone())?;
        set_prop(interp, res_obj, "_attached", Value::from(true))?;
    }
    interp.call(
        &listener,
        &Value::Object(server.clone()),
        &[req.clone(), res.clone()],
    )?;
    if complete && same_value(&prop(interp, conn, "incoming")?, req) {
        set_prop(interp, req_obj, "complete", Value::from(true))?;
        if to_boolean(&prop(interp, req_obj, "_hasState")?) {
            let push = prop(interp, req_obj, "push")?;
            interp.call(&push, req, &[Value::Null])?;
        } else {
            set_prop(interp, req_obj, "_eofPending", Value::from(true))?;
        }
        set_prop(interp, conn, "incoming", Value::Null)?;
    }
    Ok(true)
}

/// `conn.finish(res)` of http.js's `connectionListener` (a response is all
/// out) for the usual case: `res` the only response queued, its request
/// complete with no listeners, the connection staying open; then the
/// connection is idle unless the next request has come. The same steps;
/// `false` (nothing done) for the others.
fn finish_response(interp: &mut Interp, conn: &JsObject, res: &JsObject) -> JsResult<bool> {
    let Some(responses) = object(prop(interp, conn, "responses")?) else {
        return Ok(false);
    };
    if !responses.is_array() || responses.array_length() != 1 {
        return Ok(false);
    }
    match responses.get_own_data(&PropertyKey::Index(0)) {
        Some(Value::Object(first)) if first == *res => {}
        _ => return Ok(false),
    }
    let Some(req) = object(prop(interp, res, "req")?) else {
        return Ok(false);
    };
    if !to_boolean(&prop(interp, &req, "complete")?)
        || !matches!(prop(interp, &req, "_events")?, Value::Undefined)
        || to_boolean(&prop(interp, res, "_last")?)
        || to_boolean(&prop(interp, conn, "clientEnded")?)
    {
        return Ok(false);
    }
    let (Some(server), Some(socket)) = (
        object(prop(interp, conn, "server")?),
        object(prop(interp, conn, "socket")?),
    ) else {
        return Ok(false);
    };
    let idle = matches!(prop(interp, conn, "incoming")?, Value::Null)
        && matches!(prop(interp, &server, "keepAliveTimeout")?, Value::Number(t) if t > 0.0);
    let idle_set = if idle {
        if matches!(prop(interp, &server, "_sweep")?, Value::Null) {
            return Ok(false);
        }
        let Some(set) = object(prop(interp, &server, "_idle")?) else {
            return Ok(false);
        };
        Some(set)
    } else {
        None
    };
    set_prop(interp, &responses, "length", Value::from(0))?;
    let emit_close = stored(interp, EMIT_CLOSE);
    interp::event_loop::next_tick(
        interp,
        emit_close,
        vec![Value::Object(res.clone()), Value::Object(req)],
    );
    if let Some(set) = idle_set {
        set_prop(
            interp,
            &socket,
            "_idleSince",
            Value::from(crate::intrinsics::date::now()),
        )?;
        let add = prop(interp, &set, "add")?;
        interp.call(&add, &Value::Object(set), &[Value::Object(socket)])?;
    }
    Ok(true)
}

// ---------------------------------------------------------------------------
// Heads of outgoing messages.

/// RFC 9110 token characters (header names).
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'!' | b'#'
                        | b'$'
                        | b'%'
                        | b'&'
                        | b'\''
                        | b'*'
                        | b'+'
                        | b'-'
                        | b'.'
                        | b'^'
                        | b'_'
                        | b'`'
                        | b'|'
                        | b'~'
                )
        })
}

/// Characters Node accepts in a header value (tab, visible ASCII, space, Latin-1).
fn is_valid_value(value: &str) -> bool {
    value
        .chars()
        .all(|c| c == '\t' || (' '..='~').contains(&c) || ('\u{80}'..='\u{ff}').contains(&c))
}

/// A header value as `name + ': ' + value` shows it, for the values that
/// need no user code to convert; `None` for the others.
fn plain_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.to_rust_string()),
        Value::Number(n) => Some(interp::number::number_to_string(*n)),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

thread_local! {
    /// The Date header's text and the second it shows (Node also builds it
    /// at most once a second).
    static DATE: RefCell<(i64, String)> = const { RefCell::new((i64::MIN, String::new())) };
}

fn utc_date() -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    let second = ms.div_euclid(1000);
    DATE.with(|d| {
        let mut d = d.borrow_mut();
        if d.0 != second {
            *d = (
                second,
                crate::intrinsics::date::utc_string((second * 1000) as f64),
            );
        }
        d.1.clone()
    })
}

/// What the headers say about the message's framing.
#[derive(Default)]
struct Seen {
    date: bool,
    connection: bool,
    close: bool,
    length: bool,
    encoding: bool,
    chunked: bool,
}

impl Seen {
    fn note(&mut self, lower: &str, value: &str) {
        match lower {
            "date" => self.date = true,
            "connection" => {
                self.connection = true;
                if value
                    .split(',')
                    .any(|t| t.trim().eq_ignore_ascii_case("close"))
                {
                    self.close = true;
                }
            }
            "content-length" => self.length = true,
            "transfer-encoding" => {
                self.encoding = true;
                let v = value.trim_end().as_bytes();
                if v.len() >= 7 && v[v.len() - 7..].eq_ignore_ascii_case(b"chunked") {
                    self.chunked = true;
                }
            }
            _ => {}
        }
    }
}

/// Appends `name: value` lines for one header (each element of an array).
/// `validate`: check the name and values as `setHeader` does. `false` when
/// the JavaScript path must take over.
fn add_header(
    interp: &mut Interp,
    head: &mut String,
    seen: &mut Seen,
    name: &str,
    value: &Value,
    validate: bool,
) -> JsResult<bool> {
    if validate && !is_token(name) {
        return Ok(false);
    }
    let lower = name.to_ascii_lowercase();
    let mut one = |text: String| {
        if validate && !is_valid_value(&text) {
            return false;
        }
        head.push_str(name);
        head.push_str(": ");
        head.push_str(&text);
        head.push_str("\r\n");
        seen.note(&lower, &text);
        true
    };
    if let Value::Object(list) = value {
        if !list.is_array() {
            return Ok(false);
        }
        let len = list.array_length();
        let mut texts = Vec::with_capacity(len as usize);
        for i in 0..len {
            let item = list.get(interp, &PropertyKey::from(i), value)?;
            let Some(text) = plain_text(&item) else {
                return Ok(false);
            };
            texts.push(text);
        }
        for text in texts {
            if !one(text) {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    match plain_text(value) {
        Some(text) => Ok(one(text)),
        None => Ok(false),
    }
}

/// `httpHead(msg, firstLine, headers, fromMap)`: see the module doc.
/// `headers` is `msg._headers` (lower-cased name -> [name, value], already
/// validated) when `fromMap`, else the object given to `writeHead` (or
/// null). Sets `msg.shouldKeepAlive`, `msg._last` and
/// `msg.chunkedEncoding` as `_storeHeader` does.
pub fn http_head(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    let Value::Object(msg) = arg(0) else {
        return Ok(Value::from(false));
    };
    let first = match arg(1) {
        Value::String(s) => s.to_rust_string(),
        _ => return Ok(Value::from(false)),
    };
    Ok(
        match build_head(interp, &msg, &first, arg(2), to_boolean(&arg(3)))? {
            Some(head) => Value::from(head),
            None => Value::from(false),
        },
    )
}

/// [`http_head`]'s work: the head, or `None` for the JavaScript path.
fn build_head(
    interp: &mut Interp,
    msg: &JsObject,
    first: &str,
    headers: Value,
    from_map: bool,
) -> JsResult<Option<String>> {
    let mut head = String::with_capacity(256);
    head.push_str(first);
    let mut seen = Seen::default();
    if let Value::Object(headers) = headers {
        let source = Value::Object(headers.clone());
        for key in headers.own_property_keys() {
            if key.is_symbol() {
                continue;
            }
            match headers.get_own_property(&key) {
                Some(d) if d.enumerable_or_false() => {}
                _ => continue,
            }
            let value = headers.get(interp, &key, &source)?;
            let ok = if from_map {
                let Value::Object(entry) = &value else {
                    return Ok(None);
                };
                let name = entry.get(interp, &PropertyKey::from(0u32), &value)?;
                let v = entry.get(interp, &PropertyKey::from(1u32), &value)?;
                let Value::String(name) = name else {
                    return Ok(None);
                };
                add_header(
                    interp,
                    &mut head,
                    &mut seen,
                    &name.to_rust_string(),
                    &v,
                    false,
                )?
            } else {
                let name = key.to_display();
                add_header(interp, &mut head, &mut seen, &name, &value, true)?
            };
            if !ok {
                return Ok(None);
            }
        }
    }
    let flag = |interp: &mut Interp, name: &'static str| -> JsResult<bool> {
        Ok(to_boolean(&prop(interp, msg, name)?))
    };
    if flag(interp, "sendDate")? && !seen.date {
        head.push_str("Date: ");
        head.push_str(&utc_date());
        head.push_str("\r\n");
    }
    let mut keep_alive = flag(interp, "shouldKeepAlive")?;
    let chunked_default = flag(interp, "useChunkedEncodingByDefault")?;
    let has_body = flag(interp, "_hasBody")?;
    let mut last = false;
    if !seen.connection {
        if keep_alive && (seen.length || chunked_default) {
            head.push_str("Connection: keep-alive\r\n");
            let timeout = prop(interp, msg, "_keepAliveTimeout")?;
            if let Value::Number(t) = timeout {
                if t != 0.0 && !t.is_nan() {
                    head.push_str("Keep-Alive: timeout=");
                    head.push_str(&interp::number::number_to_string((t / 1000.0).floor()));
                    head.push_str("\r\n");
                }
            }
        } else {
            last = true;
            head.push_str("Connection: close\r\n");
        }
    } else {
        if seen.close {
            keep_alive = false;
        }
        if !keep_alive {
            last = true;
        }
    }
    let mut chunked = seen.chunked;
    if !seen.length && !seen.encoding && has_body {
        if !chunked_default {
            last = true;
        } else {
            match prop(interp, msg, "_contentLength")? {
                Value::Null | Value::Undefined => {
                    head.push_str("Transfer-Encoding: chunked\r\n");
                    chunked = true;
                }
                length => {
                    head.push_str("Content-Length: ");
                    head.push_str(&plain_text(&length).unwrap_or_default());
                    head.push_str("\r\n");
                }
            }
        }
    }
    head.push_str("\r\n");
    if seen.close {
        set_prop(interp, msg, "shouldKeepAlive", Value::from(false))?;
    }
    if last {
        set_prop(interp, msg, "_last", Value::from(true))?;
    }
    if chunked {
        set_prop(interp, msg, "chunkedEncoding", Value::from(true))?;
    }
    Ok(Some(head))
}

// ---------------------------------------------------------------------------
// ServerResponse#writeHead and #end.

const SLOW_WRITE_HEAD: &str = "%http.writeHead%";
const SLOW_END: &str = "%http.end%";
const FINISH_MESSAGE: &str = "%http.finishMessage%";
const AFTER_END: &str = "%http.afterEnd%";
const STATUS_CODES: &str = "%http.STATUS_CODES%";
const EMIT_CLOSE: &str = "%http.emitClose%";
const EE_EMIT: &str = "%EventEmitter.prototype.emit%";

fn stored(interp: &Interp, name: &'static str) -> Value {
    interp.host_data.get(name).cloned().unwrap_or_default()
}

/// `httpSetup(...)`: see the module doc.
pub fn http_setup(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let names = [
        SLOW_WRITE_HEAD,
        SLOW_END,
        FINISH_MESSAGE,
        AFTER_END,
        STATUS_CODES,
        EMIT_CLOSE,
        EE_EMIT,
    ];
    for (i, name) in names.into_iter().enumerate() {
        let v = args.get(i).cloned().unwrap_or_default();
        interp.host_data.insert(name, v);
    }
    let out = new_object(interp);
    let methods: [(&str, interp::function::NativeFn); 2] =
        [("writeHead", res_write_head), ("end", res_end)];
    for (name, f) in methods {
        let func = interp::function::create_native_function(interp, f, name, 3);
        out.define_value(
            PropertyKey::from(name),
            Value::Object(func),
            Attributes::all(),
        );
    }
    Ok(Value::Object(out))
}

fn slow(interp: &mut Interp, name: &'static str, this: &Value, args: &[Value]) -> JsResult<Value> {
    let f = stored(interp, name);
    interp.call(&f, this, args)
}

fn prop(interp: &mut Interp, o: &JsObject, name: &'static str) -> JsResult<Value> {
    let k = key(interp, name);
    get(interp, o, &k)
}

fn set_prop(interp: &mut Interp, o: &JsObject, name: &'static str, v: Value) -> JsResult<()> {
    let k = key(interp, name);
    set(interp, o, k, v, false)
}

/// `res.writeHead(statusCode[, reason][, headers])`.
fn res_write_head(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    let Value::Object(res) = this else {
        return slow(interp, SLOW_WRITE_HEAD, this, args);
    };
    let code = match arg(0) {
        Value::Number(n) if n.fract() == 0.0 && (100.0..=999.0).contains(&n) => n as u32,
        _ => return slow(interp, SLOW_WRITE_HEAD, this, args),
    };
    let (reason, headers) = match (arg(1), arg(2)) {
        (Value::String(r), h) => (Some(r.to_rust_string()), h),
        (h, Value::Undefined) => (None, h),
        _ => return slow(interp, SLOW_WRITE_HEAD, this, args),
    };
    let plain_object = match &headers {
        Value::Undefined | Value::Null => true,
        Value::Object(o) => !o.is_array() && !o.is_callable(),
        _ => false,
    };
    if !plain_object
        || !matches!(prop(interp, res, "_header")?, Value::Null)
        || !matches!(prop(interp, res, "_headers")?, Value::Null)
    {
        return slow(interp, SLOW_WRITE_HEAD, this, args);
    }
    let message = match reason {
        Some(r) => r,
        None => match prop(interp, res, "statusMessage")? {
            Value::String(s) => s.to_rust_string(),
            Value::Undefined => {
                let table = stored(interp, STATUS_CODES);
                match &table {
                    Value::Object(t) => match t.get(interp, &PropertyKey::from(code), &table)? {
                        Value::String(s) => s.to_rust_string(),
                        _ => "unknown".to_string(),
                    },
                    _ => "unknown".to_string(),
                }
            }
            _ => return slow(interp, SLOW_WRITE_HEAD, this, args),
        },
    };
    if code == 204 || code == 304 || (100..200).contains(&code) {
        set_prop(interp, res, "_hasBody", Value::from(false))?;
    }
    let first = format!("HTTP/1.1 {code} {message}\r\n");
    let headers = match headers {
        Value::Undefined => Value::Null,
        h => h,
    };
    let Some(head) = build_head(interp, res, &first, headers, false)? else {
        return slow(interp, SLOW_WRITE_HEAD, this, args);
    };
    set_prop(interp, res, "statusCode", Value::from(code))?;
    set_prop(interp, res, "statusMessage", Value::from(message))?;
    set_prop(interp, res, "_header", Value::from(head))?;
    Ok(this.clone())
}

/// `res.end([chunk])`: the whole message in one write when nothing is
/// queued before it.
fn res_end(interp: &mut Interp, this: &Value, args: &[Value]) -> JsResult<Value> {
    let Value::Object(res) = this else {
        return slow(interp, SLOW_END, this, args);
    };
    let chunk = args.first().cloned().unwrap_or_default();
    let body = match &chunk {
        Value::Undefined | Value::Null => None,
        Value::String(s) => Some(s.clone()),
        _ => return slow(interp, SLOW_END, this, args),
    };
    let flag = |interp: &mut Interp, o: &JsObject, name: &'static str| -> JsResult<bool> {
        Ok(to_boolean(&prop(interp, o, name)?))
    };
    if args.iter().skip(1).any(|a| !matches!(a, Value::Undefined))
        || flag(interp, res, "writableEnded")?
        || flag(interp, res, "_headerSent")?
        || !flag(interp, res, "_attached")?
    {
        return slow(interp, SLOW_END, this, args);
    }
    let Value::Object(socket) = prop(interp, res, "socket")? else {
        return slow(interp, SLOW_END, this, args);
    };
    let Value::Number(id) = prop(interp, &socket, "_id")? else {
        return slow(interp, SLOW_END, this, args);
    };
    let Value::Object(ws) = prop(interp, &socket, "_writableState")? else {
        return slow(interp, SLOW_END, this, args);
    };
    let busy = !matches!(prop(interp, &ws, "length")?, Value::Number(n) if n == 0.0)
        || flag(interp, &ws, "writing")?
        || flag(interp, &ws, "corked")?
        || flag(interp, &ws, "ending")?
        || flag(interp, &ws, "destroyed")?;
    if busy {
        return slow(interp, SLOW_END, this, args);
    }
    let body = body.map(|s| match s.as_ascii() {
        Some(a) => a.as_bytes().to_vec(),
        None => s.to_rust_string().into_bytes(),
    });
    if matches!(prop(interp, res, "_header")?, Value::Null) {
        let size = body.as_ref().map_or(0, |b| b.len());
        set_prop(interp, res, "_contentLength", Value::from(size))?;
        let implicit = prop(interp, res, "_implicitHeader")?;
        interp.call(&implicit, this, &[])?;
    }
    let Value::String(head) = prop(interp, res, "_header")? else {
        return slow(interp, SLOW_END, this, args);
    };
    let body = match flag(interp, res, "_hasBody")? {
        true => body.unwrap_or_default(),
        false => Vec::new(),
    };
    let chunked = flag(interp, res, "chunkedEncoding")?;
    let head = match head.as_ascii() {
        Some(a) => a.as_bytes().to_vec(),
        None => head.to_rust_string().into_bytes(),
    };
    let data = crate::tcp_binding::message_bytes(head, &body, chunked);
    let size = data.len();
    for name in ["_headerSent", "writableEnded", "finished"] {
        set_prop(interp, res, name, Value::from(true))?;
    }
    let after_end = stored(interp, AFTER_END);
    if crate::tcp_binding::write_bytes(interp, id as u32, data, after_end, this.clone()) {
        let written = match prop(interp, &socket, "_bytesWritten")? {
            Value::Number(n) => n,
            _ => 0.0,
        };
        set_prop(
            interp,
            &socket,
            "_bytesWritten",
            Value::from(written + size as f64),
        )?;
        // All of it is out: finished as Node's getter tells ('finish' follows).
        set_prop(interp, res, "writableFinished", Value::from(true))?;
        let finish = stored(interp, FINISH_MESSAGE);
        interp::event_loop::next_tick(interp, finish, vec![this.clone()]);
    } else {
        set_prop(interp, res, "_endBytes", Value::from(size))?;
    }
    Ok(this.clone())
}

/// Calls `o.emit(event)` when `o` has a listener table.
fn emit_if_listened(interp: &mut Interp, o: &JsObject, event: &'static str) -> JsResult<()> {
    if matches!(prop(interp, o, "_events")?, Value::Undefined) {
        return Ok(());
    }
    let emit = prop(interp, o, "emit")?;
    interp.call(&emit, &Value::Object(o.clone()), &[Value::from(event)])?;
    Ok(())
}

/// `httpFinish(msg)`: all of an outgoing message is out (http.js's
/// `finishMessage`): `writableFinished`, then `msg._onFinish(msg)` (the
/// server's bookkeeping, first as Node's own listener), then 'finish'.
pub fn http_finish(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    let Some(Value::Object(msg)) = args.first() else {
        return Ok(Value::Undefined);
    };
    if to_boolean(&prop(interp, msg, "_finishDone")?) {
        return Ok(Value::Undefined);
    }
    set_prop(interp, msg, "_finishDone", Value::from(true))?;
    set_prop(interp, msg, "writableFinished", Value::from(true))?;
    // A server response's connection state: its `finish(msg)`.
    if let Value::Object(conn) = prop(interp, msg, "_onFinish")? {
        if !finish_response(interp, &conn, msg)? {
            let finish = prop(interp, &conn, "finish")?;
            let msg = Value::Object(msg.clone());
            interp.call(&finish, &Value::Undefined, std::slice::from_ref(&msg))?;
        }
    }
    emit_if_listened(interp, msg, "finish")?;
    Ok(Value::Undefined)
}

/// `httpEmitClose(res, req)`: 'close' on each, when it has listeners.
pub fn http_emit_close(interp: &mut Interp, _this: &Value, args: &[Value]) -> JsResult<Value> {
    for v in args.iter().take(2) {
        if let Value::Object(o) = v {
            emit_if_listened(interp, o, "close")?;
        }
    }
    Ok(Value::Undefined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_values_are_checked_as_node_does() {
        assert!(is_token("Content-Type"));
        assert!(is_token("x-a_b.c~"));
        assert!(!is_token(""));
        assert!(!is_token("bad name"));
        assert!(!is_token("bad:name"));
        assert!(is_valid_value("text/plain; a=\"b\"\tc"));
        assert!(is_valid_value("caf\u{e9}"));
        assert!(!is_valid_value("a\r\nb"));
        assert!(!is_valid_value("\u{100}"));
    }

    #[test]
    fn framing_headers_are_recognised() {
        let mut s = Seen::default();
        s.note("connection", "keep-alive, Close ");
        assert!(s.connection && s.close);
        s.note("transfer-encoding", "gzip, CHUNKED  ");
        assert!(s.encoding && s.chunked);
        let mut s = Seen::default();
        s.note("connection", "closed");
        s.note("transfer-encoding", "chunked, gzip");
        assert!(s.connection && !s.close && s.encoding && !s.chunked);
    }
}
