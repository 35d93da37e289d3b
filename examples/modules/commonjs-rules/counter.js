// Note §4, point 1: `count` is copied into exports when this body runs;
// later changes to the local `count` are not seen through `exports.count`.
console.log('1. counter.js body runs');
let count = 0;
exports.count = count;
exports.increment = function () {
  count++;
};
exports.current = function () {
  return count;
};
