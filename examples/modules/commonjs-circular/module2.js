// Note §4, CommonJS circular require: module2.js as in the note.
// module2.js
const Module1 = require('./module1');
console.log('Module1 is partially loaded here', Module1);
