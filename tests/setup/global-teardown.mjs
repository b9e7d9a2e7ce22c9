export default async function globalTeardown() {
  await globalThis.__PRISM__?.stop();
}
