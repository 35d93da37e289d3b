// a destroy() issued before _construct finished runs once it has
const { Duplex, Readable } = require('stream');
let t = 0;
function ticks(n) { if (n > 0) process.nextTick(() => { console.log('tick', ++t); ticks(n - 1); }); }
const d = new Duplex({ construct(cb) { console.log('construct d'); cb(); }, read() {}, write(c, e, cb) { cb(); } });
d.on('close', () => console.log('d close'));
d.destroy();
const r = new Readable({ construct(cb) { console.log('construct r'); cb(); }, read() {} });
r.on('close', () => console.log('r close'));
r.destroy();
const r2 = new Readable({ construct(cb) { console.log('construct r2'); cb(); }, read() {} });
r2.on('close', () => console.log('r2 close'));
process.nextTick(() => r2.destroy());
ticks(8);
