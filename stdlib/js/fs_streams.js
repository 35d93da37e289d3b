'use strict';
// fs.ReadStream and fs.WriteStream: a Readable / Writable over a file
// descriptor. `_construct` opens the file (emitting 'open' and 'ready'),
// `_read` / `_write` do one fs.read / fs.write each, and `_destroy` closes
// the descriptor, waiting for an operation in flight first.

const { Readable } = require('./stream_readable.js');
const { Writable } = require('./stream_writable.js');
const { finished } = require('./stream_end_of_stream.js');
const { errorOrDestroy } = require('./stream_destroy.js');
const { Buffer, adoptBytes } = require('./buffer.js');
const { codedError, invalidArgType, outOfRange } = require('./errors.js');

/** Emitted when an fs operation that was in flight during destroy() completes. */
const kIoDone = Symbol('kIoDone');
const kIsPerformingIO = Symbol('kIsPerformingIO');
const kFs = Symbol('kFs');

function streamOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options === 'string') return { encoding: options };
  return { ...options };
}

/** Common setup of both stream kinds: path or fd, flags, mode and the fs to use. */
function initFileStream(stream, path, options, defaultFlags) {
  stream[kFs] = options.fs || require('./fs.js');
  stream.fd = options.fd === undefined ? null : options.fd;
  if (stream.fd === null) {
    stream.path = typeof path === 'string' ? path : path instanceof Buffer ? path.toString() : path;
    if (typeof stream.path !== 'string') {
      throw invalidArgType('path', 'of type string or an instance of Buffer or URL', path);
    }
  } else {
    stream.path = undefined;
  }
  stream.flags = options.flags === undefined ? defaultFlags : options.flags;
  stream.mode = options.mode === undefined ? 0o666 : options.mode;
  stream[kIsPerformingIO] = false;
}

/** Opens the file unless a descriptor was given; 'open' and 'ready' follow. */
function constructFileStream(callback) {
  if (typeof this.fd === 'number') {
    callback();
    return;
  }
  this[kFs].open(this.path, this.flags, this.mode, (er, fd) => {
    if (er) {
      callback(er);
    } else {
      this.fd = fd;
      callback();
      this.emit('open', this.fd);
      this.emit('ready');
    }
  });
}

function closeFileStream(stream, err, cb) {
  if (stream.fd === null || stream.fd === undefined) {
    cb(err);
    return;
  }
  stream[kFs].close(stream.fd, (er) => cb(er || err));
  stream.fd = null;
}

function destroyFileStream(err, cb) {
  if (this[kIsPerformingIO]) this.once(kIoDone, (er) => closeFileStream(this, err || er, cb));
  else closeFileStream(this, err, cb);
}

function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  options = streamOptions(options);
  if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
  if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  initFileStream(this, path, options, 'r');
  this.start = options.start;
  this.end = options.end === undefined ? Infinity : options.end;
  this.pos = undefined;
  this.bytesRead = 0;
  if (this.start !== undefined) {
    if (typeof this.start !== 'number') throw invalidArgType('start', 'of type number', this.start);
    this.pos = this.start;
  }
  if (this.end !== Infinity) {
    if (typeof this.end !== 'number') throw invalidArgType('end', 'of type number', this.end);
    if (this.start !== undefined && this.start > this.end) {
      throw outOfRange('start', `<= "end" (here: ${this.end})`, this.start);
    }
  }
  Readable.call(this, options);
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);

Object.defineProperty(ReadStream.prototype, 'autoClose', {
  get() {
    return this._readableState.autoDestroy;
  },
  set(value) {
    this._readableState.autoDestroy = value;
  },
});

Object.defineProperty(ReadStream.prototype, 'pending', {
  get() {
    return this.fd === null;
  },
  configurable: true,
});

ReadStream.prototype._construct = constructFileStream;

ReadStream.prototype._read = function _read(n) {
  n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, n) : Math.min(this.end - this.bytesRead + 1, n);
  if (n <= 0) {
    this.push(null);
    return;
  }
  this[kIsPerformingIO] = true;
  const binding = globalThis.__minijs_fs;
  const position = this.pos === undefined ? null : this.pos;
  const done = (er, bytes) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      this.emit(kIoDone, er);
      return;
    }
    if (er) {
      errorOrDestroy(this, er);
    } else if (bytes.length > 0) {
      if (this.pos !== undefined) this.pos += bytes.length;
      this.bytesRead += bytes.length;
      this.push(bytes);
    } else {
      this.push(null);
    }
  };
  if (this[kFs] === require('./fs.js')) {
    // Straight from the binding: its fresh byte array becomes the chunk.
    binding.read(this.fd, n, position, (record, bytes) => {
      done(record ? require('./fs_errors.js').systemError(record) : null, record ? null : adoptBytes(bytes));
    });
  } else {
    const buf = Buffer.alloc(n);
    this[kFs].read(this.fd, buf, 0, n, position, (er, bytesRead) => {
      done(er, er ? null : buf.slice(0, bytesRead));
    });
  }
};

ReadStream.prototype._destroy = destroyFileStream;

ReadStream.prototype.close = function close(cb) {
  if (typeof cb === 'function') finished(this, cb);
  this.destroy();
};

function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  options = streamOptions(options);
  options.decodeStrings = true;
  if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  initFileStream(this, path, options, 'w');
  this.start = options.start;
  this.pos = undefined;
  this.bytesWritten = 0;
  if (this.start !== undefined) {
    if (typeof this.start !== 'number' || this.start < 0) throw invalidArgType('start', 'of type number', this.start);
    this.pos = this.start;
  }
  Writable.call(this, options);
  if (options.encoding) this.setDefaultEncoding(options.encoding);
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

Object.defineProperty(WriteStream.prototype, 'autoClose', {
  get() {
    return this._writableState.autoDestroy;
  },
  set(value) {
    this._writableState.autoDestroy = value;
  },
});

Object.defineProperty(WriteStream.prototype, 'pending', {
  get() {
    return this.fd === null;
  },
  configurable: true,
});

WriteStream.prototype._construct = constructFileStream;

/** Writes all of `data`, retrying partial writes. */
function writeAll(stream, data, pos, cb) {
  stream[kFs].write(stream.fd, data, 0, data.length, pos === undefined ? null : pos, (er, written) => {
    if (stream.destroyed || er) {
      cb(er || codedError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed'));
      return;
    }
    stream.bytesWritten += written;
    if (written > 0 && written < data.length) {
      writeAll(stream, data.slice(written), pos === undefined ? undefined : pos + written, cb);
    } else if (written === 0 && data.length > 0) {
      cb(new Error('write failed'));
    } else {
      cb();
    }
  });
}

WriteStream.prototype._write = function _write(data, encoding, cb) {
  this[kIsPerformingIO] = true;
  writeAll(this, data, this.pos, (er) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      cb(er);
      this.emit(kIoDone, er);
      return;
    }
    cb(er);
  });
  if (this.pos !== undefined) this.pos += data.length;
};

WriteStream.prototype._writev = function _writev(chunks, cb) {
  const data = Buffer.concat(chunks.map((c) => c.chunk));
  this._write(data, 'buffer', cb);
};

WriteStream.prototype._destroy = destroyFileStream;

WriteStream.prototype.close = function close(cb) {
  if (cb) {
    if (this.closed) {
      process.nextTick(cb);
      return;
    }
    this.on('close', cb);
  }
  // With autoClose off, end() alone would not close the descriptor.
  if (!this.autoClose) this.on('finish', this.destroy);
  this.end();
};

WriteStream.prototype.destroySoon = WriteStream.prototype.end;

function createReadStream(path, options) {
  return new ReadStream(path, options);
}

function createWriteStream(path, options) {
  return new WriteStream(path, options);
}

module.exports = { ReadStream, WriteStream, createReadStream, createWriteStream };
