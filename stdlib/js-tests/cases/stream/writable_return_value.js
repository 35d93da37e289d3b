// each variant runs on its own, 20 ms apart, so their ticks do not mix
const { Writable } = require('stream');
function run(variant) {
  const w = new Writable({ highWaterMark: 3, write(c, e, cb) { console.log('_write', c.toString()); cb(); } });
  w.on('drain', () => console.log('drain'));
  w.on('finish', () => console.log('finish'));
  if (variant === 'a') { console.log(w.write('abcd')); process.nextTick(() => console.log('tick1')); }
  if (variant === 'b') { console.log(w.write('abcd')); process.nextTick(() => console.log('tick1')); console.log(w.write('x')); }
  if (variant === 'c') { console.log(w.write('ab')); console.log(w.write('cd', () => console.log('cb cd'))); process.nextTick(() => console.log('tick1')); }
  if (variant === 'd') { console.log(w.write('abcd')); process.nextTick(() => console.log('tick1')); w.end(); process.nextTick(() => console.log('tick2')); }
}
'abcd'.split('').forEach((v, i) => setTimeout(() => { console.log('==', v); run(v); }, i * 20));
