// Note §5, way 2: event listeners. The note says an emitter is easy to write
// yourself, so this file has a 12-line one, then does the chapter's task
// with it (no code in the note).
// The note calls events macrotasks; in fact emit() calls the listeners
// synchronously, on the same stack. Only what triggers emit (here a timer)
// is a macrotask.
// Look for: 'emit returned' after the listener's line; the task's steps in
// order, driven by 'user' and 'orders' events.
// More: `minijs --trace-loop events.js`; Node's own emitter is
// require('events').
class Emitter {
  constructor() {
    this.listeners = {};
  }
  on(name, listener) {
    (this.listeners[name] = this.listeners[name] || []).push(listener);
    return this;
  }
  emit(name, ...args) {
    for (const listener of this.listeners[name] || []) listener(...args);
  }
}

const bus = new Emitter();
bus.on('ping', () => console.log('ping listener runs'));
bus.emit('ping');
console.log('emit returned');

console.log('start');
bus.on('user', (user) => {
  console.log('user:', user.name);
  setTimeout(() => bus.emit('orders', ['book', 'pen']), 10);
});
bus.on('orders', (orders) => {
  console.log('orders:', orders.join(', '));
  console.log('done');
});
setTimeout(() => bus.emit('user', { id: 1, name: 'ada' }), 20);
console.log('synchronous code runs before any event');
