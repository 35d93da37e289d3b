// breaking out of for await destroys the stream with an AbortError
const { Readable, Writable } = require('stream');
(async () => {
  const r = Readable.from([1,2,3]);
  r.on('error', (e) => console.log('error', e.name));
  r.on('close', () => console.log('close'));
  for await (const x of r) { console.log(x); break; }
  console.log('after', r.destroyed);
  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.end((...a) => console.log('end cb', a));
})();
