// Note §4, ES module points 1 and 2 (no code in the note): top-level `this`
// is undefined, and module code is always strict, without "use strict".
// The file ends in .mjs so that Node runs it as an ES module.
// Look for: `this` is undefined; assigning to an undeclared name throws a
// ReferenceError (sloppy code would create a global); `this` inside a plain
// function call is undefined as well.
// More: `minijs --trace-context es-module-rules.mjs` shows `this: undefined`
// for plain(): strict code does not replace it with globalThis.
console.log('top-level this:', this);

try {
  undeclared = 1;
  console.log('created a global');
} catch (e) {
  console.log(`assignment to an undeclared name: ${e.name}: ${e.message}`);
}

function plain() {
  return this;
}
console.log('this in a plain call:', plain());
