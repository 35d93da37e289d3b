// 1e5 chained setImmediate callbacks.
const N = 1e5;
let n = 0;
function step() {
  if (++n < N) setImmediate(step);
  else console.log('immediates', n);
}
setImmediate(step);
