// Note §4, point 5: nothing is exported, so require returns an empty object.
const unused = 42;
void unused;
