/** Worker-thread entry of the local pool: one point per task. */
import { runPoint } from './run-point.ts';
import type { PointJob, PointResult } from './types.ts';

export default function runTask(job: PointJob): Promise<PointResult> {
  return runPoint(job);
}
