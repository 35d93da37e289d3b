// the forms of export default
import fn from './anon-fn.mjs';
import Klass from './anon-class.mjs';
import value from './expr.mjs';
import named, { double } from './named.mjs';
import aliased from './alias.mjs';
console.log(typeof fn, fn.name, fn());
console.log(typeof Klass, Klass.name, new Klass().hi());
console.log(value, named.name, named(2), double(4), aliased);
