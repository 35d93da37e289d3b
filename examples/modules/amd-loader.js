// Note §4, AMD: define(id?, deps?, factory), require([deps], callback) and
// RequireJS's require.config({ baseUrl, paths, shim }). Node has no AMD
// loader (its `require` is CommonJS and has no `config`), and the note's
// require.config block is a sketch, so it cannot run as written.
// Closest runnable form: a tiny AMD loader in this file, where setTimeout
// stands for fetching a <script> over the network, to show the two points
// the note makes: modules load asynchronously and in parallel without
// blocking, and every dependency is loaded before a factory runs.
// Look for: 'main script goes on' before any module arrives; format.js
// arrives first but its factory waits for math.js.
// More: `minijs --trace-loop amd-loader.js` shows each fetch as a timer.
const scripts = {
  // The text of each "file", run when its fetch completes.
  'math': () => define('math', [], () => ({ add: (x, y) => x + y })),
  'format': () => define('format', ['math'], (math) => ({
    sum: (x, y) => `${x} + ${y} = ${math.add(x, y)}`,
  })),
};
const fetchTime = { math: 20, format: 10 }; // ms

const defined = new Map(); // id -> { deps, factory }
const loading = new Map(); // id -> Promise of the module's value

function define(id, deps, factory) {
  if (typeof id !== 'string') [id, deps, factory] = [null, id, deps];
  if (!Array.isArray(deps)) [deps, factory] = [[], deps];
  defined.set(id, { deps, factory });
}

function load(id) {
  if (!loading.has(id)) {
    console.log(`fetching ${id}.js`);
    loading.set(id, new Promise((resolve) => {
      setTimeout(() => {
        console.log(`${id}.js arrived`);
        scripts[id]();
        const { deps, factory } = defined.get(id);
        amdRequire(deps, (...values) => {
          console.log(`factory of ${id} runs`);
          resolve(factory(...values));
        });
      }, fetchTime[id]);
    }));
  }
  return loading.get(id);
}

function amdRequire(ids, callback) {
  Promise.all(ids.map(load)).then((values) => callback(...values));
}

amdRequire(['format', 'math'], (format, math) => {
  console.log(format.sum(2, 3));
  console.log('math.add(4, 5) =', math.add(4, 5));
});
console.log('main script goes on');
