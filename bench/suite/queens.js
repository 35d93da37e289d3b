// N-queens by backtracking over column and diagonal occupancy arrays; counts
// all solutions for several board sizes. Self-checking against known counts.
"use strict";

function solve(n) {
  const cols = new Array(n).fill(false);
  const diag1 = new Array(2 * n).fill(false);
  const diag2 = new Array(2 * n).fill(false);
  let solutions = 0;
  function place(row) {
    if (row === n) {
      solutions++;
      return;
    }
    for (let c = 0; c < n; c++) {
      if (cols[c] || diag1[row + c] || diag2[row - c + n]) continue;
      cols[c] = diag1[row + c] = diag2[row - c + n] = true;
      place(row + 1);
      cols[c] = diag1[row + c] = diag2[row - c + n] = false;
    }
  }
  place(0);
  return solutions;
}

const results = [];
for (let n = 4; n <= 10; n++) results.push(solve(n));
for (let i = 0; i < 5; i++) results.push(solve(11));
const result = results.join(",");
const EXPECTED = "2,10,4,40,92,352,724,2680,2680,2680,2680,2680";
console.log(`queens: ${result}`);
if (result !== EXPECTED) {
  console.log(`queens: wrong result, expected ${EXPECTED}`);
  process.exit(1);
}
