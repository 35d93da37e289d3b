// A splay tree: insert pseudo-random keys, look them up, remove half of them
// and walk the rest in order. Self-checking: counts and an in-order checksum.
"use strict";

class Node {
  constructor(key, value) {
    this.key = key;
    this.value = value;
    this.left = null;
    this.right = null;
  }
}

class SplayTree {
  constructor() { this.root = null; this.size = 0; }

  // Top-down splay: brings the node with `key` (or the last node on its
  // search path) to the root.
  splay(key) {
    if (this.root === null) return;
    const header = new Node(0, null);
    let left = header, right = header, t = this.root;
    for (;;) {
      if (key < t.key) {
        if (t.left === null) break;
        if (key < t.left.key) {
          const y = t.left;
          t.left = y.right;
          y.right = t;
          t = y;
          if (t.left === null) break;
        }
        right.left = t;
        right = t;
        t = t.left;
      } else if (key > t.key) {
        if (t.right === null) break;
        if (key > t.right.key) {
          const y = t.right;
          t.right = y.left;
          y.left = t;
          t = y;
          if (t.right === null) break;
        }
        left.right = t;
        left = t;
        t = t.right;
      } else {
        break;
      }
    }
    left.right = t.left;
    right.left = t.right;
    t.left = header.right;
    t.right = header.left;
    this.root = t;
  }

  insert(key, value) {
    if (this.root === null) {
      this.root = new Node(key, value);
      this.size++;
      return;
    }
    this.splay(key);
    if (this.root.key === key) return;
    const node = new Node(key, value);
    if (key > this.root.key) {
      node.left = this.root;
      node.right = this.root.right;
      this.root.right = null;
    } else {
      node.right = this.root;
      node.left = this.root.left;
      this.root.left = null;
    }
    this.root = node;
    this.size++;
  }

  find(key) {
    if (this.root === null) return null;
    this.splay(key);
    return this.root.key === key ? this.root : null;
  }

  remove(key) {
    if (this.find(key) === null) return false;
    if (this.root.left === null) {
      this.root = this.root.right;
    } else {
      const right = this.root.right;
      this.root = this.root.left;
      this.splay(key);
      this.root.right = right;
    }
    this.size--;
    return true;
  }

  inOrder(visit) {
    const stack = [];
    let n = this.root;
    while (n !== null || stack.length > 0) {
      while (n !== null) {
        stack.push(n);
        n = n.left;
      }
      n = stack.pop();
      visit(n);
      n = n.right;
    }
  }
}

function run(count) {
  const tree = new SplayTree();
  let seed = 49734321;
  const keys = [];
  for (let i = 0; i < count; i++) {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    const key = seed % 1000000;
    keys.push(key);
    tree.insert(key, { payload: [key, String(key)] });
  }
  let found = 0;
  for (const k of keys) if (tree.find(k) !== null) found++;
  let removed = 0;
  for (let i = 0; i < keys.length; i += 2) if (tree.remove(keys[i])) removed++;
  let sum = 0, prev = -1, ordered = true;
  tree.inOrder((n) => {
    if (n.key <= prev) ordered = false;
    prev = n.key;
    sum = (sum + n.key * 7 + n.value.payload[1].length) % 1000000007;
  });
  if (!ordered) return -1;
  return tree.size * 1000 + found + removed + sum;
}

let total = 0;
for (let i = 0; i < 4; i++) total += run(20000);
const EXPECTED = 1909583844;
console.log(`splay: ${total}`);
if (total !== EXPECTED) {
  console.log(`splay: wrong result, expected ${EXPECTED}`);
  process.exit(1);
}
