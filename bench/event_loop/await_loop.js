// 1e5 awaits in a loop (each one microtask turn).
const N = 1e5;
(async () => {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += await i;
  console.log('await loop', sum);
})();
