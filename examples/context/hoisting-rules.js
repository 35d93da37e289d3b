// Note §1, the creation-phase rules (no code in the note):
// 1. a function declaration whose name already exists in the variable
//    object overwrites it;
// 2. a var declaration whose name already exists is skipped.
// Look for: in `withParam` the function replaces the parameter's value and
// `var x;` does not reset it; in `varThenFunction` the function wins until
// the assignment runs in the execution phase.
// More: `minijs --trace-context hoisting-rules.js` shows the variable
// object after the creation phase.
function withParam(x) {
  console.log('withParam: typeof x at start =', typeof x); // rule 1
  var x; // rule 2: skipped, x keeps the function
  console.log('withParam: typeof x after `var x;` =', typeof x);
  function x() {}
}
withParam(1);

function varThenFunction() {
  console.log('varThenFunction: typeof h at start =', typeof h);
  var h = 'a string';
  function h() {}
  console.log('varThenFunction: typeof h after assignment =', typeof h);
}
varThenFunction();
