// write callbacks, 'drain', end callback, 'prefinish', 'finish', 'close'
const { Writable } = require('stream');
const w = new Writable({
  highWaterMark: 5,
  write(chunk, enc, cb) {
    console.log('_write', chunk.toString(), enc);
    if (chunk.toString() === 'async') setTimeout(cb, 1);
    else cb();
  },
  final(cb) { console.log('_final'); setTimeout(cb, 1); },
});
['drain', 'prefinish', 'finish', 'close'].forEach((ev) => w.on(ev, () => console.log('event', ev)));
console.log('w1', w.write('abc', () => console.log('cb abc')));
console.log('w2', w.write('async', () => console.log('cb async')));
console.log('w3', w.write('xyz', () => console.log('cb xyz')));
console.log('length', w.writableLength, w.writableNeedDrain);
w.end('last', () => console.log('end cb'));
console.log('ended', w.writableEnded, w.writableFinished);
process.nextTick(() => console.log('tick'));
