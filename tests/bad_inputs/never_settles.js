new Promise(() => {});
console.log('sync done');
