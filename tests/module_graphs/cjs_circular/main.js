// circular require: each module sees the other's exports as filled so far
const a = require('./a');
const b = require('./b');
console.log('main:', a.done, b.done, b.sawA);
console.log('replaced exports seen by b:', b.earlyA === a, Object.keys(b.earlyA).join(','));
