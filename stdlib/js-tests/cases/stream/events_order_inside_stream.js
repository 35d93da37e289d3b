// listeners added inside events, once on streams, and emit return values
const { PassThrough } = require('stream');
const pt = new PassThrough();
pt.once('data', (d) => {
  console.log('first data', d.toString());
  pt.on('data', (x) => console.log('later data', x.toString()));
});
pt.write('1');
pt.write('2');
pt.end('3');
pt.on('end', () => console.log('end'));
console.log('listeners', pt.listenerCount('data'), pt.eventNames().filter((n) => typeof n === 'string').sort());
