// array building and higher-order methods
const arr = [];
for (let i = 0; i < 200000; i++) arr.push(i);
const r = arr.map((x) => x * 2).filter((x) => x % 3 === 0).reduce((a, b) => a + b, 0);
let s = 0;
for (let i = 0; i < arr.length; i++) s += arr[i];
console.log(r, s);
