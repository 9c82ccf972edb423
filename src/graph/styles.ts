// One palette for both formats: Mermaid gets it as classDefs, DOT as node attributes (and the
// class names as SVG classes). Outcome and coverage classes come after the type's class on a node,
// so where both set a colour the highlight wins.

export interface ClassStyle {
  readonly fill: string;
  readonly stroke: string;
  /** Text colour, when the default (black) would not read well. */
  readonly text?: string;
  readonly dashed?: boolean;
  readonly thick?: boolean;
}

export const CLASS_STYLES: Readonly<Record<string, ClassStyle>> = {
  // By state type (and the Start/End markers, the Parallel/Map joins).
  task: { fill: '#e8f0fe', stroke: '#4a6fa5' },
  pass: { fill: '#f1f3f4', stroke: '#80868b' },
  wait: { fill: '#fef7e0', stroke: '#b08d1a' },
  choice: { fill: '#fff4e5', stroke: '#c77700' },
  succeed: { fill: '#e6f4ea', stroke: '#188038' },
  fail: { fill: '#fce8e6', stroke: '#c5221f' },
  parallel: { fill: '#f3e8fd', stroke: '#8430ce' },
  map: { fill: '#f3e8fd', stroke: '#8430ce' },
  marker: { fill: '#202124', stroke: '#202124', text: '#ffffff' },
  join: { fill: '#ffffff', stroke: '#8430ce' },
  // By outcome of a run (GraphHighlight.stateOutcomes).
  succeeded: { fill: '#a8dab5', stroke: '#137333', thick: true },
  failed: { fill: '#f6aea9', stroke: '#a50e0e', thick: true },
  caught: { fill: '#fdd663', stroke: '#b06000', thick: true },
  notRun: { fill: '#ffffff', stroke: '#bdc1c6', text: '#80868b', dashed: true },
  // By coverage (GraphHighlight.coverage).
  covered: { fill: '#a8dab5', stroke: '#137333' },
  uncovered: { fill: '#f6aea9', stroke: '#a50e0e', dashed: true },
};

/** The style of a node with these classes: later classes override earlier ones, field by field. */
export function styleOf(classes: readonly string[]): ClassStyle {
  let style: ClassStyle = { fill: '#ffffff', stroke: '#202124' };
  for (const name of classes) {
    const own = CLASS_STYLES[name];
    if (own !== undefined) style = { ...style, ...own };
  }
  return style;
}
