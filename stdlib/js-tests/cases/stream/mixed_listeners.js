// 'readable' and 'data' together, then removing 'readable' switches to flowing
const { Readable } = require('stream');
let i = 0;
const r = new Readable({ read() { i++; setTimeout(() => this.push(i <= 4 ? `c${i}` : null), 1); } });
const onReadable = () => { console.log('readable', r.readableFlowing); let c; while ((c = r.read()) !== null) console.log('read', c.toString()); };
r.on('readable', onReadable);
r.on('data', (d) => {
  console.log('data', d.toString(), r.readableFlowing);
  if (d.toString() === 'c2') {
    r.removeListener('readable', onReadable);
    console.log('removed', r.readableFlowing);
    process.nextTick(() => console.log('next', r.readableFlowing));
  }
});
r.on('end', () => console.log('end'));
