// Order of 'data', 'end', 'close' and scheduled callbacks for a Readable
const { Readable } = require('stream');
const log = (...a) => console.log(...a);
const r = new Readable({
  read(n) {
    log('_read', n);
    if (!this.count) this.count = 0;
    this.count++;
    if (this.count <= 3) this.push('chunk' + this.count);
    else this.push(null);
  },
});
['data', 'end', 'close', 'pause', 'resume', 'readable'].forEach((ev) => {
  if (ev === 'readable') return;
  r.on(ev, (x) => log('event', ev, x === undefined ? '' : String(x)));
});
process.nextTick(() => log('tick 1'));
Promise.resolve().then(() => log('promise 1'));
// A timeout and an immediate both scheduled from the main module race in
// Node itself (it depends on whether 1 ms passed before the loop started),
// so the immediate is scheduled from the timeout, where its order is fixed.
setTimeout(() => {
  log('timeout');
  setImmediate(() => log('immediate'));
}, 0);
log('sync end', r.readableFlowing, r.readableLength);
