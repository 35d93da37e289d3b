// The sieve of Eratosthenes over a boolean array, repeated; also sums the
// primes found. Self-checking: prime count and sum below the limit.
"use strict";

function sieve(limit) {
  const composite = new Array(limit + 1).fill(false);
  let count = 0, sum = 0;
  for (let i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    sum += i;
    for (let j = i * i; j <= limit; j += i) composite[j] = true;
  }
  return count + ":" + sum;
}

let result = "";
for (let i = 0; i < 20; i++) result = sieve(250000);
const EXPECTED = "22044:2623031151";
console.log(`sieve: ${result}`);
if (result !== EXPECTED) {
  console.log(`sieve: wrong result, expected ${EXPECTED}`);
  process.exit(1);
}
