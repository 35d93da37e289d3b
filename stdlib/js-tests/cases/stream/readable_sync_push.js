// push() outside _read: buffering, return values, readableLength
const { Readable } = require('stream');
const r = new Readable({ highWaterMark: 4, read() { console.log('_read called', this.readableLength); } });
console.log(r.push('ab'), r.readableLength);
console.log(r.push('cd'), r.readableLength);
console.log(r.push('ef'), r.readableLength);
r.on('readable', () => {
  console.log('readable', r.readableLength);
  let c;
  while ((c = r.read(3)) !== null) console.log('read', c.toString());
  console.log('after loop', r.readableLength);
});
setTimeout(() => { r.push('gh'); r.push(null); }, 5);
r.on('end', () => console.log('end'));
r.on('close', () => console.log('close'));
