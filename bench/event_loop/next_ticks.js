// 1e5 chained process.nextTick callbacks.
const N = 1e5;
let n = 0;
function step() {
  if (++n < N) process.nextTick(step);
  else console.log('nextTicks', n);
}
process.nextTick(step);
