'use strict';
// fs/promises (also fs.promises): the callback API as promises, plus a
// minimal FileHandle from open().

const fs = require('./fs.js');

/** Wraps a callback-last fs function into one returning a promise. */
function promised(fn) {
  return (...args) => new Promise((resolve, reject) => {
    fn(...args, (err, value) => {
      if (err) reject(err);
      else resolve(value);
    });
  });
}

const readAt = (fd, buffer, offset, length, position) => new Promise((resolve, reject) => {
  fs.read(fd, buffer, offset, length, position, (err, bytesRead) => {
    if (err) reject(err);
    else resolve({ bytesRead, buffer });
  });
});

const writeAt = (fd, data, ...rest) => new Promise((resolve, reject) => {
  fs.write(fd, data, ...rest, (err, bytesWritten) => {
    if (err) reject(err);
    else resolve({ bytesWritten, buffer: data });
  });
});

/** The object fsPromises.open() resolves to. */
class FileHandle {
  constructor(fd) {
    this.fd = fd;
  }

  read(buffer, offset, length, position) {
    return readAt(this.fd, buffer, offset, length, position);
  }

  write(data, ...rest) {
    return writeAt(this.fd, data, ...rest);
  }

  readFile(options) {
    return promised(fs.readFile)(this.fd, options);
  }

  writeFile(data, options) {
    return promised(fs.writeFile)(this.fd, data, options);
  }

  appendFile(data, options) {
    return this.writeFile(data, options);
  }

  stat() {
    return promised(fs.fstat)(this.fd);
  }

  truncate(len) {
    return promised(fs.ftruncate)(this.fd, len);
  }

  close() {
    const fd = this.fd;
    this.fd = -1;
    return promised(fs.close)(fd);
  }

  createReadStream(options) {
    return fs.createReadStream(null, { ...options, fd: this.fd });
  }

  createWriteStream(options) {
    return fs.createWriteStream(null, { ...options, fd: this.fd });
  }
}

async function open(path, flags, mode) {
  const fd = await promised(fs.open)(path, flags === undefined ? 'r' : flags, mode === undefined ? 0o666 : mode);
  return new FileHandle(fd);
}

module.exports = {
  constants: fs.constants,
  open,
  access: promised(fs.access),
  appendFile: promised(fs.appendFile),
  chmod: promised(fs.chmod),
  copyFile: promised(fs.copyFile),
  lstat: promised(fs.lstat),
  mkdir: promised(fs.mkdir),
  readdir: promised(fs.readdir),
  readFile: promised(fs.readFile),
  readlink: promised(fs.readlink),
  realpath: promised(fs.realpath),
  rename: promised(fs.rename),
  rm: promised(fs.rm),
  rmdir: promised(fs.rmdir),
  stat: promised(fs.stat),
  symlink: promised(fs.symlink),
  truncate: promised(fs.truncate),
  unlink: promised(fs.unlink),
  utimes: promised(fs.utimes),
  writeFile: promised(fs.writeFile),
};
