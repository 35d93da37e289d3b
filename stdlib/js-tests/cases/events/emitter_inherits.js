// classic util.inherits + EventEmitter.call pattern and class extends
const EventEmitter = require('events');
const util = require('util');
function Old() { EventEmitter.call(this); this.name = 'old'; }
util.inherits(Old, EventEmitter);
Old.prototype.ping = function () { this.emit('ping', this.name); };
const o = new Old();
o.on('ping', (n) => console.log('ping from', n));
o.ping();
class New extends EventEmitter { constructor() { super(); this.count = 0; } }
const n = new New();
n.once('x', function () { console.log('this is n', this === n); });
n.emit('x');
console.log(n.emit('x'), o instanceof EventEmitter, n instanceof EventEmitter);
console.log(util.inspect(new EventEmitter()));
