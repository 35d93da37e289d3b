import { b, useA } from './b.mjs';
console.log('a runs; b =', b);
export const a = 'A';
export function hoisted() {
  return 'hoisted from a';
}
export function callB() {
  return useA();
}
