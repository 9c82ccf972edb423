/**
 * The size of a value as JSON would write it: every appearance of a shared sub-value counts again.
 * An expression can double a value by sharing (`[$a, $a]`) cheaply, 40 times over, and then hand
 * it to a native step ($string, `=`) that walks every appearance and never returns; the hooks in
 * jsonata-run.ts measure each step's result with this to stop such values while they are small.
 */

/** Values no step could meaningfully walk into: JSONata functions carry their whole environment. */
function isOpaque(value: object): boolean {
  const marked = value as { _jsonata_lambda?: unknown; _jsonata_function?: unknown };
  return typeof value === 'function' || marked._jsonata_lambda === true || marked._jsonata_function === true;
}

/**
 * Sizes already counted. JSON values are never mutated once they flow through the engine
 * (ARCHITECTURE.md habit 3) and JSONata does not change a step's result after returning it, so a
 * count holds for good: the input is walked once however many expressions read it.
 */
const SIZES = new WeakMap<object, number>();

interface Frame {
  readonly node: object;
  readonly children: readonly unknown[];
  index: number;
  total: number;
}

function open(node: object): Frame {
  return { node, children: Array.isArray(node) ? node : Object.values(node), index: 0, total: 1 };
}

/** Forgets the provisional counts of the objects still being counted. */
function tooLarge(stack: readonly Frame[], cap: number): number {
  for (const frame of stack) SIZES.delete(frame.node);
  return cap + 1;
}

/**
 * Counts values (containers included), without recursion, memoised per object so each distinct
 * object is walked once. Stops early and returns `cap + 1` once the count passes `cap`; a cycle
 * (which JSON cannot hold) also counts as too large.
 */
export function expandedSize(root: object, cap: number): number {
  const known = SIZES.get(root);
  if (known !== undefined) return known;
  if (isOpaque(root)) return 1;
  const stack: Frame[] = [open(root)];
  // Provisional: an object met again while it is still being counted is its own ancestor. Only
  // exact counts outlive a call, so callers with different caps never mislead each other.
  SIZES.set(root, cap + 1);
  for (;;) {
    const top = stack[stack.length - 1] as Frame;
    if (top.index < top.children.length) {
      const child = top.children[top.index++];
      if (typeof child !== 'object' || child === null || isOpaque(child)) {
        top.total += 1;
      } else {
        const size = SIZES.get(child);
        if (size === undefined) {
          SIZES.set(child, cap + 1);
          stack.push(open(child));
          continue;
        }
        top.total += size;
      }
      if (top.total > cap) return tooLarge(stack, cap);
      continue;
    }
    stack.pop();
    SIZES.set(top.node, top.total);
    const parent = stack[stack.length - 1];
    if (parent === undefined) return top.total;
    parent.total += top.total;
    if (parent.total > cap) return tooLarge(stack, cap);
  }
}
