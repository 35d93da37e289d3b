export default function triple(x) {
  return x * 3;
}
export const double = (x) => x * 2;
