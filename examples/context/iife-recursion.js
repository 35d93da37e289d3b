// Note §1, first example: a named function expression calls itself until
// i === 3. Every call creates a new execution context and pushes it on the
// stack; every return pops it.
// The note's code prints nothing, so this version adds a log line on each
// push and pop, indented by stack depth (the note's logic is unchanged).
// Look for: four contexts pushed, then popped in reverse order (last in,
// first out), and `i` in each context is its own copy: `++i` in foo(0)
// does not touch i in foo(1).
// More: `minijs --trace-context iife-recursion.js` prints each context as it
// is created and destroyed.
(function foo(i) {
  var depth = i;
  console.log('  '.repeat(depth) + 'push foo(' + i + ')');
  if (i === 3) {
    console.log('  '.repeat(depth) + 'pop  foo(' + depth + '): base case, i = ' + i);
    return;
  }
  else {
    foo(++i);
  }
  console.log('  '.repeat(depth) + 'pop  foo(' + depth + '): i is now ' + i);
}(0));
