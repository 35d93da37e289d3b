// Transform with async transform and flush, events on both sides
const { Transform } = require('stream');
const t = new Transform({
  transform(chunk, enc, cb) {
    setImmediate(() => cb(null, chunk.toString().split('').reverse().join('')));
  },
  flush(cb) { console.log('flush'); cb(null, '<end>'); },
});
['finish', 'end', 'close', 'prefinish'].forEach((ev) => t.on(ev, () => console.log('event', ev)));
t.on('data', (d) => console.log('data', d.toString()));
t.write('abc');
t.write('def');
t.end('ghi');
