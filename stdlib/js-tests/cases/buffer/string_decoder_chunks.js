// StringDecoder across arbitrary chunk boundaries, for each encoding
const { StringDecoder } = require('string_decoder');
let seed = 11;
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
for (let t = 0; t < 400; t++) {
  const enc = ['utf8', 'utf16le', 'base64', 'hex'][t % 4];
  const n = Math.floor(rand() * 12);
  const arr = [];
  for (let i = 0; i < n; i++) arr.push(rand() < 0.6 ? 0x80 + Math.floor(rand() * 128) : rand() < 0.5 ? 0xd8 + Math.floor(rand() * 8) : Math.floor(rand() * 256));
  const cuts = [0, Math.floor(rand() * n), Math.floor(rand() * n), n].sort((a, b) => a - b);
  const d = new StringDecoder(enc);
  const parts = [];
  for (let i = 0; i + 1 < cuts.length; i++) parts.push(d.write(Buffer.from(arr.slice(cuts[i], cuts[i + 1]))));
  parts.push(d.end());
  console.log(enc, arr.join(','), cuts.join(','), JSON.stringify(parts));
}
