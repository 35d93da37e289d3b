// synchronous _write callbacks are batched into one tick
const { Writable } = require('stream');
const w = new Writable({ write(c, e, cb) { console.log('_write', c.toString()); cb(); } });
for (const s of ['a', 'b', 'c']) w.write(s, () => console.log('cb', s));
process.nextTick(() => console.log('tick after writes'));
w.on('finish', () => console.log('finish'));
w.end(() => console.log('end cb'));
Promise.resolve().then(() => console.log('micro'));
