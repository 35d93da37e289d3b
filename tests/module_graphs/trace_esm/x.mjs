import './y.mjs';
export const x = 'x';
