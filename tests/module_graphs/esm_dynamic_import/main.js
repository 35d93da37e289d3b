// import() from CommonJS: a promise for the namespace, loaded once
console.log('start');
import('./target.mjs').then(async (ns) => {
  console.log('loaded', ns.value, ns.default());
  const again = await import('./target.mjs');
  console.log('same namespace', again === ns);
  const cjs = await import('./plain.cjs');
  console.log('cjs default', cjs.default.kind, cjs.kind);
  const builtin = await import('node:path');
  console.log('builtin', typeof builtin.join, typeof builtin.default.join);
  await import('./missing.mjs').catch((e) => console.log('rejected', e.code));
  const nested = await import('./nested.mjs');
  console.log(await nested.loadTarget());
});
console.log('end of main');
