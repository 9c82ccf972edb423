// bench:serve --gc: the server runs with node's --trace-gc-nvp, which prints one line of name=value
// pairs per collection; this collects the lines a load round caused and sums them up. A round's p99
// is usually its longest pause, and scavenge pauses grow with what survives them, so the survival
// ratio is the figure to watch (a long-lived Map or Set with entries coming and going once made it
// a third: src/core/live-table.ts).

/** Gathers the server's GC lines from its stdout; `mark()` and `since(mark)` take one round's. */
export function gcTrace() {
  const lines = [];
  let partial = '';
  return {
    /** Feed it the server's stdout after it started serving. */
    take(chunk) {
      const text = partial + chunk;
      const parts = text.split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) if (/ gc=/.test(line)) lines.push(line);
    },
    mark: () => lines.length,
    since: (mark) => summarize(lines.slice(mark)),
  };
}

function field(line, name) {
  const found = new RegExp(`(?:^|\\s)${name}=([0-9.]+)`).exec(line);
  return found === null ? 0 : Number(found[1]);
}

function summarize(lines) {
  const scavenges = lines.filter((line) => / gc=s /.test(line));
  const pauses = scavenges.map((line) => field(line, 'pause')).sort((a, b) => a - b);
  const allocated = scavenges.reduce((sum, line) => sum + field(line, 'allocated'), 0);
  const survived = scavenges.reduce((sum, line) => sum + field(line, 'new_space_survived') + field(line, 'promoted'), 0);
  const full = lines.filter((line) => / gc=(mc|mmc) /.test(line)).map((line) => field(line, 'pause'));
  const round = (x) => Math.round(x * 10) / 10;
  return {
    scavenges: scavenges.length,
    scavengeMedianMs: pauses.length === 0 ? 0 : round(pauses[Math.floor(pauses.length / 2)]),
    scavengeMaxMs: pauses.length === 0 ? 0 : round(pauses[pauses.length - 1]),
    // What the scavenges moved (copied within the young generation or promoted), per byte allocated: their cost.
    survivedPercent: allocated === 0 ? 0 : round((survived / allocated) * 100),
    fullGcs: full.length,
    fullGcMaxMs: full.length === 0 ? 0 : round(Math.max(...full)),
  };
}
