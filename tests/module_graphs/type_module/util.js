export const util = 'util.js is ESM: ' + (typeof exports === 'undefined');
