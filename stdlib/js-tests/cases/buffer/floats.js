// IEEE 754 float and double reads and writes in both byte orders
const vals = [0, -0, 1, -1, 0.1, 1.5, Math.PI, 1e300, -1e-300, 5e-324, 2.2250738585072014e-308, Infinity, -Infinity, NaN, 123456789.123, 1e-40, 3.4e38, 65504, 1 / 3];
for (const v of vals) {
  const d = Buffer.alloc(8); d.writeDoubleLE(v, 0);
  const e = Buffer.alloc(8); e.writeDoubleBE(v, 0);
  const f = Buffer.alloc(4); f.writeFloatLE(v, 0);
  const g = Buffer.alloc(4); console.log(g.writeFloatBE(v, 0));
  console.log(v, d, e, f, g, d.readDoubleLE(0), e.readDoubleBE(0), f.readFloatLE(0), g.readFloatBE(0));
}
