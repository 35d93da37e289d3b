// in a "type": "module" package, .js is ESM and .cjs is CommonJS
import helper from './helper.cjs';
import { util } from './util.js';
console.log(typeof require, typeof module, helper.kind, util);
console.log(import.meta.url.endsWith('/type_module/main.js'));
