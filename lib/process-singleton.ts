// The custom server and the modules Next.js bundles are separate copies of each module in one
// process. State that must be shared (the database connection, the job system, caches) is kept
// on globalThis under a registered symbol, created by whichever copy asks first.

export function processSingleton<T>(name: string, isValue: (value: unknown) => value is T, create: () => T): T {
  const key = Symbol.for(`switchboard.${name}`);
  const existing: unknown = Reflect.get(globalThis, key);
  if (isValue(existing)) return existing;
  const value = create();
  Reflect.set(globalThis, key, value);
  return value;
}
