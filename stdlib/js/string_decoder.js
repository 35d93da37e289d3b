'use strict';
// string_decoder: StringDecoder turns a series of Buffers into strings
// without splitting multi-byte characters across chunk boundaries.

const { Buffer, normalizeEncoding } = require('./buffer.js');
const { codedError, invalidArgType } = require('./errors.js');

/**
 * Length of the UTF-8 sequence that `lead` announces by its bit pattern, 0 for
 * a continuation or ASCII byte. Like Node, the decoder holds back bytes by bit
 * pattern only; whether they are valid is decided when they are decoded.
 */
function utf8SequenceLength(lead) {
  if ((lead & 0xe0) === 0xc0) return 2;
  if ((lead & 0xf0) === 0xe0) return 3;
  if ((lead & 0xf8) === 0xf0) return 4;
  return 0;
}

/** Number of trailing bytes that begin a character whose other bytes are still to come. */
function incompleteUtf8Tail(bytes) {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue;
    const need = utf8SequenceLength(b);
    return need > back ? back : 0;
  }
  return 0;
}

/** How many trailing bytes of a freshly decoded run to hold back. */
function heldBytes(encoding, bytes) {
  switch (encoding) {
    case 'utf8':
      return incompleteUtf8Tail(bytes);
    case 'utf16le': {
      // An odd byte is held alone; otherwise a final high surrogate waits for its pair.
      if (bytes.length % 2 === 1) return 1;
      const n = bytes.length;
      const unit = n >= 2 ? bytes[n - 2] | (bytes[n - 1] << 8) : 0;
      return unit >= 0xd800 && unit <= 0xdbff ? 2 : 0;
    }
    case 'base64':
    case 'base64url':
      return bytes.length % 3;
    default:
      return 0;
  }
}

class StringDecoder {
  constructor(encoding) {
    const normalized = normalizeEncoding(encoding);
    if (normalized === undefined) {
      throw codedError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
    }
    this.encoding = normalized;
    // Bytes of an unfinished character, and (UTF-16) how many it will have.
    this.pending = [];
    this.pendingTotal = 0;
  }

  /** Decodes `buf`, keeping back the bytes of an unfinished character. */
  write(buf) {
    if (typeof buf === 'string') return buf;
    if (buf === null || typeof buf !== 'object' || typeof buf.length !== 'number') {
      throw invalidArgType('buf', 'an instance of Buffer, TypedArray, or DataView', buf);
    }
    if (this.encoding === 'utf16le') return this.writeUtf16(buf);
    const bytes = this.pending.length === 0 ? buf : Buffer.concat([this.pending, buf]);
    const keep = heldBytes(this.encoding, bytes);
    this.pending = keep > 0 ? Array.prototype.slice.call(bytes, bytes.length - keep) : [];
    return Buffer.prototype.toString.call(bytes, this.encoding, 0, bytes.length - keep);
  }

  /**
   * UTF-16 as Node does it: a held unit is first completed from the new bytes
   * and then emitted as it is (even a lone surrogate); only the rest of the
   * chunk is checked for an odd byte or a final high surrogate.
   */
  writeUtf16(buf) {
    let out = '';
    let start = 0;
    if (this.pending.length > 0) {
      start = Math.min(this.pendingTotal - this.pending.length, buf.length);
      for (let i = 0; i < start; i++) this.pending.push(buf[i]);
      if (this.pending.length < this.pendingTotal) return '';
      out = Buffer.prototype.toString.call(this.pending, 'utf16le');
      this.pending = [];
    }
    const rest = Array.prototype.slice.call(buf, start);
    const keep = heldBytes('utf16le', rest);
    this.pending = rest.slice(rest.length - keep);
    this.pendingTotal = keep === 1 ? 2 : 4;
    return out + Buffer.prototype.toString.call(rest, 'utf16le', 0, rest.length - keep);
  }

  /** Decodes `buf` if given, then flushes held bytes (an unfinished UTF-8 character becomes U+FFFD). */
  end(buf) {
    let out = buf === undefined ? '' : this.write(buf);
    if (this.pending.length > 0) {
      out += Buffer.prototype.toString.call(this.pending, this.encoding, 0, this.pending.length);
      this.pending = [];
    }
    return out;
  }
}

module.exports = { StringDecoder };
