// order of end/finish/close events and the pipeline callback on success
const { pipeline, Readable, Transform, Writable } = require('stream');
const src = Readable.from(['a', 'b']);
const t = new Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); } });
const dst = new Writable({ write(c, e, cb) { console.log('write', c.toString()); cb(); } });
for (const [name, s] of [['src', src], ['t', t], ['dst', dst]]) {
  for (const ev of ['end', 'finish', 'close', 'unpipe', 'pipe']) s.on(ev, () => console.log(name, ev));
}
pipeline(src, t, dst, (err) => {
  console.log('callback', err);
  process.nextTick(() => console.log('tick after callback'));
});
process.nextTick(() => console.log('first tick'));
