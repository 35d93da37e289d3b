// the same for other chunk kinds
const { Writable } = require('stream');
function run(opts, chunk, label) {
  const w = new Writable({ ...opts, write(c, e, cb) { cb(); } });
  w.on('finish', () => console.log(label, 'finish'));
  w.write(chunk);
  process.nextTick(() => console.log(label, 'tick after write'));
  w.end();
  process.nextTick(() => console.log(label, 'tick after end'));
}
const cases = [[{ objectMode: true }, 'str', 'objStr'], [{ objectMode: true }, Buffer.from('x'), 'objBuf'], [{ decodeStrings: false }, 'str', 'nodecode'],
  [{}, Buffer.from('x'), 'buf'], [{ objectMode: true }, 5, 'objNum'], [{}, 'a', 'default']];
cases.forEach(([o, c, l], i) => setTimeout(() => run(o, c, l), i * 10));
