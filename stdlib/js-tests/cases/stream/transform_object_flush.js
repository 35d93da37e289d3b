// objectMode Transform: one input, several outputs; flush pushes more
const { Transform, Readable } = require('stream');
const split = new Transform({
  objectMode: true,
  transform(line, enc, cb) { for (const w of line.split(' ')) this.push(w); cb(); },
  flush(cb) { this.push('[flush-1]'); this.push('[flush-2]'); cb(); },
});
Readable.from(['a b', 'c d e']).pipe(split);
split.on('data', (w) => console.log('word', w));
split.on('end', () => console.log('end'));
split.on('finish', () => console.log('finish'));
split.on('close', () => console.log('close'));
