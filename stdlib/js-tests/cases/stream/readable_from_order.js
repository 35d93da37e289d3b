// Readable.from event timing against ticks
const { Readable } = require('stream');
const r = Readable.from(['a', 'b']);
r.on('data', (d) => console.log('data', d));
r.on('end', () => console.log('end'));
r.on('close', () => console.log('close'));
process.nextTick(() => console.log('tick'));
Promise.resolve().then(() => console.log('micro'));
setImmediate(() => console.log('immediate'));
