// Note §5, way 3: Promise - still callbacks underneath, but chained with
// then() instead of nested (no code in the note).
// Look for: the same order as callbacks.js; an error anywhere in the chain
// would go to the single catch().
// More: `minijs --trace-loop promise.js` shows the then() callbacks running
// as microtasks after each timer.
function getUser(id) {
  return new Promise((resolve) => setTimeout(() => resolve({ id, name: 'ada' }), 20));
}
function getOrders(user) {
  return new Promise((resolve) => setTimeout(() => resolve(['book', 'pen']), 10));
}

console.log('start');
getUser(1)
  .then((user) => {
    console.log('user:', user.name);
    return getOrders(user);
  })
  .then((orders) => {
    console.log('orders:', orders.join(', '));
    console.log('done');
  })
  .catch((err) => console.log('error:', err.message));
console.log('synchronous code runs before any then()');
