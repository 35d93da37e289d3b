// callback and promise APIs complete on the event loop
const fs = require('fs');
const fsp = require('fs').promises;
const path = require('path');
const os = require('os');
const file = path.join(os.tmpdir(), `minijs-cb-${process.pid}.txt`);
fs.writeFile(file, 'callback data', (err) => {
  console.log('writeFile', err);
  // Inside an I/O callback, the check phase (setImmediate) comes before timers.
  setImmediate(() => console.log('immediate'));
  setTimeout(() => {
    console.log('timeout');
    readBack();
  }, 0);
});
function readBack() {
  fs.readFile(file, 'utf8', (err2, text) => {
    console.log('readFile', err2, text);
    fs.stat(file, (err3, st) => {
      console.log('stat', err3, st.size, st.isFile());
      fs.readFile(file + '.no', (err4) => {
        console.log('missing', err4.code, err4.message.replace(file, 'FILE'));
        promises();
      });
    });
  });
}
console.log('sync end');
async function promises() {
  await fsp.writeFile(file, 'promise data');
  console.log('promise read', await fsp.readFile(file, 'utf8'));
  await fsp.appendFile(file, '+');
  console.log((await fsp.stat(file)).size);
  const fh = await fsp.open(file, 'r');
  const { bytesRead, buffer } = await fh.read(Buffer.alloc(7), 0, 7, 0);
  console.log('handle read', bytesRead, buffer.toString());
  await fh.close();
  try { await fsp.readFile(file + '.no'); } catch (e) { console.log('rejected', e.code); }
  await fsp.unlink(file);
  console.log('exists', fs.existsSync(file));
  fs.exists(file, (e) => console.log('fs.exists', e));
}
