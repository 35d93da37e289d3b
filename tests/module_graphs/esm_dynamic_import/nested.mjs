export async function loadTarget() {
  const { value } = await import('./target.mjs');
  return 'nested sees ' + value;
}
