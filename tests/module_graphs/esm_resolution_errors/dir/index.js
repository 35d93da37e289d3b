exports.y = 2;
