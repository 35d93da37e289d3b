// Note §1, `executionContextObj`: the note's object is pseudo-code, not a
// program. This is the closest runnable form: one call whose execution
// context uses all three parts the note lists.
//   variableObject - arguments, parameters, inner var and function declarations
//   scopeChain     - its own variable object, then those of the outer contexts
//   this           - fixed when the context is created, by how it is called
// Look for: `inner` reads `city` and `planet` from outer contexts, and
// `this` is the object it was called on.
// More: `minijs --trace-context execution-context-object.js` prints the
// variable object and scope chain of every context.
var planet = 'earth'; // in the global variable object

function outer() {
  var city = 'paris'; // in outer's variable object

  function inner(x) {
    var y = x + 1;
    console.log('variableObject: x =', x, '| y =', y, '| arguments.length =', arguments.length);
    console.log('scopeChain: city =', city, '(outer) | planet =', planet, '(global)');
    console.log('this: this === box is', this === box, '| this.name =', this.name);
  }

  var box = { name: 'box', inner: inner };
  box.inner(41);
}

outer();
