// Note §4, ES circular imports: a.mjs and b.mjs import each other. main.mjs
// loads a.mjs first, as the note assumes ("假设先加载模块 a").
// Changes from the note's code, so that it runs and ends:
// - the note imports from 'b' and 'a' (bare names Node looks up in
//   node_modules); here './b.mjs' and './a.mjs';
// - bar() calls foo() `if (Math.random())`, which is almost always true, so
//   foo -> bar -> foo would recurse until the stack overflows; here bar()
//   takes a depth and stops at 2;
// - log lines show when each module body runs.
// Look for: b.mjs runs before a.mjs, yet it can already call foo (function
// declarations are created when modules are linked, before any body runs);
// a `let` export of a.mjs is still uninitialized at that point.
// More: `minijs --trace-modules main.mjs` shows the link and evaluate order.
import { foo } from './a.mjs';

console.log('main.mjs runs');
foo(0);
