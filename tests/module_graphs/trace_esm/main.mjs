import { x } from './x.mjs';
console.log(x);
