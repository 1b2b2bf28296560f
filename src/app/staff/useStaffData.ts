import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { DeviceConfig } from '../../domain/device-config.ts';
import { summarizeResponses, type DailySummary } from '../../domain/daily-summary.ts';
import { localDayOf } from '../../domain/local-day.ts';
import { useKioskDatabase } from '../store/StoreContext.tsx';
import type { StoredResponse } from '../store/db.ts';
import { daysOnTablet, openSequences, rejectedResponses, responsesInDays } from '../store/staff-queries.ts';
import { reconcile, type Reconciliation } from '../../domain/reconciliation.ts';
import { useSyncStatus } from '../sync/SyncContext.tsx';

export function todayIn(timeZone: string, now = new Date()): string {
  return localDayOf(now.toISOString(), timeZone);
}

export interface DayRangeData {
  responses: StoredResponse[];
  summary: DailySummary;
}

/** The responses of a range of local days and their summary, live: a new answer updates the screen. */
export function useDayRange(config: DeviceConfig, from: string, to: string): DayRangeData | undefined {
  const db = useKioskDatabase();
  const responses = useLiveQuery(() => responsesInDays(db, from, to), [db, from, to]);
  return useMemo(
    () =>
      responses && {
        responses,
        summary: summarizeResponses({ responses, questionnaires: config.questionnaires, targets: config.targets }),
      },
    [responses, config],
  );
}

export function useRejectedResponses(): StoredResponse[] | undefined {
  const db = useKioskDatabase();
  return useLiveQuery(() => rejectedResponses(db), [db]);
}

export function useDaysOnTablet() {
  const db = useKioskDatabase();
  return useLiveQuery(() => daysOnTablet(db), [db]);
}

/** The reconciliation of the shown days against the ledger the server sent with its last reply. */
export function useReconciliation(responses: readonly StoredResponse[] | undefined): Reconciliation | undefined {
  const db = useKioskDatabase();
  const ledger = useSyncStatus().serverLedger;
  const open = useLiveQuery(() => openSequences(db), [db]);
  return useMemo(() => (responses && open ? reconcile(responses, open, ledger) : undefined), [responses, open, ledger]);
}
