'use strict';
// http: HTTP/1.1 servers and clients over net sockets. As Node's, the
// server reads a connection through the native parser
// (binding.httpStart, stdlib/src/http_parser.rs, built on httparse) rather
// than through the socket's 'data' events. Keep-alive and pipelining: the
// responses to pipelined requests go out in order, a later one waiting
// (buffered) until the one before it has finished. A malformed request gets
// `400 Bad Request` (431 for an oversized head) and its connection closes;
// the server goes on serving the others.

const net = require('./net.js');
const EventEmitter = require('./events.js');
const { Readable, ReadableState } = require('./stream_readable.js');
const { Stream } = require('./stream_legacy.js');
const { Buffer, adoptBytes } = require('./buffer.js');
const { netError } = require('./fs_errors.js');

const binding = globalThis.__minijs_tcp;

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information',
  204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status',
  208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently',
  302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy',
  307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized',
  402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed',
  413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable', 417: 'Expectation Failed', 418: "I'm a Teapot",
  421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required',
  428: 'Precondition Required', 429: 'Too Many Requests',
  431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout', 505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates', 507: 'Insufficient Storage', 508: 'Loop Detected',
  509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required',
};

const METHODS = [
  'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK',
  'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS',
  'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT',
  'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE',
];

function codedError(Ctor, code, message) {
  const err = new Ctor(message);
  err.code = code;
  err.stack = `${err.name} [${code}]: ${message}`;
  return err;
}

const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

function validateHeaderName(name) {
  if (typeof name !== 'string' || !name || !TOKEN.test(name)) {
    throw codedError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `Header name must be a valid HTTP token ["${name}"]`);
  }
}

function validateHeaderValue(name, value) {
  if (value === undefined) {
    throw codedError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', `Invalid value "${value}" for header "${name}"`);
  }
  if (INVALID_VALUE.test(String(value))) {
    throw codedError(TypeError, 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
  }
}

// The Date header, computed at most once a second as Node caches it.
let dateCache = '';
let dateCacheUntil = 0;
function utcDate() {
  const now = Date.now();
  if (now >= dateCacheUntil) {
    dateCache = new Date(now).toUTCString();
    dateCacheUntil = now - (now % 1000) + 1000;
  }
  return dateCache;
}

// ---------------------------------------------------------------------------
// IncomingMessage: a request (server side) or a response (client side).

//
// A Readable whose stream state is made when first used: most requests
// have no body and are never read, and the state is the costliest part of
// a request in an interpreter. The end of an unread body is remembered
// and pushed when (if ever) the state is made.

// A server's requests are made in Rust (stdlib/src/http_server.rs) with
// this prototype: own socket, method, url, rawHeaders (and the
// version when not 1.1); their listener table is made when first used.
function IncomingMessage(socket) {
  EventEmitter.init.call(this);
  this.socket = socket;
  this.rawHeaders = [];
  this.headers = {};
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);
// Defaults on the prototype: a message sets only what differs.
Object.assign(IncomingMessage.prototype, {
  httpVersionMajor: 1,
  httpVersionMinor: 1,
  httpVersion: '1.1',
  complete: false,
  aborted: false,
  upgrade: false,
  url: '',
  method: null,
  statusCode: null,
  statusMessage: null,
  _eofPending: false,
  // Whether the stream state has been made (see below).
  _hasState: false,
});

function ownReadableState(stream, state) {
  Object.defineProperty(stream, '_readableState', {
    value: state, writable: true, configurable: true, enumerable: true,
  });
  stream._hasState = true;
}

// Trailers (never parsed into: they are skipped) made when first used.
for (const [name, make] of [['rawTrailers', () => []], ['trailers', () => ({})]]) {
  Object.defineProperty(IncomingMessage.prototype, name, {
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(this, name, { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
    set(value) {
      Object.defineProperty(this, name, { value, writable: true, configurable: true, enumerable: true });
    },
  });
}

Object.defineProperty(IncomingMessage.prototype, '_readableState', {
  configurable: true,
  get() {
    const state = new ReadableState(undefined, this, false);
    ownReadableState(this, state);
    if (this._eofPending) {
      this._eofPending = false;
      this.push(null);
    }
    return state;
  },
  set(state) {
    ownReadableState(this, state);
  },
});

// `headers` as Node's: made from rawHeaders when first read (names
// lower-cased, repeats joined as Node does: http_server.rs), or set.
const kHeaders = Symbol('kHeaders');
Object.defineProperty(IncomingMessage.prototype, 'headers', {
  configurable: true,
  get() {
    let headers = this[kHeaders];
    if (headers === undefined) {
      headers = binding.httpHeaders(this.rawHeaders);
      this[kHeaders] = headers;
    }
    return headers;
  },
  set(value) {
    this[kHeaders] = value;
  },
});

Object.defineProperty(IncomingMessage.prototype, 'connection', {
  configurable: true,
  get() {
    return this.socket;
  },
});

/** The head's version and headers (`headers` lower-cased by the binding, as Node's). */
IncomingMessage.prototype._setHead = function _setHead(minor, raw, headers) {
  this.httpVersionMinor = minor;
  this.httpVersion = '1.' + minor;
  this.rawHeaders = raw;
  this.headers = headers;
};

/** The body is complete: its end, now or when the stream is first used. */
IncomingMessage.prototype._endBody = function _endBody() {
  this.complete = true;
  if (this._hasState) this.push(null);
  else this._eofPending = true;
};

IncomingMessage.prototype._read = function _read() {};

IncomingMessage.prototype.setTimeout = function setTimeout(ms, cb) {
  if (this.socket) this.socket.setTimeout(ms, cb);
  return this;
};

// ---------------------------------------------------------------------------
// OutgoingMessage: what ServerResponse and ClientRequest share: headers,
// the head line, and the body with Content-Length or chunked framing.

class OutgoingMessage extends Stream {
  constructor() {
    super();
    // The fields start from the defaults on the prototype (below): one
    // response per request, each assignment counts. A server's responses
    // are made in Rust (stdlib/src/http_server.rs) without this constructor.
  }

  get connection() {
    return this.socket;
  }

  get headersSent() {
    return this._header !== null;
  }

  get writable() {
    return !this.writableEnded;
  }

  setHeader(name, value) {
    if (this._header !== null) {
      throw codedError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
    }
    validateHeaderName(name);
    validateHeaderValue(name, value);
    if (this._headers === null) this._headers = Object.create(null);
    this._headers[name.toLowerCase()] = [name, value];
    return this;
  }

  appendHeader(name, value) {
    const old = this.getHeader(name);
    if (old === undefined) return this.setHeader(name, value);
    return this.setHeader(name, [].concat(old, value));
  }

  getHeader(name) {
    if (this._headers === null) return undefined;
    const entry = this._headers[String(name).toLowerCase()];
    return entry === undefined ? undefined : entry[1];
  }

  getHeaders() {
    const out = Object.create(null);
    if (this._headers === null) return out;
    for (const key of Object.keys(this._headers)) out[key] = this._headers[key][1];
    return out;
  }

  getHeaderNames() {
    return this._headers === null ? [] : Object.keys(this._headers);
  }

  getRawHeaderNames() {
    return this.getHeaderNames().map((k) => this._headers[k][0]);
  }

  hasHeader(name) {
    return this._headers !== null && this._headers[String(name).toLowerCase()] !== undefined;
  }

  removeHeader(name) {
    if (this._header !== null) {
      throw codedError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot remove headers after they are sent to the client');
    }
    if (this._headers !== null) delete this._headers[String(name).toLowerCase()];
  }

  /**
   * Builds the head from `firstLine` and the headers, as Node orders it:
   * from `headers` (writeHead's, when no header was set before, which
   * then are not stored, as in Node) or else the stored ones. Built in
   * Rust (binding.httpHead) unless a header needs this code: an invalid
   * one (setHeader throws Node's error) or a value to convert.
   */
  _storeHeader(firstLine, headers) {
    if (headers !== undefined) {
      const head = binding.httpHead(this, firstLine, headers, false);
      if (head !== false) {
        this._header = head;
        return;
      }
      for (const key of Object.keys(headers)) {
        if (headers[key] !== undefined) this.setHeader(key, headers[key]);
      }
    }
    const native = binding.httpHead(this, firstLine, this._headers, true);
    if (native !== false) {
      this._header = native;
      return;
    }
    let head = firstLine;
    let hasDate = false;
    let hasConnection = false;
    let hasLength = false;
    let hasEncoding = false;
    for (const key of Object.keys(this._headers || {})) {
      const entry = this._headers[key];
      const name = entry[0];
      const value = entry[1];
      if (Array.isArray(value)) {
        for (const v of value) head += name + ': ' + v + '\r\n';
      } else {
        head += name + ': ' + value + '\r\n';
      }
      if (key === 'date') hasDate = true;
      else if (key === 'connection') {
        hasConnection = true;
        if (/(^|,)\s*close\s*(,|$)/i.test(String(value))) this.shouldKeepAlive = false;
      } else if (key === 'content-length') hasLength = true;
      else if (key === 'transfer-encoding') {
        hasEncoding = true;
        if (/chunked\s*$/i.test(String(value))) this.chunkedEncoding = true;
      }
    }
    if (this.sendDate && !hasDate) head += 'Date: ' + utcDate() + '\r\n';
    // As Node's _storeHeader: keep-alive needs a body length or chunks;
    // `_last` means the connection closes after this message.
    if (!hasConnection) {
      if (this.shouldKeepAlive && (hasLength || this.useChunkedEncodingByDefault)) {
        head += 'Connection: keep-alive\r\n';
        if (this._keepAliveTimeout) head += `Keep-Alive: timeout=${Math.floor(this._keepAliveTimeout / 1000)}\r\n`;
      } else {
        this._last = true;
        head += 'Connection: close\r\n';
      }
    } else if (!this.shouldKeepAlive) {
      this._last = true;
    }
    if (!hasLength && !hasEncoding && this._hasBody) {
      if (!this.useChunkedEncodingByDefault) {
        this._last = true;
      } else if (this._contentLength !== null) {
        head += 'Content-Length: ' + this._contentLength + '\r\n';
      } else {
        head += 'Transfer-Encoding: chunked\r\n';
        this.chunkedEncoding = true;
      }
    }
    this._header = head + '\r\n';
  }

  _send(data, cb) {
    if (this.socket !== null && this._attached) {
      if (!this._headerSent) {
        this._headerSent = true;
        if (typeof data === 'string') data = this._header + data;
        else writeToSocket(this, this.socket, this._header);
      }
      return writeToSocket(this, this.socket, data, cb);
    }
    if (this._pending === null) this._pending = [];
    this._pending.push([data, cb]);
    return false;
  }

  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = undefined;
    }
    if (this.writableEnded) {
      const err = codedError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
      process.nextTick(() => {
        if (cb) cb(err);
        this.emit('error', err);
      });
      return false;
    }
    if (this._header === null) this._implicitHeader();
    if (!this._hasBody) return true;
    if (chunk === undefined || chunk === null || chunk.length === 0) return true;
    const data = typeof chunk === 'string' && encoding && encoding !== 'utf8' ?
      Buffer.from(chunk, encoding) : chunk;
    if (this.chunkedEncoding) return this._sendChunk(data, '\r\n', cb);
    return this._send(data, cb);
  }

  /** One chunk of the chunked coding followed by `after` (in one write for a string). */
  _sendChunk(data, after, cb) {
    if (typeof data === 'string') {
      return this._send(Buffer.byteLength(data).toString(16) + '\r\n' + data + after, cb);
    }
    this._send(data.length.toString(16) + '\r\n');
    this._send(data);
    return this._send(after, cb);
  }

  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = undefined;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = undefined;
    }
    if (this.writableEnded) {
      if (cb) process.nextTick(cb);
      return this;
    }
    const hasChunk = chunk !== undefined && chunk !== null;
    if (this._header === null) {
      let size = 0;
      if (hasChunk) {
        size = typeof chunk === 'string' ? Buffer.byteLength(chunk, encoding || 'utf8') : chunk.length;
      }
      this._contentLength = size;
      this._implicitHeader();
    }
    if (cb) this.once('finish', cb);
    // The usual case, the whole message in one write with nothing queued
    // before it: head, body and framing go out in one native call.
    if (!this._headerSent && this._attached && (!hasChunk || typeof chunk === 'string') &&
        (encoding === undefined || encoding === 'utf8') && socketIdle(this.socket)) {
      this._headerSent = true;
      this.writableEnded = true;
      this.finished = true;
      const n = binding.writeMessage(this.socket._id, this._header, this._hasBody ? chunk : undefined,
        this.chunkedEncoding, afterEnd, this);
      if (n > 0) {
        this.socket._bytesWritten += n;
        // All of it is out: finished as Node's getter tells ('finish' follows).
        this.writableFinished = true;
        process.nextTick(finishMessage, this);
      } else {
        this._endBytes = -n;
      }
      return this;
    }
    const done = () => this._onFinished();
    if (!this._hasBody) {
      this._send('', done);
    } else if (this.chunkedEncoding) {
      if (hasChunk && chunk.length > 0) {
        const data = typeof chunk === 'string' && encoding && encoding !== 'utf8' ?
          Buffer.from(chunk, encoding) : chunk;
        this._sendChunk(data, '\r\n0\r\n\r\n', done);
      } else {
        this._send('0\r\n\r\n', done);
      }
    } else if (hasChunk) {
      const data = typeof chunk === 'string' && encoding && encoding !== 'utf8' ?
        Buffer.from(chunk, encoding) : chunk;
      this._send(data, done);
    } else {
      this._send('', done);
    }
    this.writableEnded = true;
    this.finished = true;
    return this;
  }

  _onFinished() {
    finishMessage(this);
  }

  /** Gives the message its socket: buffered output goes out. */
  _attach(socket) {
    this.socket = socket;
    this._attached = true;
    const pending = this._pending;
    if (pending === null) return;
    this._pending = null;
    for (const [data, cb] of pending) this._send(data, cb);
  }

  flushHeaders() {
    if (this._header === null) this._implicitHeader();
    this._send('');
  }

  setTimeout(ms, cb) {
    if (this.socket) this.socket.setTimeout(ms, cb);
    else this.once('socket', (s) => s.setTimeout(ms, cb));
    return this;
  }
}

/** Whether nothing is queued in the socket's stream (its handle takes writes directly). */
function socketIdle(socket) {
  const ws = socket._writableState;
  return !(socket._id === null || ws.length !== 0 || ws.writing || ws.corked || ws.ending || ws.destroyed);
}

/**
 * finishMessage(msg): all of the message is out: writableFinished, the
 * server's own work (a response's `_onFinish` is its connection's state:
 * `conn.finish(msg)` or its Rust version, first as Node's listener runs
 * first), then 'finish' if anyone listens. In Rust: it runs once a response.
 */
const finishMessage = binding.httpFinish;

/** The write of `end()`'s fast path was queued: it has been flushed (or failed). */
function afterEnd(record, msg) {
  const socket = msg.socket;
  if (record) {
    socket.destroy(netError(record, 'write'));
    return;
  }
  socket._bytesWritten += msg._endBytes;
  finishMessage(msg);
}

/**
 * Writes for a message. When the socket's stream has nothing queued the
 * data goes straight to its handle (as Node's writeGeneric does), which
 * keeps the order with later writes: the handle queues what it cannot
 * send at once. Returns whether everything went out now.
 */
function writeToSocket(msg, socket, data, cb) {
  if (!socketIdle(socket)) return socket.write(data, cb);
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  if (size === 0) {
    if (cb) process.nextTick(cb);
    return true;
  }
  let done = false;
  done = binding.write(socket._id, data, (record) => {
    if (record) {
      socket.destroy(netError(record, 'write'));
      return;
    }
    socket._bytesWritten += size;
    if (cb) cb();
    if (!done) msg.emit('drain');
  });
  if (done) {
    socket._bytesWritten += size;
    if (cb) process.nextTick(cb);
  }
  return done;
}

Object.assign(OutgoingMessage.prototype, {
  _header: null,
  _headerSent: false,
  finished: false,
  writableEnded: false,
  writableFinished: false,
  _finishDone: false,
  chunkedEncoding: false,
  useChunkedEncodingByDefault: true,
  sendDate: false,
  shouldKeepAlive: true,
  _last: false,
  _hasBody: true,
  _contentLength: null,
  _endBytes: 0,
  _headers: null,
  socket: null,
  _attached: false,
  // Output written before the socket is ours (a pipelined response).
  _pending: null,
  // A server response's connection state (see connectionListener).
  _onFinish: undefined,
});

// ---------------------------------------------------------------------------
// The server.

class ServerResponse extends OutgoingMessage {
  constructor(req, server) {
    super();
    this.req = req;
    this._keepAliveTimeout = server ? server.keepAliveTimeout : 0;
    if (!req._keepAlive) this.shouldKeepAlive = false;
    if (req.httpVersionMinor < 1) this.useChunkedEncodingByDefault = false;
    if (req.method === 'HEAD') this._hasBody = false;
  }

  writeHead(statusCode, reason, headers) {
    if (this._header !== null) {
      throw codedError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot write headers after they are sent to the client');
    }
    if (typeof reason !== 'string') {
      headers = reason;
      reason = undefined;
    }
    statusCode |= 0;
    if (statusCode < 100 || statusCode > 999) {
      throw codedError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', `Invalid status code: ${statusCode}`);
    }
    this.statusCode = statusCode;
    if (reason !== undefined) this.statusMessage = reason;
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) this.setHeader(headers[i], headers[i + 1]);
    } else if (headers && this._headers === null) {
      // As Node: with no header set before, writeHead's go straight into
      // the head (getHeader does not see them).
      this._implicitHeader(headers);
      return this;
    } else if (headers) {
      for (const key of Object.keys(headers)) {
        if (headers[key] !== undefined) this.setHeader(key, headers[key]);
      }
    }
    this._implicitHeader();
    return this;
  }

  _implicitHeader(headers) {
    const code = this.statusCode;
    if (code === 204 || code === 304 || (code >= 100 && code < 200)) this._hasBody = false;
    if (this.statusMessage === undefined) this.statusMessage = STATUS_CODES[code] || 'unknown';
    const firstLine = 'HTTP/1.1 ' + code + ' ' + this.statusMessage + '\r\n';
    // The usual case first (what _storeHeader tries first).
    const head = binding.httpHead(this, firstLine, headers === undefined ? this._headers : headers,
      headers === undefined);
    if (head !== false) this._header = head;
    else this._storeHeader(firstLine, headers);
  }

  writeContinue(cb) {
    this.socket.write('HTTP/1.1 100 Continue\r\n\r\n', cb);
  }
}

Object.assign(ServerResponse.prototype, {
  statusCode: 200,
  statusMessage: undefined,
  sendDate: true,
});

// writeHead and end in Rust for the usual calls (stdlib/src/http_server.rs),
// falling back to the methods above for the others.
{
  const native = binding.httpSetup(ServerResponse.prototype.writeHead, OutgoingMessage.prototype.end,
    finishMessage, afterEnd, STATUS_CODES, binding.httpEmitClose, EventEmitter.prototype.emit);
  for (const name of ['writeHead', 'end']) {
    Object.defineProperty(ServerResponse.prototype, name, {
      value: native[name], writable: true, configurable: true, enumerable: false,
    });
  }
}

function badRequestResponse(code) {
  return code === 'HPE_HEADER_OVERFLOW' ?
    'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n' :
    'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';
}

/** emitClose(res, req): 'close' on each that has listeners (in Rust: once a request). */
const emitClose = binding.httpEmitClose;

/**
 * A request with no Host (HTTP/1.1) or with Expect: answered here, or
 * handed to 'checkContinue'/'checkExpectation'. Returns whether
 * 'request' is still to be emitted.
 */
function specialRequest(server, req, res) {
  if (req.httpVersionMinor >= 1 && server.requireHostHeader && req.headers.host === undefined) {
    res.statusCode = 400;
    res.setHeader('Connection', 'close');
    res.end();
    return false;
  }
  const expect = req.headers.expect;
  if (expect === undefined) return true;
  if (/^100-continue$/i.test(expect)) {
    if (server.listenerCount('checkContinue') > 0) {
      server.emit('checkContinue', req, res);
      return false;
    }
    res.writeContinue();
    return true;
  }
  if (server.listenerCount('checkExpectation') > 0) {
    server.emit('checkExpectation', req, res);
  } else {
    res.writeHead(417);
    res.end();
  }
  return false;
}

/** Serves one connection: parses its requests, answers them in order. */
function connectionListener(socket) {
  const server = this;
  // The connection's state, read and written by the functions below and
  // by their Rust versions for the usual request (http_server.rs: a
  // request with no body, Host and no Expect, one 'request' listener; its
  // response finishing with nothing pipelined after it): the responses in
  // order (the first one owns the socket), the request whose body is
  // still coming, whether the client has ended.
  const conn = {
    responses: [],
    incoming: null,
    clientEnded: false,
    server,
    socket,
    finish: null,
    onhttp: null,
  };
  socket.setNoDelay(true);
  // The parser reads the socket; flowing, its end of stream is seen.
  socket.resume();

  // (Arrows: a function declaration would also make a prototype object,
  // per connection.)
  conn.finish = (res) => {
    const responses = conn.responses;
    if (responses[0] !== res) return;
    responses.shift();
    const req = res.req;
    // An unread body is dumped (Node's req._dump()).
    // (A complete body nobody listens to stays untouched: its stream
    // state need not be made.)
    if ((!req.complete || (req._events !== undefined && req.listenerCount('end') > 0)) &&
        !req.readableEnded) {
      req.resume();
    }
    process.nextTick(emitClose, res, req);
    if (res._last) {
      socket.destroySoon();
    } else if (responses.length > 0) {
      responses[0]._attach(socket);
    } else if (conn.clientEnded) {
      socket.end();
    } else if (conn.incoming === null && server.keepAliveTimeout > 0) {
      // Idle until its next request (Server#_closeIdle); inline: once a request.
      socket._idleSince = Date.now();
      server._idle.add(socket);
      if (server._sweep === null) server._startSweep();
    }
  };

  const onParseError = (code, reason) => {
    const err = new Error('Parse Error: ' + reason);
    err.code = code;
    const incoming = conn.incoming;
    if (incoming !== null && !incoming.complete) {
      incoming.emit('aborted');
    }
    if (server.listenerCount('clientError') > 0) {
      server.emit('clientError', err, socket);
      return;
    }
    if (socket.writable && socket.bytesWritten === 0) {
      socket.write(badRequestResponse(code));
    }
    socket.destroy();
  };

  // kind 1: (req, res, complete), made in Rust; 2: (bytes) of the body;
  // 3: the end of the body; 4: (code, reason) a malformed request.
  conn.onhttp = (kind, a, b, complete) => {
    // (socket.destroyed without its getter's call.)
    if (socket._writableState.destroyed) return;
    if (kind === 1) {
      // A request's head, its IncomingMessage and ServerResponse made in
      // Rust: queued in order, then 'request'.
      const req = a;
      const res = b;
      // Busy: not idle (see Server#_closeIdle).
      socket._idleSince = 0;
      conn.incoming = req;
      const responses = conn.responses;
      responses.push(res);
      if (responses.length === 1) {
        res.socket = socket;
        res._attached = true;
      }
      const headers = req.headers;
      const special = (headers.host === undefined && req.httpVersionMinor >= 1) || headers.expect !== undefined;
      if (!special || specialRequest(server, req, res)) {
        // emit() without its rest array when it is EventEmitter's and one
        // function listens (the usual case); the same call.
        const events = server._events;
        const listener = server.emit === EventEmitter.prototype.emit && events !== undefined ?
          events.request : undefined;
        if (typeof listener === 'function') listener.call(server, req, res);
        else server.emit('request', req, res);
      }
      // Without a body the request ends with its head (after 'request', as
      // Node's parser reports the end apart).
      if (complete && conn.incoming === req) {
        req.complete = true;
        if (req._hasState) req.push(null);
        else req._eofPending = true;
        conn.incoming = null;
      }
    } else if (kind === 2) {
      if (conn.incoming !== null) conn.incoming.push(adoptBytes(a));
    } else if (kind === 3) {
      if (conn.incoming !== null) {
        conn.incoming._endBody();
        conn.incoming = null;
      }
    } else {
      onParseError(a, b);
    }
  };

  binding.httpStart(socket._id, 'request', false, conn.onhttp,
    [socket, server, IncomingMessage.prototype, ServerResponse.prototype, conn]);
  socket.on('end', () => {
    conn.clientEnded = true;
    const incoming = conn.incoming;
    if (incoming !== null && !incoming.complete) {
      incoming.aborted = true;
      incoming.emit('aborted');
    }
    if (conn.responses.length === 0) socket.end();
  });
  socket.on('error', (err) => {
    if (server.listenerCount('clientError') > 0) server.emit('clientError', err, socket);
    else socket.destroy();
  });
  socket.on('close', () => {
    server._idle.delete(socket);
    const incoming = conn.incoming;
    if (incoming !== null && !incoming.complete) {
      incoming.aborted = true;
      incoming.emit('aborted');
      incoming.emit('close');
    }
    for (const res of conn.responses) {
      if (!res._finishDone) res.emit('close');
    }
    conn.responses.length = 0;
  });
}

class Server extends net.Server {
  constructor(options, requestListener) {
    if (typeof options === 'function') {
      requestListener = options;
      options = {};
    }
    options = options || {};
    super({ allowHalfOpen: true });
    this.keepAliveTimeout = 5000;
    this.requireHostHeader = options.requireHostHeader !== false;
    this.timeout = 0;
    this.headersTimeout = 60000;
    this.requestTimeout = 300000;
    this.maxHeadersCount = null;
    // Keep-alive connections waiting for their next request, and when
    // each became idle; one sweep closes those idle for keepAliveTimeout.
    this._idle = new Set();
    this._sweep = null;
    this.on('connection', connectionListener);
    if (requestListener) this.on('request', requestListener);
  }

  /** Starts the sweep of idle keep-alive connections. */
  _startSweep() {
    const period = Math.min(1000, this.keepAliveTimeout);
    this._sweep = setInterval(() => this._closeIdle(this.keepAliveTimeout), period);
    this._sweep.unref();
  }

  /** Destroys the keep-alive connections idle for at least `ms`. */
  _closeIdle(ms) {
    const now = Date.now();
    for (const socket of this._idle) {
      if (socket._idleSince === 0) {
        this._idle.delete(socket);
      } else if (now - socket._idleSince >= ms) {
        this._idle.delete(socket);
        socket.destroy();
      }
    }
  }

  close(cb) {
    if (this._sweep !== null) {
      clearInterval(this._sweep);
      this._sweep = null;
    }
    super.close(cb);
    // As Node >= 19: idle keep-alive connections are closed too.
    this._closeIdle(0);
    return this;
  }

  closeIdleConnections() {
    this._closeIdle(0);
  }

  setTimeout(ms, cb) {
    this.timeout = ms;
    if (cb) this.on('timeout', cb);
    return this;
  }
}

function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

// ---------------------------------------------------------------------------
// The client: one connection per request (no agent pool), closed after
// the response.

/** The parts of an absolute URL http.request uses. */
function parseUrl(text) {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:)\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^#]*)/.exec(text);
  if (m === null) {
    throw codedError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
  }
  let path = m[4] || '/';
  if (path[0] !== '/') path = '/' + path;
  return {
    protocol: m[1].toLowerCase(),
    hostname: m[2].replace(/^\[|\]$/g, ''),
    port: m[3] || undefined,
    path,
  };
}

function connResetError(message) {
  const err = new Error(message);
  err.code = 'ECONNRESET';
  return err;
}

class ClientRequest extends OutgoingMessage {
  constructor(input, options, cb) {
    super();
    if (typeof input === 'string' || (input !== null && typeof input === 'object' && typeof input.href === 'string')) {
      const fromUrl = parseUrl(String(input.href || input));
      if (typeof options === 'function') {
        cb = options;
        options = {};
      }
      options = { ...fromUrl, ...(options || {}) };
    } else {
      cb = options;
      options = { ...(input || {}) };
    }
    if (options.protocol !== undefined && options.protocol !== 'http:') {
      throw codedError(TypeError, 'ERR_INVALID_PROTOCOL', `Protocol "${options.protocol}" not supported. Expected "http:"`);
    }
    const host = options.hostname || options.host || 'localhost';
    const port = Number(options.port) || 80;
    this.method = String(options.method || 'GET').toUpperCase();
    this.path = options.path || '/';
    this.host = host;
    this.protocol = 'http:';
    this.res = null;
    this.aborted = false;
    this.reusedSocket = false;
    this.shouldKeepAlive = false;
    this.useChunkedEncodingByDefault = !['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT'].includes(this.method);
    if (cb) this.once('response', cb);
    const headers = options.headers || {};
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) this.setHeader(headers[i], headers[i + 1]);
    } else {
      for (const key of Object.keys(headers)) this.setHeader(key, headers[key]);
    }
    if (!this.hasHeader('host')) this.setHeader('Host', port === 80 ? host : `${host}:${port}`);

    const socket = net.connect(port, host);
    this.socket = socket;
    this._attached = true;
    socket.on('connect', () => {
      binding.httpStart(socket._id, 'response', this.method === 'HEAD',
        (kind, a, b, minor, raw, keepAlive, complete, headers) => {
          this._onhttp(kind, a, b, minor, raw, headers);
          if (complete) this._onhttp(3);
        });
      socket.resume();
    });
    socket.on('error', (err) => {
      if (this.res !== null && !this.res.complete) {
        this.res.aborted = true;
        this.res.emit('aborted');
        this.res.destroy(err);
      } else if (this.res === null) {
        this.emit('error', err);
      }
    });
    socket.on('end', () => {
      if (this.res === null && !socket.destroyed) {
        socket.destroy(connResetError('socket hang up'));
      }
    });
    socket.on('close', () => {
      const res = this.res;
      if (res !== null && !res.complete) {
        res.aborted = true;
        res.emit('aborted');
        res.destroy(connResetError('aborted'));
      }
      this.emit('close');
    });
    process.nextTick(() => this.emit('socket', socket));
  }

  _implicitHeader() {
    this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`);
  }

  _onhttp(kind, a, b, minor, raw, headers) {
    const socket = this.socket;
    if (kind === 1) {
      if (a >= 100 && a < 200) {
        if (a === 100) this.emit('continue');
        return;
      }
      const res = new IncomingMessage(socket);
      res.statusCode = a;
      res.statusMessage = b;
      res.req = this;
      res._setHead(minor, raw, headers);
      this.res = res;
      if (!this.emit('response', res)) res.resume();
    } else if (kind === 2) {
      if (this.res !== null) this.res.push(adoptBytes(a));
    } else if (kind === 3) {
      const res = this.res;
      if (res !== null && !res.complete) {
        res.once('end', () => socket.destroySoon());
        res._endBody();
      }
    } else {
      const err = new Error('Parse Error: ' + b);
      err.code = a;
      this.emit('error', err);
      socket.destroy();
    }
  }

  abort() {
    if (this.aborted) return;
    this.aborted = true;
    process.nextTick(() => this.emit('abort'));
    this.destroy();
  }

  destroy(err) {
    if (this.socket) this.socket.destroy(err);
    return this;
  }

  setNoDelay(noDelay) {
    this.socket.setNoDelay(noDelay);
  }

  setSocketKeepAlive(enable, delay) {
    this.socket.setKeepAlive(enable, delay);
  }
}

function request(input, options, cb) {
  return new ClientRequest(input, options, cb);
}

function get(input, options, cb) {
  const req = request(input, options, cb);
  req.end();
  return req;
}

module.exports = {
  METHODS,
  STATUS_CODES,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  get,
  request,
  validateHeaderName,
  validateHeaderValue,
  maxHeaderSize: 16384,
};
