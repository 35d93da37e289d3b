// Linked lists built from cons cells: the Takeuchi-style "tail" recursion over
// list lengths, plus building, reversing and summing lists. Self-checking.
"use strict";

class Cell {
  constructor(value, next) { this.value = value; this.next = next; }
}

function makeList(length) {
  let list = null;
  for (let i = length; i > 0; i--) list = new Cell(i, list);
  return list;
}

function isShorter(x, y) {
  while (y !== null) {
    if (x === null) return true;
    x = x.next;
    y = y.next;
  }
  return false;
}

function tail(x, y, z) {
  if (isShorter(y, x)) {
    return tail(tail(x.next, y, z), tail(y.next, z, x), tail(z.next, x, y));
  }
  return z;
}

function length(list) {
  let n = 0;
  for (let c = list; c !== null; c = c.next) n++;
  return n;
}

function reverse(list) {
  let out = null;
  for (let c = list; c !== null; c = c.next) out = new Cell(c.value, out);
  return out;
}

function sum(list) {
  let s = 0;
  for (let c = list; c !== null; c = c.next) s += c.value;
  return s;
}

let total = 0;
for (let i = 0; i < 24; i++) {
  total += length(tail(makeList(18), makeList(12), makeList(6)));
  const big = makeList(20000);
  total += sum(reverse(big)) % 1000 + length(big);
}
const EXPECTED = 480168;
console.log(`list: ${total}`);
if (total !== EXPECTED) {
  console.log(`list: wrong result, expected ${EXPECTED}`);
  process.exit(1);
}
