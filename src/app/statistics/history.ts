import type { StatisticsSample } from '../../contract/index.ts';
import { Ring } from './ring.ts';

/** The newest `capacity` samples of one system, oldest first; pushing past the capacity drops the oldest. */
export class SampleHistory extends Ring<StatisticsSample> {}
