console.log('slow start');
await new Promise((r) => setTimeout(r, 10));
console.log('slow end');
