// Note §4, point 2: the top-level `this` of a CommonJS module is module.exports.
this.same = this === module.exports;
