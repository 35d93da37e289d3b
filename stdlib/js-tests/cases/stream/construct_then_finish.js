// finish right after _construct completes, versus a destroyed Duplex
const { Writable, Duplex } = require('stream');
let t = 0;
function ticks(n) { if (n > 0) process.nextTick(() => { console.log('tick', ++t); ticks(n - 1); }); }
const w = new Writable({
  construct(cb) { console.log('construct w'); process.nextTick(cb); },
  write(c, e, cb) { console.log('_write', c.toString()); cb(); },
});
w.write('early');
w.end();
w.on('finish', () => console.log('w finish'));
{
const d = new Duplex({ construct(cb) { console.log('construct d once'); cb(); }, read() {}, write(c, e, cb) { cb(); } });
d.on('close', () => console.log('d close'));
d.destroy();
}
ticks(6);
