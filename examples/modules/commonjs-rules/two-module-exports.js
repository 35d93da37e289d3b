// Note §4, point 4: the last assignment to module.exports is what require returns.
module.exports = 'first';
module.exports = 'second';
