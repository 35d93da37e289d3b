// Note §4, ES circular imports: a.js from the note, as a.mjs.
//------ a.js ------
import {bar} from './b.mjs'; // (1)
export function foo(depth) {
console.log('  '.repeat(depth) + 'foo(' + depth + ')');
bar(depth); // (2)
}
export let ready = 'a.mjs has run';
console.log('a.mjs runs; bar is a', typeof bar);
