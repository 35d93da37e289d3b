const local = 'aliased default';
export { local as default };
