// Note §3, "writeStream可写流": write() returns false once the queued data
// reaches highWaterMark (backpressure); the producer should stop until the
// 'drain' event (no code in the note).
// Look for: write() -> false once 8 bytes or more are queued, the producer
// waits, 'drain' fires once the slow destination has taken everything, then
// the producer resumes.
// More: `minijs --trace-loop writable-backpressure.js` shows the timers that
// complete each write and so free the queue.
const { Writable } = require('stream');

const slow = new Writable({
  highWaterMark: 8,
  write(chunk, encoding, callback) {
    console.log('  destination takes', JSON.stringify(chunk.toString()));
    setTimeout(callback, 5); // a slow resource
  },
});

const words = ['abc', 'def', 'ghi', 'jkl', 'mno', 'pqr'];
let i = 0;

function produce() {
  while (i < words.length) {
    const ok = slow.write(words[i]);
    console.log(`write(${JSON.stringify(words[i])}) -> ${ok}, queued = ${slow.writableLength}`);
    i++;
    if (!ok) {
      console.log('producer pauses until drain');
      slow.once('drain', () => {
        console.log("'drain': producer resumes");
        produce();
      });
      return;
    }
  }
  slow.end(() => console.log('finished'));
}

produce();
