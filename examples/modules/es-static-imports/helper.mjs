// Note §4: a statically imported module; it runs before main.mjs's body.
export const x = 1;
console.log('helper.mjs runs');
