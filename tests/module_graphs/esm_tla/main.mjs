// top-level await: async siblings start in order, synchronous ones run meanwhile
import './slow.mjs';
import './sync.mjs';
import { ready } from './chain.mjs';
console.log('main', ready);
const { value } = await import('./dynamic.mjs');
console.log('dynamic', value);
