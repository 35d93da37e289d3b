// Note §4, ES module points 3 and 4 (no code in the note): imports are
// static - found and loaded before any line of the importing module runs -
// and `import`/`export` may appear only at the top level. import() is the
// run-time form and may appear anywhere.
// not-top-level.mjs has an import inside an `if` block, a SyntaxError that
// would stop the program; it is loaded with import() so the error can be
// caught. Only the error's name is printed: the message is the engine's
// wording (Node: "Unexpected token '{'").
// Look for: helper.mjs runs before main.mjs's first line; the block import
// is rejected before any of not-top-level.mjs runs; later.mjs runs only when
// import() is reached.
// More: `minijs --trace-modules main.mjs` shows helper.mjs loaded during
// linking and later.mjs at run time.
import { x } from './helper.mjs';

console.log('main.mjs first line; x =', x);

try {
  await import('./not-top-level.mjs');
} catch (e) {
  console.log('import inside a block:', e.name);
}

if (x === 1) {
  const { y } = await import('./later.mjs');
  console.log('import() inside if: y =', y);
}
