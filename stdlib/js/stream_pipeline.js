'use strict';
// stream.pipeline(source, ...transforms, destination, callback): pipes each
// stage into the next, destroys every stage when one fails, and calls back
// once (on the next tick) when all are done. Stages may be streams, or (as in
// Node) iterables and functions taking and returning async iterables.

const { finished } = require('./stream_end_of_stream.js');
const destroyImpl = require('./stream_destroy.js');
const u = require('./stream_utils.js');
const { codedError, invalidArgType } = require('./errors.js');

function popCallback(streams) {
  const last = streams[streams.length - 1];
  if (typeof last !== 'function') throw invalidArgType('streams[stream.length - 1]', 'of type function', last);
  return streams.pop();
}

function pipeline(...streams) {
  return pipelineImpl(streams, popCallback(streams));
}

/** Watches one stage; `destroy` tears it down unless it already finished. */
function destroyer(stream, reading, writing) {
  let done = false;
  stream.on('close', () => {
    done = true;
  });
  const cleanup = finished(stream, { readable: reading, writable: writing }, (err) => {
    done = !err;
  });
  return {
    destroy(err) {
      if (done) return;
      done = true;
      destroyImpl.destroyer(stream, err || codedError(Error, 'ERR_STREAM_DESTROYED',
        'Cannot call pipe after a stream was destroyed'));
    },
    cleanup,
  };
}

function invalidReturn(expected, name, value) {
  let type = typeof value;
  if (value && typeof value === 'object' && value.constructor && value.constructor.name) {
    type = `instance of ${value.constructor.name}`;
  }
  return codedError(TypeError, 'ERR_INVALID_RETURN_VALUE',
    `Expected ${expected} to be returned from the "${name}" function but got ${type}.`);
}

/** Makes an async iterable out of a stage's output (a stream or any iterable). */
function toAsyncIterable(value) {
  if (u.isReadableNodeStream(value) && typeof value[Symbol.asyncIterator] === 'function') return value;
  if (u.isIterable(value)) return value;
  throw invalidArgType('val', '[ReadableStream, Stream, AsyncIterable]', value);
}

function pipelineImpl(streams, callback, opts) {
  if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
  if (streams.length < 2) {
    throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "streams" argument must be specified');
  }
  let called = false;
  const report = (err, val) => {
    if (called) return;
    called = true;
    callback(err, val);
  };

  let error;
  let value;
  const destroys = [];
  const lastStreamCleanup = [];
  let finishCount = 0;

  function finish(err) {
    finishImpl(err, --finishCount === 0);
  }

  function finishImpl(err, final) {
    if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
    if (!error && !final) return;
    while (destroys.length) destroys.shift()(error);
    if (final) {
      if (!error) for (const fn of lastStreamCleanup) fn();
      process.nextTick(report, error, value);
    }
  }

  // Errors after the data has flowed through still fail the pipeline.
  function onError(err) {
    if (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') finish(err);
  }

  let ret;
  for (let i = 0; i < streams.length; i++) {
    const stream = streams[i];
    const reading = i < streams.length - 1;
    const writing = i > 0;
    const end = reading || !opts || opts.end !== false;
    const isLastStream = i === streams.length - 1;

    if (u.isNodeStream(stream)) {
      if (end) {
        const { destroy, cleanup } = destroyer(stream, reading, writing);
        destroys.push(destroy);
        if (u.isReadable(stream) && isLastStream) lastStreamCleanup.push(cleanup);
      }
      stream.on('error', onError);
      if (u.isReadable(stream) && isLastStream) {
        lastStreamCleanup.push(() => stream.removeListener('error', onError));
      }
    }

    if (i === 0) {
      if (typeof stream === 'function') {
        ret = stream({});
        if (!u.isIterable(ret)) throw invalidReturn('Iterable, AsyncIterable or Stream', 'source', ret);
      } else if (u.isIterable(stream) || u.isReadableNodeStream(stream)) {
        ret = stream;
      } else {
        throw invalidArgType('source', 'a Stream, Iterable or AsyncIterable', stream);
      }
    } else if (typeof stream === 'function') {
      ret = stream(toAsyncIterable(ret), {});
      if (reading) {
        if (!u.isIterable(ret, true)) throw invalidReturn('AsyncIterable', `transform[${i - 1}]`, ret);
      } else {
        // The destination function's result (a promise) becomes the pipeline's value.
        const { PassThrough } = require('./stream_transform.js');
        const pt = new PassThrough({ objectMode: true });
        if (ret && typeof ret.then === 'function') {
          finishCount++;
          ret.then((val) => {
            value = val;
            if (val !== null && val !== undefined) pt.write(val);
            if (end) pt.end();
            process.nextTick(finish);
          }, (err) => {
            pt.destroy(err);
            process.nextTick(finish, err);
          });
        } else if (u.isIterable(ret, true)) {
          finishCount++;
          pumpToNode(ret, pt, finish, end);
        } else {
          throw invalidReturn('AsyncIterable or Promise', 'destination', ret);
        }
        ret = pt;
        const { destroy, cleanup } = destroyer(ret, false, true);
        destroys.push(destroy);
        if (isLastStream) lastStreamCleanup.push(cleanup);
      }
    } else if (u.isNodeStream(stream)) {
      if (u.isReadableNodeStream(ret)) {
        finishCount += 2;
        const cleanup = pipe(ret, stream, finish, end);
        if (u.isReadable(stream) && isLastStream) lastStreamCleanup.push(cleanup);
      } else if (u.isIterable(ret)) {
        finishCount++;
        pumpToNode(ret, stream, finish, end);
      } else {
        throw invalidArgType('val', '[ReadableStream, Stream, AsyncIterable]', ret);
      }
      ret = stream;
    } else {
      throw invalidArgType(`streams[${i}]`, 'a Stream or function', stream);
    }
  }
  return ret;
}

/** Pipes one stream stage into the next, ending it when the source ends. */
function pipe(src, dst, finish, end) {
  let ended = false;
  dst.on('close', () => {
    if (!ended) finish(codedError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close'));
  });
  src.pipe(dst, { end: false });
  if (end) {
    const endFn = () => {
      ended = true;
      dst.end();
    };
    if (u.isReadableFinished(src)) process.nextTick(endFn);
    else src.once('end', endFn);
    finished(src, { readable: true, writable: false }, (err) => {
      const rState = src._readableState;
      if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE' && rState && rState.ended &&
        !rState.errored && !rState.errorEmitted) {
        // Closed right after ending: wait for 'end' instead of failing.
        src.once('end', endFn).once('error', finish);
      } else {
        finish(err);
      }
    });
  } else {
    finish();
  }
  return finished(dst, { readable: false, writable: true }, finish);
}

/** Writes an async iterable into a Writable with backpressure. */
async function pumpToNode(iterable, writable, finish, end) {
  let error;
  let onresolve = null;
  const resume = (err) => {
    if (err) error = err;
    if (onresolve) {
      const cb = onresolve;
      onresolve = null;
      cb();
    }
  };
  const wait = () => new Promise((resolve, reject) => {
    if (error) {
      reject(error);
    } else {
      onresolve = () => {
        if (error) reject(error);
        else resolve();
      };
    }
  });
  writable.on('drain', resume);
  const cleanup = finished(writable, { readable: false }, resume);
  try {
    if (writable.writableNeedDrain) await wait();
    for await (const chunk of iterable) {
      if (!writable.write(chunk)) await wait();
    }
    if (end) {
      writable.end();
      await wait();
    }
    finish();
  } catch (err) {
    finish(error || err);
  } finally {
    cleanup();
    writable.off('drain', resume);
  }
}

/** stream/promises pipeline(): resolves with the destination function's value. */
function pipelinePromise(...streams) {
  return new Promise((resolve, reject) => {
    let opts;
    const last = streams[streams.length - 1];
    if (last && typeof last === 'object' && !u.isNodeStream(last) && !u.isIterable(last)) {
      opts = streams.pop();
    }
    pipelineImpl(streams, (err, value) => {
      if (err) reject(err);
      else resolve(value);
    }, opts);
  });
}

module.exports = { pipeline, pipelinePromise };
