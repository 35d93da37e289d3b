// setEncoding with multi-byte characters split across pushes
const { Readable } = require('stream');
const { Buffer } = require('buffer');
const bytes = Buffer.from('héllo wörld — ✓ 😀!');
const r = new Readable({ read() {} });
r.setEncoding('utf8');
for (let i = 0; i < bytes.length; i += 3) r.push(bytes.slice(i, i + 3));
r.push(null);
r.on('data', (s) => console.log(typeof s, JSON.stringify(s)));
r.on('end', () => console.log('end', r.readableEncoding));
