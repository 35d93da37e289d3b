'use strict';
// util: format, inspect, inherits, promisify/callbackify, deprecate,
// isDeepStrictEqual, types, TextEncoder/TextDecoder.

const { inspect } = require('./inspect.js');
const { isDeepStrictEqual } = require('./deep_equal.js');
const { Buffer } = require('./buffer.js');
const { codedError, invalidArgType } = require('./errors.js');

function formatNumber(n) {
  return Object.is(n, -0) ? '-0' : `${n}`;
}

const builtinPrototypes = new Set([Object, Array, Error, TypeError, RangeError, SyntaxError, ReferenceError,
  EvalError, URIError, Date, RegExp, Function, Number, String, Boolean, Symbol, Map, Set, Promise].map((c) => c.prototype));

/** Whether the toString `obj` would use is user-defined rather than a built-in one. */
function hasUserToString(obj) {
  for (let proto = obj; proto !== null; proto = Object.getPrototypeOf(proto)) {
    if (Object.prototype.hasOwnProperty.call(proto, 'toString')) return !builtinPrototypes.has(proto);
  }
  return false;
}

function formatS(arg) {
  if (typeof arg === 'number') return formatNumber(arg);
  if (typeof arg === 'bigint') return `${arg}n`;
  if (typeof arg === 'symbol') return arg.toString();
  if (arg !== null && typeof arg === 'object' && !hasUserToString(arg)) {
    return inspect(arg, { depth: 0, colors: false, compact: 3 });
  }
  return String(arg);
}

function formatJ(arg) {
  try {
    return JSON.stringify(arg);
  } catch (err) {
    if (err instanceof TypeError && /circular/i.test(err.message)) return '[Circular]';
    throw err;
  }
}

/** util.format(format, ...args) with %s %d %i %f %j %o %O %c %%. */
function format(...args) {
  return formatWithOptions(undefined, ...args);
}

function formatWithOptions(inspectOptions, ...args) {
  const first = args[0];
  let out = '';
  let next = 0;
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    next = 1;
    let last = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first[i] !== '%') continue;
      const c = first[i + 1];
      if (c === '%') {
        out += first.slice(last, i) + '%';
        last = i + 2;
        i++;
        continue;
      }
      if (next >= args.length || !'sdifjoOc'.includes(c)) continue;
      const arg = args[next];
      let piece;
      switch (c) {
        case 's': piece = formatS(arg); break;
        case 'd':
          piece = typeof arg === 'bigint' ? `${arg}n` : typeof arg === 'symbol' ? 'NaN' : formatNumber(Number(arg));
          break;
        case 'i':
          piece = typeof arg === 'bigint' ? `${arg}n` : typeof arg === 'symbol' ? 'NaN' : formatNumber(parseInt(arg, 10));
          break;
        case 'f': piece = typeof arg === 'symbol' ? 'NaN' : formatNumber(parseFloat(arg)); break;
        case 'j': piece = formatJ(arg); break;
        case 'o': piece = inspect(arg, { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 }); break;
        case 'O': piece = inspect(arg, inspectOptions); break;
        default: piece = ''; // %c: CSS, ignored outside browsers
      }
      out += first.slice(last, i) + piece;
      last = i + 2;
      i++;
      next++;
    }
    out += first.slice(last);
  }
  for (; next < args.length; next++) {
    const arg = args[next];
    const sep = out.length > 0 || next > 0 ? ' ' : '';
    out += sep + (typeof arg === 'string' ? arg : inspect(arg, inspectOptions));
  }
  return out;
}

function inherits(ctor, superCtor) {
  if (typeof ctor !== 'function') throw invalidArgType('ctor', 'of type function', ctor);
  if (typeof superCtor !== 'function') throw invalidArgType('superCtor', 'of type function', superCtor);
  if (superCtor.prototype === undefined) {
    throw invalidArgType('superCtor.prototype', 'of type object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');

/** util.promisify(fn): a promise-returning form of a callback-last function. */
function promisify(original) {
  if (typeof original !== 'function') throw invalidArgType('original', 'of type function', original);
  const custom = original[kCustomPromisify];
  if (custom !== undefined) {
    if (typeof custom !== 'function') {
      throw invalidArgType('util.promisify.custom', 'of type function', custom);
    }
    return Object.defineProperty(custom, kCustomPromisify, { value: custom, enumerable: false, writable: false, configurable: true });
  }
  function fn(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, value) => {
        if (err) reject(err);
        else resolve(value);
      });
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  const descriptors = Object.getOwnPropertyDescriptors(original);
  for (const key of Object.getOwnPropertyNames(descriptors).concat(Object.getOwnPropertySymbols(descriptors))) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    Object.defineProperty(fn, key, descriptors[key]);
  }
  return fn;
}
promisify.custom = kCustomPromisify;

/** util.callbackify(fn): an async function as a callback-last function. */
function callbackify(original) {
  if (typeof original !== 'function') throw invalidArgType('original', 'of type function', original);
  function callbackified(...args) {
    const cb = args.pop();
    if (typeof cb !== 'function') throw invalidArgType('last argument', 'of type function', cb);
    original.apply(this, args).then(
      (value) => process.nextTick(cb, null, value),
      (reason) => {
        if (!reason) {
          const err = codedError(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
          err.reason = reason;
          reason = err;
        }
        process.nextTick(cb, reason);
      },
    );
  }
  Object.defineProperties(callbackified, {
    length: { value: original.length + 1, configurable: true },
    name: { value: `${original.name}Callbackified`, configurable: true },
  });
  return callbackified;
}

const warnedCodes = new Set();

/** util.deprecate(fn, msg[, code]): warns (once) the first time fn is called. */
function deprecate(fn, msg, code) {
  let warned = false;
  function deprecated(...args) {
    if (!warned && !process.noDeprecation) {
      warned = true;
      if (code === undefined || !warnedCodes.has(code)) {
        if (code !== undefined) warnedCodes.add(code);
        process.emitWarning(msg, 'DeprecationWarning', code);
      }
    }
    if (new.target) return new fn(...args);
    return fn.apply(this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

const protoName = (v) => Object.prototype.toString.call(v).slice(8, -1);

function constructorNamed(value, name) {
  const ctor = value !== null && typeof value === 'function' ? Object.getPrototypeOf(value).constructor : null;
  return Boolean(ctor && ctor.name === name);
}

const types = {
  isAsyncFunction: (v) => typeof v === 'function' && (constructorNamed(v, 'AsyncFunction') || constructorNamed(v, 'AsyncGeneratorFunction')),
  isGeneratorFunction: (v) => typeof v === 'function' && (constructorNamed(v, 'GeneratorFunction') || constructorNamed(v, 'AsyncGeneratorFunction')),
  isGeneratorObject: (v) => protoName(v) === 'Generator' || protoName(v) === 'AsyncGenerator',
  isPromise: (v) => v instanceof Promise,
  isDate: (v) => v instanceof Date,
  isRegExp: (v) => v instanceof RegExp,
  isMap: (v) => v instanceof Map,
  isSet: (v) => v instanceof Set,
  isWeakMap: (v) => typeof WeakMap === 'function' && v instanceof WeakMap,
  isWeakSet: (v) => typeof WeakSet === 'function' && v instanceof WeakSet,
  isMapIterator: (v) => protoName(v) === 'Map Iterator',
  isSetIterator: (v) => protoName(v) === 'Set Iterator',
  isNativeError: (v) => v instanceof Error,
  isNumberObject: (v) => v instanceof Number,
  isStringObject: (v) => v instanceof String,
  isBooleanObject: (v) => v instanceof Boolean,
  isSymbolObject: (v) => v instanceof Symbol,
  isBigIntObject: () => false,
  isBoxedPrimitive: (v) => v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof Symbol,
  isArrayBuffer: () => false,
  isAnyArrayBuffer: () => false,
  isSharedArrayBuffer: () => false,
  isArrayBufferView: () => false,
  isDataView: () => false,
  isTypedArray: () => false,
  isUint8Array: () => false,
  isProxy: () => false,
  isExternal: () => false,
  isModuleNamespaceObject: (v) => protoName(v) === 'Module',
  isArgumentsObject: (v) => protoName(v) === 'Arguments',
};

/** TextEncoder: UTF-8 only; encode() returns a Buffer (minijs has no Uint8Array). */
class TextEncoder {
  get encoding() {
    return 'utf-8';
  }

  encode(input = '') {
    return Buffer.from(String(input), 'utf8');
  }
}

/** TextDecoder: UTF-8 (replacement characters for invalid input), latin1, utf-16le. */
class TextDecoder {
  constructor(encoding = 'utf-8', options = {}) {
    const enc = String(encoding).toLowerCase();
    const known = { 'utf-8': 'utf8', utf8: 'utf8', 'utf-16le': 'utf16le', latin1: 'latin1', 'iso-8859-1': 'latin1' };
    if (!known[enc]) {
      throw codedError(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${encoding}" encoding is not supported`);
    }
    this.internal = known[enc];
    this.fatal = Boolean(options.fatal);
    this.ignoreBOM = Boolean(options.ignoreBOM);
  }

  get encoding() {
    return { utf8: 'utf-8', utf16le: 'utf-16le', latin1: 'windows-1252' }[this.internal];
  }

  decode(input) {
    if (input === undefined) return '';
    let text = Buffer.prototype.toString.call(input, this.internal, 0, input.length);
    if (!this.ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (this.fatal && text.includes('\ufffd')) {
      throw codedError(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', `The encoded data was not valid for encoding ${this.encoding}`);
    }
    return text;
  }
}

function debuglog(section) {
  const enabled = typeof process.env === 'object' && process.env && new RegExp(`\\b${section}\\b`, 'i').test(process.env.NODE_DEBUG || '');
  const log = (...args) => {
    if (enabled) process.stderr.write(`${section.toUpperCase()} ${process.pid}: ${format(...args)}\n`);
  };
  log.enabled = enabled;
  return log;
}

// eslint-disable-next-line no-control-regex
const ansi = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:[a-zA-Z\d]*(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;

module.exports = {
  format,
  formatWithOptions,
  inspect,
  inherits,
  promisify,
  callbackify,
  deprecate,
  debuglog,
  debug: debuglog,
  isDeepStrictEqual,
  types,
  TextEncoder,
  TextDecoder,
  stripVTControlCharacters: (str) => String(str).replace(ansi, ''),
  toUSVString: (str) => String(str).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, (m) => m.replace(/[\ud800-\udfff]/, '\ufffd')),
  isArray: Array.isArray,
  isBoolean: (v) => typeof v === 'boolean',
  isBuffer: (v) => Buffer.isBuffer(v),
  isDate: types.isDate,
  isError: (v) => v instanceof Error,
  isFunction: (v) => typeof v === 'function',
  isNull: (v) => v === null,
  isNullOrUndefined: (v) => v === null || v === undefined,
  isNumber: (v) => typeof v === 'number',
  isObject: (v) => v !== null && typeof v === 'object',
  isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
  isRegExp: types.isRegExp,
  isString: (v) => typeof v === 'string',
  isSymbol: (v) => typeof v === 'symbol',
  isUndefined: (v) => v === undefined,
};
