import './b.mjs';
console.log('d runs');
