// Note §2, the six Node phases (timers, I/O callbacks, idle/prepare, poll,
// check, close) and setImmediate vs setTimeout (no code in the note).
// At top level, `setTimeout(f, 0)` vs `setImmediate(g)` is a race: which
// runs first depends on whether 1 ms has passed when the loop starts. Inside
// an I/O callback the order is fixed, so this example schedules both there.
// Look for: the readFile callback runs in the poll phase; then its
// microtasks (nextTick first, then promise); then the check phase
// (setImmediate) BEFORE the timers phase of the next loop turn (setTimeout).
// More: `minijs --trace-loop phases-after-io.js` names each phase as the
// loop enters it.
const fs = require('fs');

fs.readFile(__filename, () => {
  console.log('poll phase: readFile callback');
  setTimeout(() => console.log('timers phase: setTimeout'), 0);
  setImmediate(() => console.log('check phase: setImmediate'));
  Promise.resolve().then(() => console.log('microtask: promise'));
  process.nextTick(() => console.log('microtask: nextTick'));
});
console.log('sync: readFile started');
