'use strict';
// Node-style system errors for fs from the binding's error records
// ({ code, errno, syscall, path, dest }), e.g.
//   Error: ENOENT: no such file or directory, open 'missing.txt'
// with errno, code, syscall, path (and dest) as own properties.

const descriptions = {
  E2BIG: 'argument list too long',
  EACCES: 'permission denied',
  EAGAIN: 'resource temporarily unavailable',
  EBADF: 'bad file descriptor',
  EBUSY: 'resource busy or locked',
  EEXIST: 'file already exists',
  EFBIG: 'file too large',
  EINVAL: 'invalid argument',
  EIO: 'i/o error',
  EISDIR: 'illegal operation on a directory',
  ELOOP: 'too many symbolic links encountered',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'name too long',
  ENFILE: 'file table overflow',
  ENODEV: 'no such device',
  ENOENT: 'no such file or directory',
  ENOMEM: 'not enough memory',
  ENOSPC: 'no space left on device',
  ENOSYS: 'function not implemented',
  ENOTDIR: 'not a directory',
  ENOTEMPTY: 'directory not empty',
  ENOTSUP: 'operation not supported on socket',
  EPERM: 'operation not permitted',
  EPIPE: 'broken pipe',
  EROFS: 'read-only file system',
  ESPIPE: 'invalid seek',
  ETXTBSY: 'text file is busy',
  EXDEV: 'cross-device link not permitted',
};

/** Turns a binding error record into Node's Error; passes real Errors through. */
function systemError(record) {
  if (record instanceof Error) return record;
  const { code, errno, syscall, path, dest } = record;
  const description = record.description || descriptions[code] || 'unknown error';
  let message = `${code}: ${description}, ${syscall}`;
  if (path !== undefined) message += ` '${path}'`;
  if (dest !== undefined) message += ` -> '${dest}'`;
  const err = new Error(message);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (path !== undefined) err.path = path;
  if (dest !== undefined) err.dest = dest;
  return err;
}

module.exports = { systemError };
