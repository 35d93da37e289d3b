// createRequire: CommonJS require from an ES module
import { createRequire, isBuiltin, builtinModules } from 'node:module';
const require = createRequire(import.meta.url);
const data = require('./data.json');
const helper = require('./helper.cjs');
console.log(data.answer, helper.kind, require('path').sep);
console.log(isBuiltin('fs'), isBuiltin('node:path'), isBuiltin('nope'), builtinModules.includes('events'));
console.log(require.resolve('./helper.cjs').endsWith('/esm_create_require/helper.cjs'));
try {
  createRequire('relative/path');
} catch (e) {
  console.log(e.code);
}
