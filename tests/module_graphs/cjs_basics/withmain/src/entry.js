exports.fromMain = 'withmain/src/entry.js';
