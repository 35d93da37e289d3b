// Note §7, leak 3: event listeners added again and again and never removed
// (no code in the note). Every listener, and everything its closure holds,
// stays reachable from the emitter. Node warns once an emitter has more
// than 10 listeners for one event (MaxListenersExceededWarning); this file
// listens for that warning so it appears on stdout too.
// Look for: the listener count growing with each "request", the count back
// to 0 after removeAllListeners(), then the warning: Node detects the 11th
// listener at once but emits the warning on a later tick.
// More: `minijs --trace-loop listener-leak.js` shows the warning emitted on
// a later tick.
const { EventEmitter } = require('events');

process.on('warning', (warning) => {
  console.log(`warning: ${warning.name}, ${warning.count} '${String(warning.type)}' listeners`);
});

const connection = new EventEmitter();

function handleRequest() {
  const buffer = Buffer.alloc(1024); // held by the listener's closure
  connection.on('data', () => void buffer); // added per request, never removed
}

for (let id = 1; id <= 12; id++) {
  handleRequest();
  console.log(`request ${id}: ${connection.listenerCount('data')} 'data' listeners`);
}

connection.removeAllListeners('data');
console.log('after removeAllListeners:', connection.listenerCount('data'));
