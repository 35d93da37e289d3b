exports.kind = 'commonjs';
