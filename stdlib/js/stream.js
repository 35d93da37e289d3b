'use strict';
// stream: the module object is the legacy Stream constructor carrying the
// stream classes and helpers, as in Node.

const { Stream } = require('./stream_legacy.js');
const { Readable } = require('./stream_readable.js');
const { Writable } = require('./stream_writable.js');
const { Duplex } = require('./stream_duplex.js');
const { Transform, PassThrough } = require('./stream_transform.js');
const { pipeline } = require('./stream_pipeline.js');
const { finished } = require('./stream_end_of_stream.js');
const { getDefaultHighWaterMark, setDefaultHighWaterMark } = require('./stream_high_water_mark.js');
const { addAbortSignal } = require('./stream_readable.js');
const utils = require('./stream_utils.js');
const promises = require('./stream_promises.js');
const { Buffer } = require('./buffer.js');

require('./stream_operators.js').install(Readable);

Stream.Stream = Stream;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.pipeline = pipeline;
Stream.finished = finished;
Stream.addAbortSignal = (signal, stream) => {
  addAbortSignal(signal, stream);
  return stream;
};
Stream.destroy = (stream, err) => require('./stream_destroy.js').destroyer(stream, err);
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;
Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
Stream.isDisturbed = utils.isDisturbed;
Stream.isErrored = utils.isErrored;
Stream.isReadable = utils.isReadable;
Stream.isWritable = utils.isWritable;
Stream._isUint8Array = (value) => value instanceof Buffer;
Stream._uint8ArrayToBuffer = (chunk) => Buffer.from(chunk);

Object.defineProperty(Stream, 'promises', {
  enumerable: true,
  configurable: true,
  get() {
    return promises;
  },
});
// util.promisify(stream.pipeline / stream.finished) gives the promise forms.
Object.defineProperty(pipeline, Symbol.for('nodejs.util.promisify.custom'), {
  enumerable: true,
  get() {
    return promises.pipeline;
  },
});
Object.defineProperty(finished, Symbol.for('nodejs.util.promisify.custom'), {
  enumerable: true,
  get() {
    return promises.finished;
  },
});

module.exports = Stream;
