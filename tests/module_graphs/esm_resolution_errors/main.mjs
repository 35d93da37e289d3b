// ESM resolution errors in Node's words (paths written <dir>)
const clean = (s) => s.split(import.meta.dirname).join('<dir>');
const attempts = ['./cjs-file', './dir', './nothing.mjs', 'no-such-package', 'node:no-such-builtin', '#no-imports'];
for (const spec of attempts) {
  try {
    await import(spec);
  } catch (e) {
    console.log(e.code, '|', clean(e.message));
  }
}
const meta = import.meta.resolve('./dir/index.js');
console.log(clean(meta));
