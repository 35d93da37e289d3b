'use strict';
// The queue of chunks a Readable holds: an array with a moving head so that
// taking from the front is O(1), plus the byte/character-precise `consume`.

const { Buffer } = require('./buffer.js');

class BufferList {
  constructor() {
    this.items = [];
    this.head = 0;
  }

  get length() {
    return this.items.length - this.head;
  }

  push(chunk) {
    this.items.push(chunk);
  }

  unshift(chunk) {
    if (this.head > 0) this.items[--this.head] = chunk;
    else this.items.unshift(chunk);
  }

  shift() {
    if (this.head >= this.items.length) return undefined;
    const chunk = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) this.clear();
    else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return chunk;
  }

  first() {
    return this.items[this.head];
  }

  clear() {
    this.items = [];
    this.head = 0;
  }

  toArray() {
    return this.items.slice(this.head);
  }

  /** All chunks as one Buffer (byte mode) or one string (after setEncoding). */
  concatAll(asString) {
    if (this.length === 1) return this.first();
    const all = this.toArray();
    return asString ? all.join('') : Buffer.concat(all);
  }

  /** Takes exactly `n` bytes (or characters) off the front, splitting a chunk if needed. */
  consume(n, asString) {
    const first = this.first();
    if (n < first.length) {
      this.items[this.head] = first.slice(n);
      return first.slice(0, n);
    }
    if (n === first.length) return this.shift();
    const parts = [];
    let needed = n;
    while (needed > 0) {
      const chunk = this.first();
      if (chunk.length <= needed) {
        parts.push(this.shift());
        needed -= chunk.length;
      } else {
        parts.push(chunk.slice(0, needed));
        this.items[this.head] = chunk.slice(needed);
        needed = 0;
      }
    }
    return asString ? parts.join('') : Buffer.concat(parts);
  }
}

module.exports = { BufferList };
