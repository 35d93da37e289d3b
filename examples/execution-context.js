// Quick start (the top-level README runs this file). Note §1, `foo(22)`:
// the creation phase of an execution context binds function declarations
// before any code runs, and `var`s start as undefined.
// Look for: `a` and `b` undefined and `c` already a function on the first
// line; all three set on the second. context/variable-object-phases.js
// prints the whole variable object.
// More: `minijs --trace-context execution-context.js` shows the variable
// object after each phase.
function foo(i) {
  console.log(typeof a, typeof b, typeof c);
  var a = 'hello';
  var b = function privateB() {};
  function c() {}
  console.log(typeof a, typeof b, typeof c);
}

foo(22);
