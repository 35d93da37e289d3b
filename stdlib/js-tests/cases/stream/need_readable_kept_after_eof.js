// a 'readable' request made before the end survives emitReadable (pipe through a full Transform after EOF)
const { Readable, Writable, Transform, PassThrough, pipeline } = require('stream');
const log = (...a) => console.log(...a);
const show = (x) => (typeof x === 'object' && x !== null && !Buffer.isBuffer(x) ? JSON.stringify(x) : String(x));
function watch(name, s, events) { for (const ev of events) s.on(ev, (x) => log(name, ev, x instanceof Error ? x.message : x === undefined || ev === 'pipe' || ev === 'unpipe' ? '' : show(x))); }
let n = 0;
const src = new Readable({ objectMode: false, highWaterMark: 6, read(size) {
  n++; log('read', n, this.readableLength);
  const value = n <= 5 ? 'x'.repeat(n % 4 + 1) + n : null;
  log('push', show(value), this.push(value));
} });
const t0 = new Transform({ objectMode: false, highWaterMark: 1,
  transform(c, e, cb) { log('t0 transform', show(c)); process.nextTick(() => { cb(null, c); }); },
});
const sink = new Writable({ objectMode: false, highWaterMark: 7,
  write(c, e, cb) { log('write', show(c), this.writableLength); process.nextTick(() => { cb(); }); },
});
watch('src', src, ['end', 'close', 'pause', 'resume', 'error']);
watch('t0', t0, ['end', 'finish', 'close', 'drain', 'prefinish', 'pipe', 'unpipe']);
watch('sink', sink, ['finish', 'close', 'drain', 'prefinish', 'pipe', 'unpipe']);
pipeline(src, t0, sink, (err) => log('pipeline done', err && err.message));
process.nextTick(() => log('main tick'));
Promise.resolve().then(() => log('main microtask'));
