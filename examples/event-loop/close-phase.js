// Note §2: the close callbacks phase runs `socket.on('close')` handlers (no
// code in the note). A local TCP server on a free port stands in for a real
// network peer; the client destroys its socket right after connecting and
// the server closes itself in the 'close' handler, so the program ends.
// Look for: after the connect callback (poll phase) and its nextTick, the
// check phase (setImmediate), then the close phase (socket 'close'), and
// the timer last, in the next loop turn.
// More: `minijs --trace-loop close-phase.js` names each phase.
const net = require('net');

const server = net.createServer((socket) => socket.on('error', () => {}));

server.listen(0, '127.0.0.1', () => {
  const client = net.connect(server.address().port, '127.0.0.1');
  client.on('connect', () => {
    console.log('poll phase: connected');
    client.on('close', () => {
      console.log('close phase: socket close');
      server.close();
    });
    client.destroy();
    setTimeout(() => console.log('timers phase: setTimeout'), 0);
    setImmediate(() => console.log('check phase: setImmediate'));
    process.nextTick(() => console.log('microtask: nextTick'));
  });
});
