// map / filter / reduce / sort on 1e5 elements
const a = Array.from({ length: 100000 }, (_, i) => (i * 7919) % 100003);
let sum = 0;
for (let r = 0; r < 5; r++) {
  const m = a.map(x => x * 2).filter(x => x % 3 !== 0);
  sum += m.reduce((s, x) => s + x, 0);
}
const sorted = a.slice().sort((x, y) => x - y);
console.log(sum, sorted[0], sorted[sorted.length - 1]);
