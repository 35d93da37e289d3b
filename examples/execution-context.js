// The creation phase of an execution context, from the study note:
// function declarations are bound before any code runs, `var`s start as
// undefined. Run with `minijs --trace-context` to see the variable object.
function foo(i) {
  console.log(typeof a, typeof b, typeof c);
  var a = 'hello';
  var b = function privateB() {};
  function c() {}
  console.log(typeof a, typeof b, typeof c);
}

foo(22);
