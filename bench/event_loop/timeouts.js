// N setTimeout(0) scheduled at once (N = 1e5, or the first argument).
const N = Number(process.argv[2]) || 1e5;
let fired = 0;
for (let i = 0; i < N; i++) {
  setTimeout(() => {
    if (++fired === N) console.log('timeouts', fired);
  }, 0);
}
