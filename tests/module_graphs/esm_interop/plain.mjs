export const p = 1;
export const q = 2;
