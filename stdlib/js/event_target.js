'use strict';
// The web-style globals Node 20 has: Event, EventTarget, AbortController,
// AbortSignal and DOMException (enough of them for cancelling work:
// timers/promises, events and streams take `{ signal }`).

const customInspect = Symbol.for('nodejs.util.inspect.custom');

const DOMEXCEPTION_CODES = {
  IndexSizeError: 1,
  NotFoundError: 8,
  NotSupportedError: 9,
  InvalidStateError: 11,
  SyntaxError: 12,
  InvalidAccessError: 15,
  TimeoutError: 23,
  DataCloneError: 25,
  AbortError: 20,
};

class DOMException extends Error {
  constructor(message = '', options = 'Error') {
    super(message);
    const name = typeof options === 'object' && options !== null ? String(options.name ?? 'Error') : String(options);
    if (typeof options === 'object' && options !== null && 'cause' in options) {
      Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
    }
    Object.defineProperty(this, 'name', { value: name, writable: true, configurable: true });
  }

  get code() {
    return DOMEXCEPTION_CODES[this.name] ?? 0;
  }
}

const kStop = Symbol('stop');

class Event {
  constructor(type, options = {}) {
    if (arguments.length === 0) {
      throw new TypeError('The "type" argument must be specified');
    }
    this.type = String(type);
    this.cancelable = Boolean(options && options.cancelable);
    this.bubbles = Boolean(options && options.bubbles);
    this.composed = Boolean(options && options.composed);
    this.defaultPrevented = false;
    this.target = null;
    this.currentTarget = null;
    this.timeStamp = typeof performance === 'object' ? performance.now() : Date.now();
    this.isTrusted = false;
    this[kStop] = false;
  }

  preventDefault() {
    if (this.cancelable) this.defaultPrevented = true;
  }

  stopImmediatePropagation() {
    this[kStop] = true;
  }

  stopPropagation() {}
}

const kListeners = Symbol('listeners');

class EventTarget {
  constructor() {
    Object.defineProperty(this, kListeners, { value: new Map() });
  }

  /** `listener` is a function or an object with `handleEvent`; options: once, signal, capture. */
  addEventListener(type, listener, options) {
    if (listener === null || listener === undefined) return;
    const opts = typeof options === 'object' && options !== null ? options : { capture: Boolean(options) };
    const signal = opts.signal;
    if (signal && signal.aborted) return;
    let list = this[kListeners].get(type);
    if (!list) {
      list = [];
      this[kListeners].set(type, list);
    }
    const capture = Boolean(opts.capture);
    if (list.some((l) => l.listener === listener && l.capture === capture)) return;
    const entry = { listener, capture, once: Boolean(opts.once), removed: false };
    list.push(entry);
    if (signal) {
      signal.addEventListener('abort', () => this.removeEventListener(type, listener, { capture }), { once: true });
    }
  }

  removeEventListener(type, listener, options) {
    const list = this[kListeners].get(type);
    if (!list) return;
    const capture = typeof options === 'object' && options !== null ? Boolean(options.capture) : Boolean(options);
    const i = list.findIndex((l) => l.listener === listener && l.capture === capture);
    if (i >= 0) {
      list[i].removed = true;
      list.splice(i, 1);
    }
  }

  /** Calls the listeners in order; returns false if one called preventDefault(). */
  dispatchEvent(event) {
    if (!(event instanceof Event)) {
      throw new TypeError('The "event" argument must be an instance of Event. Received ' + typeof event);
    }
    event.target = this;
    event.currentTarget = this;
    const list = (this[kListeners].get(event.type) || []).slice();
    for (const entry of list) {
      if (entry.removed) continue;
      if (entry.once) this.removeEventListener(event.type, entry.listener, { capture: entry.capture });
      const { listener } = entry;
      try {
        if (typeof listener === 'function') listener.call(this, event);
        else if (listener && typeof listener.handleEvent === 'function') listener.handleEvent(event);
      } catch (err) {
        // As in Node: an error in a listener is an uncaught exception,
        // reported after the dispatch; the other listeners still run.
        process.nextTick(() => {
          throw err;
        });
      }
      if (event[kStop]) break;
    }
    event.currentTarget = null;
    return !event.defaultPrevented;
  }
}

const kAborted = Symbol('aborted');
const kReason = Symbol('reason');
const kOnAbort = Symbol('onabort');

function abortSignal(signal, reason) {
  if (signal[kAborted]) return;
  signal[kAborted] = true;
  signal[kReason] = reason;
  signal.dispatchEvent(new Event('abort'));
}

function newSignal() {
  const signal = Object.create(AbortSignal.prototype);
  Object.defineProperty(signal, kListeners, { value: new Map() });
  signal[kAborted] = false;
  signal[kReason] = undefined;
  return signal;
}

class AbortSignal extends EventTarget {
  constructor() {
    super();
    throw new TypeError('Illegal constructor');
  }

  get aborted() {
    return this[kAborted];
  }

  get reason() {
    return this[kReason];
  }

  /** An event handler: it runs in the order it was first set, among the listeners. */
  get onabort() {
    return this[kOnAbort] ?? null;
  }

  set onabort(handler) {
    if (!(kOnAbort in this)) {
      this.addEventListener('abort', (event) => {
        if (typeof this[kOnAbort] === 'function') this[kOnAbort].call(this, event);
      });
    }
    this[kOnAbort] = handler;
  }

  throwIfAborted() {
    if (this[kAborted]) throw this[kReason];
  }

  static abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    const signal = newSignal();
    abortSignal(signal, reason);
    return signal;
  }

  /** A signal that aborts after `delay` ms (its timer does not keep the process alive). */
  static timeout(delay) {
    const signal = newSignal();
    const timer = setTimeout(() => {
      abortSignal(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    if (timer && typeof timer.unref === 'function') timer.unref();
    return signal;
  }

  /** A signal that aborts when any of `signals` does. */
  static any(signals) {
    const signal = newSignal();
    for (const s of signals) {
      if (s.aborted) {
        abortSignal(signal, s.reason);
        return signal;
      }
    }
    for (const s of signals) {
      s.addEventListener('abort', () => abortSignal(signal, s.reason), { once: true });
    }
    return signal;
  }

  [customInspect]() {
    return `AbortSignal { aborted: ${this[kAborted]} }`;
  }
}

class AbortController {
  constructor() {
    Object.defineProperty(this, 'signal', { value: newSignal(), enumerable: true });
  }

  abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    abortSignal(this.signal, reason);
  }

  [customInspect]() {
    return `AbortController { signal: AbortSignal { aborted: ${this.signal.aborted} } }`;
  }
}

module.exports = { AbortController, AbortSignal, DOMException, Event, EventTarget };
