'use strict';
// net: TCP servers and sockets over the native binding globalThis.__minijs_tcp
// (stdlib/src/tcp_binding.rs, whose header documents it): non-blocking
// sockets watched by the poll phase. As in Node: a connection and each chunk
// read arrive in the poll phase; a destroyed socket's 'close' comes from its
// handle's close callback, in the close phase; 'listening' is emitted on the
// next tick.

const EventEmitter = require('./events.js');
const { Duplex } = require('./stream_duplex.js');
const { Buffer, adoptBytes } = require('./buffer.js');
const { netError } = require('./fs_errors.js');

const binding = globalThis.__minijs_tcp;

/** ref()/unref() of a socket or server: whether its handle keeps the loop running. */
function setRef(owner, on) {
  owner._refed = on;
  if (owner._id !== null) binding.ref(owner._id, on);
  return owner;
}

function normalizeConnectArgs(args) {
  let options = {};
  let cb;
  if (args.length > 0 && typeof args[args.length - 1] === 'function') cb = args[args.length - 1];
  if (args[0] !== null && typeof args[0] === 'object') {
    options = { ...args[0] };
  } else {
    options.port = args[0];
    if (typeof args[1] === 'string') options.host = args[1];
  }
  return [options, cb];
}

class Socket extends Duplex {
  constructor(options = {}) {
    super({
      allowHalfOpen: Boolean(options.allowHalfOpen),
      emitClose: false,
      autoDestroy: true,
      decodeStrings: false,
    });
    this._id = null;
    this._reading = false;
    this._readWanted = false;
    this._refed = true;
    this._noDelay = false;
    this.connecting = false;
    this.bytesRead = 0;
    this._bytesWritten = 0;
    this.server = null;
    this._onread = (record, bytes) => this._handleRead(record, bytes);
    if (options.handle) {
      this._attach(options.handle);
      // A server's socket reads at once, as Node's does.
      this.read(0);
    }
  }

  _attach(info) {
    this._id = info.id;
    this.localAddress = info.address;
    this.localPort = info.port;
    this.localFamily = info.family;
    this.remoteAddress = info.remoteAddress;
    this.remotePort = info.remotePort;
    this.remoteFamily = info.remoteFamily;
    if (!this._refed) binding.ref(this._id, false);
    if (this._noDelay) binding.setNoDelay(this._id, true);
  }

  get bytesWritten() {
    return this._bytesWritten;
  }

  get pending() {
    return this._id === null;
  }

  get readyState() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable) return 'readOnly';
    if (this.writable) return 'writeOnly';
    return 'closed';
  }

  connect(...args) {
    const [options, cb] = normalizeConnectArgs(args);
    if (cb) this.once('connect', cb);
    const host = options.host || 'localhost';
    const port = Number(options.port);
    this.connecting = true;
    const address = host === 'localhost' ? '127.0.0.1' : host;
    binding.connect(host, port, (record, info) => {
      this.connecting = false;
      if (record) {
        this.destroy(netError(record, 'connect', address, port));
        return;
      }
      if (this.destroyed) {
        binding.close(info.id);
        return;
      }
      this._attach(info);
      this.emit('connect');
      this.emit('ready');
      if (this._readWanted) this._read();
      if (this._pendingWrite) {
        const { chunk, encoding, cb: done } = this._pendingWrite;
        this._pendingWrite = null;
        this._write(chunk, encoding, done);
      }
      if (this._pendingFinal) {
        const done = this._pendingFinal;
        this._pendingFinal = null;
        this._final(done);
      }
    });
    return this;
  }

  _read() {
    if (this._id === null) {
      this._readWanted = true;
      return;
    }
    if (this._reading) return;
    this._reading = true;
    binding.readStart(this._id, this._onread);
  }

  _handleRead(record, bytes) {
    if (this.destroyed) return;
    if (record) {
      this._reading = false;
      this.destroy(netError(record, 'read'));
      return;
    }
    if (bytes.length === 0) {
      this._reading = false;
      this.push(null);
      return;
    }
    this.bytesRead += bytes.length;
    if (!this.push(adoptBytes(bytes)) && this._reading && this._id !== null) {
      this._reading = false;
      binding.readStop(this._id);
    }
  }

  _write(chunk, encoding, cb) {
    if (this._id === null) {
      this._pendingWrite = { chunk, encoding, cb };
      return;
    }
    const data = typeof chunk === 'string' && encoding !== 'utf8' && encoding !== 'utf-8' ?
      Buffer.from(chunk, encoding) : chunk;
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    const done = binding.write(this._id, data, (record) => {
      if (record) {
        cb(netError(record, 'write'));
        return;
      }
      this._bytesWritten += size;
      cb();
    });
    if (done) {
      this._bytesWritten += size;
      cb();
    }
  }

  _final(cb) {
    if (this._id === null) {
      if (this.connecting) this._pendingFinal = cb;
      else cb();
      return;
    }
    // As Node's afterShutdown: the outcome is not reported (a peer that
    // already reset the connection makes shutdown fail with ENOTCONN).
    binding.shutdown(this._id, () => cb());
  }

  _destroy(err, cb) {
    if (this._idleTimer) clearTimeout(this._idleTimer);
    if (this._id !== null) {
      const id = this._id;
      this._id = null;
      binding.close(id, () => this.emit('close', Boolean(err)));
      cb(err);
    } else {
      cb(err);
      process.nextTick(() => this.emit('close', Boolean(err)));
    }
  }

  /** Ends the writable side, then destroys the socket once that is flushed. */
  destroySoon() {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', () => this.destroy());
  }

  address() {
    if (this.localAddress === undefined) return {};
    return { address: this.localAddress, family: this.localFamily, port: this.localPort };
  }

  setNoDelay(noDelay = true) {
    this._noDelay = Boolean(noDelay);
    if (this._id !== null) binding.setNoDelay(this._id, this._noDelay);
    return this;
  }

  setKeepAlive(enable = false) {
    if (this._id !== null) binding.setKeepAlive(this._id, Boolean(enable));
    return this;
  }

  ref() {
    return setRef(this, true);
  }

  unref() {
    return setRef(this, false);
  }

  setTimeout(ms, cb) {
    if (this._idleTimer) clearTimeout(this._idleTimer);
    this._idleTimer = null;
    if (cb) this.once('timeout', cb);
    if (ms > 0) {
      this._idleTimer = setTimeout(() => this.emit('timeout'), ms);
      this._idleTimer.unref();
    }
    return this;
  }
}

class Server extends EventEmitter {
  constructor(options, listener) {
    super();
    if (typeof options === 'function') {
      listener = options;
      options = {};
    }
    this._options = options || {};
    if (listener) this.on('connection', listener);
    this._id = null;
    this._address = null;
    this._connections = 0;
    this._closing = false;
    this._refed = true;
  }

  get listening() {
    return this._id !== null;
  }

  listen(...args) {
    let cb;
    if (args.length > 0 && typeof args[args.length - 1] === 'function') cb = args.pop();
    let port = 0;
    let host = '::';
    if (args[0] !== null && typeof args[0] === 'object') {
      port = args[0].port || 0;
      if (args[0].host) host = args[0].host;
    } else {
      if (args[0] !== undefined) port = Number(args[0]);
      if (typeof args[1] === 'string') host = args[1];
    }
    if (cb) this.once('listening', cb);
    let info;
    const bindHost = host === '::' ? '0.0.0.0' : host;
    try {
      info = binding.listen(bindHost, port);
    } catch (record) {
      const address = host === 'localhost' ? '127.0.0.1' : host;
      process.nextTick(() => this.emit('error', netError(record, 'listen', address, port)));
      return this;
    }
    this._id = info.id;
    if (!this._refed) binding.ref(this._id, false);
    this._address = { address: host === '::' ? '::' : info.address, family: host === '::' ? 'IPv6' : info.family, port: info.port };
    process.nextTick(() => this.emit('listening'));
    this._accept();
    return this;
  }

  _accept() {
    const id = this._id;
    binding.accept(id, (record, info) => {
      if (this._id !== id) {
        if (!record) binding.close(info.id);
        return;
      }
      if (record) {
        this.emit('error', netError(record, 'accept'));
        return;
      }
      const socket = new Socket({ handle: info, allowHalfOpen: this._options.allowHalfOpen });
      socket.server = this;
      this._connections++;
      socket.once('close', () => {
        this._connections--;
        this._emitCloseIfDrained();
      });
      this.emit('connection', socket);
    });
  }

  address() {
    return this._address;
  }

  getConnections(cb) {
    process.nextTick(cb, null, this._connections);
    return this;
  }

  close(cb) {
    if (typeof cb === 'function') {
      if (this._id === null) {
        this.once('close', () => {
          const err = new Error('Server is not running.');
          err.code = 'ERR_SERVER_NOT_RUNNING';
          cb(err);
        });
      } else {
        this.once('close', cb);
      }
    }
    if (this._id !== null) {
      binding.close(this._id);
      this._id = null;
      this._address = null;
    }
    this._closing = true;
    this._emitCloseIfDrained();
    return this;
  }

  _emitCloseIfDrained() {
    if (!this._closing || this._connections > 0) return;
    this._closing = false;
    process.nextTick(() => this.emit('close'));
  }

  ref() {
    return setRef(this, true);
  }

  unref() {
    return setRef(this, false);
  }
}

function createServer(options, listener) {
  return new Server(options, listener);
}

function connect(...args) {
  const [options] = normalizeConnectArgs(args);
  const socket = new Socket(options);
  return socket.connect(...args);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIPv4(s) {
  return typeof s === 'string' && IPV4.test(s);
}

function isIPv6(s) {
  if (typeof s !== 'string' || !s.includes(':')) return false;
  return /^[0-9a-fA-F:.]+$/.test(s) && s.split('::').length <= 2;
}

function isIP(s) {
  if (isIPv4(s)) return 4;
  if (isIPv6(s)) return 6;
  return 0;
}

module.exports = {
  Server,
  Socket,
  Stream: Socket,
  connect,
  createConnection: connect,
  createServer,
  isIP,
  isIPv4,
  isIPv6,
};
