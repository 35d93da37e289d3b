// an error in the destination unpipes it; the source keeps its data
const { Readable, Writable } = require('stream');
const src = new Readable({ read() {} });
const dst = new Writable({ write(c, e, cb) { cb(new Error('write failed')); } });
dst.on('error', (e) => console.log('dst error', e.message, src.readableFlowing));
dst.on('unpipe', () => console.log('unpipe'));
dst.on('close', () => console.log('dst close'));
src.pipe(dst);
src.push('x');
setTimeout(() => { src.push('y'); console.log('src buffered', src.readableLength, src.isPaused()); }, 5);
