// ESM importing CommonJS, built-ins, and CommonJS requiring ESM
import cjs, { a, b, fromObject, defined } from './lib.cjs';
import * as cjsNs from './lib.cjs';
import * as literal from './literal.cjs';
import * as spread from './spread.cjs';
import reexported, { a as ra } from './reexport.cjs';
import { join } from 'path';
import path from 'node:path';
import { createRequire } from './create-require.cjs';
console.log(JSON.stringify(cjs), a, b, fromObject, defined);
console.log(Object.keys(cjsNs).join(','), cjsNs.default === cjs);
console.log(Object.keys(literal).join(','));
console.log(Object.keys(spread).join(','));
console.log(reexported === cjs, ra);
console.log(join('a', 'b'), path.join === join);
console.log(createRequire());
