'use strict';
// The native fs binding (the interface documented at the top of ../js/fs.js)
// implemented with Node's own fs, so that our fs.js can be tested under Node.
// Async operations complete through Node's event loop, as minijs's will.

const fs = require('fs');
const { Buffer: NodeBuffer } = require('buffer');

function record(err) {
  const r = { code: err.code, errno: err.errno, syscall: err.syscall };
  if (err.path !== undefined) r.path = err.path;
  if (err.dest !== undefined) r.dest = err.dest;
  return r;
}

const toBytes = (buf) => Array.from(buf);
const toNode = (data) => (typeof data === 'string' ? data : NodeBuffer.from(data));

function statRecord(s) {
  const { dev, ino, mode, nlink, uid, gid, rdev, size, blksize, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs } = s;
  return { dev, ino, mode, nlink, uid, gid, rdev, size, blksize, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs };
}

function direntType(d) {
  if (d.isFile()) return 'file';
  if (d.isDirectory()) return 'directory';
  if (d.isSymbolicLink()) return 'symlink';
  if (d.isFIFO()) return 'fifo';
  if (d.isSocket()) return 'socket';
  if (d.isCharacterDevice()) return 'char';
  if (d.isBlockDevice()) return 'block';
  return 'unknown';
}

/** Each operation as a synchronous function over plain values. */
const ops = {
  open: (path, flags, mode) => fs.openSync(path, flags, mode),
  close: (fd) => fs.closeSync(fd),
  read: (fd, length, position) => {
    const buf = NodeBuffer.alloc(length);
    const n = fs.readSync(fd, buf, 0, length, position);
    return toBytes(buf.subarray(0, n));
  },
  write: (fd, data, position) => {
    const buf = NodeBuffer.from(toNode(data));
    return fs.writeSync(fd, buf, 0, buf.length, position);
  },
  fstat: (fd) => statRecord(fs.fstatSync(fd)),
  stat: (path) => statRecord(fs.statSync(path)),
  lstat: (path) => statRecord(fs.lstatSync(path)),
  readFile: (path, flag) => toBytes(fs.readFileSync(path, { flag })),
  writeFile: (path, data, flag, mode) => fs.writeFileSync(path, toNode(data), { flag, mode }),
  access: (path, mode) => fs.accessSync(path, mode),
  exists: (path) => fs.existsSync(path),
  unlink: (path) => fs.unlinkSync(path),
  rename: (from, to) => fs.renameSync(from, to),
  copyFile: (from, to, mode) => fs.copyFileSync(from, to, mode),
  mkdir: (path, recursive, mode) => fs.mkdirSync(path, { recursive, mode }),
  rmdir: (path) => fs.rmdirSync(path),
  rm: (path, recursive, force) => fs.rmSync(path, { recursive, force }),
  readdir: (path) => fs.readdirSync(path, { withFileTypes: true }).map((d) => ({ name: d.name, type: direntType(d) })),
  realpath: (path) => fs.realpathSync(path),
  truncate: (path, len) => fs.truncateSync(path, len),
  ftruncate: (fd, len) => fs.ftruncateSync(fd, len),
  symlink: (target, path) => fs.symlinkSync(target, path),
  readlink: (path) => fs.readlinkSync(path),
  chmod: (path, mode) => fs.chmodSync(path, mode),
  utimes: (path, atime, mtime) => fs.utimesSync(path, atime, mtime),
};

/** Async forms: the result comes back from Node's thread pool (poll phase). */
const asyncOps = {
  open: (cb, path, flags, mode) => fs.open(path, flags, mode, cb),
  close: (cb, fd) => fs.close(fd, cb),
  read: (cb, fd, length, position) => {
    const buf = NodeBuffer.alloc(length);
    fs.read(fd, buf, 0, length, position, (err, n) => cb(err, err ? undefined : toBytes(buf.subarray(0, n))));
  },
  write: (cb, fd, data, position) => {
    const buf = NodeBuffer.from(toNode(data));
    fs.write(fd, buf, 0, buf.length, position, cb);
  },
  fstat: (cb, fd) => fs.fstat(fd, (err, s) => cb(err, s && statRecord(s))),
  stat: (cb, path) => fs.stat(path, (err, s) => cb(err, s && statRecord(s))),
  lstat: (cb, path) => fs.lstat(path, (err, s) => cb(err, s && statRecord(s))),
  readFile: (cb, path, flag) => fs.readFile(path, { flag }, (err, b) => cb(err, b && toBytes(b))),
  writeFile: (cb, path, data, flag, mode) => fs.writeFile(path, toNode(data), { flag, mode }, cb),
  access: (cb, path, mode) => fs.access(path, mode, cb),
  exists: (cb, path) => fs.access(path, (err) => cb(null, !err)),
  unlink: (cb, path) => fs.unlink(path, cb),
  rename: (cb, from, to) => fs.rename(from, to, cb),
  copyFile: (cb, from, to, mode) => fs.copyFile(from, to, mode, cb),
  mkdir: (cb, path, recursive, mode) => fs.mkdir(path, { recursive, mode }, cb),
  rmdir: (cb, path) => fs.rmdir(path, cb),
  rm: (cb, path, recursive, force) => fs.rm(path, { recursive, force }, cb),
  readdir: (cb, path) => fs.readdir(path, { withFileTypes: true }, (err, list) =>
    cb(err, list && list.map((d) => ({ name: d.name, type: direntType(d) })))),
  realpath: (cb, path) => fs.realpath(path, cb),
  truncate: (cb, path, len) => fs.truncate(path, len, cb),
  ftruncate: (cb, fd, len) => fs.ftruncate(fd, len, cb),
  symlink: (cb, target, path) => fs.symlink(target, path, cb),
  readlink: (cb, path) => fs.readlink(path, cb),
  chmod: (cb, path, mode) => fs.chmod(path, mode, cb),
  utimes: (cb, path, atime, mtime) => fs.utimes(path, atime, mtime, cb),
};

const binding = {};
for (const [name, fn] of Object.entries(ops)) {
  binding[`${name}Sync`] = (...args) => {
    try {
      return fn(...args);
    } catch (err) {
      throw err.code ? record(err) : err;
    }
  };
}
for (const [name, fn] of Object.entries(asyncOps)) {
  binding[name] = (...args) => {
    const cb = args.pop();
    fn((err, result) => cb(err ? record(err) : null, result), ...args);
  };
}

module.exports = binding;
