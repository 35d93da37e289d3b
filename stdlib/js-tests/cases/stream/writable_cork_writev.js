// cork/uncork batches writes into _writev
const { Writable } = require('stream');
const w = new Writable({
  write(c, e, cb) { console.log('_write', c.toString()); cb(); },
  writev(chunks, cb) { console.log('_writev', chunks.map((c) => c.chunk.toString()).join(',')); cb(); },
});
w.cork();
w.write('a');
w.write('b', () => console.log('cb b'));
w.write('c');
console.log('corked', w.writableCorked, w.writableLength);
process.nextTick(() => w.uncork());
w.on('finish', () => console.log('finish'));
setTimeout(() => { w.write('d'); w.write('e'); w.end('f'); }, 2);
