// Note §4, the five CommonJS points (no code in the note), one small module
// each:
// 1. a module exports a copy of a value: loading is synchronous, at run time
// 2. top-level `this` is the module's exports object
// 3. assigning to `exports` has no effect (it only rebinds a local name)
// 4. with several `module.exports =`, the last one wins
// 5. a module that exports nothing gives an empty object
// Look for: `count` stays 0 after increment() (a copy), `this` is
// module.exports, the reassigned `exports` is lost, 'second' wins, {}.
// More: `minijs --trace-modules main.js` shows each require and when the
// module body runs.
console.log('1. before require');
const counter = require('./counter');
console.log('1. after require (the module body already ran)');
let { count } = counter;
counter.increment();
console.log('1. copied count =', count, '| counter.count =', counter.count, '| current() =', counter.current());

console.log('2. top-level this === module.exports:', require('./this-is-exports').same);
console.log('3. exports = {...} gives', require('./reassign-exports'));
console.log('4. two module.exports give', require('./two-module-exports'));
console.log('5. no exports gives', require('./no-exports'));
