// Note §3, "readable可读流": in paused mode the 'readable' event only says
// that data can be read; the consumer must call read() itself (no code in
// the note).
// Look for: each 'readable' event followed by read() calls until read()
// returns null; `flowing` stays false because no 'data' listener is added.
// More: `minijs --trace-loop readable-paused-read.js` shows each 'readable'
// event emitted on a later tick than the push() that caused it.
const { Readable } = require('stream');

const readable = new Readable({ read() {} });
readable.push('first ');
readable.push('chunk');

readable.on('readable', () => {
  console.log("'readable' event, flowing =", readable.readableFlowing);
  let chunk;
  while ((chunk = readable.read()) !== null) {
    console.log('  read() ->', JSON.stringify(chunk.toString()));
  }
  console.log('  read() -> null');
});
readable.on('end', () => console.log('end'));

setTimeout(() => {
  readable.push('second');
  readable.push(null);
}, 10);
