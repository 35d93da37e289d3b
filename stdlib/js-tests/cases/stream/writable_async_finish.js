// finish after an asynchronous write callback, with and without _final
const { Writable } = require('stream');
const w = new Writable({ write(c, e, cb) { setTimeout(() => { cb(); console.log('after cb'); process.nextTick(() => console.log('tick after cb')); }, 1); } });
w.on('finish', () => console.log('finish'));
w.write('a');
w.end();
const w2 = new Writable({ write(c, e, cb) { setTimeout(() => { cb(); console.log('w2 after cb'); process.nextTick(() => console.log('w2 tick after cb')); }, 3); }, final(cb) { console.log('final'); cb(); } });
w2.on('finish', () => console.log('w2 finish'));
w2.on('prefinish', () => console.log('w2 prefinish'));
w2.write('a');
w2.end();
