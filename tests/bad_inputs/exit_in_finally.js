try { console.log('try'); throw new Error('x'); } finally { console.log('finally'); process.exit(3); }
console.log('never');
