exports.a = 1;
exports['b'] = 2;
module.exports.fromObject = 'module.exports.x';
Object.defineProperty(exports, 'defined', { enumerable: true, value: 'defineProperty' });
