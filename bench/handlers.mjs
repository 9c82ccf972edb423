// Local Task handlers used by the workloads, by the short name a workload's `tasks` refers to.
export const handlers = {
  /** A tiny Lambda: doubles the id and echoes the name. */
  double: async (event) => ({ id: event.id, doubled: event.id * 2, name: event.name }),
};

/** A workload's `tasks` ({ resource ARN: handler name }) as { resource ARN: function }. */
export function taskFunctions(tasks = {}) {
  return Object.fromEntries(Object.entries(tasks).map(([arn, name]) => [arn, handlers[name]]));
}
