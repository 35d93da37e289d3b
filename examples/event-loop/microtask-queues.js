// Note §2: Node has two microtask queues, the next tick queue and the
// promise queue (no code in the note). All nextTick callbacks run before
// any promise callback; a microtask queued while the queues drain runs in
// the same drain, before any macrotask (step 3 of the note's list).
// Look for: nextTick 2 runs before promise 1 although it was queued later;
// promise 3 runs before the timeout; the nextTick queued by promise 1 runs
// after the promise queue is empty.
// More: `minijs --trace-loop microtask-queues.js` shows each queue drain.
setTimeout(() => console.log('timeout: first macrotask'), 0);

Promise.resolve().then(() => {
  console.log('promise 1');
  process.nextTick(() => console.log('nextTick 3, queued by promise 1'));
  Promise.resolve().then(() => console.log('promise 3, queued by promise 1'));
});
Promise.resolve().then(() => console.log('promise 2'));

process.nextTick(() => {
  console.log('nextTick 1');
  process.nextTick(() => console.log('nextTick 2, queued by nextTick 1'));
});

console.log('sync');
