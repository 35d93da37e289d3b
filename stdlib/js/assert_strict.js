'use strict';
// assert/strict: the strict form of the assert module.

module.exports = require('./assert.js').strict;
