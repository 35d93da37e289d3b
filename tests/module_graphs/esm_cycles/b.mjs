import { a, hoisted } from './a.mjs';
console.log('b runs;', hoisted());
try {
  console.log(a);
} catch (e) {
  console.log(e.constructor.name, e.message);
}
export const b = 'B';
export function useA() {
  return 'b sees a = ' + a;
}
