'use strict';
// Deep equality as Node's assert.deepStrictEqual (strict) and
// assert.deepEqual (loose) define it; util.isDeepStrictEqual is the strict one.
//
// Strict: Object.is for primitives, same prototype and [[Class]] tag, same own
// enumerable keys (and symbols), Map/Set compared without regard to order.
// Loose: == for primitives (NaN equals NaN), prototypes ignored.

const toTag = (v) => Object.prototype.toString.call(v);

function ownKeys(obj, strict) {
  const keys = Object.keys(obj);
  if (!strict) return keys;
  for (const sym of Object.getOwnPropertySymbols(obj)) {
    if (Object.prototype.propertyIsEnumerable.call(obj, sym)) keys.push(sym);
  }
  return keys;
}

function isPrimitive(v) {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

function looseEqualPrimitives(a, b) {
  // eslint-disable-next-line eqeqeq
  return a == b || (Number.isNaN(a) && Number.isNaN(b));
}

function innerEqual(a, b, strict, memo) {
  if (a === b) return a !== 0 || !strict || Object.is(a, b);
  if (strict) {
    if (typeof a !== 'object' && typeof a !== 'function') return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b);
    if (typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  } else {
    if (a === null || typeof a !== 'object') {
      if (b === null || typeof b !== 'object') return looseEqualPrimitives(a, b);
      return false;
    }
    if (b === null || typeof b !== 'object') return false;
  }
  const tag = toTag(a);
  if (tag !== toTag(b)) return false;

  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    const ka = ownKeys(a, strict).filter((k) => typeof k !== 'string' || String(k >>> 0) !== k);
    const kb = ownKeys(b, strict).filter((k) => typeof k !== 'string' || String(k >>> 0) !== k);
    if (ka.length !== kb.length) return false;
    return compareWithMemo(a, b, strict, memo, 'array', ka);
  }
  if (tag === '[object Object]') {
    return compareWithMemo(a, b, strict, memo, 'object');
  }
  if (a instanceof Date) {
    if (!(b instanceof Date) || a.getTime() !== b.getTime()) return false;
  } else if (a instanceof RegExp) {
    if (!(b instanceof RegExp) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (a instanceof Error) {
    if (!(b instanceof Error) || a.message !== b.message || a.name !== b.name) return false;
  } else if (isBoxed(a)) {
    if (!isBoxed(b) || !Object.is(a.valueOf(), b.valueOf())) return false;
  } else if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    return compareWithMemo(a, b, strict, memo, 'map');
  } else if (a instanceof Set) {
    if (!(b instanceof Set) || a.size !== b.size) return false;
    return compareWithMemo(a, b, strict, memo, 'set');
  } else if (typeof a === 'function' || a instanceof Promise || isWeakCollection(a)) {
    return false;
  }
  return compareWithMemo(a, b, strict, memo, 'object');
}

/** WeakMap / WeakSet (compared by identity only); minijs may not have them. */
function isWeakCollection(v) {
  return (typeof WeakMap === 'function' && v instanceof WeakMap) || (typeof WeakSet === 'function' && v instanceof WeakSet);
}

function isBoxed(v) {
  return v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof Symbol;
}

/** Compares keys and contents, treating a pair already under comparison (a cycle) as equal. */
function compareWithMemo(a, b, strict, memo, kind, arrayExtraKeys) {
  if (memo === undefined) memo = { a: new Map(), b: new Map(), depth: 0 };
  const seenA = memo.a.get(a);
  if (seenA !== undefined) {
    const seenB = memo.b.get(b);
    if (seenB !== undefined) return seenA === seenB;
  }
  memo.depth++;
  memo.a.set(a, memo.depth);
  memo.b.set(b, memo.depth);
  const result = compareContents(a, b, strict, memo, kind, arrayExtraKeys);
  memo.a.delete(a);
  memo.b.delete(b);
  memo.depth--;
  return result;
}

function compareContents(a, b, strict, memo, kind, arrayExtraKeys) {
  if (kind === 'array') {
    for (let i = 0; i < a.length; i++) {
      const hasA = Object.prototype.hasOwnProperty.call(a, i);
      if (hasA !== Object.prototype.hasOwnProperty.call(b, i)) return false;
      if (!innerEqual(a[i], b[i], strict, memo)) return false;
    }
    return keysEqual(a, b, arrayExtraKeys, strict, memo);
  }
  if (kind === 'map') {
    for (const [key, value] of a) {
      if (isPrimitive(key)) {
        if (!b.has(key) && !(!strict && [...b.keys()].some((k) => looseEqualPrimitives(k, key)))) return false;
        const other = b.has(key) ? b.get(key) : b.get([...b.keys()].find((k) => looseEqualPrimitives(k, key)));
        if (!innerEqual(value, other, strict, memo)) return false;
      } else {
        const match = [...b].some(([k, v]) => innerEqual(key, k, strict, memo) && innerEqual(value, v, strict, memo));
        if (!match) return false;
      }
    }
    return keysEqual(a, b, ownKeys(a, strict), strict, memo);
  }
  if (kind === 'set') {
    for (const value of a) {
      if (isPrimitive(value) && b.has(value)) continue;
      const used = new Set();
      let found = false;
      for (const other of b) {
        if (!used.has(other) && innerEqual(value, other, strict, memo)) {
          used.add(other);
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return keysEqual(a, b, ownKeys(a, strict), strict, memo);
  }
  return keysEqual(a, b, ownKeys(a, strict), strict, memo);
}

function keysEqual(a, b, keysA, strict, memo) {
  const keysB = kindKeys(b, keysA, strict);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
  }
  for (const key of keysA) {
    if (!innerEqual(a[key], b[key], strict, memo)) return false;
  }
  return true;
}

function kindKeys(b, keysA, strict) {
  const keys = ownKeys(b, strict);
  return Array.isArray(b) ? keys.filter((k) => typeof k !== 'string' || String(k >>> 0) !== k) : keys;
}

function isDeepStrictEqual(a, b) {
  return innerEqual(a, b, true);
}

function isDeepEqual(a, b) {
  return innerEqual(a, b, false);
}

module.exports = { isDeepStrictEqual, isDeepEqual };
