let n = 20;
export default n + 1;
n = 99;
