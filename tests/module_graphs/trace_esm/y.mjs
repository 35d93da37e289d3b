import { x } from './x.mjs';
export const y = 'y';
