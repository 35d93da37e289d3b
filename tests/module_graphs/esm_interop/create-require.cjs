// require of an ES module returns its namespace (Node 20.19+)
exports.createRequire = () => {
  const ns = require('./esm.mjs');
  const plain = require('./plain.mjs');
  return [ns.value, ns.default, ns.__esModule, Object.keys(plain).join(','), require('./plain.mjs') === plain];
};
