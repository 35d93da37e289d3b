'use strict';
// highWaterMark option handling: defaults (16 KiB, or 16 objects in
// objectMode) and validation, shared by Readable and Writable.

const { codedError } = require('./errors.js');

let defaultBytes = 16 * 1024;
let defaultObjects = 16;

function getDefaultHighWaterMark(objectMode) {
  return objectMode ? defaultObjects : defaultBytes;
}

function setDefaultHighWaterMark(objectMode, value) {
  if (!Number.isInteger(value) || value < 0) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The argument 'value' is invalid. Received ${value}`);
  }
  if (objectMode) defaultObjects = value;
  else defaultBytes = value;
}

/**
 * The high-water mark from `options.highWaterMark`, or for a Duplex side from
 * `options[duplexKey]` (readableHighWaterMark / writableHighWaterMark).
 */
function getHighWaterMark(options, objectMode, duplexKey, isDuplex) {
  let hwm = options ? options.highWaterMark : undefined;
  if ((hwm === undefined || hwm === null) && isDuplex && options) hwm = options[duplexKey];
  if (hwm === undefined || hwm === null) return getDefaultHighWaterMark(objectMode);
  if (!Number.isInteger(hwm) || hwm < 0) {
    const name = isDuplex && options.highWaterMark == null ? `options.${duplexKey}` : 'options.highWaterMark';
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The property '${name}' is invalid. Received ${hwm}`);
  }
  return Math.floor(hwm);
}

module.exports = { getDefaultHighWaterMark, setDefaultHighWaterMark, getHighWaterMark };
