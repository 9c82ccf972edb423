// JSON equality for output checks: object key order does not matter, array order does.
// Returns undefined when equal, else the JSON pointer of the first difference.
export function firstDifference(actual, expected, path = '') {
  if (Object.is(actual, expected)) return undefined;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return path || '/';
  if (Array.isArray(actual) !== Array.isArray(expected)) return path || '/';
  if (Array.isArray(actual)) {
    if (actual.length !== expected.length) return `${path}/length`;
    for (let i = 0; i < actual.length; i++) {
      const d = firstDifference(actual[i], expected[i], `${path}/${i}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const keys = Object.keys(expected);
  if (Object.keys(actual).length !== keys.length) return `${path} (keys: ${Object.keys(actual).join(',')})`;
  for (const key of keys) {
    if (!Object.hasOwn(actual, key)) return `${path}/${key} (missing)`;
    const d = firstDifference(actual[key], expected[key], `${path}/${key}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
