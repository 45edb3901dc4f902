import { useMemo } from 'react';
import type { StatisticsSample } from '../../../src/contract/index.ts';
import { ChartTable } from '../../charts/ChartTable.tsx';
import { chartsFor, inWindow } from '../../charts/series.ts';

/** A system's charts' numbers as a table: every series of every chart, newest sample first. */
export function StatisticsTable({
  id,
  samples,
  windowMinutes,
}: {
  id: string;
  samples: readonly StatisticsSample[];
  windowMinutes: number;
}) {
  // The charts a system has (a VM's memory has more series) as its samples in the window say.
  const charts = useMemo(
    () => chartsFor(inWindow(samples, windowMinutes * 60_000)),
    [samples, windowMinutes],
  );
  return (
    <ChartTable
      label={`Statistics table of ${id}`}
      charts={charts}
      samples={samples}
      windowMinutes={windowMinutes}
    />
  );
}
