// setEncoding after data is queued re-decodes the queue
const { Readable } = require('stream');
const r = new Readable({ read() {} });
r.push(Buffer.from([0xe2, 0x82]));
r.push(Buffer.from([0xac, 0x41]));
r.setEncoding('utf8');
r.push(Buffer.from('ü'));
r.push(null);
r.on('data', (s) => console.log(JSON.stringify(s)));
const h = new Readable({ read() {}, encoding: 'hex' });
h.push('hi'); h.push(null);
h.on('data', (s) => console.log('hex', s));
