// newListener/removeListener events, prepend, rawListeners, errors
const EventEmitter = require('events');
const e = new EventEmitter();
e.on('newListener', (ev, fn) => console.log('newListener', ev, fn.name));
e.on('removeListener', (ev, fn) => console.log('removeListener', ev, fn.name));
function a() { console.log('a'); }
function b() { console.log('b'); }
function c() { console.log('c'); }
e.on('x', a);
e.prependListener('x', b);
e.prependOnceListener('x', c);
console.log(e.listeners('x').map((f) => f.name), e.rawListeners('x').length, e.rawListeners('x')[0].listener === c);
e.emit('x');
e.emit('x');
console.log(e.eventNames());
e.removeAllListeners('x');
console.log(e.listenerCount('x'), e.eventNames());
try { e.emit('error', 'str'); } catch (err) { console.log(err.code, err.message, err.context); }
try { e.emit('error', { code: 42 }); } catch (err) { console.log(err.message); }
try { e.emit('error'); } catch (err) { console.log(err.message); }
try { e.on('y', 'notfn'); } catch (err) { console.log(err.code, err.message); }
try { e.setMaxListeners(-1); } catch (err) { console.log(err.code, err.message); }
const err = new Error('real');
try { e.emit('error', err); } catch (x) { console.log(x === err); }
e.on(EventEmitter.errorMonitor, (x) => console.log('monitor', x.message));
e.on('error', (x) => console.log('handled', x.message));
e.emit('error', err);
console.log(e.getMaxListeners(), EventEmitter.defaultMaxListeners, EventEmitter.listenerCount(e, 'error'));
console.log(e.listenerCount('x'), typeof EventEmitter.EventEmitter, EventEmitter.EventEmitter === EventEmitter);
e.removeAllListeners();
console.log(e.eventNames());
