// 1e6 chained .then callbacks.
const N = 1e6;
let p = Promise.resolve(0);
for (let i = 0; i < N; i++) p = p.then((v) => v + 1);
p.then((v) => console.log('then chain', v));
