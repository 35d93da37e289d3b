// a Transform whose readable side fills up stops taking writes
const { Transform } = require('stream');
const t = new Transform({
  highWaterMark: 2,
  objectMode: true,
  transform(n, enc, cb) { console.log('transform', n); cb(null, n * 10); },
});
for (let i = 1; i <= 6; i++) console.log('write', i, t.write(i), t.writableLength, t.readableLength);
setTimeout(() => {
  console.log('start reading');
  t.on('data', (d) => console.log('data', d));
  t.on('end', () => console.log('end'));
  t.end();
}, 2);
