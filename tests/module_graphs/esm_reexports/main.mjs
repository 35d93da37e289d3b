// export * (without default), export * as ns, default re-exports, conflicts
import * as all from './index.mjs';
import { one, renamedDefault, nsOfOne, fromImport, two } from './index.mjs';
console.log(Object.keys(all).join(','));
console.log(one, two, renamedDefault, nsOfOne.default, nsOfOne.one, fromImport);
console.log('default' in all, 'clash' in all);
console.log(all.nsOfOne === nsOfOne, Object.keys(nsOfOne).join(','));
