export * from './one.mjs';
export * from './two.mjs';
export { default as renamedDefault } from './one.mjs';
export * as nsOfOne from './one.mjs';
import { one as imported } from './one.mjs';
export { imported as fromImport };
