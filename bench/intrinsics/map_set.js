// Map and Set with 1e5 keys
const m = new Map();
const s = new Set();
for (let i = 0; i < 100000; i++) {
  m.set("k" + i, i);
  s.add(i * 3);
}
let hits = 0;
for (let r = 0; r < 3; r++) {
  for (let i = 0; i < 100000; i++) {
    if (m.get("k" + i) === i) hits++;
    if (s.has(i)) hits++;
  }
}
for (const [k, v] of m) if (v % 1000 === 0) m.delete(k);
console.log(hits, m.size, s.size);
