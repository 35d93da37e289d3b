const a = require('./a');
exports.sawA = JSON.stringify(a);
exports.earlyA = a;
exports.done = true;
