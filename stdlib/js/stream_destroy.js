'use strict';
// Destruction and construction of streams, shared by Readable and Writable.
//
// A stream has `_readableState`, `_writableState` or both (Duplex). Destroying
// one marks it destroyed at once, calls `_destroy(err, cb)`, and from that
// callback schedules 'error' (if any) then 'close' on the next tick.

const { codedError } = require('./errors.js');

/** Private event a stream emits once `_construct` has finished. */
const kConstruct = Symbol('kConstruct');
/** Private event that runs a destroy requested while `_construct` was still running. */
const kDestroy = Symbol('kDestroy');

/** Records `err` as the stream's error on each side that has none yet. */
function recordError(err, w, r) {
  if (!err) return;
  if (w && !w.errored) w.errored = err;
  if (r && !r.errored) r.errored = err;
}

/** stream.destroy([err][, cb]) for Readable, Writable and Duplex. */
function destroy(err, cb) {
  const r = this._readableState;
  const w = this._writableState;
  const s = w || r;
  if ((w && w.destroyed) || (r && r.destroyed)) {
    if (typeof cb === 'function') cb();
    return this;
  }
  recordError(err, w, r);
  if (w) w.destroyed = true;
  if (r) r.destroyed = true;
  if (!s.constructed) {
    this.once(kDestroy, function onConstructed(er) {
      runDestroy(this, er || err, cb);
    });
  } else {
    runDestroy(this, err, cb);
  }
  return this;
}

/** Calls the implementation's `_destroy` and schedules 'error' / 'close'. */
function runDestroy(self, err, cb) {
  let called = false;
  function onDestroy(er) {
    if (called) return;
    called = true;
    const r = self._readableState;
    const w = self._writableState;
    recordError(er, w, r);
    if (w) w.closed = true;
    if (r) r.closed = true;
    if (typeof cb === 'function') cb(er);
    if (er) process.nextTick(emitErrorThenClose, self, er);
    else process.nextTick(emitClose, self);
  }
  try {
    self._destroy(err || null, onDestroy);
  } catch (er) {
    onDestroy(er);
  }
}

function emitErrorThenClose(self, err) {
  emitError(self, err);
  emitClose(self);
}

function emitClose(self) {
  const r = self._readableState;
  const w = self._writableState;
  if (w) w.closeEmitted = true;
  if (r) r.closeEmitted = true;
  if ((w && w.emitClose) || (r && r.emitClose)) self.emit('close');
}

/** Emits 'error' at most once per stream. */
function emitError(self, err) {
  const r = self._readableState;
  const w = self._writableState;
  if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
  if (w) w.errorEmitted = true;
  if (r) r.errorEmitted = true;
  self.emit('error', err);
}

/**
 * Reports an error found inside the stream machinery: destroys the stream when
 * it auto-destroys, otherwise records the error and emits it (on the next tick
 * when `sync`).
 */
function errorOrDestroy(stream, err, sync) {
  const r = stream._readableState;
  const w = stream._writableState;
  if ((w && w.destroyed) || (r && r.destroyed)) return;
  if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
    stream.destroy(err);
  } else if (err) {
    recordError(err, w, r);
    if (sync) process.nextTick(emitError, stream, err);
    else emitError(stream, err);
  }
}

/** Resets a destroyed stream so that it can be used again (Node's internal undestroy). */
function undestroy() {
  const r = this._readableState;
  const w = this._writableState;
  for (const s of [r, w]) {
    if (!s) continue;
    s.constructed = true;
    s.closed = false;
    s.closeEmitted = false;
    s.destroyed = false;
    s.errored = null;
    s.errorEmitted = false;
  }
  if (r) {
    r.reading = false;
    r.ended = r.readable === false;
    r.endEmitted = r.readable === false;
  }
  if (w) {
    w.ended = w.writable === false;
    w.ending = w.writable === false;
    w.finalCalled = false;
    w.prefinished = false;
    w.finished = w.writable === false;
  }
}

/**
 * Runs `stream._construct(cb)` (if the implementation has one) on the next
 * tick; `onConstructed` runs once it succeeded. A Duplex calls this from both
 * halves but constructs once.
 */
function construct(stream, onConstructed) {
  if (typeof stream._construct !== 'function') return;
  const r = stream._readableState;
  const w = stream._writableState;
  if (r) r.constructed = false;
  if (w) w.constructed = false;
  stream.once(kConstruct, onConstructed);
  if (stream.listenerCount(kConstruct) > 1) return;
  process.nextTick(startConstruct, stream);
}

function startConstruct(stream) {
  let called = false;
  function done(err) {
    if (called) {
      errorOrDestroy(stream, err || codedError(Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'));
      return;
    }
    called = true;
    const r = stream._readableState;
    const w = stream._writableState;
    const s = w || r;
    if (r) r.constructed = true;
    if (w) w.constructed = true;
    if (s.destroyed) stream.emit(kDestroy, err);
    else if (err) errorOrDestroy(stream, err, true);
    else stream.emit(kConstruct);
  }
  try {
    stream._construct((err) => {
      process.nextTick(done, err);
    });
  } catch (err) {
    process.nextTick(done, err);
  }
}

/**
 * Destroys any stream-like object, as pipeline() and async iteration do. A
 * stream torn down before it is finished gets an AbortError.
 */
function destroyer(stream, err) {
  const u = require('./stream_utils.js');
  if (!stream || u.isDestroyed(stream)) return;
  if (!err && !isFinished(stream, u)) {
    err = new Error('The operation was aborted');
    err.name = 'AbortError';
    err.code = 'ABORT_ERR';
  }
  if (typeof stream.destroy === 'function') stream.destroy(err);
  else if (typeof stream.close === 'function') stream.close();
  else if (err) process.nextTick(() => stream.emit('error', err));
  else process.nextTick(() => stream.emit('close'));
}

function isFinished(stream, u) {
  if (u.isDestroyed(stream)) return true;
  return !u.isReadable(stream) && !u.isWritable(stream);
}

module.exports = {
  construct,
  destroy,
  destroyer,
  errorOrDestroy,
  undestroy,
  kConstruct,
};
