'use strict';
// assert: the assertion functions of Node's `assert` module. `assert.strict`
// (also `require('assert/strict')`) has the strict comparisons under the
// plain names.

const { AssertionError } = require('./assertion_error.js');
const { isDeepStrictEqual, isDeepEqual } = require('./deep_equal.js');
const { codedError, invalidArgType } = require('./errors.js');
const { inspect } = require('./inspect.js');

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

/** The source text of the call that failed, e.g. `assert.ok(x > 1)`, if it can be found. */
function callSource() {
  const stack = new Error().stack;
  if (typeof stack !== 'string') return null;
  const frame = stack.split('\n').slice(1).find((line) => !line.includes(__filename) && /:\d+:\d+\)?$/.test(line));
  if (!frame) return null;
  const match = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?$/.exec(frame.trim());
  if (!match) return null;
  let source;
  try {
    source = require('./fs.js').readFileSync(match[1].replace(/^file:\/\//, ''), 'utf8');
  } catch {
    return null;
  }
  const lines = source.split('\n');
  const lineIndex = Number(match[2]) - 1;
  let col = Number(match[3]) - 1;
  const line = lines[lineIndex];
  if (line === undefined) return null;
  // Step back over a member access (`assert.ok` reports the column of `ok`).
  while (col > 0 && /[\w$.]/.test(line[col - 1])) col--;
  let depth = 0;
  let text = '';
  let started = false;
  for (let li = lineIndex; li < lines.length; li++) {
    const from = li === lineIndex ? col : 0;
    for (let c = from; c < lines[li].length; c++) {
      const ch = lines[li][c];
      text += ch;
      if (ch === '(') {
        depth++;
        started = true;
      } else if (ch === ')') {
        depth--;
        if (started && depth === 0) return text;
      }
    }
    text += '\n';
  }
  return null;
}

function innerOk(fn, argLen, value, message) {
  if (value) return;
  let generatedMessage = false;
  if (argLen === 0) {
    generatedMessage = true;
    message = 'No value argument passed to `assert.ok()`';
  } else if (message === undefined || message === null) {
    generatedMessage = true;
    const source = callSource();
    message = source ? `The expression evaluated to a falsy value:\n\n  ${source.split('\n').join('\n  ')}\n` :
      `${inspect(value)} == true`;
  } else if (message instanceof Error) {
    throw message;
  }
  const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

function ok(...args) {
  innerOk(ok, args.length, ...args);
}

const assert = ok;
assert.ok = ok;
assert.AssertionError = AssertionError;

assert.fail = function fail(message) {
  if (message instanceof Error) throw message;
  const err = new AssertionError({ message: message === undefined ? 'Failed' : message, operator: 'fail', stackStartFn: fail });
  if (message === undefined) err.generatedMessage = true;
  throw err;
};

function checkArgs(args) {
  if (args.length < 2) {
    throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "actual" and "expected" arguments must be specified');
  }
}

assert.equal = function equal(actual, expected, message) {
  checkArgs(arguments);
  // eslint-disable-next-line eqeqeq
  if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '==', stackStartFn: equal });
  }
};

assert.notEqual = function notEqual(actual, expected, message) {
  checkArgs(arguments);
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
  }
};

assert.strictEqual = function strictEqual(actual, expected, message) {
  checkArgs(arguments);
  if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
};

assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
  checkArgs(arguments);
  if (Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
};

assert.deepEqual = function deepEqual(actual, expected, message) {
  checkArgs(arguments);
  if (!isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual });
};

assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
  checkArgs(arguments);
  if (isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
};

assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
  checkArgs(arguments);
  if (!isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
  }
};

assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
  checkArgs(arguments);
  if (isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
  }
};

function matchImpl(string, regexp, message, fn, shouldMatch) {
  if (!(regexp instanceof RegExp)) throw invalidArgType('regexp', 'an instance of RegExp', regexp);
  if (typeof string !== 'string' || regexp.test(string) !== shouldMatch) {
    if (message instanceof Error) throw message;
    const generated = message === undefined || message === null;
    const text = generated ? (typeof string !== 'string' ?
      `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})` :
      `The input ${shouldMatch ? 'did not match' : 'was expected to not match'} the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`) :
      message;
    const err = new AssertionError({ actual: string, expected: regexp, message: text, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generated;
    throw err;
  }
}

assert.match = function match(string, regexp, message) {
  matchImpl(string, regexp, message, match, true);
};

assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
  matchImpl(string, regexp, message, doesNotMatch, false);
};

const NO_EXCEPTION = Symbol('no exception');

function getActual(fn) {
  if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

async function waitActual(promiseFn) {
  let resultPromise;
  if (typeof promiseFn === 'function') {
    resultPromise = promiseFn();
    if (!resultPromise || typeof resultPromise.then !== 'function') {
      throw codedError(TypeError, 'ERR_INVALID_RETURN_VALUE',
        `Expected instance of Promise to be returned from the "promiseFn" function but got ${resultPromise === undefined ? 'undefined' : `type ${typeof resultPromise}`}.`);
    }
  } else if (promiseFn && typeof promiseFn.then === 'function') {
    resultPromise = promiseFn;
  } else {
    throw invalidArgType('promiseFn', 'of type function or an instance of Promise', promiseFn);
  }
  try {
    await resultPromise;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

/** Checks a thrown value against `expected` (RegExp, class, validation function or object). */
function expectedException(actual, expected, message, fn) {
  let generatedMessage = false;
  let throwError = false;
  if (typeof expected !== 'function') {
    if (expected instanceof RegExp) {
      const str = String(actual);
      if (expected.test(str)) return;
      if (!message) {
        generatedMessage = true;
        message = `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
      }
      throwError = true;
    } else if (typeof actual !== 'object' || actual === null) {
      const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
      err.operator = fn.name;
      throw err;
    } else {
      compareExceptionKeys(actual, expected, message, fn);
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (Error.isPrototypeOf(expected) || expected === Error) {
    if (!message) {
      generatedMessage = true;
      message = `The error is expected to be an instance of "${expected.name}". Received `;
      if (actual instanceof Error) message += `"${actual.constructor && actual.constructor.name}"`;
      else message += `"${inspect(actual, { depth: -1 })}"`;
      if (actual && actual.message !== undefined) message += `\n\nError message:\n\n${actual.message}`;
    }
    throwError = true;
  } else {
    const res = expected.call({}, actual);
    if (res !== true) {
      if (!message) {
        generatedMessage = true;
        const name = expected.name ? `"${expected.name}" ` : '';
        message = `The ${name}validation function is expected to return "true". Received ${inspect(res)}`;
        if (actual instanceof Error) message += `\n\nCaught error:\n\n${actual}`;
      }
      throwError = true;
    }
  }
  if (throwError) {
    if (message instanceof Error) throw message;
    const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

/** Object form of `expected`: every listed key must match (RegExp values test strings). */
function compareExceptionKeys(actual, expected, message, fn) {
  const keys = Object.keys(expected);
  if (expected instanceof Error) keys.push('name', 'message');
  else if (keys.length === 0) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'error' may not be an empty object. Received {}");
  for (const key of keys) {
    const a = actual[key];
    const e = expected[key];
    if (typeof a === 'string' && e instanceof RegExp && e.test(a)) continue;
    if (key in actual && isDeepStrictEqual(a, e)) continue;
    if (message) innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
    // Node shows the compared keys only, as "Comparison" objects.
    const shownActual = new Comparison(actual, keys);
    const shownExpected = new Comparison(expected, keys, actual);
    const err = new AssertionError({ actual: shownActual, expected: shownExpected, operator: 'deepStrictEqual', stackStartFn: fn });
    err.actual = actual;
    err.expected = expected;
    err.operator = fn.name;
    throw err;
  }
}

class Comparison {
  constructor(obj, keys, actual) {
    for (const key of keys) {
      if (key in obj) {
        this[key] = actual !== undefined && typeof actual[key] === 'string' && obj[key] instanceof RegExp && obj[key].test(actual[key]) ?
          actual[key] : obj[key];
      }
    }
  }
}

function expectsError(fn, actual, error, message) {
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (actual === NO_EXCEPTION) {
    let details = '';
    if (error && error.name) details += ` (${error.name})`;
    details += message ? `: ${message}` : '.';
    const fnType = fn === assert.rejects ? 'rejection' : 'exception';
    innerFail({ actual: undefined, expected: error, operator: fn.name, message: `Missing expected ${fnType}${details}`, stackStartFn: fn });
  }
  if (error !== undefined) expectedException(actual, error, message, fn);
}

function expectsNoError(fn, actual, error, message) {
  if (actual === NO_EXCEPTION) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || (typeof error === 'function' && expectedMatches(actual, error))) {
    const details = message ? `: ${message}` : '.';
    const fnType = fn === assert.doesNotReject ? 'rejection' : 'exception';
    innerFail({
      actual,
      expected: error,
      operator: fn.name,
      message: `Got unwanted ${fnType}${details}\nActual message: "${actual && actual.message}"`,
      stackStartFn: fn,
    });
  }
  throw actual;
}

function expectedMatches(actual, expected) {
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Error.isPrototypeOf(expected)) return false;
  return expected.call({}, actual) === true;
}

assert.throws = function throws(promiseFn, ...args) {
  expectsError(throws, getActual(promiseFn), ...args);
};

assert.rejects = async function rejects(promiseFn, ...args) {
  expectsError(rejects, await waitActual(promiseFn), ...args);
};

assert.doesNotThrow = function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, getActual(fn), ...args);
};

assert.doesNotReject = async function doesNotReject(fn, ...args) {
  expectsNoError(doesNotReject, await waitActual(fn), ...args);
};

assert.ifError = function ifError(err) {
  if (err === null || err === undefined) return;
  let message = 'ifError got unwanted exception: ';
  if (typeof err === 'object' && typeof err.message === 'string') {
    message += err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
  } else {
    message += inspect(err);
  }
  const newErr = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
  newErr.generatedMessage = false;
  throw newErr;
};

/** assert.strict: the same functions with the strict comparisons under the plain names. */
function strict(...args) {
  innerOk(strict, args.length, ...args);
}
Object.assign(strict, assert, {
  equal: assert.strictEqual,
  deepEqual: assert.deepStrictEqual,
  notEqual: assert.notStrictEqual,
  notDeepEqual: assert.notDeepStrictEqual,
});
assert.strict = strict;
assert.strict.strict = assert.strict;

module.exports = assert;
