// process.stdout as a pipe destination and direct writes interleaved with console.log
const { Readable } = require('stream');
console.log('start');
process.stdout.write('direct write\n');
const r = Readable.from(['x\n', 'y\n']);
r.pipe(process.stdout);
r.on('end', () => { console.log('end'); process.stdout.write('after end\n', () => console.log('write cb')); });
console.log('sync done', process.stdout.writable);
