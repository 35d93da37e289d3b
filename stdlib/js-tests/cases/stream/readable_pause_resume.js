// pause/resume in flowing mode with setTimeout-paced resume
const { Readable } = require('stream');
let i = 0;
const r = new Readable({ read() { i++; this.push(i <= 5 ? String(i) : null); } });
r.on('data', (d) => {
  console.log('data', d.toString(), r.isPaused());
  if (d.toString() === '2') {
    r.pause();
    console.log('paused', r.readableFlowing);
    setTimeout(() => { console.log('resuming'); r.resume(); }, 1);
  }
});
r.on('pause', () => console.log('pause event'));
r.on('resume', () => console.log('resume event'));
r.on('end', () => console.log('end'));
r.on('close', () => console.log('close'));
