export const two = 2;
export const clash = 'two';
export default 'two default';
