// resume() without listeners drains the stream; end and close still fire
const { Readable } = require('stream');
const r = new Readable({ read() { this.push('x'); this.push(null); } });
r.on('end', () => console.log('end', r.readableEnded));
r.on('close', () => console.log('close', r.destroyed));
r.resume();
console.log('flowing', r.readableFlowing);
const idle = new Readable({ read() { console.log('idle _read'); } });
idle.on('end', () => console.log('idle end (never)'));
setTimeout(() => console.log('idle flowing', idle.readableFlowing, idle.readableLength), 5);
