exports.fromIndex = 'dir/index.js';
