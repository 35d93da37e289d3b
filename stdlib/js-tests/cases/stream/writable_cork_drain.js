// each variant runs on its own, 20 ms apart, so their ticks do not mix
const { Writable } = require('stream');
function run(variant) {
  const w = new Writable({ highWaterMark: 3, write(c, e, cb) { console.log('_write', c.toString(), this.writableLength); cb(); } });
  w.on('drain', () => console.log('drain'));
  w.on('finish', () => console.log('finish'));
  if (variant === 'a') { w.cork(); console.log(w.write('abcd')); w.uncork(); console.log('after uncork', w.writableLength, w.writableNeedDrain); process.nextTick(() => console.log('tick1')); }
  if (variant === 'b') { w.cork(); console.log(w.write('abcd')); console.log(w.write('ef')); process.nextTick(() => { console.log('tick1'); w.uncork(); console.log('uncorked'); process.nextTick(() => console.log('tick2')); }); }
  if (variant === 'c') { w.cork(); console.log(w.write('abcd')); w.end(); console.log('ended'); process.nextTick(() => console.log('tick1')); }
}
'abc'.split('').forEach((v, i) => setTimeout(() => { console.log('==', v); run(v); }, i * 20));
