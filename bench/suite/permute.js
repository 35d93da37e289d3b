// Permutations by recursive swapping (Heap's order) over an array, counting
// them and folding each permutation into a checksum. Self-checking.
"use strict";

class Permuter {
  constructor(n) {
    this.items = [];
    for (let i = 0; i < n; i++) this.items.push(i + 1);
    this.count = 0;
    this.sum = 0;
  }
  swap(i, j) {
    const t = this.items[i];
    this.items[i] = this.items[j];
    this.items[j] = t;
  }
  visit() {
    this.count++;
    const a = this.items;
    this.sum = (this.sum * 3 + a[0] * 5 + a[a.length - 1]) % 1000003;
  }
  permute(n) {
    if (n === 1) {
      this.visit();
      return;
    }
    for (let i = 0; i < n - 1; i++) {
      this.permute(n - 1);
      this.swap(n % 2 === 0 ? i : 0, n - 1);
    }
    this.permute(n - 1);
  }
}

let total = 0;
for (let round = 0; round < 5; round++) {
  const p = new Permuter(9);
  p.permute(9);
  total += p.count + p.sum;
}
const EXPECTED = 2751280;
console.log(`permute: ${total}`);
if (total !== EXPECTED) {
  console.log(`permute: wrong result, expected ${EXPECTED}`);
  process.exit(1);
}
