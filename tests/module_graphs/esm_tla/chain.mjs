import { base } from './base.mjs';
export const ready = 'chain ' + base;
console.log('chain');
