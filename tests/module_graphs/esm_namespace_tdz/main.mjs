// a namespace printed while its module is still evaluating: exports in their TDZ
import './a.mjs';
import * as a from './a.mjs';
console.log(a);
