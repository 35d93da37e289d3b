// loops and arithmetic on locals
let sum = 0;
for (let i = 0; i < 2000000; i++) { sum = (sum + i * 3) % 1000003; }
let j = 0;
while (j < 500000) { j++; }
console.log(sum, j);
