process.on('exit', (c) => { console.log('exit', c); throw new Error('from exit'); });
console.log('main');
