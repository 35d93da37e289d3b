// pipeline destroys every stage on failure; callback gets the first error
const { pipeline, Readable, Writable, PassThrough } = require('stream');
const src = new Readable({ read() {} });
const mid = new PassThrough();
const dst = new Writable({ write(c, e, cb) { console.log('dst got', c.toString()); cb(); } });
[['src', src], ['mid', mid], ['dst', dst]].forEach(([name, s]) => {
  s.on('close', () => console.log(name, 'close', s.destroyed));
  s.on('error', (e) => console.log(name, 'error', e.message));
});
pipeline(src, mid, dst, (err) => console.log('pipeline cb', err && err.message));
src.push('one');
setTimeout(() => mid.destroy(new Error('mid failed')), 2);
