// --trace-modules: resolution, loading, evaluation, partial exports
const a = require('./a');
console.log(a.value);
