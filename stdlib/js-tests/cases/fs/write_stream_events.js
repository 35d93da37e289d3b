// WriteStream: open/ready/finish/close order, bytesWritten, backpressure, flags 'a'
const fs = require('fs');
const path = require('path');
const os = require('os');
const file = path.join(os.tmpdir(), `minijs-ws-${process.pid}.txt`);
const ws = fs.createWriteStream(file, { highWaterMark: 4 });
['open', 'ready', 'finish', 'close', 'drain'].forEach((ev) => ws.on(ev, () => console.log('event', ev, ws.bytesWritten)));
console.log('write 1', ws.write('hello'), ws.writableLength, ws.pending);
console.log('write 2', ws.write(Buffer.from(' world')), ws.writableLength);
ws.end('!\n', () => console.log('end cb'));
ws.on('close', () => {
  console.log('content', JSON.stringify(fs.readFileSync(file, 'utf8')));
  const ap = fs.createWriteStream(file, { flags: 'a' });
  ap.end('more\n');
  ap.on('finish', () => {
    console.log('appended', JSON.stringify(fs.readFileSync(file, 'latin1')));
    fs.unlinkSync(file);
    const bad = fs.createWriteStream(path.join(file, 'no', 'dir'));
    bad.on('error', (e) => console.log('bad', e.code));
    bad.write('x', (err) => console.log('write cb err', err && err.code));
  });
});
