// Note §4, ES circular imports: b.js from the note, as b.mjs, with a depth
// limit in place of `Math.random()`.
//------ b.js ------
import {foo, ready} from './a.mjs'; // (3)
export function bar(depth) {
console.log('  '.repeat(depth) + 'bar(' + depth + ')');
if (depth < 2) {
    foo(depth + 1); // (4)
}
}
console.log('b.mjs runs first; foo is a', typeof foo);
try {
    console.log(ready);
} catch (e) {
    console.log(`reading ready: ${e.name}: ${e.message}`);
}
foo(1);
