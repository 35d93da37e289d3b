// string building
let s = '';
for (let i = 0; i < 20000; i++) { s += 'ab' + (i % 10); }
const parts = [];
for (let i = 0; i < 50000; i++) parts.push('x' + i);
console.log(s.length, parts.join(',').length);
