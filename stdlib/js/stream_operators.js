'use strict';
// Readable's iterator helpers (map, filter, toArray, ...), one item at a
// time. Node runs `map`/`filter`/`forEach` with a `concurrency` option; here
// items are always processed sequentially, so results are the same but the
// number of ticks between them may differ.

const { invalidArgType } = require('./errors.js');

function checkFn(fn, name) {
  if (typeof fn !== 'function') throw invalidArgType(name, 'of type function', fn);
}

/** Installs the helpers on Readable.prototype. */
function install(Readable) {
  const derive = (stream, gen) => Readable.from(gen(), { objectMode: true });

  Readable.prototype.map = function map(fn, options) {
    checkFn(fn, 'fn');
    const stream = this;
    return derive(stream, async function* mapped() {
      for await (const item of stream) yield await fn(item, options);
    });
  };

  Readable.prototype.filter = function filter(fn, options) {
    checkFn(fn, 'fn');
    const stream = this;
    return derive(stream, async function* filtered() {
      for await (const item of stream) if (await fn(item, options)) yield item;
    });
  };

  Readable.prototype.flatMap = function flatMap(fn, options) {
    checkFn(fn, 'fn');
    const stream = this;
    return derive(stream, async function* flattened() {
      for await (const item of stream) yield* await fn(item, options);
    });
  };

  Readable.prototype.take = function take(limit) {
    const stream = this;
    return derive(stream, async function* taken() {
      if (limit <= 0) return;
      let left = limit;
      for await (const item of stream) {
        yield item;
        if (--left <= 0) return;
      }
    });
  };

  Readable.prototype.drop = function drop(limit) {
    const stream = this;
    return derive(stream, async function* dropped() {
      let left = limit;
      for await (const item of stream) {
        if (left > 0) left--;
        else yield item;
      }
    });
  };

  Readable.prototype.forEach = async function forEach(fn, options) {
    checkFn(fn, 'fn');
    for await (const item of this) await fn(item, options);
  };

  Readable.prototype.toArray = async function toArray() {
    const result = [];
    for await (const item of this) result.push(item);
    return result;
  };

  Readable.prototype.some = async function some(fn, options) {
    checkFn(fn, 'fn');
    for await (const item of this) if (await fn(item, options)) return true;
    return false;
  };

  Readable.prototype.every = async function every(fn, options) {
    checkFn(fn, 'fn');
    for await (const item of this) if (!(await fn(item, options))) return false;
    return true;
  };

  Readable.prototype.find = async function find(fn, options) {
    checkFn(fn, 'fn');
    for await (const item of this) if (await fn(item, options)) return item;
    return undefined;
  };

  Readable.prototype.reduce = async function reduce(fn, initial, options) {
    checkFn(fn, 'reducer');
    let acc = initial;
    let first = arguments.length < 2;
    for await (const item of this) {
      if (first) {
        acc = item;
        first = false;
      } else {
        acc = await fn(acc, item, options);
      }
    }
    if (first) {
      const err = new TypeError('Reduce of an empty stream requires an initial value');
      err.code = 'ERR_INVALID_ARGS';
      throw err;
    }
    return acc;
  };
}

module.exports = { install };
