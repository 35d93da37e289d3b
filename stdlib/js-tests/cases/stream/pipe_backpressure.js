// pipe with a slow destination pauses and resumes the source
const { Readable, Writable } = require('stream');
let n = 0;
const src = new Readable({
  highWaterMark: 4,
  read() {
    n++;
    console.log('_read', n, 'flowing', this.readableFlowing);
    this.push(n <= 6 ? 'ab' : null);
  },
});
const dst = new Writable({
  highWaterMark: 3,
  write(c, e, cb) { console.log('write', c.toString(), this.writableLength); setTimeout(cb, 1); },
});
src.on('pause', () => console.log('src pause'));
src.on('resume', () => console.log('src resume'));
dst.on('drain', () => console.log('dst drain'));
dst.on('unpipe', () => console.log('unpipe'));
dst.on('finish', () => console.log('finish'));
src.on('end', () => console.log('end'));
src.pipe(dst);
