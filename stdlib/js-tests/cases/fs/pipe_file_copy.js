// copying a file through createReadStream().pipe(createWriteStream()) and pipeline
const fs = require('fs');
const path = require('path');
const os = require('os');
const { pipeline } = require('stream');
const src = path.join(os.tmpdir(), `minijs-copy-src-${process.pid}`);
const dst = path.join(os.tmpdir(), `minijs-copy-dst-${process.pid}`);
let content = '';
for (let i = 0; i < 3000; i++) content += `line ${i} ✓\n`;
fs.writeFileSync(src, content);
const rs = fs.createReadStream(src, { highWaterMark: 1024 });
const ws = fs.createWriteStream(dst, { highWaterMark: 512 });
let chunks = 0;
let drains = 0;
rs.on('data', () => chunks++);
ws.on('drain', () => drains++);
rs.pipe(ws).on('finish', () => {
  console.log('copied', fs.readFileSync(dst, 'utf8') === content, chunks, ws.bytesWritten, drains > 0);
  pipeline(fs.createReadStream(dst), fs.createWriteStream(src + '.2'), (err) => {
    console.log('pipeline', err, fs.readFileSync(src + '.2', 'utf8').length);
    for (const f of [src, dst, src + '.2']) fs.unlinkSync(f);
  });
});
