// Readable.from over an async generator and over promises, with errors
const { Readable } = require('stream');
async function* slow() { for (let i = 0; i < 3; i++) { await null; yield `v${i}`; } }
const r = Readable.from(slow());
r.on('data', (d) => console.log('data', d));
r.on('end', () => console.log('end'));
r.on('close', () => console.log('close'));
const p = Readable.from([Promise.resolve('p1'), 'plain', Promise.resolve('p2')]);
p.on('data', (d) => console.log('promise item', d));
async function* failing() { yield 1; throw new Error('gen error'); }
const f = Readable.from(failing());
f.on('data', (d) => console.log('f data', d));
f.on('error', (e) => console.log('f error', e.message));
f.on('close', () => console.log('f close'));
const withNull = Readable.from([1, null, 2]);
withNull.on('data', (d) => console.log('n data', d));
withNull.on('error', (e) => console.log('n error', e.code));
process.nextTick(() => console.log('tick'));
