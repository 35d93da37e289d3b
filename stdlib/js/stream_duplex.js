'use strict';
// stream.Duplex: a Readable that is also a Writable (it has both states and
// Writable's methods; `duplex instanceof Writable` is true).

const { Readable, initReadable } = require('./stream_readable.js');
const { Writable, initWritable } = require('./stream_writable.js');

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  initReadable(this, options, true);
  initWritable(this, options, true);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) {
      this._readableState.readable = false;
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (options.writable === false) {
      this._writableState.writable = false;
      this._writableState.ending = true;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
  } else {
    this.allowHalfOpen = true;
  }
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);

// Writable's methods and accessors, where Readable has none of the same name.
for (const key of Object.getOwnPropertyNames(Writable.prototype)) {
  if (key in Duplex.prototype) continue;
  Object.defineProperty(Duplex.prototype, key, Object.getOwnPropertyDescriptor(Writable.prototype, key));
}
// Duplex reuses Writable.destroy, which also fails queued writes.
Duplex.prototype.destroy = Writable.prototype.destroy;

/** Accessors that look at whichever side exists, as Node's Duplex does. */
Object.defineProperty(Duplex.prototype, 'destroyed', {
  get() {
    if (this._readableState === undefined || this._writableState === undefined) return false;
    return this._readableState.destroyed && this._writableState.destroyed;
  },
  set(value) {
    if (this._readableState && this._writableState) {
      this._readableState.destroyed = value;
      this._writableState.destroyed = value;
    }
  },
  configurable: true,
});

Object.defineProperty(Duplex.prototype, 'errored', {
  get() {
    return (this._readableState && this._readableState.errored) ||
      (this._writableState && this._writableState.errored) || null;
  },
  configurable: true,
});

Object.defineProperty(Duplex.prototype, 'closed', {
  get() {
    return Boolean(this._readableState && this._readableState.closed);
  },
  configurable: true,
});

module.exports = { Duplex };
