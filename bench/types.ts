/** One measured figure. Benchmarks report what they measured, never a target. */
export interface BenchRow {
  /** what was measured, e.g. "mobility steps/s, 10k finders, monaco" */
  name: string;
  value: number;
  unit: string;
  /** conditions worth knowing: cores used, sample size, mode */
  note?: string;
}

export type Bench = () => Promise<BenchRow[]>;
