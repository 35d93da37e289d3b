'use strict';
// fs: Node's file system API in JavaScript over a small native binding.
//
// ---------------------------------------------------------------------------
// Native binding: globalThis.__minijs_fs (provided by minijs's Rust side)
// ---------------------------------------------------------------------------
// Values crossing the binding are plain: strings, numbers, booleans, arrays,
// plain objects.
//   path      a string (already made absolute or not: passed as given)
//   flags     Node's string flags: 'r', 'r+', 'w', 'wx', 'w+', 'a', 'ax', 'a+', ...
//   mode      a number (e.g. 0o666)
//   position  a number, or null for "the current file position"
//   bytes     an Array of integers 0..255; the binding returns a fresh array
//             (fs.js turns it into a Buffer in place, without copying)
//   data      what to write: a string (written as UTF-8) or bytes
//   ErrorRecord  { code: 'ENOENT', errno: -2, syscall: 'open', path?, dest?,
//             description? } -- fs.js builds Node's Error message from it
//   StatRecord   { dev, ino, mode, nlink, uid, gid, rdev, size, blksize,
//             blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs }; `mode`
//             includes the S_IFMT file type bits
//   DirEntry  { name, type } with type one of 'file', 'directory', 'symlink',
//             'fifo', 'socket', 'char', 'block', 'unknown'
//
// Every operation exists twice: `<op>Sync(...args)` returns the result or
// throws an ErrorRecord; `<op>(...args, callback)` does the same work off the
// main thread and calls `callback(errorRecordOrNull, result)` from the event
// loop's poll phase.
//   open(path, flags, mode) -> fd            close(fd)
//   read(fd, length, position) -> bytes      (fewer at end of file, [] at EOF)
//   write(fd, data, position) -> number of bytes written
//   fstat(fd) / stat(path) / lstat(path) -> StatRecord
//   readFile(path, flags) -> bytes           writeFile(path, data, flags, mode)
//   access(path, mode)                       exists(path) -> boolean
//   unlink(path)     rename(from, to)        copyFile(from, to, mode)
//   mkdir(path, recursive, mode) -> first directory created, or undefined
//   rmdir(path)      rm(path, recursive, force)
//   readdir(path) -> [DirEntry]              realpath(path) -> string
//   truncate(path, length)                   ftruncate(fd, length)
//   symlink(target, path)                    readlink(path) -> string
//   chmod(path, mode)                        utimes(path, atimeSec, mtimeSec)
// ---------------------------------------------------------------------------

const { Buffer, adoptBytes } = require('./buffer.js');
const { systemError } = require('./fs_errors.js');
const { invalidArgType } = require('./errors.js');

const binding = globalThis.__minijs_fs;

const constants = {
  F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
  O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128, O_TRUNC: 512, O_APPEND: 1024,
  S_IFMT: 0o170000, S_IFREG: 0o100000, S_IFDIR: 0o040000, S_IFCHR: 0o020000,
  S_IFBLK: 0o060000, S_IFIFO: 0o010000, S_IFLNK: 0o120000, S_IFSOCK: 0o140000,
  COPYFILE_EXCL: 1, COPYFILE_FICLONE: 2, COPYFILE_FICLONE_FORCE: 4,
};

/** Calls a synchronous binding operation, turning its error record into an Error. */
function callSync(op, ...args) {
  try {
    return binding[`${op}Sync`](...args);
  } catch (record) {
    throw systemError(record);
  }
}

/** Calls an asynchronous binding operation; `map` shapes the result for `cb`. */
function callAsync(op, args, cb, map) {
  if (typeof cb !== 'function') throw invalidArgType('cb', 'of type function', cb);
  binding[op](...args, (record, result) => {
    if (record) cb(systemError(record));
    else if (map) cb(null, map(result));
    else cb(null);
  });
}

function toPath(path, name = 'path') {
  if (typeof path === 'string') return path;
  if (path instanceof Buffer) return path.toString();
  if (path && typeof path === 'object' && typeof path.href === 'string' && path.protocol === 'file:') {
    return decodeURIComponent(path.pathname);
  }
  throw invalidArgType(name, 'of type string or an instance of Buffer or URL', path);
}

/** Reads `options` given as an encoding string or an object. */
function getOptions(options, defaults) {
  if (options === undefined || options === null || typeof options === 'function') return { ...defaults };
  if (typeof options === 'string') return { ...defaults, encoding: options };
  return { ...defaults, ...options };
}

/** Bytes from the binding as a Buffer, or decoded when an encoding is asked for. */
function decode(bytes, encoding) {
  const buf = adoptBytes(bytes);
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
}

/** Data to hand to the binding: UTF-8 strings pass through, others become bytes. */
function toData(data, encoding) {
  if (typeof data === 'string') {
    return !encoding || encoding === 'utf8' || encoding === 'utf-8' ? data : Buffer.from(data, encoding);
  }
  if (data instanceof Buffer) return data;
  if (data && typeof data === 'object' && typeof data.length === 'number') return Buffer.from(data);
  throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

/** fs.Stats from a binding StatRecord. */
class Stats {
  constructor(record) {
    this.dev = record.dev;
    this.mode = record.mode;
    this.nlink = record.nlink;
    this.uid = record.uid;
    this.gid = record.gid;
    this.rdev = record.rdev;
    this.blksize = record.blksize;
    this.ino = record.ino;
    this.size = record.size;
    this.blocks = record.blocks;
    this.atimeMs = record.atimeMs;
    this.mtimeMs = record.mtimeMs;
    this.ctimeMs = record.ctimeMs;
    this.birthtimeMs = record.birthtimeMs;
    this.atime = new Date(record.atimeMs);
    this.mtime = new Date(record.mtimeMs);
    this.ctime = new Date(record.ctimeMs);
    this.birthtime = new Date(record.birthtimeMs);
  }

  isFile() { return (this.mode & constants.S_IFMT) === constants.S_IFREG; }
  isDirectory() { return (this.mode & constants.S_IFMT) === constants.S_IFDIR; }
  isSymbolicLink() { return (this.mode & constants.S_IFMT) === constants.S_IFLNK; }
  isFIFO() { return (this.mode & constants.S_IFMT) === constants.S_IFIFO; }
  isSocket() { return (this.mode & constants.S_IFMT) === constants.S_IFSOCK; }
  isCharacterDevice() { return (this.mode & constants.S_IFMT) === constants.S_IFCHR; }
  isBlockDevice() { return (this.mode & constants.S_IFMT) === constants.S_IFBLK; }
}

const kType = Symbol('type');

/** fs.Dirent from a binding DirEntry (the type is kept under a symbol, as in Node). */
class Dirent {
  constructor(entry, parentPath) {
    this.name = entry.name;
    this.parentPath = parentPath;
    this.path = parentPath;
    this[kType] = entry.type;
  }

  isFile() { return this[kType] === 'file'; }
  isDirectory() { return this[kType] === 'directory'; }
  isSymbolicLink() { return this[kType] === 'symlink'; }
  isFIFO() { return this[kType] === 'fifo'; }
  isSocket() { return this[kType] === 'socket'; }
  isCharacterDevice() { return this[kType] === 'char'; }
  isBlockDevice() { return this[kType] === 'block'; }
}

function makeStats(record) {
  return new Stats(record);
}

function dirEntries(path, options) {
  return (entries) => {
    if (options.withFileTypes) return entries.map((e) => new Dirent(e, path));
    return entries.map((e) => (options.encoding === 'buffer' ? Buffer.from(e.name) : e.name));
  };
}

// ---- synchronous API ----

function readFileSync(path, options) {
  const opts = getOptions(options, { flag: 'r' });
  if (typeof path === 'number') return decode(readAllFromFd(path), opts.encoding);
  return decode(callSync('readFile', toPath(path), opts.flag), opts.encoding);
}

/** Reads a descriptor from its current position to the end. */
function readAllFromFd(fd) {
  const all = [];
  for (;;) {
    const bytes = callSync('read', fd, 64 * 1024, null);
    if (bytes.length === 0) return all;
    for (let i = 0; i < bytes.length; i++) all.push(bytes[i]);
  }
}

function writeFileSync(path, data, options) {
  const opts = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  if (typeof path === 'number') {
    writeSync(path, toData(data, opts.encoding));
    return;
  }
  callSync('writeFile', toPath(path), toData(data, opts.encoding), opts.flag, opts.mode);
}

function appendFileSync(path, data, options) {
  const opts = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  writeFileSync(path, data, opts);
}

function existsSync(path) {
  try {
    return binding.existsSync(toPath(path));
  } catch (e) {
    // Node lets a permission-model denial through.
    if (e && e.code === 'ERR_ACCESS_DENIED') throw e;
    return false;
  }
}

function accessSync(path, mode = constants.F_OK) {
  callSync('access', toPath(path), mode);
}

function statSync(path, options) {
  try {
    return makeStats(callSync('stat', toPath(path)));
  } catch (err) {
    if (options && options.throwIfNoEntry === false && err.code === 'ENOENT') return undefined;
    throw err;
  }
}

function lstatSync(path, options) {
  try {
    return makeStats(callSync('lstat', toPath(path)));
  } catch (err) {
    if (options && options.throwIfNoEntry === false && err.code === 'ENOENT') return undefined;
    throw err;
  }
}

function fstatSync(fd) {
  return makeStats(callSync('fstat', fd));
}

function readdirSync(path, options) {
  const opts = getOptions(options, {});
  const p = toPath(path);
  return dirEntries(p, opts)(callSync('readdir', p));
}

function mkdirSync(path, options) {
  const opts = typeof options === 'number' ? { mode: options } : getOptions(options, {});
  const result = callSync('mkdir', toPath(path), Boolean(opts.recursive), opts.mode === undefined ? 0o777 : opts.mode);
  return opts.recursive ? result : undefined;
}

function rmSync(path, options) {
  const opts = getOptions(options, {});
  callSync('rm', toPath(path), Boolean(opts.recursive), Boolean(opts.force));
}

function rmdirSync(path, options) {
  const opts = getOptions(options, {});
  if (opts.recursive) callSync('rm', toPath(path), true, false);
  else callSync('rmdir', toPath(path));
}

function unlinkSync(path) {
  callSync('unlink', toPath(path));
}

function renameSync(from, to) {
  callSync('rename', toPath(from, 'oldPath'), toPath(to, 'newPath'));
}

function copyFileSync(from, to, mode = 0) {
  callSync('copyFile', toPath(from, 'src'), toPath(to, 'dest'), mode);
}

function realpathSync(path, options) {
  const opts = getOptions(options, {});
  const result = callSync('realpath', toPath(path));
  return opts.encoding === 'buffer' ? Buffer.from(result) : result;
}
realpathSync.native = realpathSync;

function truncateSync(path, len = 0) {
  if (typeof path === 'number') callSync('ftruncate', path, len);
  else callSync('truncate', toPath(path), len);
}

function ftruncateSync(fd, len = 0) {
  callSync('ftruncate', fd, len);
}

function symlinkSync(target, path) {
  callSync('symlink', toPath(target, 'target'), toPath(path));
}

function readlinkSync(path) {
  return callSync('readlink', toPath(path));
}

function chmodSync(path, mode) {
  callSync('chmod', toPath(path), typeof mode === 'string' ? parseInt(mode, 8) : mode);
}

function toSeconds(time) {
  return time instanceof Date ? time.getTime() / 1000 : Number(time);
}

function utimesSync(path, atime, mtime) {
  callSync('utimes', toPath(path), toSeconds(atime), toSeconds(mtime));
}

function openSync(path, flags = 'r', mode = 0o666) {
  return callSync('open', toPath(path), flags, mode);
}

function closeSync(fd) {
  callSync('close', fd);
}

/** readSync(fd, buffer, offset, length, position) or readSync(fd, buffer, { offset, length, position }). */
function readArgs(buffer, offset, length, position) {
  if (offset !== null && typeof offset === 'object') {
    ({ offset = 0, length = buffer.length - offset, position = null } = offset);
  }
  offset = offset === undefined ? 0 : offset;
  length = length === undefined ? buffer.length - offset : length;
  position = position === undefined || position === -1 ? null : position;
  return { offset, length, position };
}

function copyInto(buffer, offset, bytes) {
  for (let i = 0; i < bytes.length; i++) buffer[offset + i] = bytes[i];
  return bytes.length;
}

function readSync(fd, buffer, offset, length, position) {
  const a = readArgs(buffer, offset, length, position);
  return copyInto(buffer, a.offset, callSync('read', fd, a.length, a.position));
}

/** writeSync(fd, buffer[, offset[, length[, position]]]) or writeSync(fd, string[, position[, encoding]]). */
function writeArgs(data, offsetOrPosition, lengthOrEncoding, position) {
  if (typeof data === 'string') {
    const pos = typeof offsetOrPosition === 'number' ? offsetOrPosition : null;
    return { data: toData(data, lengthOrEncoding), position: pos };
  }
  const offset = typeof offsetOrPosition === 'number' ? offsetOrPosition : 0;
  const length = typeof lengthOrEncoding === 'number' ? lengthOrEncoding : data.length - offset;
  const slice = offset === 0 && length === data.length ? data : data.slice(offset, offset + length);
  return { data: toData(slice), position: typeof position === 'number' ? position : null };
}

function writeSync(fd, data, offsetOrPosition, lengthOrEncoding, position) {
  const a = writeArgs(data, offsetOrPosition, lengthOrEncoding, position);
  return callSync('write', fd, a.data, a.position);
}

// ---- callback API ----

function maybeCallback(args) {
  const cb = args[args.length - 1];
  if (typeof cb !== 'function') throw invalidArgType('cb', 'of type function', cb);
  return cb;
}

function readFile(path, options, cb) {
  cb = maybeCallback([options, cb].filter((x) => x !== undefined));
  const opts = getOptions(typeof options === 'function' ? undefined : options, { flag: 'r' });
  if (typeof path === 'number') {
    process.nextTick(() => {
      let data;
      try {
        data = decode(readAllFromFd(path), opts.encoding);
      } catch (err) {
        cb(err);
        return;
      }
      cb(null, data);
    });
    return;
  }
  callAsync('readFile', [toPath(path), opts.flag], cb, (bytes) => decode(bytes, opts.encoding));
}

function writeFile(path, data, options, cb) {
  cb = maybeCallback([options, cb].filter((x) => x !== undefined));
  const opts = getOptions(typeof options === 'function' ? undefined : options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  if (typeof path === 'number') {
    write(path, toData(data, opts.encoding), (err) => cb(err));
    return;
  }
  callAsync('writeFile', [toPath(path), toData(data, opts.encoding), opts.flag, opts.mode], cb);
}

function appendFile(path, data, options, cb) {
  cb = maybeCallback([options, cb].filter((x) => x !== undefined));
  const opts = getOptions(typeof options === 'function' ? undefined : options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  writeFile(path, data, opts, cb);
}

/** fs.exists(path, cb(exists)) -- deprecated in Node, still used. */
function exists(path, cb) {
  binding.exists(toPath(path), (record, result) => cb(record ? false : result));
}

function access(path, mode, cb) {
  if (typeof mode === 'function') {
    cb = mode;
    mode = constants.F_OK;
  }
  callAsync('access', [toPath(path), mode], cb);
}

function statLike(op) {
  return function statAsync(path, options, cb) {
    if (typeof options === 'function') cb = options;
    callAsync(op, [op === 'fstat' ? path : toPath(path)], cb, makeStats);
  };
}
const stat = statLike('stat');
const lstat = statLike('lstat');
const fstat = statLike('fstat');

function readdir(path, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  const opts = getOptions(options, {});
  const p = toPath(path);
  callAsync('readdir', [p], cb, dirEntries(p, opts));
}

function mkdir(path, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  const opts = typeof options === 'number' ? { mode: options } : getOptions(options, {});
  callAsync('mkdir', [toPath(path), Boolean(opts.recursive), opts.mode === undefined ? 0o777 : opts.mode], cb,
    (result) => (opts.recursive ? result : undefined));
}

function rm(path, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  const opts = getOptions(options, {});
  callAsync('rm', [toPath(path), Boolean(opts.recursive), Boolean(opts.force)], cb);
}

function rmdir(path, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  const opts = getOptions(options, {});
  if (opts.recursive) callAsync('rm', [toPath(path), true, false], cb);
  else callAsync('rmdir', [toPath(path)], cb);
}

function unlink(path, cb) {
  callAsync('unlink', [toPath(path)], cb);
}

function rename(from, to, cb) {
  callAsync('rename', [toPath(from, 'oldPath'), toPath(to, 'newPath')], cb);
}

function copyFile(from, to, mode, cb) {
  if (typeof mode === 'function') {
    cb = mode;
    mode = 0;
  }
  callAsync('copyFile', [toPath(from, 'src'), toPath(to, 'dest'), mode], cb);
}

function realpath(path, options, cb) {
  if (typeof options === 'function') {
    cb = options;
    options = undefined;
  }
  const opts = getOptions(options, {});
  callAsync('realpath', [toPath(path)], cb, (p) => (opts.encoding === 'buffer' ? Buffer.from(p) : p));
}
realpath.native = realpath;

function truncate(path, len, cb) {
  if (typeof len === 'function') {
    cb = len;
    len = 0;
  }
  if (typeof path === 'number') callAsync('ftruncate', [path, len], cb);
  else callAsync('truncate', [toPath(path), len], cb);
}

function ftruncate(fd, len, cb) {
  if (typeof len === 'function') {
    cb = len;
    len = 0;
  }
  callAsync('ftruncate', [fd, len], cb);
}

function symlink(target, path, type, cb) {
  if (typeof type === 'function') cb = type;
  callAsync('symlink', [toPath(target, 'target'), toPath(path)], cb);
}

function readlink(path, options, cb) {
  if (typeof options === 'function') cb = options;
  callAsync('readlink', [toPath(path)], cb, (p) => p);
}

function chmod(path, mode, cb) {
  callAsync('chmod', [toPath(path), typeof mode === 'string' ? parseInt(mode, 8) : mode], cb);
}

function utimes(path, atime, mtime, cb) {
  callAsync('utimes', [toPath(path), toSeconds(atime), toSeconds(mtime)], cb);
}

function open(path, flags, mode, cb) {
  if (typeof flags === 'function') {
    cb = flags;
    flags = 'r';
    mode = 0o666;
  } else if (typeof mode === 'function') {
    cb = mode;
    mode = 0o666;
  }
  callAsync('open', [toPath(path), flags === undefined || flags === null ? 'r' : flags, mode === undefined ? 0o666 : mode],
    cb, (fd) => fd);
}

function close(fd, cb) {
  callAsync('close', [fd], typeof cb === 'function' ? cb : () => {});
}

/** fs.read(fd, buffer, offset, length, position, cb(err, bytesRead, buffer)). */
function read(fd, buffer, offset, length, position, cb) {
  const args = [buffer, offset, length, position, cb];
  cb = args.reverse().find((x) => typeof x === 'function');
  if (typeof buffer === 'function' || !(buffer instanceof Buffer)) {
    // read(fd[, options], cb): reads into a fresh 16 KiB buffer.
    const opts = buffer && typeof buffer === 'object' && !(buffer instanceof Buffer) ? buffer : {};
    buffer = opts.buffer || Buffer.alloc(16384);
    offset = opts;
  }
  const a = readArgs(buffer, typeof offset === 'function' ? undefined : offset,
    typeof length === 'function' ? undefined : length, typeof position === 'function' ? undefined : position);
  binding.read(fd, a.length, a.position, (record, bytes) => {
    if (record) cb(systemError(record), 0, buffer);
    else cb(null, copyInto(buffer, a.offset, bytes), buffer);
  });
}

/** fs.write(fd, buffer|string, ..., cb(err, bytesWritten, buffer|string)). */
function write(fd, data, offsetOrPosition, lengthOrEncoding, position, cb) {
  const args = [offsetOrPosition, lengthOrEncoding, position, cb];
  cb = args.reverse().find((x) => typeof x === 'function');
  const strip = (x) => (typeof x === 'function' ? undefined : x);
  const a = writeArgs(data, strip(offsetOrPosition), strip(lengthOrEncoding), strip(position));
  binding.write(fd, a.data, a.position, (record, written) => {
    if (record) cb(systemError(record), 0, data);
    else cb(null, written, data);
  });
}

const fsStreams = require('./fs_streams.js');

module.exports = {
  constants,
  F_OK: constants.F_OK,
  R_OK: constants.R_OK,
  W_OK: constants.W_OK,
  X_OK: constants.X_OK,
  Stats,
  Dirent,
  access,
  accessSync,
  appendFile,
  appendFileSync,
  chmod,
  chmodSync,
  close,
  closeSync,
  copyFile,
  copyFileSync,
  exists,
  existsSync,
  fstat,
  fstatSync,
  ftruncate,
  ftruncateSync,
  lstat,
  lstatSync,
  mkdir,
  mkdirSync,
  open,
  openSync,
  read,
  readSync,
  readdir,
  readdirSync,
  readFile,
  readFileSync,
  readlink,
  readlinkSync,
  realpath,
  realpathSync,
  rename,
  renameSync,
  rm,
  rmSync,
  rmdir,
  rmdirSync,
  stat,
  statSync,
  symlink,
  symlinkSync,
  truncate,
  truncateSync,
  unlink,
  unlinkSync,
  utimes,
  utimesSync,
  write,
  writeSync,
  writeFile,
  writeFileSync,
  ReadStream: fsStreams.ReadStream,
  WriteStream: fsStreams.WriteStream,
  createReadStream: fsStreams.createReadStream,
  createWriteStream: fsStreams.createWriteStream,
};

Object.defineProperty(module.exports, 'promises', {
  enumerable: true,
  configurable: true,
  get() {
    return require('./fs_promises.js');
  },
});
