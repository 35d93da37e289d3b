// unshift puts data back at the front
const { Readable } = require('stream');
const r = new Readable({ read() {} });
r.push('hello world');
r.push(null);
r.once('readable', () => {
  const head = r.read(5);
  console.log('head', head.toString());
  r.unshift(Buffer.from('HELLO'));
  console.log('len', r.readableLength);
  r.on('data', (d) => console.log('data', d.toString()));
});
r.on('end', () => console.log('end'));
