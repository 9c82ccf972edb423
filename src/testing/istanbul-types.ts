// Istanbul's file coverage format (coverage-final.json, as nyc and c8 write it and istanbul-lib-coverage
// reads it): lines are 1-based, columns 0-based; s/f/b hold the counts by the id of each map entry.

export interface IstanbulPosition {
  readonly line: number;
  readonly column: number;
}

export interface IstanbulRange {
  readonly start: IstanbulPosition;
  readonly end: IstanbulPosition;
}

export interface IstanbulFunction {
  readonly name: string;
  readonly decl: IstanbulRange;
  readonly loc: IstanbulRange;
  readonly line: number;
}

export interface IstanbulBranch {
  readonly loc: IstanbulRange;
  /** Istanbul's own types are 'if', 'switch', 'cond-expr'...; reporters treat every type alike. */
  readonly type: string;
  readonly locations: readonly IstanbulRange[];
  readonly line: number;
}

export interface IstanbulFileCoverage {
  readonly path: string;
  readonly statementMap: Readonly<Record<string, IstanbulRange>>;
  readonly fnMap: Readonly<Record<string, IstanbulFunction>>;
  readonly branchMap: Readonly<Record<string, IstanbulBranch>>;
  readonly s: Readonly<Record<string, number>>;
  readonly f: Readonly<Record<string, number>>;
  readonly b: Readonly<Record<string, readonly number[]>>;
}

/** coverage-final.json: file coverage by path. */
export type IstanbulCoverageMap = Readonly<Record<string, IstanbulFileCoverage>>;
