// Note §4, point 3: `exports` is a reference to module.exports; assigning a
// new object to it only changes the local name, module.exports stays {}.
exports = { lost: true };
