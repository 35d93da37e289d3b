// ReadStream events with start/end/encoding, and their timing against ticks
const fs = require('fs');
const path = require('path');
const os = require('os');
const file = path.join(os.tmpdir(), `minijs-rs-${process.pid}.txt`);
fs.writeFileSync(file, 'abcdefghijklmnopqrstuvwxyz0123456789');
const rs = fs.createReadStream(file, { start: 2, end: 20, highWaterMark: 5, encoding: 'utf8' });
console.log('pending', rs.pending, rs.readableHighWaterMark, rs.path === file);
['open', 'ready', 'end', 'close', 'pause', 'resume'].forEach((ev) => rs.on(ev, (x) => console.log('event', ev, typeof x)));
rs.on('data', (d) => console.log('data', JSON.stringify(d), rs.bytesRead));
process.nextTick(() => console.log('tick'));
rs.on('close', () => {
  console.log('bytesRead', rs.bytesRead, rs.destroyed);
  const missing = fs.createReadStream(file + '.missing');
  missing.on('error', (e) => console.log('error', e.code, e.syscall, e.message.replace(file, 'FILE')));
  missing.on('close', () => { console.log('missing close'); fs.unlinkSync(file); });
});
