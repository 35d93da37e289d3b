// writes queued before _construct completed go out on the following ticks
const { Writable } = require('stream');
let t = 0;
function ticks(n) { if (n > 0) process.nextTick(() => { console.log('tick', ++t); ticks(n - 1); }); }
const w = new Writable({ construct(cb) { console.log('construct w'); cb(); }, write(c, e, cb) { console.log('_write', c.toString()); cb(); } });
w.write('early');
const w2 = new Writable({ construct(cb) { console.log('construct w2'); process.nextTick(cb); }, write(c, e, cb) { console.log('_write2', c.toString()); cb(); } });
w2.write('early2');
ticks(8);
