// a .js file outside any "type" that only parses as a module runs as one
import { answer } from './esm-in-js.js';
console.log(answer, typeof require, this);
