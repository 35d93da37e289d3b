exports.kind = 'commonjs helper';
