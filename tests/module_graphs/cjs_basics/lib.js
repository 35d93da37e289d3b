exports.name = 'lib';
exports.thisIsExports = this === module.exports;
exports.argsLength = arguments.length;
exports.file = require('path').basename(__filename);
exports.dir = require('path').basename(__dirname);
exports = { lost: true };
