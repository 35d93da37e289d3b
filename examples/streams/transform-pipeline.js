// Note §3: the four kinds of stream - Readable, Writable, Duplex, and
// Transform, a Duplex that changes data as it passes (no code in the note).
// A Readable feeds a Transform (upper-cases text) that feeds a Writable
// (collects it); pipeline() connects them and reports the end.
// Look for: each chunk passing through the transform, then the collected
// result once the pipeline finishes.
// More: `minijs --trace-loop transform-pipeline.js` shows the ticks that
// carry each chunk from stage to stage.
const { Readable, Transform, Writable, Duplex, pipeline } = require('stream');

const upper = new Transform({
  transform(chunk, encoding, callback) {
    console.log('transform:', chunk.toString());
    callback(null, chunk.toString().toUpperCase());
  },
});

const collected = [];
const sink = new Writable({
  write(chunk, encoding, callback) {
    collected.push(chunk.toString());
    callback();
  },
});

console.log('Transform is a Duplex:', upper instanceof Duplex);

pipeline(Readable.from(['read ', 'a part, ', 'write ', 'a part']), upper, sink, (err) => {
  console.log('pipeline done, error =', err);
  console.log('collected:', collected.join(''));
});
