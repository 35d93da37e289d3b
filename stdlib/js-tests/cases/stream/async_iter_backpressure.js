// async iteration pulls lazily: _read calls follow consumption
const { Readable } = require('stream');
let n = 0;
const r = new Readable({ objectMode: true, highWaterMark: 2, read() { n++; console.log('_read', n); this.push(n <= 5 ? n : null); } });
(async () => {
  for await (const x of r) {
    console.log('got', x);
    await new Promise((res) => setTimeout(res, 1));
  }
  console.log('done', r.destroyed);
})();
