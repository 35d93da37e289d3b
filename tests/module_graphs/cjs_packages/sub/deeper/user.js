exports.fromDeep = require('tiny-pkg').greet('deep');
