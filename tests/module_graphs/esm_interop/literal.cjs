const y = 'y';
module.exports = {
  x: 'x',
  y,
  'quoted': y,
  z: y,
  call: String(y),
  after: 'not detected: the value above is not an identifier',
};
