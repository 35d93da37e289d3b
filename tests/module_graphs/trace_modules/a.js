exports.value = 'a';
require('./b');
