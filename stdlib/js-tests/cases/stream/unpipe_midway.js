// unpipe in a data handler stops the flow into that destination and pauses the source
const { Readable, Writable } = require('stream');
let n = 0;
const src = new Readable({ read() { n++; this.push(n <= 5 ? `${n}` : null); } });
const dst = new Writable({ write(c, e, cb) { console.log('dst', c.toString()); cb(); } });
dst.on('unpipe', () => console.log('unpipe', src.readableFlowing));
src.pipe(dst);
src.on('data', (d) => { if (d.toString() === '2') src.unpipe(dst); });
setTimeout(() => { console.log('after', src.readableFlowing, src.readableLength, src.isPaused()); src.on('data', (d) => console.log('late', d.toString())); src.resume(); }, 3);
src.on('end', () => console.log('end'));
