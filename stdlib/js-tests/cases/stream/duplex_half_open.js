// Duplex with allowHalfOpen false ends its writable side after 'end'
const { Duplex } = require('stream');
const d = new Duplex({
  allowHalfOpen: false,
  read() { this.push('r'); this.push(null); },
  write(c, e, cb) { console.log('write', c.toString()); cb(); },
});
['end', 'finish', 'close', 'prefinish'].forEach((ev) => d.on(ev, () => console.log('event', ev)));
d.on('data', (x) => console.log('data', x.toString()));
d.write('w');
console.log(d instanceof require('stream').Writable, d.readable, d.writable);
