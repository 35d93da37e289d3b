// finished() timing relative to 'end', 'finish' and 'close'
const { Readable, Writable, finished } = require('stream');
const { finished: finishedP } = require('stream/promises');
const r = new Readable({ read() { this.push('x'); this.push(null); } });
r.on('end', () => console.log('r end'));
r.on('close', () => console.log('r close'));
finished(r, (err) => console.log('r finished', err));
r.resume();
const w = new Writable({ write(c, e, cb) { cb(); } });
w.on('finish', () => console.log('w finish'));
finished(w, (err) => console.log('w finished', err));
w.on('close', () => console.log('w close'));
w.end('data');
const r2 = new Readable({ read() {} });
finished(r2, (err) => console.log('r2 finished', err.code));
r2.destroy();
const w2 = new Writable({ write(c, e, cb) { cb(); }, emitClose: false, autoDestroy: false });
finishedP(w2).then(() => console.log('w2 promise resolved'));
w2.end();
