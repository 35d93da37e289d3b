export const one = 1;
export const clash = 'one';
export default 'one default';
