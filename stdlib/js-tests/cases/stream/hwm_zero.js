// highWaterMark 0: every read goes to _read
const { Readable, Writable } = require('stream');
let n = 0;
const r = new Readable({ highWaterMark: 0, read() { n++; console.log('_read', n); this.push(n < 4 ? String(n) : null); } });
r.on('data', (d) => console.log('data', d.toString()));
r.on('end', () => console.log('end'));
const w = new Writable({ highWaterMark: 0, write(c, e, cb) { console.log('write', c.toString()); cb(); } });
console.log('w returns', w.write('a'), w.write('b'));
w.on('drain', () => console.log('drain'));
