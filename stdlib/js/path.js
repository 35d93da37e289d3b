'use strict';
// path: POSIX path manipulation (path.posix; minijs has no win32 flavour).

const { invalidArgType } = require('./errors.js');

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'of type string', value);
}

/** Resolves '.' and '..' segments; keeps leading '..' when `allowAboveRoot`. */
function normalizeSegments(path, allowAboveRoot) {
  const out = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else {
      out.push(segment);
    }
  }
  return out.join('/');
}

function isAbsolute(path) {
  validateString(path, 'path');
  return path.length > 0 && path[0] === '/';
}

function normalize(path) {
  validateString(path, 'path');
  if (path.length === 0) return '.';
  const absolute = path[0] === '/';
  const trailing = path[path.length - 1] === '/';
  let result = normalizeSegments(path, !absolute);
  if (result.length === 0) {
    if (absolute) return '/';
    return trailing ? './' : '.';
  }
  if (trailing) result += '/';
  return absolute ? `/${result}` : result;
}

function join(...parts) {
  let joined;
  for (const part of parts) {
    validateString(part, 'path');
    if (part.length > 0) joined = joined === undefined ? part : `${joined}/${part}`;
  }
  return joined === undefined ? '.' : normalize(joined);
}

function resolve(...parts) {
  let resolved = '';
  let absolute = false;
  for (let i = parts.length - 1; i >= -1 && !absolute; i--) {
    const part = i >= 0 ? parts[i] : process.cwd();
    validateString(part, `paths[${i}]`);
    if (part.length === 0) continue;
    resolved = `${part}/${resolved}`;
    absolute = part[0] === '/';
  }
  const result = normalizeSegments(resolved, !absolute);
  if (absolute) return `/${result}`;
  return result.length > 0 ? result : '.';
}

function relative(from, to) {
  validateString(from, 'from');
  validateString(to, 'to');
  if (from === to) return '';
  const fromParts = resolve(from).split('/').filter(Boolean);
  const toParts = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
  const up = new Array(fromParts.length - common).fill('..');
  return up.concat(toParts.slice(common)).join('/');
}

function dirname(path) {
  validateString(path, 'path');
  if (path.length === 0) return '.';
  const hasRoot = path[0] === '/';
  let end = -1;
  let matchedSlash = true;
  for (let i = path.length - 1; i >= 1; --i) {
    if (path[i] === '/') {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else {
      matchedSlash = false;
    }
  }
  if (end === -1) return hasRoot ? '/' : '.';
  if (hasRoot && end === 1) return '//';
  return path.slice(0, end);
}

/** The last path segment, ignoring trailing slashes. */
function lastSegment(path) {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  const start = path.lastIndexOf('/', end - 1) + 1;
  return path.slice(start, end);
}

function basename(path, suffix) {
  validateString(path, 'path');
  if (suffix !== undefined) validateString(suffix, 'ext');
  const base = lastSegment(path);
  if (suffix !== undefined && suffix.length > 0 && base !== suffix && base.endsWith(suffix)) {
    return base.slice(0, base.length - suffix.length);
  }
  return base;
}

function extname(path) {
  validateString(path, 'path');
  return extOf(lastSegment(path));
}

/** From the last '.' on; none for '.name', '..' or names without a dot. */
function extOf(base) {
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || base === '..') return '';
  return base.slice(dot);
}

function parse(path) {
  validateString(path, 'path');
  const result = { root: '', dir: '', base: '', ext: '', name: '' };
  if (path.length === 0) return result;
  const absolute = path[0] === '/';
  if (absolute) result.root = '/';
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  const start = path.lastIndexOf('/', end - 1) + 1;
  result.base = path.slice(start, end);
  if (start > 1) result.dir = path.slice(0, start - 1);
  else if (absolute) result.dir = '/';
  if (absolute && result.base === '/') result.base = '';
  result.ext = extOf(result.base);
  result.name = result.base.slice(0, result.base.length - result.ext.length);
  return result;
}

function format(pathObject) {
  if (pathObject === null || typeof pathObject !== 'object') {
    throw invalidArgType('pathObject', 'of type object', pathObject);
  }
  const dir = pathObject.dir || pathObject.root;
  const ext = pathObject.ext ? `${pathObject.ext[0] === '.' ? '' : '.'}${pathObject.ext}` : '';
  const base = pathObject.base || `${pathObject.name || ''}${ext}`;
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}/${base}`;
}

function toNamespacedPath(path) {
  return path;
}

const path = {
  sep: '/',
  delimiter: ':',
  basename,
  dirname,
  extname,
  format,
  isAbsolute,
  join,
  normalize,
  parse,
  relative,
  resolve,
  toNamespacedPath,
  win32: null,
  posix: null,
};
path.posix = path;

module.exports = path;
