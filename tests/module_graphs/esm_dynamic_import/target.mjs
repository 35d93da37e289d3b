console.log('target evaluated');
export const value = 42;
export default function hello() {
  return 'hello';
}
