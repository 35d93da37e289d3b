import * as a from './a.mjs';
console.log(a);
try {
  a.a;
} catch (e) {
  console.log(e.constructor.name, e.message);
}
export const b = 2;
