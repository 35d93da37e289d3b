// require errors in Node's words
const clean = (s) => s.split(__dirname).join('<dir>');
try {
  require('./missing');
} catch (e) {
  console.log(e.code, clean(e.message));
  console.log(e.requireStack.map(clean));
}
try {
  require('./nested/outer');
} catch (e) {
  console.log(clean(e.message));
}
try {
  require('no-such-package-anywhere');
} catch (e) {
  console.log(e.code, e.message.split('\n')[0]);
}
try {
  require('node:no-such-builtin');
} catch (e) {
  console.log(e.code, e.message);
}
try {
  require('./bad.json');
} catch (e) {
  console.log(e.name, clean(e.message).split(':')[0]);
}
try {
  require('./bad-syntax');
} catch (e) {
  console.log(e.name);
}
try {
  require('./throws');
} catch (e) {
  console.log('caught', e.message);
}
console.log(Object.keys(require.cache).length);
try {
  require('');
} catch (e) {
  console.log(e.code);
}
