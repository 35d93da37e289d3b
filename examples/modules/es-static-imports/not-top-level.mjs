// Note §4, point 4: import must be at the top level of a module, so this
// file does not parse (SyntaxError) and none of it runs.
console.log('never printed');
if (true) {
  import { x } from './helper.mjs';
}
