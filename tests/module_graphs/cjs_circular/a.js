exports.done = false;
exports.step = 1;
const b = require('./b');
console.log('a sees b.done =', b.done);
module.exports = { done: true, replaced: true };
