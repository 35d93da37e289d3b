// Note §7, leak 1: global variables. The note's two lines create globals:
// `a` by assigning an undeclared name (sloppy mode only), `b` explicitly on
// `global`. Globals live until the program ends, so whatever they hold is
// never collected.
// The note's lines print nothing; the lines after them print where the
// values live and how to release them. Memory figures are left out because
// they differ from run to run.
// Look for: both are properties of the global object; `delete` works on
// them (they were not declared with var), after which they can be collected.
a = 10;
global.b = 11;

console.log("'a' in globalThis:", 'a' in globalThis, '| globalThis.a =', globalThis.a);
console.log('global === globalThis:', global === globalThis, '| b =', b);

delete globalThis.a;
delete global.b;
console.log('after delete:', typeof a, typeof b);
