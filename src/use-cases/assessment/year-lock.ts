// While a year's result is submitted for 审定 or approved, its targets, records and readings are
// frozen. Writers take a share lock on the year's sign-off row (created by the first write) and
// submitting takes an update lock on it, so a write and a submission of the same year cannot
// interleave — the year's first submission included.
import type { Executor } from '../../db/client.ts';
import { shareLockSignOff } from '../../db/repositories/sign-off-repository.ts';
import { conflict } from '../../domain/errors.ts';

export async function assertYearOpen(db: Executor, year: number): Promise<void> {
  const row = await shareLockSignOff(db, year);
  if (row.status === 'submitted' || row.status === 'approved') {
    const what = row.status === 'approved' ? '已经审定' : '已提交审定';
    throw conflict(`${year}年度考核结果${what},该年度的目标、记录和评分设置已锁定;如需修改,请考核办退回`, 'year');
  }
}
