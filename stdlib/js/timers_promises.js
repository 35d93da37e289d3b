'use strict';
// timers/promises: setTimeout, setImmediate and setInterval as promises and
// an async iterator, over the global timer functions.

function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

/** Runs `schedule(resolve)` unless `signal` aborts first; `cancel(handle)` undoes it. */
function cancellable(options, schedule, cancel) {
  const signal = options && options.signal;
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    let onAbort = null;
    const handle = schedule((value) => {
      if (onAbort) signal.removeEventListener('abort', onAbort);
      resolve(value);
    });
    if (options && options.ref === false && handle && typeof handle.unref === 'function') handle.unref();
    if (signal) {
      onAbort = () => {
        cancel(handle);
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}

function setTimeoutPromise(delay, value, options) {
  return cancellable(options, (done) => setTimeout(() => done(value), delay), clearTimeout);
}

function setImmediatePromise(value, options) {
  return cancellable(options, (done) => setImmediate(() => done(value)), clearImmediate);
}

/** Yields `value` every `delay` ms until the loop stops or `signal` aborts. */
async function* setIntervalIterator(delay, value, options) {
  const signal = options && options.signal;
  if (signal && signal.aborted) throw abortError(signal);
  let pending = 0;
  let wake = null;
  const handle = setInterval(() => {
    pending++;
    if (wake) {
      const w = wake;
      wake = null;
      w();
    }
  }, delay);
  if (options && options.ref === false && typeof handle.unref === 'function') handle.unref();
  let aborted = false;
  const onAbort = () => {
    aborted = true;
    if (wake) wake();
  };
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
  try {
    while (true) {
      if (pending === 0) await new Promise((resolve) => { wake = resolve; });
      if (aborted) throw abortError(signal);
      while (pending > 0) {
        pending--;
        yield value;
      }
    }
  } finally {
    clearInterval(handle);
    if (signal) signal.removeEventListener('abort', onAbort);
  }
}

module.exports = {
  setTimeout: setTimeoutPromise,
  setImmediate: setImmediatePromise,
  setInterval: setIntervalIterator,
  scheduler: {
    wait: (delay, options) => setTimeoutPromise(delay, undefined, options),
    yield: () => setImmediatePromise(),
  },
};
