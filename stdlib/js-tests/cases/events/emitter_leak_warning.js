// leak warning goes through process.emitWarning with name/emitter/type/count
const EventEmitter = require('events');
process.on('warning', (w) => console.log(w.name, w.message, w.count, w.type));
class Custom extends EventEmitter {}
const c = new Custom();
for (let i = 0; i < 12; i++) c.on('evt', () => {});
const sym = new EventEmitter();
sym.setMaxListeners(1);
sym.on(Symbol('s'), () => {});
const s2 = Symbol('t');
sym.on(s2, () => {}); sym.on(s2, () => {});
const zero = new EventEmitter();
zero.setMaxListeners(0);
for (let i = 0; i < 20; i++) zero.on('x', () => {});
console.log('sync done');
