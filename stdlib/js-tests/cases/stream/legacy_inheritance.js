// old-style stream subclasses with util.inherits and Readable.call
const { Readable, Writable } = require('stream');
const util = require('util');
function Counter(opts) { Readable.call(this, opts); this.n = 0; }
util.inherits(Counter, Readable);
Counter.prototype._read = function () { this.n++; this.push(this.n <= 3 ? `n${this.n}` : null); };
function Sink() { Writable.call(this, { objectMode: false }); this.seen = []; }
util.inherits(Sink, Writable);
Sink.prototype._write = function (c, e, cb) { this.seen.push(c.toString()); cb(); };
const s = new Sink();
new Counter().pipe(s).on('finish', () => console.log('seen', s.seen, s instanceof Writable));
class Modern extends Readable { constructor() { super({ objectMode: true }); this.left = 2; } _read() { this.push(this.left-- > 0 ? { left: this.left } : null); } }
new Modern().on('data', (d) => console.log('modern', d)).on('end', () => console.log('modern end'));
console.log(Readable() instanceof Readable, new Writable() instanceof Writable, Object.keys(new Readable()).length > 0);
