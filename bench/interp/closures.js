// creating and calling closures
function makeAdder(n) { return (x) => x + n; }
let total = 0;
for (let i = 0; i < 200000; i++) { const add = makeAdder(i); total = add(total) % 1000000; }
console.log(total);
