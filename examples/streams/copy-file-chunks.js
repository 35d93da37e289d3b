// Note §3: "read a part, write a part" - copy a file through a read stream
// and a write stream instead of loading it whole (no code in the note).
// The example copies its own source in 256-byte chunks to a file in the OS
// temp folder, checks the copy and deletes it; the temp path is not printed
// because it differs between machines.
// Look for: one line per chunk (each at most 256 bytes), then the check.
// More: `minijs --trace-loop copy-file-chunks.js` shows each read and write
// completing in the poll phase.
const fs = require('fs');
const os = require('os');
const path = require('path');

const target = path.join(os.tmpdir(), `minijs-copy-${process.pid}.js`);
const reader = fs.createReadStream(__filename, { highWaterMark: 256 });
const writer = fs.createWriteStream(target);

let chunks = 0;
reader.on('data', (chunk) => {
  chunks++;
  console.log(`chunk ${chunks}: ${chunk.length} bytes`);
});
reader.pipe(writer);

writer.on('finish', () => {
  const same = fs.readFileSync(target).equals(fs.readFileSync(__filename));
  console.log(`copied in ${chunks} chunks, identical: ${same}`);
  fs.unlinkSync(target);
});
