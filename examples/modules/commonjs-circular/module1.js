// Note §4, CommonJS circular require: module1.js as in the note.
// module1.js
exports.a = 1;
require('./module2');
exports.b = 2;
exports.c = 3;
