export let count = 0;
export function increment() {
  count++;
}
export let later = 'before';
setTimeout(() => {
  later = 'after';
}, 0);
export const object = { a: 1 };
export class Thing {}
