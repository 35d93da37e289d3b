// each variant runs on its own, 20 ms apart, so their ticks do not mix
const { Writable } = require('stream');
function run(variant) {
  const w = new Writable({ write(c, e, cb) { console.log('_write', c.toString()); cb(); } });
  if (variant === 'a') { w.write('a', () => console.log('cb a')); w.write('b', () => console.log('cb b')); }
  if (variant === 'b') { w.write('a'); w.write('b'); }
  if (variant === 'c') { w.write('a', () => console.log('cb a')); }
  if (variant === 'd') { w.write('a'); }
  if (variant === 'e') { w.write('a'); w.write('b', () => console.log('cb b')); }
  process.nextTick(() => console.log('tick after writes'));
  w.on('finish', () => console.log('finish'));
  w.end();
  process.nextTick(() => console.log('tick after end'));
}
'abcde'.split('').forEach((v, i) => setTimeout(() => { console.log('==', v); run(v); }, i * 20));
