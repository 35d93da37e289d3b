// Note §5, way 5: async/await, syntax sugar over generators and promises:
// `await` pauses the function like `yield`, and the engine is the runner
// (no code in the note).
// Look for: the same order as generator.js without the runner; the async
// function returns at its first await and 'synchronous code' prints next.
// More: `minijs --trace-context async-await.js` shows task() entered once
// though its body runs in three pieces, split at each await.
function getUser(id) {
  return new Promise((resolve) => setTimeout(() => resolve({ id, name: 'ada' }), 20));
}
function getOrders(user) {
  return new Promise((resolve) => setTimeout(() => resolve(['book', 'pen']), 10));
}

async function task() {
  const user = await getUser(1);
  console.log('user:', user.name);
  const orders = await getOrders(user);
  console.log('orders:', orders.join(', '));
  return 'done';
}

console.log('start');
task()
  .then((result) => console.log(result))
  .catch((err) => console.log('error:', err.message));
console.log('synchronous code runs while task() waits');
