// Towers of Hanoi with disks as linked objects on three pegs; each move checks
// that no larger disk lands on a smaller one. Self-checking: the move count.
"use strict";

class Disk {
  constructor(size) { this.size = size; this.next = null; }
}

class Towers {
  constructor(disks) {
    this.piles = [null, null, null];
    this.moves = 0;
    for (let i = disks; i >= 1; i--) this.push(0, new Disk(i));
  }
  push(pile, disk) {
    const top = this.piles[pile];
    if (top !== null && disk.size >= top.size) throw new Error("cannot put a big disk on a smaller one");
    disk.next = top;
    this.piles[pile] = disk;
  }
  pop(pile) {
    const top = this.piles[pile];
    if (top === null) throw new Error("attempt to remove a disk from an empty pile");
    this.piles[pile] = top.next;
    top.next = null;
    return top;
  }
  moveTop(from, to) {
    this.push(to, this.pop(from));
    this.moves++;
  }
  move(from, to, n) {
    if (n === 1) {
      this.moveTop(from, to);
    } else {
      const other = 3 - from - to;
      this.move(from, other, n - 1);
      this.moveTop(from, to);
      this.move(other, to, n - 1);
    }
  }
}

let total = 0;
for (let i = 0; i < 6; i++) {
  const t = new Towers(18);
  t.move(0, 1, 18);
  if (t.piles[0] !== null || t.piles[2] !== null) total = -1;
  total += t.moves;
}
const EXPECTED = 1572858;
console.log(`towers: ${total}`);
if (total !== EXPECTED) {
  console.log(`towers: wrong result, expected ${EXPECTED}`);
  process.exit(1);
}
