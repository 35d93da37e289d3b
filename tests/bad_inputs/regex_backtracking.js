// /^(a+)+$/ backtracks exponentially on 'aaa...b' in both engines:
// each extra 'a' doubles the work. Bounded input: 18 characters.
const re = /^(a+)+$/;
console.log(re.test('a'.repeat(18) + 'b'), re.test('a'.repeat(18)));
