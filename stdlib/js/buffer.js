'use strict';
// buffer: Buffer without typed arrays.
//
// Representation: a Buffer is a plain Array of byte values (integers 0..255)
// whose prototype is Buffer.prototype (which inherits Array.prototype). We chose
// an array over a latin1 string because it makes `buf[i]` reads and writes,
// `buf.length`, iteration and `buf.fill`/`write` work natively without Proxy,
// and the Rust side can read and build such arrays directly. Known departures
// from Node: `slice`/`subarray` copy instead of sharing memory, `buf[i] = 300`
// stores 300 instead of wrapping to 44, and `Array.isArray(buf)` is true.

const { codedError, invalidArgType, outOfRange } = require('./errors.js');

const INSPECT_MAX_BYTES = 50;
const kMaxLength = 2 ** 32;
const customInspect = Symbol.for('nodejs.util.inspect.custom');

/** Canonical name of a supported encoding, or undefined. */
function normalizeEncoding(enc) {
  if (enc === undefined || enc === null || enc === '') return 'utf8';
  switch (String(enc).toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'hex': return 'hex';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'latin1': case 'binary': return 'latin1';
    case 'ascii': return 'ascii';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    default: return undefined;
  }
}

function checkEncoding(enc) {
  const normalized = normalizeEncoding(enc);
  if (normalized === undefined) {
    throw codedError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${enc}`);
  }
  return normalized;
}

/** Gives a plain array of bytes the Buffer prototype, without copying. */
function adopt(bytes) {
  return Object.setPrototypeOf(bytes, Buffer.prototype);
}

// ---- encoders: string -> array of bytes ----

function utf8Encode(str) {
  const out = [];
  const len = str.length;
  for (let i = 0; i < len; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    if (c < 0x800) {
      out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < len ? str.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
        continue;
      }
      c = 0xfffd; // lone surrogate
    }
    out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

function latin1Encode(str) {
  const out = new Array(str.length);
  for (let i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 0xff;
  return out;
}

function utf16leEncode(str) {
  const out = new Array(str.length * 2);
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Pairs of hex digits up to the first invalid pair, as Node does. */
function hexEncode(str) {
  const out = [];
  for (let i = 0; i + 1 < str.length; i += 2) {
    const hi = hexValue(str.charCodeAt(i));
    const lo = hexValue(str.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) break;
    out.push(hi * 16 + lo);
  }
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const base64Values = new Map();
for (let i = 0; i < 64; i++) {
  base64Values.set(BASE64.charCodeAt(i), i);
  base64Values.set(BASE64URL.charCodeAt(i), i);
}

/** Decodes both base64 alphabets, skipping other characters and stopping at '='. */
function base64Encode(str) {
  const out = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === 61) break;
    const v = base64Values.get(c);
    if (v === undefined) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

function encodeString(str, enc) {
  switch (enc) {
    case 'utf8': return utf8Encode(str);
    case 'latin1': case 'ascii': return latin1Encode(str);
    case 'utf16le': return utf16leEncode(str);
    case 'hex': return hexEncode(str);
    default: return base64Encode(str);
  }
}

// ---- decoders: bytes[start, end) -> string ----

/** Builds a string from char codes in slices, keeping argument lists short. */
function fromCodes(codes) {
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) {
    out += String.fromCharCode.apply(null, codes.slice(i, i + 4096));
  }
  return out;
}

/**
 * UTF-8 decoding per the WHATWG Encoding Standard: each maximal invalid
 * subsequence becomes one U+FFFD.
 */
function utf8Decode(bytes, start, end) {
  const codes = [];
  let i = start;
  while (i < end) {
    const b = bytes[i++];
    if (b < 0x80) {
      codes.push(b);
      continue;
    }
    let needed;
    let cp;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      needed = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      needed = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      needed = 3;
      cp = b & 0x07;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else {
      codes.push(0xfffd);
      continue;
    }
    let ok = true;
    for (let k = 0; k < needed; k++) {
      const next = i < end ? bytes[i] : -1;
      if (next < lower || next > upper) {
        ok = false;
        break;
      }
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (next & 0x3f);
      i++;
    }
    if (!ok) {
      codes.push(0xfffd);
    } else if (cp >= 0x10000) {
      cp -= 0x10000;
      codes.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      codes.push(cp);
    }
  }
  return fromCodes(codes);
}

function latin1Decode(bytes, start, end, mask) {
  const codes = new Array(end - start);
  for (let i = start; i < end; i++) codes[i - start] = bytes[i] & mask;
  return fromCodes(codes);
}

function utf16leDecode(bytes, start, end) {
  const codes = [];
  for (let i = start; i + 1 < end; i += 2) codes.push(bytes[i] | (bytes[i + 1] << 8));
  return fromCodes(codes);
}

function hexDecode(bytes, start, end) {
  let out = '';
  for (let i = start; i < end; i++) out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return out;
}

function base64Decode(bytes, start, end, alphabet, pad) {
  let out = '';
  let i = start;
  for (; i + 2 < end; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
  }
  if (end - i === 1) {
    const n = bytes[i] << 16;
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + (pad ? '==' : '');
  } else if (end - i === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + (pad ? '=' : '');
  }
  return out;
}

function decodeBytes(bytes, enc, start, end) {
  switch (enc) {
    case 'utf8': return utf8Decode(bytes, start, end);
    case 'latin1': return latin1Decode(bytes, start, end, 0xff);
    case 'ascii': return latin1Decode(bytes, start, end, 0x7f);
    case 'utf16le': return utf16leDecode(bytes, start, end);
    case 'hex': return hexDecode(bytes, start, end);
    case 'base64': return base64Decode(bytes, start, end, BASE64, true);
    default: return base64Decode(bytes, start, end, BASE64URL, false);
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

function utf8Length(str) {
  // ASCII (most protocol text) is one byte a character.
  if (!NON_ASCII.test(str)) return str.length;
  let n = 0;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length &&
      str.charCodeAt(i + 1) >= 0xdc00 && str.charCodeAt(i + 1) <= 0xdfff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Clamps a (start, end) pair to [0, length] the way Buffer methods do. */
function clampRange(length, start, end) {
  let s = start === undefined ? 0 : Math.trunc(Number(start)) || 0;
  let e = end === undefined ? length : Math.trunc(Number(end)) || 0;
  if (s < 0) s = Math.max(length + s, 0);
  if (e < 0) e = Math.max(length + e, 0);
  s = Math.min(s, length);
  e = Math.min(e, length);
  return [s, Math.max(s, e)];
}

function isArrayLike(value) {
  return value !== null && typeof value === 'object' && typeof value.length === 'number';
}

/** Integer read/write helpers for the readUInt* / writeUInt* families. */
function checkOffset(buf, offset, size) {
  if (offset === undefined) return 0;
  if (typeof offset !== 'number') throw invalidArgType('offset', 'of type number', offset);
  if (!Number.isInteger(offset) || offset < 0 || offset + size > buf.length) {
    throw outOfRange('offset', `>= 0 and <= ${buf.length - size}`, offset);
  }
  return offset;
}

function readUnsigned(buf, offset, size, littleEndian) {
  offset = checkOffset(buf, offset, size);
  let value = 0;
  for (let k = 0; k < size; k++) {
    const b = buf[littleEndian ? offset + size - 1 - k : offset + k];
    value = value * 256 + b;
  }
  return value;
}

function readSigned(buf, offset, size, littleEndian) {
  const value = readUnsigned(buf, offset, size, littleEndian);
  const limit = 2 ** (8 * size - 1);
  return value >= limit ? value - 2 * limit : value;
}

function writeInteger(buf, value, offset, size, littleEndian, min, max) {
  offset = checkOffset(buf, offset, size);
  value = Number(value);
  if (value < min || value > max) {
    throw outOfRange('value', `>= ${min} and <= ${max}`, value);
  }
  let v = value < 0 ? value + 2 ** (8 * size) : value;
  for (let k = 0; k < size; k++) {
    buf[littleEndian ? offset + k : offset + size - 1 - k] = v % 256;
    v = Math.floor(v / 256);
  }
  return offset + size;
}

/**
 * IEEE 754 binary32 (size 4) and binary64 (size 8) without DataView: the
 * value is handled as big-endian 32-bit words holding sign, biased exponent
 * and mantissa.
 */
const FLOAT_FORMATS = { 4: { expBits: 8, mantBits: 23 }, 8: { expBits: 11, mantBits: 52 } };

function readFloat(buf, offset, size, littleEndian) {
  offset = checkOffset(buf, offset, size);
  const { expBits, mantBits } = FLOAT_FORMATS[size];
  const word = (k) => {
    let v = 0;
    for (let i = 0; i < 4; i++) v = v * 256 + buf[littleEndian ? offset + size - 1 - (k + i) : offset + k + i];
    return v;
  };
  const hi = word(0);
  const hiMantBits = mantBits - (size - 4) * 8;
  const sign = hi >= 2 ** 31 ? -1 : 1;
  const exp = Math.floor(hi / 2 ** hiMantBits) % 2 ** expBits;
  const mant = (hi % 2 ** hiMantBits) * 2 ** ((size - 4) * 8) + (size === 8 ? word(4) : 0);
  const bias = 2 ** (expBits - 1) - 1;
  if (exp === 0) return sign * mant * 2 ** (1 - bias - mantBits);
  if (exp === 2 ** expBits - 1) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 2 ** mantBits) * 2 ** (exp - bias);
}

function writeFloat(buf, value, offset, size, littleEndian) {
  offset = checkOffset(buf, offset, size);
  const { expBits, mantBits } = FLOAT_FORMATS[size];
  value = Number(value);
  if (size === 4) value = Math.fround(value);
  const bias = 2 ** (expBits - 1) - 1;
  const sign = value < 0 || Object.is(value, -0) ? 1 : 0;
  const abs = Math.abs(value);
  let exp;
  let mant;
  if (Number.isNaN(value)) {
    exp = 2 ** expBits - 1;
    mant = 2 ** (mantBits - 1);
  } else if (abs === Infinity) {
    exp = 2 ** expBits - 1;
    mant = 0;
  } else if (abs === 0) {
    exp = 0;
    mant = 0;
  } else {
    exp = Math.floor(Math.log2(abs));
    if (2 ** exp > abs) exp--;
    if (2 ** (exp + 1) <= abs) exp++;
    if (exp + bias <= 0) {
      mant = abs / 2 ** (1 - bias - mantBits);
      exp = 0;
    } else {
      mant = (abs / 2 ** exp - 1) * 2 ** mantBits;
      exp += bias;
    }
  }
  const loBits = (size - 4) * 8;
  const hi = sign * 2 ** 31 + exp * 2 ** (mantBits - loBits) + Math.floor(mant / 2 ** loBits);
  const words = size === 8 ? [hi, mant % 2 ** 32] : [hi];
  const bytes = [];
  for (const w of words) bytes.push(Math.floor(w / 2 ** 24) % 256, Math.floor(w / 2 ** 16) % 256, Math.floor(w / 256) % 256, w % 256);
  for (let k = 0; k < size; k++) buf[littleEndian ? offset + size - 1 - k : offset + k] = bytes[k];
  return offset + size;
}

/**
 * Buffer. Calling `new Buffer(x)` is Node's deprecated form of Buffer.from /
 * Buffer.alloc; instances are made by the static methods.
 */
class Buffer {
  constructor(arg, encodingOrOffset, length) {
    return typeof arg === 'number' ? Buffer.alloc(arg) : Buffer.from(arg, encodingOrOffset, length);
  }

  static from(value, encodingOrOffset, length) {
    if (typeof value === 'string') {
      return adopt(encodeString(value, checkEncoding(encodingOrOffset)));
    }
    if (value instanceof Buffer) return adopt(value.slice(0, value.length).toArray());
    if (isArrayLike(value)) {
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++) out[i] = Number(value[i]) & 0xff;
      return adopt(out);
    }
    if (value !== null && typeof value === 'object') {
      if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
      const prim = typeof value[Symbol.toPrimitive] === 'function' ? value[Symbol.toPrimitive]('string') : value.valueOf();
      if (prim !== value && prim !== null && prim !== undefined) return Buffer.from(prim, encodingOrOffset, length);
    }
    throw invalidArgType('first argument',
      'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
  }

  static alloc(size, fill, encoding) {
    if (typeof size !== 'number') throw invalidArgType('size', 'of type number', size);
    if (size < 0 || size > kMaxLength || Number.isNaN(size)) {
      throw outOfRange('size', `>= 0 && <= ${kMaxLength}`, size);
    }
    const buf = adopt(new Array(Math.floor(size)).fill(0));
    if (fill !== undefined && fill !== 0 && size > 0) buf.fill(fill, encoding);
    return buf;
  }

  static allocUnsafe(size) {
    return Buffer.alloc(size);
  }

  static allocUnsafeSlow(size) {
    return Buffer.alloc(size);
  }

  static isBuffer(value) {
    return value instanceof Buffer;
  }

  static isEncoding(enc) {
    return typeof enc === 'string' && enc !== '' && normalizeEncoding(enc) !== undefined;
  }

  static byteLength(value, encoding) {
    if (typeof value !== 'string') {
      if (isArrayLike(value)) return value.length;
      throw invalidArgType('string', 'of type string or an instance of Buffer or ArrayBuffer', value);
    }
    switch (normalizeEncoding(encoding) || 'utf8') {
      case 'utf8': return utf8Length(value);
      case 'latin1': case 'ascii': return value.length;
      case 'utf16le': return value.length * 2;
      case 'hex': return value.length >>> 1;
      default: {
        let n = value.length;
        if (n > 0 && value.charCodeAt(n - 1) === 61) n--;
        if (n > 1 && value.charCodeAt(n - 1) === 61) n--;
        return (n * 3) >>> 2;
      }
    }
  }

  static concat(list, totalLength) {
    if (!Array.isArray(list)) throw invalidArgType('list', 'an instance of Array', list);
    const out = [];
    for (const item of list) {
      if (!isArrayLike(item)) throw invalidArgType('list[0]', 'an instance of Buffer or Uint8Array', item);
      for (let i = 0; i < item.length; i++) out.push(item[i]);
    }
    if (totalLength !== undefined) {
      if (out.length > totalLength) out.length = totalLength;
      while (out.length < totalLength) out.push(0);
    }
    return adopt(out);
  }

  static compare(a, b) {
    return a.compare(b);
  }

  /** A plain Array copy of these bytes (used internally and by fs). */
  toArray() {
    return Array.prototype.slice.call(this);
  }

  toString(encoding, start, end) {
    if (arguments.length === 0) return utf8Decode(this, 0, this.length);
    const [s, e] = clampRange(this.length, start, end);
    return decodeBytes(this, checkEncoding(encoding), s, e);
  }

  toLocaleString(encoding, start, end) {
    return this.toString(encoding, start, end);
  }

  toJSON() {
    return { type: 'Buffer', data: this.toArray() };
  }

  equals(other) {
    if (!isArrayLike(other)) throw invalidArgType('otherBuffer', 'an instance of Buffer or Uint8Array', other);
    return this.compare(other) === 0;
  }

  compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    if (!isArrayLike(target)) throw invalidArgType('target', 'an instance of Buffer or Uint8Array', target);
    const [ts, te] = clampRange(target.length, targetStart, targetEnd);
    const [ss, se] = clampRange(this.length, sourceStart, sourceEnd);
    const n = Math.min(te - ts, se - ss);
    for (let i = 0; i < n; i++) {
      const a = this[ss + i];
      const b = target[ts + i];
      if (a !== b) return a < b ? -1 : 1;
    }
    const la = se - ss;
    const lb = te - ts;
    return la === lb ? 0 : la < lb ? -1 : 1;
  }

  copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
    const [ss, se] = clampRange(this.length, sourceStart, sourceEnd);
    const n = Math.min(se - ss, target.length - targetStart);
    for (let i = 0; i < n; i++) target[targetStart + i] = this[ss + i];
    return Math.max(n, 0);
  }

  slice(start, end) {
    const [s, e] = clampRange(this.length, start, end);
    return adopt(Array.prototype.slice.call(this, s, e));
  }

  subarray(start, end) {
    return this.slice(start, end);
  }

  write(string, offset, length, encoding) {
    if (typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      length = this.length;
    } else if (typeof length === 'string') {
      encoding = length;
      length = this.length - (offset || 0);
    }
    offset = offset === undefined ? 0 : offset;
    const room = this.length - offset;
    length = length === undefined ? room : Math.min(length, room);
    const enc = checkEncoding(encoding);
    let bytes = encodeString(string, enc);
    if (bytes.length > length) {
      bytes = bytes.slice(0, length);
      // Never write part of a UTF-8 character.
      if (enc === 'utf8') {
        let cut = bytes.length;
        while (cut > 0 && (bytes[cut - 1] & 0xc0) === 0x80) cut--;
        if (cut > 0) {
          const lead = bytes[cut - 1];
          const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
          if (cut - 1 + size > bytes.length) bytes = bytes.slice(0, cut - 1);
        }
      }
    }
    for (let i = 0; i < bytes.length; i++) this[offset + i] = bytes[i];
    return bytes.length;
  }

  fill(value, offset, end, encoding) {
    if (typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = this.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = this.length;
    }
    const [s, e] = clampRange(this.length, offset, end);
    let pattern;
    if (typeof value === 'number') pattern = [value & 0xff];
    else if (typeof value === 'boolean') pattern = [Number(value)];
    else if (typeof value === 'string') pattern = encodeString(value, checkEncoding(encoding));
    else pattern = Array.prototype.slice.call(value);
    if (pattern.length === 0) {
      if (typeof value === 'string' && value !== '') {
        throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
          `The argument 'value' is invalid. Received '${value}'`);
      }
      pattern = [0];
    }
    for (let i = s; i < e; i++) this[i] = pattern[(i - s) % pattern.length];
    return this;
  }

  indexOf(value, byteOffset, encoding) {
    return searchBytes(this, value, byteOffset, encoding, true);
  }

  lastIndexOf(value, byteOffset, encoding) {
    return searchBytes(this, value, byteOffset, encoding, false);
  }

  includes(value, byteOffset, encoding) {
    return this.indexOf(value, byteOffset, encoding) !== -1;
  }

  readUInt8(offset) { return readUnsigned(this, offset, 1, false); }
  readUInt16LE(offset) { return readUnsigned(this, offset, 2, true); }
  readUInt16BE(offset) { return readUnsigned(this, offset, 2, false); }
  readUInt32LE(offset) { return readUnsigned(this, offset, 4, true); }
  readUInt32BE(offset) { return readUnsigned(this, offset, 4, false); }
  readInt8(offset) { return readSigned(this, offset, 1, false); }
  readInt16LE(offset) { return readSigned(this, offset, 2, true); }
  readInt16BE(offset) { return readSigned(this, offset, 2, false); }
  readInt32LE(offset) { return readSigned(this, offset, 4, true); }
  readInt32BE(offset) { return readSigned(this, offset, 4, false); }
  writeUInt8(value, offset) { return writeInteger(this, value, offset, 1, false, 0, 0xff); }
  writeUInt16LE(value, offset) { return writeInteger(this, value, offset, 2, true, 0, 0xffff); }
  writeUInt16BE(value, offset) { return writeInteger(this, value, offset, 2, false, 0, 0xffff); }
  writeUInt32LE(value, offset) { return writeInteger(this, value, offset, 4, true, 0, 0xffffffff); }
  writeUInt32BE(value, offset) { return writeInteger(this, value, offset, 4, false, 0, 0xffffffff); }
  writeInt8(value, offset) { return writeInteger(this, value, offset, 1, false, -0x80, 0x7f); }
  writeInt16LE(value, offset) { return writeInteger(this, value, offset, 2, true, -0x8000, 0x7fff); }
  writeInt16BE(value, offset) { return writeInteger(this, value, offset, 2, false, -0x8000, 0x7fff); }
  writeInt32LE(value, offset) { return writeInteger(this, value, offset, 4, true, -0x80000000, 0x7fffffff); }
  writeInt32BE(value, offset) { return writeInteger(this, value, offset, 4, false, -0x80000000, 0x7fffffff); }
  readFloatLE(offset) { return readFloat(this, offset, 4, true); }
  readFloatBE(offset) { return readFloat(this, offset, 4, false); }
  readDoubleLE(offset) { return readFloat(this, offset, 8, true); }
  readDoubleBE(offset) { return readFloat(this, offset, 8, false); }
  writeFloatLE(value, offset) { return writeFloat(this, value, offset, 4, true); }
  writeFloatBE(value, offset) { return writeFloat(this, value, offset, 4, false); }
  writeDoubleLE(value, offset) { return writeFloat(this, value, offset, 8, true); }
  writeDoubleBE(value, offset) { return writeFloat(this, value, offset, 8, false); }

  /** `<Buffer 68 69>`, as util.inspect shows a Buffer. */
  [customInspect](depth, options, inspect) {
    const shown = Math.min(this.length, INSPECT_MAX_BYTES);
    let str = hexDecode(this, 0, shown).replace(/(.{2})/g, '$1 ').trim();
    const rest = this.length - shown;
    if (rest > 0) str += ` ... ${rest} more byte${rest > 1 ? 's' : ''}`;
    const extras = Object.keys(this).filter((k) => String(k >>> 0) !== k);
    if (extras.length > 0) {
      const show = typeof inspect === 'function' ? inspect : String;
      str += (str ? ', ' : '') + extras.map((k) => `${k}: ${show(this[k], { ...options, depth: 0 })}`).join(', ');
    }
    return `<${this.constructor.name} ${str}>`;
  }
}

/** Shared body of indexOf/lastIndexOf for numbers, strings and buffers. */
function searchBytes(buf, value, byteOffset, encoding, forward) {
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  }
  let needle;
  if (typeof value === 'number') needle = [value & 0xff];
  else if (typeof value === 'string') needle = encodeString(value, checkEncoding(encoding));
  else if (isArrayLike(value)) needle = value;
  else throw invalidArgType('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
  const len = buf.length;
  let from = byteOffset === undefined || Number.isNaN(Number(byteOffset)) ? (forward ? 0 : len) : Math.trunc(Number(byteOffset));
  if (from < 0) from += len;
  if (needle.length === 0) return forward ? Math.min(Math.max(from, 0), len) : Math.min(from, len);
  const last = len - needle.length;
  const matches = (at) => {
    for (let k = 0; k < needle.length; k++) if (buf[at + k] !== needle[k]) return false;
    return true;
  };
  if (forward) {
    for (let i = Math.max(from, 0); i <= last; i++) if (matches(i)) return i;
  } else {
    for (let i = Math.min(from, last); i >= 0; i--) if (matches(i)) return i;
  }
  return -1;
}

Object.setPrototypeOf(Buffer.prototype, Array.prototype);
for (const [alias, name] of [['readUint8', 'readUInt8'], ['readUint16LE', 'readUInt16LE'],
  ['readUint16BE', 'readUInt16BE'], ['readUint32LE', 'readUInt32LE'], ['readUint32BE', 'readUInt32BE'],
  ['writeUint8', 'writeUInt8'], ['writeUint16LE', 'writeUInt16LE'], ['writeUint16BE', 'writeUInt16BE'],
  ['writeUint32LE', 'writeUInt32LE'], ['writeUint32BE', 'writeUInt32BE']]) {
  Object.defineProperty(Buffer.prototype, alias, {
    value: Buffer.prototype[name], writable: true, configurable: true,
  });
}

/** atob / btoa, as the buffer module exports them. */
function btoa(input) {
  const str = String(input);
  for (let i = 0; i < str.length; i++) {
    if (str.charCodeAt(i) > 0xff) {
      const err = new Error('Invalid character');
      err.name = 'InvalidCharacterError';
      throw err;
    }
  }
  return base64Decode(latin1Encode(str), 0, str.length, BASE64, true);
}

function atob(input) {
  const bytes = base64Encode(String(input).replace(/[\t\n\f\r ]/g, ''));
  return latin1Decode(bytes, 0, bytes.length, 0xff);
}

module.exports = {
  Buffer,
  atob,
  btoa,
  kMaxLength,
  kStringMaxLength: 2 ** 29 - 24,
  INSPECT_MAX_BYTES,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: 2 ** 29 - 24 },
  adoptBytes: adopt,
  normalizeEncoding,
};
