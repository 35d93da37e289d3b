'use strict';
// util.inspect: the native `globalThis.__minijs_inspect(value, options)` when
// minijs provides one, otherwise a JavaScript rendering of Node's common forms
// (quoting, `[Function: f]`, `Foo { a: 1 }`, `[Object]` past `depth`,
// `[Circular *1]`, and Node's rule for breaking long or deep values over lines).
// The fallback does not group long arrays into columns or colour output.

const customInspect = Symbol.for('nodejs.util.inspect.custom');

const defaults = {
  depth: 2,
  colors: false,
  compact: 3,
  breakLength: 80,
  showHidden: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  sorted: false,
  getters: false,
};

/** Quotes a string as Node does: single quotes unless the text contains them. */
function quote(str) {
  let q = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) q = '"';
    else if (!str.includes('`') && !str.includes('${')) q = '`';
  }
  let out = '';
  for (const ch of str) {
    const code = ch.codePointAt(0);
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).toUpperCase().padStart(2, '0');
    else out += ch;
  }
  return q + out + q;
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function formatKey(key) {
  if (typeof key === 'symbol') return `[${key.toString()}]`;
  return identifier.test(key) ? key : quote(key);
}

function compareKeys(a, b) {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function formatNumber(n) {
  return Object.is(n, -0) ? '-0' : String(n);
}

function formatPrimitive(value, ctx) {
  switch (typeof value) {
    case 'string': {
      const limit = ctx.maxStringLength;
      if (value.length > limit) {
        const rest = value.length - limit;
        return quote(value.slice(0, limit)) + `... ${rest} more character${rest > 1 ? 's' : ''}`;
      }
      return quote(value);
    }
    case 'number': return formatNumber(value);
    case 'bigint': return `${value}n`;
    case 'symbol': return value.toString();
    default: return String(value);
  }
}

/** The name Node shows before braces: the constructor's, or null-prototype marker. */
function constructorName(obj) {
  let proto = Object.getPrototypeOf(obj);
  while (proto !== null) {
    const desc = Object.getOwnPropertyDescriptor(proto, 'constructor');
    if (desc && typeof desc.value === 'function' && desc.value.name !== '') return desc.value.name;
    proto = Object.getPrototypeOf(proto);
  }
  return null;
}

function functionBase(fn) {
  const source = Function.prototype.toString.call(fn);
  if (source.startsWith('class') && /^class\s*[{\s\w$]/.test(source)) {
    const parent = Object.getPrototypeOf(fn);
    const ext = parent && parent.name ? ` extends ${parent.name}` : '';
    return `[class ${fn.name || '(anonymous)'}${ext}]`;
  }
  let kind = 'Function';
  const ctorName = constructorName(fn);
  if (ctorName === 'AsyncFunction') kind = 'AsyncFunction';
  else if (ctorName === 'GeneratorFunction') kind = 'GeneratorFunction';
  else if (ctorName === 'AsyncGeneratorFunction') kind = 'AsyncGeneratorFunction';
  return fn.name ? `[${kind}: ${fn.name}]` : `[${kind} (anonymous)]`;
}

function errorBase(err) {
  const stack = typeof err.stack === 'string' && err.stack !== '' ? err.stack : null;
  return stack || `${Error.prototype.toString.call(err)}`;
}

function ownEntries(obj, skipIndices) {
  const keys = Object.keys(obj);
  const symbols = Object.getOwnPropertySymbols(obj).filter((s) => Object.getOwnPropertyDescriptor(obj, s).enumerable);
  const all = skipIndices ? keys.filter((k) => !(String(k >>> 0) === k && (k >>> 0) !== 4294967295)) : keys;
  return all.concat(symbols);
}

function formatProperty(obj, key, ctx, depth) {
  const desc = Object.getOwnPropertyDescriptor(obj, key);
  let str;
  if (desc.get || desc.set) {
    str = desc.get && desc.set ? '[Getter/Setter]' : desc.get ? '[Getter]' : '[Setter]';
  } else {
    ctx.indentationLvl += 2;
    str = formatValue(desc.value, ctx, depth + 1);
    ctx.indentationLvl -= 2;
  }
  return `${formatKey(key)}: ${str}`;
}

function isBelowBreakLength(ctx, output, start, base) {
  let total = output.length + start;
  if (total + output.length > ctx.breakLength) return false;
  for (const entry of output) {
    total += entry.length;
    if (total > ctx.breakLength) return false;
  }
  return base === '' || !base.includes('\n');
}

function reduceToSingleString(ctx, output, base, braces, depth) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1 && ctx.currentDepth - depth < ctx.compact) {
      const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
      if (isBelowBreakLength(ctx, output, start, base)) {
        const joined = output.join(', ');
        if (!joined.includes('\n')) {
          return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
        }
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }
  if (isBelowBreakLength(ctx, output, 0, base)) {
    return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`;
  }
  const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

function prefix(name, fallback, size) {
  if (name === null) return `[${fallback}: null prototype]${size} `;
  if (name !== fallback) return `${name}${size} [${fallback}] `;
  return name === 'Object' ? '' : `${name}${size} `;
}

function formatValue(value, ctx, depth) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    return formatPrimitive(value, ctx);
  }
  if (ctx.customInspect !== false) {
    const custom = value[customInspect];
    if (typeof custom === 'function' && custom !== inspect) {
      const options = { ...ctx.options, depth: ctx.depth === null ? null : ctx.depth - depth };
      const result = custom.call(value, options.depth, options, inspect);
      if (result !== value) {
        return typeof result === 'string' ? result : formatValue(result, ctx, depth);
      }
    }
  }
  if (ctx.seen.includes(value)) {
    let index = ctx.circular.get(value);
    if (index === undefined) {
      index = ctx.circular.size + 1;
      ctx.circular.set(value, index);
    }
    return `[Circular *${index}]`;
  }
  const result = formatRaw(value, ctx, depth);
  const index = ctx.circular.get(value);
  return index === undefined ? result : `<ref *${index}> ${result}`;
}

function formatRaw(value, ctx, depth) {
  const name = constructorName(value);
  let keys = ownEntries(value, Array.isArray(value));
  let braces = ['{', '}'];
  let base = '';
  let formatter = null;
  let noEntriesResult = null;

  if (Array.isArray(value)) {
    const size = value.length > 0 || name !== 'Array' ? `(${value.length})` : '';
    braces = [`${name === 'Array' ? '' : prefix(name, 'Array', size)}[`, ']'];
    formatter = () => formatArray(value, ctx, depth);
    if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
  } else if (value instanceof Map) {
    braces = [`${prefix(name, 'Map', `(${value.size})`)}{`, '}'];
    formatter = () => Array.from(value, ([k, v]) => `${formatValue(k, ctx, depth + 1)} => ${formatValue(v, ctx, depth + 1)}`);
    if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
  } else if (value instanceof Set) {
    braces = [`${prefix(name, 'Set', `(${value.size})`)}{`, '}'];
    formatter = () => Array.from(value, (v) => formatValue(v, ctx, depth + 1));
    if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
  } else if (typeof value === 'function') {
    base = functionBase(value);
    keys = keys.filter((k) => k !== 'prototype');
    if (keys.length === 0) return base;
  } else if (value instanceof RegExp) {
    base = RegExp.prototype.toString.call(value);
    if (keys.length === 0) return base;
  } else if (value instanceof Date) {
    base = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (keys.length === 0) return base;
  } else if (value instanceof Error) {
    base = errorBase(value);
    keys = keys.filter((k) => k !== 'stack' && k !== 'message');
    if (keys.length === 0) return base;
  } else if (value instanceof Promise) {
    braces = [`${prefix(name, 'Promise', '')}{`, '}'];
    noEntriesResult = '<pending>';
  } else if (value instanceof Boolean || value instanceof Number || value instanceof String || value instanceof BigInt) {
    const kind = value instanceof Boolean ? 'Boolean' : value instanceof Number ? 'Number' : value instanceof BigInt ? 'BigInt' : 'String';
    base = `[${kind}: ${formatPrimitive(value.valueOf(), ctx)}]`;
    if (kind === 'String') keys = keys.filter((k) => !(String(k >>> 0) === k));
    if (keys.length === 0) return base;
  } else {
    const tag = value[Symbol.toStringTag];
    const shownTag = typeof tag === 'string' && tag !== '' && tag !== name ? ` [${tag}]` : '';
    if (name === null) braces[0] = `[Object: null prototype]${shownTag} {`;
    else if (name !== 'Object' || shownTag) braces[0] = `${name}${shownTag} {`;
    if (keys.length === 0) {
      return noEntriesResult === null ? `${braces[0]}}` : `${braces[0]} ${noEntriesResult} }`;
    }
  }

  if (ctx.depth !== null && depth > ctx.depth) {
    if (Array.isArray(value)) return '[Array]';
    return `[${name === null ? 'Object: null prototype' : name}]`;
  }

  if (ctx.sorted) keys = keys.slice().sort(typeof ctx.sorted === 'function' ? ctx.sorted : compareKeys);
  ctx.seen.push(value);
  ctx.currentDepth = depth;
  const output = formatter ? formatter() : [];
  if (noEntriesResult !== null) output.push(noEntriesResult);
  for (const key of keys) output.push(formatProperty(value, key, ctx, depth));
  ctx.seen.pop();
  return reduceToSingleString(ctx, output, base, braces, depth);
}

function formatArray(arr, ctx, depth) {
  const output = [];
  const shown = Math.min(arr.length, ctx.maxArrayLength);
  let holes = 0;
  for (let i = 0; i < shown; i++) {
    if (!Object.prototype.hasOwnProperty.call(arr, i)) {
      holes++;
      continue;
    }
    if (holes > 0) {
      output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
      holes = 0;
    }
    ctx.indentationLvl += 2;
    output.push(formatValue(arr[i], ctx, depth + 1));
    ctx.indentationLvl -= 2;
  }
  if (holes > 0) output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
  if (arr.length > shown) {
    const rest = arr.length - shown;
    output.push(`... ${rest} more item${rest > 1 ? 's' : ''}`);
  }
  return output;
}

/** util.inspect(value[, options]) */
function inspect(value, options) {
  const native = globalThis.__minijs_inspect;
  if (typeof native === 'function') return native(value, options);
  const opts = { ...defaults, ...(typeof options === 'object' && options !== null ? options : {}) };
  if (opts.depth === Infinity) opts.depth = null;
  const ctx = {
    ...opts,
    options: opts,
    seen: [],
    circular: new Map(),
    indentationLvl: 0,
    currentDepth: 0,
  };
  return formatValue(value, ctx, 0);
}

inspect.custom = customInspect;
inspect.defaultOptions = defaults;

module.exports = { inspect };
