// Note §4, ES live bindings: lib.js from the note, renamed lib.mjs so that
// Node loads it as an ES module (a .js file is CommonJS without a
// package.json "type": "module").
//------ lib.js ------
export let counter = 3;
export function incCounter() {
    counter++;
}
