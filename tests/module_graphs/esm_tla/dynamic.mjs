await null;
export const value = 'from dynamic';
