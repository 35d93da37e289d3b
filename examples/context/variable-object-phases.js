// Note §1, `foo(22)` and the two `fooExecutionContext` listings. The
// listings are pseudo-code; this runnable form prints the real values of the
// same names at the start of the call (after the creation phase) and at the
// end (after the execution phase).
// Look for: at the start `c` is already a function, `a` and `b` are
// undefined; at the end `a` is 'hello' and `b` is privateB. `arguments`
// holds 22 with length 1 in both.
// More: `minijs --trace-context variable-object-phases.js` shows the
// variable object being filled in the creation phase.
function foo(i) {
  console.log('creation phase done:', { arguments, i, c, a, b });
  var a = 'hello';
  var b = function privateB() {

  };
  function c() {

  }
  console.log('execution phase done:', { arguments, i, c, a, b });
  console.log('arguments.length =', arguments.length);
}

foo(22);
