// Reads every file of a folder with fs.promises.readFile, all at once
// (Promise.all), and checks the total number of bytes.
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
const expected = Number(process.argv[3]);
(async () => {
  const names = await fs.promises.readdir(dir);
  const contents = await Promise.all(names.map((n) => fs.promises.readFile(path.join(dir, n))));
  const total = contents.reduce((sum, c) => sum + c.length, 0);
  if (total !== expected) {
    console.error(`read ${total} bytes, expected ${expected}`);
    process.exit(1);
  }
  console.log(`read ${names.length} files, ${total} bytes`);
})();
