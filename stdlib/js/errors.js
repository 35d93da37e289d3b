'use strict';
// Node-style errors carrying a `code` ('ERR_...'), shared by the host modules.
//
// Node prints these as `TypeError [ERR_X]: message`; the instance keeps the
// base class (`err instanceof TypeError`, `err.name === 'TypeError'`) and gets
// an own enumerable `code`, as Node's internal errors do.

/** Returns a `Base` error with Node's `code` property and `Name [CODE]: msg` string form. */
function codedError(Base, code, message) {
  const err = new Base(message);
  err.code = code;
  Object.defineProperty(err, 'toString', {
    value() {
      return `${this.name} [${this.code}]: ${this.message}`;
    },
    writable: true,
    configurable: true,
  });
  return err;
}

/** Describes a received value the way Node's ERR_INVALID_ARG_TYPE does. */
function describeReceived(value) {
  if (value === null || value === undefined) return ` Received ${value}`;
  if (typeof value === 'function') {
    return ` Received function ${value.name || '<anonymous>'}`;
  }
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) {
      return ` Received an instance of ${value.constructor.name}`;
    }
    return ' Received [object Object]';
  }
  let shown = typeof value === 'string' ? `'${value}'` : String(value);
  if (typeof value === 'string' && value.length > 28) shown = `'${value.slice(0, 25)}...'`;
  return ` Received type ${typeof value} (${shown})`;
}

/** ERR_INVALID_ARG_TYPE for argument `name`; `expected` is the text after "must be". */
function invalidArgType(name, expected, value) {
  const what = name.includes('.') ? 'property' : 'argument';
  return codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
    `The "${name}" ${what} must be ${expected}.${describeReceived(value)}`);
}

/** ERR_OUT_OF_RANGE: `The value of "name" is out of range. It must be RANGE. Received X` */
function outOfRange(name, range, value) {
  return codedError(RangeError, 'ERR_OUT_OF_RANGE',
    `The value of "${name}" is out of range. It must be ${range}. Received ${String(value)}`);
}

module.exports = { codedError, invalidArgType, outOfRange, describeReceived };
