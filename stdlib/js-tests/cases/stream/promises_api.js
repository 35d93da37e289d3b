// stream/promises pipeline and finished, including failures
const { pipeline, finished } = require('stream/promises');
const { Readable, Writable, Transform, PassThrough } = require('stream');
(async () => {
  const got = [];
  await pipeline(Readable.from(['a', 'b']), new PassThrough({ objectMode: true }), new Writable({ objectMode: true, write(c, e, cb) { got.push(c); cb(); } }));
  console.log('pipeline done', got);
  try {
    await pipeline(Readable.from([1, 2, 3]), new Transform({ objectMode: true, transform(n, e, cb) { cb(n === 2 ? new Error('two') : null, n); } }), new Writable({ objectMode: true, write(c, e, cb) { console.log('wrote', c); cb(); } }));
  } catch (e) { console.log('pipeline failed', e.message); }
  const r = Readable.from(['x']);
  r.resume();
  await finished(r);
  console.log('finished resolved', r.readableEnded);
  const bad = new Readable({ read() {} });
  setTimeout(() => bad.destroy(new Error('gone')), 1);
  try { await finished(bad); } catch (e) { console.log('finished rejected', e.message); }
  try {
    await pipeline(async function* () { yield 'q'; throw new Error('gen failed'); }, new Writable({ write(c, e, cb) { console.log('got', c.toString()); cb(); } }));
  } catch (e) { console.log('generator source failed', e.message); }
})();
