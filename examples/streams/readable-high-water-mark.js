// Note §3, "readable可读流": the source pushes into a buffer with a
// highWaterMark; once the buffer holds highWaterMark bytes or more, push()
// returns false and the stream stops calling _read() until a consumer
// drains it (no code in the note).
// Look for: no _read() call before a consumer exists (flowing is null);
// push() returns false once the buffer holds 6 bytes or more; _read() is
// called again only after the consumer has taken data.
// More: `minijs --trace-loop readable-high-water-mark.js` shows the ticks in
// which _read() is called and 'data' is emitted.
const { Readable } = require('stream');

let next = 0;
const source = new Readable({
  highWaterMark: 6,
  read() {
    console.log('_read() called, buffered =', this.readableLength);
    while (next < 5) {
      const ok = this.push('ab');
      next++;
      console.log(`  push('ab') -> ${ok}, buffered = ${this.readableLength}`);
      if (!ok) return;
    }
    this.push(null);
  },
});

// No consumer for 10 ms: the stream does not read from its source yet.
setTimeout(() => {
  console.log('consumer starts reading');
  source.on('data', (chunk) => console.log('data:', chunk.toString()));
  source.on('end', () => console.log('end'));
}, 10);
