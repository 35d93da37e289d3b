// write after end, errors from _write, destroy with pending writes
const { Writable } = require('stream');
const w = new Writable({ write(c, e, cb) { cb(); } });
w.on('error', (e) => console.log('error', e.code, e.message));
w.on('close', () => console.log('close'));
w.end();
console.log('write returns', w.write('x', (err) => console.log('write cb', err && err.code)));
const w2 = new Writable({ write(c, e, cb) { cb(new Error('disk full')); } });
w2.on('error', (e) => console.log('w2 error', e.message));
w2.on('close', () => console.log('w2 close'));
w2.on('finish', () => console.log('w2 finish'));
console.log('w2 write', w2.write('y', (err) => console.log('w2 cb', err.message)));
const w3 = new Writable({ write(c, e, cb) { setTimeout(cb, 5); } });
w3.write('1', (err) => console.log('w3 cb1', err ? err.code : null));
w3.write('2', (err) => console.log('w3 cb2', err ? err.code : null));
w3.on('close', () => console.log('w3 close'));
w3.destroy();
try { w3.write(null); } catch (e) { console.log('null write', e.code); }
try { w3.write(5); } catch (e) { console.log('number write', e.code); }
