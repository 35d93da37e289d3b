// property reads and writes on plain objects
const o = { x: 1, y: 2, z: 3 };
let acc = 0;
for (let i = 0; i < 500000; i++) { o.x = o.y + o.z; acc += o.x; o.y = i & 7; }
console.log(acc);
