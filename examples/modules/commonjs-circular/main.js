// Note §4, "commonJS规范" problem: module1.js and module2.js require each
// other. The note runs module1.js directly; main.js does the same by
// requiring it, then prints module1's exports once loading has finished.
// Look for: module2 sees only `a` (module1 stopped at its require line);
// after loading, module1's exports hold a, b and c.
// More: `minijs --trace-modules main.js` shows module1 entering the cache
// before module2 starts, which is why module2 gets the partial exports.
const module1 = require('./module1');
console.log('Module1 after loading finished', module1);
