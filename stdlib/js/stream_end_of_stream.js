'use strict';
// stream.finished(stream[, options], callback): calls back once the stream is
// done (ended and/or finished, or closed) or failed, exactly once. Streams
// that will emit 'close' by themselves are reported on 'close'.

const u = require('./stream_utils.js');
const { codedError, invalidArgType } = require('./errors.js');

function nop() {}

function prematureClose() {
  return codedError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close');
}

function finished(stream, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  } else if (options === null || options === undefined) {
    options = {};
  }
  if (typeof callback !== 'function') throw invalidArgType('callback', 'of type function', callback);

  let done = false;
  let userCallback = callback;
  const report = (err) => {
    if (done) return;
    done = true;
    userCallback.call(stream, err);
  };

  const readable = options.readable !== undefined && options.readable !== null ?
    options.readable : u.isReadableNodeStream(stream);
  const writable = options.writable !== undefined && options.writable !== null ?
    options.writable : u.isWritableNodeStream(stream);
  const wState = stream._writableState;
  const rState = stream._readableState;

  // Wait for 'close' when the stream will emit it and we watch all its sides.
  let willEmitClose = u.willEmitClose(stream) &&
    u.isReadableNodeStream(stream) === readable && u.isWritableNodeStream(stream) === writable;

  let writableFinished = u.isWritableFinished(stream, false);
  let readableFinished = u.isReadableFinished(stream, false);

  const onfinish = () => {
    writableFinished = true;
    if (stream.destroyed) willEmitClose = false;
    if (willEmitClose && (!stream.readable || readable)) return;
    if (!readable || readableFinished) report();
  };
  const onend = () => {
    readableFinished = true;
    if (stream.destroyed) willEmitClose = false;
    if (willEmitClose && (!stream.writable || writable)) return;
    if (!writable || writableFinished) report();
  };
  const onerror = (err) => report(err);
  const erroredOf = () => u.isWritableErrored(stream) || u.isReadableErrored(stream);
  const onclose = () => {
    const errored = erroredOf();
    if (errored && typeof errored !== 'boolean') return report(errored);
    if (readable && !readableFinished && u.isReadableNodeStream(stream) && !u.isReadableFinished(stream, false)) {
      return report(prematureClose());
    }
    if (writable && !writableFinished && !u.isWritableFinished(stream, false)) {
      return report(prematureClose());
    }
    return report();
  };
  const onclosed = () => {
    const errored = erroredOf();
    if (errored && typeof errored !== 'boolean') return report(errored);
    return report();
  };
  // Streams without Node's state objects ("legacy" streams) finish on 'end' / 'close'.
  const onlegacyfinish = () => {
    if (!stream.writable) onfinish();
  };
  const legacy = writable && !wState;

  if (legacy) {
    stream.on('end', onlegacyfinish);
    stream.on('close', onlegacyfinish);
  }
  if (!willEmitClose && typeof stream.aborted === 'boolean') stream.on('aborted', onclose);
  stream.on('end', onend);
  stream.on('finish', onfinish);
  if (options.error !== false) stream.on('error', onerror);
  stream.on('close', onclose);

  // Already over?
  const closed = u.isClosed(stream);
  if (closed) {
    process.nextTick(onclose);
  } else if ((wState && wState.errorEmitted) || (rState && rState.errorEmitted)) {
    if (!willEmitClose) process.nextTick(onclosed);
  } else if (!readable && (!willEmitClose || u.isReadable(stream)) &&
    (writableFinished || u.isWritable(stream) === false)) {
    process.nextTick(onclosed);
  } else if (!writable && (!willEmitClose || u.isWritable(stream)) &&
    (readableFinished || u.isReadable(stream) === false)) {
    process.nextTick(onclosed);
  }

  const cleanup = () => {
    userCallback = nop;
    if (legacy) {
      stream.removeListener('end', onlegacyfinish);
      stream.removeListener('close', onlegacyfinish);
    }
    stream.removeListener('aborted', onclose);
    stream.removeListener('end', onend);
    stream.removeListener('finish', onfinish);
    stream.removeListener('error', onerror);
    stream.removeListener('close', onclose);
  };

  if (options.signal && !closed) {
    const signal = options.signal;
    const onAbort = () => {
      const err = new Error('The operation was aborted');
      err.name = 'AbortError';
      err.code = 'ABORT_ERR';
      const cb = userCallback;
      cleanup();
      cb.call(stream, err);
    };
    if (signal.aborted) process.nextTick(onAbort);
    else signal.addEventListener('abort', onAbort, { once: true });
  }
  return cleanup;
}

/** finished() as a promise (stream/promises). */
function finishedPromise(stream, options) {
  return new Promise((resolve, reject) => {
    finished(stream, options, (err) => {
      if (err) reject(err);
      else resolve();
    });
  });
}

module.exports = { finished, finishedPromise, prematureClose };
