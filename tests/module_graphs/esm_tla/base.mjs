console.log('base start');
export const base = await Promise.resolve('base value');
console.log('base end');
