// Note §5, way 4: "Generator是真正不同于回调函数的一种异步代码管理" - a generator
// pauses at each `yield`; a small runner resumes it when the yielded promise
// settles, so the task reads like synchronous code (no code in the note; the
// runner is what libraries such as co do).
// Look for: the generator's lines interleaved with the runner's: it pauses
// at each yield and resumes with the promise's value.
// More: `minijs --trace-context generator.js` shows the generator's body
// running in pieces, each piece inside a call of the runner's step().
function getUser(id) {
  return new Promise((resolve) => setTimeout(() => resolve({ id, name: 'ada' }), 20));
}
function getOrders(user) {
  return new Promise((resolve) => setTimeout(() => resolve(['book', 'pen']), 10));
}

function* task() {
  const user = yield getUser(1);
  console.log('user:', user.name);
  const orders = yield getOrders(user);
  console.log('orders:', orders.join(', '));
  return 'done';
}

function run(generatorFunction) {
  return new Promise((resolve, reject) => {
    const gen = generatorFunction();
    function step(method, input) {
      let result;
      try {
        result = gen[method](input);
      } catch (err) {
        return reject(err);
      }
      if (result.done) return resolve(result.value);
      console.log('  runner: generator paused, waiting for its promise');
      Promise.resolve(result.value).then(
        (value) => step('next', value),
        (err) => step('throw', err),
      );
    }
    step('next', undefined);
  });
}

console.log('start');
run(task).then((result) => console.log(result));
console.log('synchronous code runs while the generator waits');
