const other = { hidden: true };
module.exports = { ...require('./literal.cjs'), own: other, ...other, last: other, method() {}, notSeen: other };
