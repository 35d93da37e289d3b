// util.format directives, inspect basics, promisify/callbackify, inherits, types
const util = require('util');
const circ = {}; circ.c = circ;
const cases = [['%s', 'a'], ['%s', 1], ['%s', -0], ['%s', { a: 1 }], ['%s', [1, 2]], ['%d', '42'], ['%d', {}], ['%i', 4.7], ['%f', '1.5x'],
  ['%j', { a: [1] }], ['%j', circ], ['%o', { a: 1 }], ['%O', { a: { b: { c: {} } } }], ['%c', 'css'], ['%%', 1], ['%s %s', 'only'],
  ['a', 'b', 3, { x: 1 }], [1, 2, 'x'], ['%x %s', 1], ['100%'], ['%s', null], ['%s', undefined], ['%s', Symbol('q')], ['%d', -0],
  ['%s', new (class X { toString() { return 'custom'; } })()], ['%s:%s', 'a'], ['%s', () => 1], ['x', null, undefined, 'str'], ['%s', new Date(0)]];
for (const c of cases) console.log(JSON.stringify(util.format(...c)));
console.log(util.inspect({ a: [1, 2, { b: new Map([[1, { c: 2 }]]) }], s: 'str', f() {}, n: null }, { depth: 0 }));
console.log(util.inspect({ a: { b: { c: { d: {} } } } }), util.inspect('x'), util.inspect([,'a']));
function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return `${this.name} speaks`; };
function Dog(name) { Animal.call(this, name); }
util.inherits(Dog, Animal);
console.log(new Dog('rex').speak(), Dog.super_ === Animal, new Dog('a') instanceof Animal);
console.log(util.types.isPromise(Promise.resolve()), util.types.isDate(new Date()), util.types.isRegExp(/x/), util.types.isAsyncFunction(async () => {}),
  util.types.isGeneratorFunction(function* () {}), util.types.isMap(new Map()), util.types.isNativeError(new TypeError()), util.isDeepStrictEqual({ a: [1] }, { a: [1] }));
(async () => {
  const later = util.promisify((a, cb) => setTimeout(() => cb(null, a * 2), 1));
  console.log('promisified', await later(21));
  const failing = util.promisify((cb) => cb(new Error('nope')));
  try { await failing(); } catch (e) { console.log('rejected', e.message); }
  const f = (cb) => cb(null); f[util.promisify.custom] = () => Promise.resolve('custom'); console.log(await util.promisify(f)());
  console.log(util.promisify(setTimeout) === util.promisify(setTimeout));
  util.callbackify(async (x) => x + 1)(1, (err, v) => console.log('callbackified', err, v));
  util.callbackify(async () => { throw null; })((err) => console.log('falsy', err.code, err.message, err.reason));
  process.nextTick(() => console.log('tick before callbackified results'));
  const dep = util.deprecate(() => 'ran', 'old api', 'DEP_X');
  process.on('warning', (w) => console.log('warning', w.name, w.message, w.code));
  console.log(dep(), dep());
  const enc = new util.TextEncoder().encode('h€');
  console.log(enc.length, new util.TextDecoder().decode(enc));
})();
