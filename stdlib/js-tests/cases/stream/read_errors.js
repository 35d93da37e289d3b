// errors: _read throws, push after EOF, invalid chunk, unshift after end
const { Readable } = require('stream');
const a = new Readable({ read() { throw new Error('read threw'); } });
a.on('error', (e) => console.log('a error', e.message));
a.on('close', () => console.log('a close'));
a.resume();
const b = new Readable({ read() {} });
b.on('error', (e) => console.log('b error', e.code));
b.push(null);
b.push('late');
const c = new Readable({ read() {} });
c.on('error', (e) => console.log('c error', e.code));
c.push(42);
const d = new Readable({ read() {}, autoDestroy: false });
d.on('error', (e) => console.log('d error', e.code, d.destroyed));
d.push(null);
d.resume();
d.on('end', () => { console.log('d end'); d.unshift('x'); });
