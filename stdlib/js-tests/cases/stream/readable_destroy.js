// destroy(err) on a Readable: 'error' then 'close', no 'end'
const { Readable } = require('stream');
const r = new Readable({ read() { this.push('x'); } });
r.on('data', (d) => {
  console.log('data', d.toString());
  r.destroy(new Error('stop'));
  console.log('destroyed', r.destroyed, r.readableAborted);
});
r.on('error', (e) => console.log('error', e.message));
r.on('end', () => console.log('end'));
r.on('close', () => console.log('close', r.errored && r.errored.message));
process.nextTick(() => console.log('tick'));
const r2 = new Readable({ read() {}, destroy(err, cb) { console.log('_destroy', err); setTimeout(() => cb(err), 1); } });
r2.on('close', () => console.log('r2 close'));
r2.destroy();
r2.destroy();
console.log('r2 destroyed', r2.destroyed);
