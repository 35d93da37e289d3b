// Note §4, ES live bindings: an import is a read-only view of the
// exporting module's variable, not a copy.
// Changes from the note's code, so that it runs:
// - files end in .mjs and the import names './lib.mjs': Node needs the
//   extension, and .mjs marks the file as an ES module;
// - `counter++` on the import throws a TypeError (as the note says), which
//   would end the program; it is wrapped in try/catch and the error printed.
// Look for: 3, then 4 after incCounter() (the binding is live), then the
// TypeError, and counter still 4.
// More: `minijs --trace-modules main.mjs` shows lib.mjs linked before
// main.mjs runs.
//------ main.js ------
import { counter, incCounter } from './lib.mjs';

// The imported value `counter` is live
console.log(counter); // 3
incCounter();
console.log(counter); // 4

// The imported value can’t be changed
try {
    counter++; // TypeError
} catch (e) {
    console.log(`${e.name}: ${e.message}`);
}
console.log(counter); // still 4
