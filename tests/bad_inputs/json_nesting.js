const n = 100000;
const v = JSON.parse('['.repeat(n) + ']'.repeat(n));
let d = 0; for (let x = v; x.length; x = x[0]) d++;
console.log('array depth', d + 1);
const o = JSON.parse('{"a":'.repeat(n) + '1' + '}'.repeat(n));
let e = 0; for (let x = o; typeof x === 'object'; x = x.a) e++;
console.log('object depth', e);
