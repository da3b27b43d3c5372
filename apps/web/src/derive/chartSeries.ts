export interface ChartPoint {
  x: number;
  y: number;
  seq: number;
}

export interface StatusMark {
  x: number;
  vm: string;
  status: string;
  seq: number;
}

/** Points per VM, in the order the VMs first appear. */
export type SeriesByVm = Map<string, ChartPoint[]>;
