// one source piped into two destinations; unpipe one midway
const { Readable, Writable } = require('stream');
let n = 0;
const src = new Readable({ objectMode: true, read() { n++; setTimeout(() => this.push(n <= 5 ? n : null), 1); } });
function sink(name, delay) {
  return new Writable({
    objectMode: true,
    highWaterMark: 1,
    write(c, e, cb) { console.log(name, 'got', c); setTimeout(cb, delay); },
  }).on('finish', () => console.log(name, 'finish')).on('unpipe', () => console.log(name, 'unpipe'));
}
const a = sink('a', 1);
const b = sink('b', 3);
src.pipe(a);
src.pipe(b);
src.on('data', (d) => { if (d === 3) src.unpipe(b); });
src.on('end', () => console.log('end'));
