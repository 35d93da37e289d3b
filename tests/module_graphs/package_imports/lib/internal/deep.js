exports.deep = 'pattern import';
