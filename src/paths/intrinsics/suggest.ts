/** "Did you mean" for misspelt intrinsic names, e.g. `States.Formatt` or `States.format`. */

// Names this long are not typos of a known function, and the distance is O(n·m).
const MAX_COMPARED_LENGTH = 64;
const MAX_DISTANCE = 3;

/** Known names within a small edit distance of `name` (case-insensitive), closest first. */
export function closeNames(name: string, known: readonly string[]): string[] {
  if (name.length > MAX_COMPARED_LENGTH) return [];
  const lower = name.toLowerCase();
  return known
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase()) }))
    .filter((entry) => entry.distance <= MAX_DISTANCE)
    .sort((a, b) => a.distance - b.distance)
    .map((entry) => entry.candidate);
}

/** Levenshtein distance with one rolling row. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
