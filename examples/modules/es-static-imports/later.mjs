// Note §4: loaded with import() when main.mjs reaches that line.
export const y = 2;
console.log('later.mjs runs');
