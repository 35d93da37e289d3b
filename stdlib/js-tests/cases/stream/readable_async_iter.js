// async iteration of a Readable and Readable.from
const { Readable } = require('stream');
async function* gen() { yield 'a'; yield 'b'; yield 'c'; }
(async () => {
  const chunks = [];
  for await (const c of Readable.from(gen())) chunks.push(c);
  console.log('from gen', chunks);
  const r = new Readable({ read() {} });
  r.push('x'); r.push('y'); r.push(null);
  for await (const c of r) console.log('chunk', c.toString());
  console.log('r ended', r.readableEnded, r.destroyed);
  const arr = Readable.from([1, 2, 3, 4]);
  arr.on('close', () => console.log('arr close'));
  for await (const n of arr) { console.log('n', n); if (n === 2) break; }
  console.log('after break', arr.destroyed);
  const s = Readable.from('a string');
  for await (const c of s) console.log('string chunk', c);
  const failing = new Readable({ read() { this.destroy(new Error('bad read')); } });
  try { for await (const c of failing) console.log(c); } catch (e) { console.log('caught', e.message); }
})();
