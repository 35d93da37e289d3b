console.log('counter evaluated');
exports.n = 0;
