// cycles: hoisted functions are usable early, let bindings are in their TDZ,
// each module runs once, depth-first post-order
import { a, callB } from './a.mjs';
import './c.mjs';
console.log('main', a, callB());
