import { useCallback } from 'react';
import { composeResponse, type ResponseDraft } from '../../domain/survey-flow.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { useKioskDatabase } from '../store/StoreContext.tsx';
import { closeOpenResponse, storeResponse } from '../store/responses.ts';
import type { AnswerValue } from '../../domain/response.ts';
import type { TabletChannel } from '../../domain/response-channel.ts';
import { useSyncTrigger } from '../sync/SyncContext.tsx';
import { measureSubmitToCommit } from './performance-marks.ts';

interface SaverContext {
  deviceId: string;
  unitId: string;
  counterId: string | null;
  timeZone: string;
  locale: string;
  /** 'staff-assisted' while a clerk helps with the survey they opened from the staff view. */
  channel: TabletChannel;
}

let commentRedaction: Promise<typeof import('../../domain/comment-redaction.ts')> | undefined;

/**
 * The redaction's patterns are not needed for the first screen, so they load after it (the kiosk calls
 * this once it shows) and a save awaits a module already there. A failed load is tried again at the next save.
 */
export function loadCommentRedaction(): Promise<typeof import('../../domain/comment-redaction.ts')> {
  commentRedaction ??= import('../../domain/comment-redaction.ts').catch((error: unknown) => {
    commentRedaction = undefined;
    throw error;
  });
  return commentRedaction;
}

/**
 * Saves a finished (or walked-away) survey. The id is made once per survey and reused on a retry,
 * so a second attempt can never create a second record of the same answer.
 */
export function useResponseSaver(context: SaverContext) {
  const db = useKioskDatabase();
  const requestSync = useSyncTrigger();
  const { deviceId, unitId, counterId, timeZone, locale, channel } = context;
  return useCallback(
    async (responseId: string, questionnaire: Questionnaire, draft: ResponseDraft, complete: boolean, openUntil?: Date) => {
      // Personal data in a comment is replaced before the answer reaches IndexedDB (domain/redaction.ts).
      const { withCommentsRedacted } = await loadCommentRedaction();
      const response = withCommentsRedacted(
        composeResponse({ id: responseId, deviceId, unitId, counterId, locale, questionnaire, channel }, draft, new Date(), complete),
        questionnaire,
      );
      const stored = await storeResponse(db, response, timeZone, { openUntil });
      if (complete) measureSubmitToCommit();
      requestSync();
      return stored;
    },
    [db, requestSync, deviceId, unitId, counterId, timeZone, locale, channel],
  );
}

/**
 * Adds answers to a record stored open (quick mode's reason) and lets the sync send it: the same record,
 * so the server receives the rating and its reason exactly once.
 */
export function useOpenResponseCloser() {
  const db = useKioskDatabase();
  const requestSync = useSyncTrigger();
  return useCallback(
    async (responseId: string, answers: Record<string, AnswerValue>) => {
      await closeOpenResponse(db, responseId, answers);
      requestSync();
    },
    [db, requestSync],
  );
}
