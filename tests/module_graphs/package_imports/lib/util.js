exports.name = 'util via #util';
