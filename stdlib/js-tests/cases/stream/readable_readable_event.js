// 'readable' with read() in a loop vs read(n) partial
const { Readable } = require('stream');
let n = 0;
const r = new Readable({
  highWaterMark: 8,
  read() {
    n++;
    console.log('_read', n);
    if (n < 4) setTimeout(() => this.push('abcdef'), 1);
    else setTimeout(() => this.push(null), 1);
  },
});
r.on('readable', () => {
  console.log('readable, length', r.readableLength);
  let c;
  while ((c = r.read(4)) !== null) console.log('read', c.toString());
});
r.on('end', () => console.log('end'));
