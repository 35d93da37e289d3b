// destroy() while a write is in flight: pending callbacks get ERR_STREAM_DESTROYED
const { Writable } = require('stream');
const w = new Writable({
  write(c, e, cb) { console.log('_write', c.toString()); setTimeout(() => { console.log('write done'); cb(); }, 40); },
  destroy(err, cb) { console.log('_destroy', err && err.message); cb(err); },
});
w.write('one', (err) => console.log('cb one', err && err.code));
w.write('two', (err) => console.log('cb two', err && err.code));
w.end((err) => console.log('end cb', err && err.code));
w.on('error', (e) => console.log('error', e.message));
w.on('close', () => console.log('close'));
w.on('finish', () => console.log('finish (never)'));
setTimeout(() => w.destroy(new Error('abort')), 5);
