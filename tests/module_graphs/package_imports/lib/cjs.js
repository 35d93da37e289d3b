exports.kind = 'require condition';
