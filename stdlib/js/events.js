'use strict';
// events: EventEmitter.
//
// EventEmitter is a plain constructor function (not a class) so that the
// classic `util.inherits(Child, EventEmitter)` + `EventEmitter.call(this)`
// pattern works. Listeners live in `this._events` (a null-prototype object) as
// a single function or an array of functions, as in Node, so `console.log` of
// an emitter looks the same.

const { codedError, invalidArgType, outOfRange } = require('./errors.js');
const { inspect } = require('./inspect.js');

const kCapture = Symbol('kCapture');
const kShapeMode = Symbol('shapeMode');
const errorMonitor = Symbol('events.errorMonitor');

let defaultMaxListeners = 10;

/** Own string and symbol keys (Reflect.ownKeys without needing Reflect). */
function ownKeys(obj) {
  return Object.getOwnPropertyNames(obj).concat(Object.getOwnPropertySymbols(obj));
}

function checkListener(listener) {
  if (typeof listener !== 'function') {
    throw invalidArgType('listener', 'of type function', listener);
  }
}

/** EventEmitter([options]) */
function EventEmitter(options) {
  EventEmitter.init.call(this, options);
}

/** Sets up the listener table if this object does not have its own yet. */
EventEmitter.init = function init(options) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }
  this._maxListeners = this._maxListeners || undefined;
  this[kCapture] = Boolean(options && options.captureRejections);
};

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get() {
    return defaultMaxListeners;
  },
  set(n) {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
      throw outOfRange('defaultMaxListeners', 'a non-negative number', n);
    }
    defaultMaxListeners = n;
  },
});

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
    throw outOfRange('setMaxListeners', '>= 0', n);
  }
  this._maxListeners = n;
  return this;
};

function maxListenersOf(emitter) {
  return emitter._maxListeners === undefined ? defaultMaxListeners : emitter._maxListeners;
}

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return maxListenersOf(this);
};

/** Throws for an 'error' event nobody listens to, as Node does. */
function throwUnhandled(er) {
  if (er instanceof Error) throw er;
  let shown;
  try {
    shown = inspect(er);
  } catch {
    shown = er;
  }
  const err = codedError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${shown})`);
  err.context = er;
  throw err;
}

EventEmitter.prototype.emit = function emit(type, ...args) {
  const events = this._events;
  if (type === 'error') {
    if (events !== undefined && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
    if (events === undefined || events.error === undefined) throwUnhandled(args[0]);
  }
  if (events === undefined) return false;
  const handler = events[type];
  if (handler === undefined) return false;
  if (typeof handler === 'function') {
    handler.apply(this, args);
  } else {
    // Copy, so listeners added or removed during this emit do not change it.
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; i++) listeners[i].apply(this, args);
  }
  return true;
};

function addListener(target, type, listener, prepend) {
  checkListener(listener);
  let events = target._events;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else if (events.newListener !== undefined) {
    target.emit('newListener', type, listener.listener ? listener.listener : listener);
    // A newListener handler may have replaced the table.
    events = target._events;
  }
  const existing = events[type];
  if (existing === undefined) {
    events[type] = listener;
    target._eventsCount++;
    return target;
  }
  let list;
  if (typeof existing === 'function') {
    list = events[type] = prepend ? [listener, existing] : [existing, listener];
  } else {
    list = existing;
    if (prepend) list.unshift(listener);
    else list.push(listener);
  }
  const max = maxListenersOf(target);
  if (max > 0 && list.length > max && !list.warned) {
    list.warned = true;
    warnLeak(target, type, list.length, max);
  }
  return target;
}

/** Emits MaxListenersExceededWarning once per event name. */
function warnLeak(target, type, count, max) {
  const name = target.constructor && target.constructor.name ? target.constructor.name : 'Object';
  const w = new Error(`Possible EventEmitter memory leak detected. ${count} ${String(type)} listeners ` +
    `added to [${name}]. MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`);
  w.name = 'MaxListenersExceededWarning';
  w.emitter = target;
  w.type = type;
  w.count = count;
  process.emitWarning(w);
}

EventEmitter.prototype.addListener = function addListener_(type, listener) {
  return addListener(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;

EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return addListener(this, type, listener, true);
};

/** Wraps `listener` so that it removes itself before its first call. */
function onceWrap(target, type, listener) {
  const state = { fired: false, target, type, listener, wrapFn: undefined };
  function onceWrapper(...args) {
    if (state.fired) return undefined;
    state.target.removeListener(state.type, state.wrapFn);
    state.fired = true;
    return state.listener.apply(state.target, args);
  }
  const wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  checkListener(listener);
  this.prependListener(type, onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;
  if (list === listener || list.listener === listener) {
    this._eventsCount--;
    if (this[kShapeMode]) events[type] = undefined;
    else if (this._eventsCount === 0) this._events = Object.create(null);
    else delete events[type];
    if (events.removeListener !== undefined) this.emit('removeListener', type, list.listener || listener);
    return this;
  }
  if (typeof list === 'function') return this;
  let position = -1;
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i] === listener || list[i].listener === listener) {
      position = i;
      break;
    }
  }
  if (position < 0) return this;
  list.splice(position, 1);
  if (list.length === 1) events[type] = list[0];
  // Node reports the function as passed here (a once-wrapper when removed by once).
  if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
    }
    this[kShapeMode] = false;
    return this;
  }
  if (arguments.length === 0) {
    for (const key of ownKeys(events)) {
      if (key !== 'removeListener') this.removeAllListeners(key);
    }
    this.removeAllListeners('removeListener');
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
    return this;
  }
  const listeners = events[type];
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    // Last in, first out, as Node does.
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

function listenersOf(target, type, unwrap) {
  const events = target._events;
  if (events === undefined) return [];
  const list = events[type];
  if (list === undefined) return [];
  const all = typeof list === 'function' ? [list] : list.slice();
  return unwrap ? all.map((l) => l.listener || l) : all;
}

EventEmitter.prototype.listeners = function listeners(type) {
  return listenersOf(this, type, true);
};

EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return listenersOf(this, type, false);
};

EventEmitter.prototype.listenerCount = function listenerCount(type, listener) {
  const events = this._events;
  if (events === undefined) return 0;
  const list = events[type];
  if (list === undefined) return 0;
  const all = typeof list === 'function' ? [list] : list;
  if (listener === undefined || listener === null) return all.length;
  return all.filter((l) => l === listener || l.listener === listener).length;
};

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? ownKeys(this._events).filter((k) => this._events[k] !== undefined) : [];
};

/** events.once(emitter, name): resolves with the arguments of the next `name` event. */
function once(emitter, name, options) {
  return new Promise((resolve, reject) => {
    const signal = options && options.signal;
    const onError = (err) => {
      emitter.removeListener(name, onEvent);
      reject(err);
    };
    const onEvent = (...args) => {
      if (name !== 'error') emitter.removeListener('error', onError);
      resolve(args);
    };
    emitter.once(name, onEvent);
    if (name !== 'error') emitter.once('error', onError);
    if (signal && typeof signal.addEventListener === 'function') {
      signal.addEventListener('abort', () => {
        emitter.removeListener(name, onEvent);
        emitter.removeListener('error', onError);
        const err = new Error('The operation was aborted');
        err.name = 'AbortError';
        err.code = 'ABORT_ERR';
        reject(err);
      }, { once: true });
    }
  });
}

/** events.on(emitter, name): an async iterator over the arguments of each `name` event. */
function on(emitter, name) {
  const pending = [];
  const waiting = [];
  let error = null;
  let done = false;
  const onEvent = (...args) => {
    if (waiting.length > 0) waiting.shift().resolve({ value: args, done: false });
    else pending.push(args);
  };
  const onError = (err) => {
    done = true;
    if (waiting.length > 0) waiting.shift().reject(err);
    else error = err;
    stop();
  };
  function stop() {
    emitter.removeListener(name, onEvent);
    emitter.removeListener('error', onError);
    done = true;
    for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
  }
  emitter.on(name, onEvent);
  if (name !== 'error') emitter.on('error', onError);
  return {
    next() {
      if (pending.length > 0) return Promise.resolve({ value: pending.shift(), done: false });
      if (error) {
        const err = error;
        error = null;
        return Promise.reject(err);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      stop();
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err) {
      onError(err);
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** EventEmitter.listenerCount(emitter, type) (deprecated in Node, still present). */
EventEmitter.listenerCount = function listenerCount(emitter, type) {
  return emitter.listenerCount(type);
};

function getEventListeners(emitter, type) {
  return emitter.listeners(type);
}

function getMaxListeners(emitter) {
  return emitter.getMaxListeners();
}

function setMaxListeners(n = defaultMaxListeners, ...emitters) {
  if (emitters.length === 0) EventEmitter.defaultMaxListeners = n;
  else for (const e of emitters) e.setMaxListeners(n);
}

module.exports = EventEmitter;
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.once = once;
EventEmitter.on = on;
EventEmitter.errorMonitor = errorMonitor;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.getMaxListeners = getMaxListeners;
EventEmitter.setMaxListeners = setMaxListeners;
EventEmitter.usingDomains = false;
EventEmitter.captureRejections = false;
EventEmitter.captureRejectionSymbol = Symbol.for('nodejs.rejection');
