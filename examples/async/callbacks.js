// Note §5, way 1 of managing async code: callbacks (no code in the note).
// Each async step takes a callback; the next step starts inside it, so a
// sequence of steps nests deeper and deeper. setTimeout stands for slow I/O.
// The same task is written in each file of this chapter: fetch a user, then
// that user's orders.
// Look for: the synchronous line prints first; the steps then run in order.
// More: `minijs --trace-loop callbacks.js` shows each timer firing.
function getUser(id, callback) {
  setTimeout(() => callback(null, { id, name: 'ada' }), 20);
}
function getOrders(user, callback) {
  setTimeout(() => callback(null, ['book', 'pen']), 10);
}

console.log('start');
getUser(1, (err, user) => {
  if (err) return console.log('error:', err.message);
  console.log('user:', user.name);
  getOrders(user, (err, orders) => {
    if (err) return console.log('error:', err.message);
    console.log('orders:', orders.join(', '));
    console.log('done');
  });
});
console.log('synchronous code runs before any callback');
