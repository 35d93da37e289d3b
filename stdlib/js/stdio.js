'use strict';
// process.stdout / process.stderr as Writable streams over a native write
// function. minijs creates them at startup:
//   process.stdout = createStdioStream(1, nativeWrite1)
// where `nativeWrite(data)` synchronously writes `data` (a string, written as
// UTF-8, or an Array of byte values) to the file descriptor.

const { Writable } = require('./stream_writable.js');

function createStdioStream(fd, nativeWrite) {
  const stream = new Writable({
    decodeStrings: false,
    write(chunk, encoding, cb) {
      try {
        nativeWrite(typeof chunk === 'string' && encoding !== 'utf8' && encoding !== 'utf-8' ?
          require('./buffer.js').Buffer.from(chunk, encoding) : chunk);
      } catch (err) {
        cb(err);
        return;
      }
      cb();
    },
  });
  stream.fd = fd;
  stream._type = 'fs';
  stream._isStdio = true;
  // Like Node, standard streams are never really closed by destroy() or end().
  stream.destroySoon = stream.destroy;
  stream._destroy = (err, cb) => cb(err);
  return stream;
}

module.exports = { createStdioStream };
