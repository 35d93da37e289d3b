// timers/promises: setTimeout/setImmediate promises and the setInterval iterator
const { setTimeout: sleep, setImmediate: immediate, setInterval: every } = require('timers/promises');
const timers = require('timers');
(async () => {
  console.log(await sleep(2, 'slept'));
  console.log(await immediate('immediate value'));
  let n = 0;
  for await (const v of every(2, 'tick')) {
    console.log(v, ++n);
    if (n === 3) break;
  }
  const ac = new AbortController();
  const p = sleep(1000, 'never', { signal: ac.signal });
  ac.abort();
  try { await p; } catch (e) { console.log(e.name, e.code); }
  timers.setTimeout(() => console.log('timers.setTimeout'), 1);
  console.log(typeof timers.promises.setTimeout);
})();
