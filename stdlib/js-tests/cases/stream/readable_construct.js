// _construct delays _read and _write until its callback
const { Readable, Writable, Duplex } = require('stream');
const r = new Readable({
  construct(cb) { console.log('construct r'); setTimeout(() => { console.log('constructed r'); cb(); }, 1); },
  read() { console.log('_read'); this.push('data'); this.push(null); },
});
r.on('data', (d) => console.log('data', d.toString()));
r.on('end', () => console.log('end'));
const w = new Writable({
  construct(cb) { console.log('construct w'); process.nextTick(cb); },
  write(c, e, cb) { console.log('_write', c.toString()); cb(); },
});
w.write('early');
w.end();
w.on('finish', () => console.log('w finish'));
const d = new Duplex({ construct(cb) { console.log('construct d once'); cb(); }, read() {}, write(c, e, cb) { cb(); } });
d.on('close', () => console.log('d close'));
d.destroy();
