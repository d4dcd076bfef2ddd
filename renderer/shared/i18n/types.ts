/**
 * The shape of a translation: same keys as the English original, every leaf a string.
 * Typing French as `DeepStringRecord<typeof en>` makes a missing or extra key a compile error.
 */
export type DeepStringRecord<T> = {
  [K in keyof T]: T[K] extends string ? string : DeepStringRecord<T[K]>;
};

/** Every key path of a resource tree, for the completeness test. */
export function keyPaths(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keyPaths(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}
