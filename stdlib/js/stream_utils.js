'use strict';
// Predicates on stream objects (Node streams and look-alikes) used by
// finished() and pipeline(). Each returns null when it cannot tell.

function isReadableNodeStream(obj) {
  return Boolean(obj && typeof obj.pipe === 'function' && typeof obj.on === 'function' &&
    (!obj._writableState || (obj._readableState && obj._readableState.readable !== false)));
}

function isWritableNodeStream(obj) {
  return Boolean(obj && typeof obj.write === 'function' && typeof obj.on === 'function' &&
    (!obj._readableState || (obj._writableState && obj._writableState.writable !== false)));
}

function isNodeStream(obj) {
  return Boolean(obj && (obj._readableState || obj._writableState ||
    (typeof obj.write === 'function' && typeof obj.on === 'function') ||
    (typeof obj.pipe === 'function' && typeof obj.on === 'function')));
}

function isIterable(obj, isAsync) {
  if (obj === null || obj === undefined) return false;
  if (isAsync === true) return typeof obj[Symbol.asyncIterator] === 'function';
  if (isAsync === false) return typeof obj[Symbol.iterator] === 'function';
  return typeof obj[Symbol.asyncIterator] === 'function' || typeof obj[Symbol.iterator] === 'function';
}

function isDestroyed(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return Boolean(stream.destroyed || (state && state.destroyed));
}

function isWritableEnded(stream) {
  if (!isWritableNodeStream(stream)) return null;
  if (stream.writableEnded === true) return true;
  const w = stream._writableState;
  if (w && w.errored) return false;
  if (!w || typeof w.ended !== 'boolean') return null;
  return w.ended;
}

/** 'finish' was emitted (or, when not strict, is certain). */
function isWritableFinished(stream, strict) {
  const w = stream._writableState;
  if (w && w.errored) return false;
  if (!w || typeof w.finished !== 'boolean') return null;
  return Boolean(w.finished || (strict === false && w.ended === true && w.length === 0));
}

/** 'end' was emitted (or, when not strict, is certain). */
function isReadableFinished(stream, strict) {
  const r = stream._readableState;
  if (r && r.errored) return false;
  if (!r || typeof r.endEmitted !== 'boolean') return null;
  return Boolean(r.endEmitted || (strict === false && r.ended === true && r.length === 0));
}

function isReadable(stream) {
  if (!stream || typeof stream.readable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
}

function isWritable(stream) {
  if (!stream || typeof stream.writable !== 'boolean') return null;
  if (isDestroyed(stream)) return false;
  return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
}

function isClosed(stream) {
  if (!isNodeStream(stream)) return null;
  const w = stream._writableState;
  const r = stream._readableState;
  if ((w && typeof w.closed === 'boolean') || (r && typeof r.closed === 'boolean')) {
    return Boolean((w && w.closed) || (r && r.closed));
  }
  return null;
}

function isReadableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  return (stream._readableState && stream._readableState.errored) || null;
}

function isWritableErrored(stream) {
  if (!isNodeStream(stream)) return null;
  return (stream._writableState && stream._writableState.errored) || null;
}

function isErrored(stream) {
  return Boolean(stream && (stream.errored || isReadableErrored(stream) || isWritableErrored(stream)));
}

/** Whether the stream is going to emit 'close' by itself (autoDestroy + emitClose). */
function willEmitClose(stream) {
  if (!isNodeStream(stream)) return null;
  const state = stream._writableState || stream._readableState;
  return Boolean(state && state.autoDestroy && state.emitClose && state.closed === false);
}

function isDisturbed(stream) {
  return Boolean(stream && (stream.readableDidRead || stream.readableAborted));
}

module.exports = {
  isClosed,
  isDestroyed,
  isDisturbed,
  isErrored,
  isIterable,
  isNodeStream,
  isReadable,
  isReadableErrored,
  isReadableFinished,
  isReadableNodeStream,
  isWritable,
  isWritableEnded,
  isWritableErrored,
  isWritableFinished,
  isWritableNodeStream,
  willEmitClose,
};
