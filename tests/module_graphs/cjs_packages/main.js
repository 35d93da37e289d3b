// bare names through node_modules (upward), "main", "exports" conditions and subpaths
const tiny = require('tiny-pkg');
console.log(tiny.greet('world'), tiny.version);
console.log(require('./sub/deeper/user').fromDeep);
const cond = require('cond-pkg');
console.log(cond.kind, require('cond-pkg/feature').feature, require('cond-pkg/utils/strings').name);
try {
  require('cond-pkg/private');
} catch (e) {
  console.log(e.code, e.message.split(__dirname).join('<dir>'));
}
console.log(require('@scope/scoped').scoped);
console.log(require('tiny-pkg/lib/format.js').format('x'));
