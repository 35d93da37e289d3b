// objectMode highWaterMark counts objects
const { Readable } = require('stream');
const r = new Readable({ objectMode: true, read() {} });
for (let i = 0; i < 18; i++) console.log('push', i, r.push({ i }), r.readableLength);
console.log(r.readableHighWaterMark, r.readableObjectMode);
r.on('data', (o) => { if (o.i % 5 === 0) console.log('data', o.i); });
r.on('end', () => console.log('end'));
r.push(null);
