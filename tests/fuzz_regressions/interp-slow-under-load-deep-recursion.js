const tries = [
  () => null.prop,
  () => undefinbinded.prop = 1,
  () => { const o = {}; o.missing(); },
  () => notDefined,
  () => { let o; o.f(); },
  () => new (class A { constructor() { throw new RangeError('range'); } })(),
  () => [].reduce((a, b) => a),
  () => JSON.parse('{bad'),
  () => new Array(-1),
  () => Symbol() + '',
  () => ({}).x.y,
  () => { 'use strict'; Object.freeze({ a: 1 }).a = 2; },
  () => { throw 'a string'; },
  () => Object.defineProperty(1, 'x', {}),
  () => { const [a] = {}; },
  () => new 5,
];
for (const t of tries) {
  try { t(); console.log('no error'); } catch (e) {
    console.log(e instanceof Error ? `${e.name}: ${e.message}` : `thrown ${e}`);
  }
}
const e = new Error('with cause', { cause: 'because' });
console.log(e.cause, e.message, Object.keys(e), e.stack.split('\n')[0]);
console.log(String(new TypeError('tt')), Error('no new') instanceof Error);
function deep(n) { return deep(n + 1); }
try { deep(0); } catch (err) { console.log(err.name, err.message); }
