// a synchronous write without callback settles at once in byte mode, one tick later in objectMode
const { Writable } = require('stream');
function run(opts, chunk, label) {
  const w = new Writable({ ...opts, write(c, e, cb) { cb(); } });
  w.on('finish', () => console.log(label, 'finish'));
  w.write(chunk);
  process.nextTick(() => console.log(label, 'tick after write'));
  w.end();
  process.nextTick(() => console.log(label, 'tick after end'));
}
const cases = [[{ objectMode: true, highWaterMark: 1 }, {}, 'obj1'], [{ objectMode: true, highWaterMark: 2 }, {}, 'obj2'], [{ objectMode: true }, {}, 'obj16'],
  [{ highWaterMark: 1 }, 'a', 'bytes1'], [{ highWaterMark: 2 }, 'a', 'bytes2'], [{ highWaterMark: 2 }, 'ab', 'bytes2full'], [{}, 'a', 'default']];
cases.forEach(([o, c, l], i) => setTimeout(() => run(o, c, l), i * 10));
