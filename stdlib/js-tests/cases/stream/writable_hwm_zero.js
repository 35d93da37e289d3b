// write() results and drain with highWaterMark 0 and with oversized chunks
const { Writable } = require('stream');
const w = new Writable({ highWaterMark: 0, write(c, e, cb) { console.log('write', c.toString()); setTimeout(cb, 1); } });
w.on('drain', () => console.log('drain'));
console.log(w.write('a'), w.writableLength, w.writableNeedDrain);
console.log(w.write('b'), w.writableLength);
const w2 = new Writable({ highWaterMark: 2, write(c, e, cb) { cb(); } });
console.log('w2', w2.write('abc'), w2.writableNeedDrain);
const w3 = new Writable({ highWaterMark: 2, write(c, e, cb) { setTimeout(cb, 1); } });
w3.on('drain', () => console.log('w3 drain'));
console.log('w3', w3.write('abc'), w3.writableNeedDrain);
