'use strict';
// Node-style system errors for fs (and sockets, netError) from the binding's error records
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

/**
 * Node's error for a failed socket call: `connect ECONNREFUSED 127.0.0.1:80`,
 * `read ECONNRESET`; with the description for listen
 * (`listen EADDRINUSE: address already in use 127.0.0.1:80`).
 */
function netError(record, syscall, address, port) {
  if (record instanceof Error) return record;
  const where = address === undefined ? '' : ` ${address}${port === undefined ? '' : ':' + port}`;
  let message;
  if (record.code === 'ENOTFOUND') {
    message = `getaddrinfo ENOTFOUND ${record.hostname}`;
  } else if (syscall === 'listen') {
    message = `listen ${record.code}: ${record.description}${where}`;
  } else {
    message = `${record.syscall || syscall} ${record.code}${where}`;
  }
  const err = new Error(message);
  // Node's own order of the properties differs between the two kinds.
  if (syscall === 'listen') err.code = record.code;
  err.errno = record.errno;
  err.code = record.code;
  err.syscall = record.syscall || syscall;
  if (record.hostname !== undefined) err.hostname = record.hostname;
  if (address !== undefined) err.address = address;
  if (port !== undefined) err.port = port;
  return err;
}

module.exports = { systemError, netError };
