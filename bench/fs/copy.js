// Copies a file with createReadStream().pipe(createWriteStream()) and checks
// the copy's size. Backpressure keeps memory flat: the read stream pauses
// whenever the write stream's buffer is full.
const fs = require('fs');
const [src, dst] = process.argv.slice(2);
const started = Date.now();
fs.createReadStream(src)
  .pipe(fs.createWriteStream(dst))
  .on('finish', () => {
    const a = fs.statSync(src).size;
    const b = fs.statSync(dst).size;
    if (a !== b) {
      console.error(`copy has ${b} bytes, source ${a}`);
      process.exit(1);
    }
    console.log(`copied ${a} bytes in ${Date.now() - started} ms`);
  });
