// Soak test (issue 11): for SOAK_SECONDS (default 60) allocate and drop
// cyclic structures, in batches between which the event loop turns:
// closures that reference each other, event listeners added and removed,
// objects pointing at each other, and promise chains. What one batch makes
// is garbage after it; memory must stay flat (bench/soak/run.py samples
// the RSS from outside).
const EventEmitter = require('events');

const seconds = Number(process.env.SOAK_SECONDS || 60);
const end = Date.now() + seconds * 1000;
let batches = 0;
let checksum = 0;

function closures(n) {
  // Each pair of closures references the other through their shared scope.
  const out = [];
  for (let i = 0; i < n; i++) {
    let a, b;
    a = () => (b ? i : 0);
    b = () => a() + 1;
    out.push(b);
  }
  return out.reduce((s, f) => s + f(), 0);
}

function listeners(n) {
  const e = new EventEmitter();
  e.setMaxListeners(0);
  const fns = [];
  for (let i = 0; i < n; i++) {
    const self = { e, i };
    const f = () => { self.hits = (self.hits || 0) + 1; };
    self.f = f; // the listener and its owner reference each other
    e.on('tick', f);
    fns.push(f);
  }
  e.emit('tick');
  for (const f of fns) e.removeListener('tick', f);
  return e.listenerCount('tick');
}

function objects(n) {
  let head = null;
  for (let i = 0; i < n; i++) {
    const node = { i, next: head, prev: null, data: new Array(8).fill(i) };
    if (head) head.prev = node;
    head = node;
  }
  head.last = head; // and a self-cycle
  return head.i;
}

function promises(n) {
  let p = Promise.resolve(0);
  for (let i = 0; i < n; i++) {
    const holder = {};
    p = p.then((v) => {
      holder.self = holder;
      return v + 1;
    });
  }
  return p;
}

function batch() {
  batches++;
  checksum += closures(500) + listeners(100) + objects(500);
  promises(300).then((v) => {
    checksum += v;
    if (Date.now() < end) {
      setImmediate(batch);
    } else {
      console.log(`batches ${batches} checksum ${checksum > 0}`);
    }
  });
}

batch();
