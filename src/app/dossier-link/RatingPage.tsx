/** @jsxImportSource preact */
import type { i18n } from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { uuidv7 } from 'uuidv7';
import { formatLocalDay } from '../../domain/display-format.ts';
import { localize } from '../../domain/localize.ts';
import type { AnswerValue } from '../../domain/response.ts';
import { answeredOnly, hasRatedCriterion } from '../../domain/survey-flow.ts';
import { loadLink, sendRating, type LinkPage, type LoadOutcome, type Refusal } from './link-api.ts';
import { LINK_LANGUAGES, preferredLanguage, switchLanguage } from './link-i18n.ts';
import { LinkSurvey } from './LinkSurvey.tsx';
import { loadSavedRating, saveRating, type SavedRating } from './saved-rating.ts';

/** How often answers kept during a dropped connection are offered again, besides the `online` event. */
const RESEND_EVERY_MS = 30_000;

type View =
  | { kind: 'loading' }
  | { kind: 'refused'; reason: Refusal }
  | { kind: 'form'; problem: 'nothing-rated' | 'invalid' | null }
  | { kind: 'sending' }
  | { kind: 'pending' }
  | { kind: 'sent' }
  | { kind: 'already-rated' };

function freshRating(): SavedRating {
  return { id: uuidv7(), startedAt: new Date().toISOString(), answers: {}, state: 'draft' };
}

/**
 * The citizen's page behind a dossier link (/d#<token>): what is rated, the unit's questionnaire for
 * links, and one rating sent exactly once — kept on the phone until the server has it.
 */
export function RatingPage({ token, firstLoad, i18n }: { token: string; firstLoad: Promise<LoadOutcome>; i18n: i18n }) {
  const [language, setLanguage] = useState('vi');
  const [large, setLarge] = useState(false);
  const [page, setPage] = useState<LinkPage | null>(null);
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [rating, setRating] = useState<SavedRating>(() => loadSavedRating(token) ?? freshRating());
  const heading = useRef<HTMLHeadingElement>(null);
  const t = i18n.getFixedT(language);
  // Read by the sending and loading callbacks, which must not change (and re-run the first load) with the language.
  const languageRef = useRef(language);

  const chooseLanguage = useCallback(
    async (code: string) => {
      await switchLanguage(i18n, code);
      document.documentElement.lang = code;
      languageRef.current = code;
      setLanguage(code);
    },
    [i18n],
  );

  /** Keeps the rating on the phone and on the page. */
  const remember = useCallback(
    (next: SavedRating) => {
      saveRating(token, next);
      setRating(next);
    },
    [token],
  );

  const send = useCallback(
    async (current: SavedRating, linkPage: LinkPage) => {
      const pending = { ...current, state: 'pending' as const };
      remember(pending);
      setView({ kind: 'sending' });
      const outcome = await sendRating(token, {
        id: pending.id,
        questionnaireId: linkPage.questionnaire.id,
        questionnaireVersion: linkPage.questionnaire.version,
        locale: languageRef.current,
        startedAt: pending.startedAt,
        answers: answeredOnly(pending.answers),
        screenDurationsMs: { 'dossier-link': Math.max(0, Date.now() - Date.parse(pending.startedAt)) },
      });
      if (outcome.kind === 'stored') {
        remember({ ...pending, state: 'sent' });
        setView({ kind: 'sent' });
      } else if (outcome.kind === 'already-rated') setView({ kind: 'already-rated' });
      else if (outcome.kind === 'refused') setView({ kind: 'refused', reason: outcome.reason });
      else if (outcome.kind === 'retry') setView({ kind: 'pending' });
      else {
        remember({ ...pending, state: 'draft' });
        setView({ kind: 'form', problem: outcome.code });
      }
    },
    [token, remember],
  );

  // The first read was started before the page's code ran (first-request.ts); a retry reads again.
  const firstReadRef = useRef<Promise<LoadOutcome> | null>(firstLoad);
  const open = useCallback(async () => {
    setView({ kind: 'loading' });
    const pending = firstReadRef.current ?? loadLink(token);
    firstReadRef.current = null;
    const outcome = await pending;
    if (outcome.kind === 'refused') {
      setView(outcome);
      return;
    }
    const linkPage = outcome.page;
    setPage(linkPage);
    const saved = loadSavedRating(token);
    if (saved?.state === 'draft' || saved === null) await chooseLanguage(preferredLanguage(linkPage.languages));
    if (linkPage.rated) setView({ kind: saved && saved.state !== 'draft' ? 'sent' : 'already-rated' });
    else if (saved?.state === 'pending') void send(saved, linkPage);
    else setView({ kind: 'form', problem: null });
  }, [token, chooseLanguage, send]);

  useEffect(() => {
    void open();
  }, [open]);

  // Answers kept during a dropped connection go out as soon as the phone is back online (or on a timer).
  useEffect(() => {
    if (view.kind !== 'pending' && !(view.kind === 'refused' && view.reason === 'network')) return;
    const retry = () => (view.kind === 'pending' && page ? void send(rating, page) : void open());
    window.addEventListener('online', retry);
    const timer = window.setInterval(retry, RESEND_EVERY_MS);
    return () => {
      window.removeEventListener('online', retry);
      window.clearInterval(timer);
    };
  }, [view, page, rating, send, open]);

  // A new state is announced by moving focus to its heading, as a screen reader expects.
  useEffect(() => {
    if (view.kind !== 'form' && view.kind !== 'loading' && view.kind !== 'sending') heading.current?.focus();
  }, [view.kind]);

  const answer = (questionId: string, value: AnswerValue | null) => remember({ ...rating, answers: { ...rating.answers, [questionId]: value } });

  const submit = (event: Event) => {
    event.preventDefault();
    if (!page) return;
    if (!hasRatedCriterion(page.questionnaire, rating.answers)) {
      setView({ kind: 'form', problem: 'nothing-rated' });
      return;
    }
    void send(rating, page);
  };

  // Before the link is read (or when it is refused) every language is offered: the refusal is read in it too.
  const offered = page ? LINK_LANGUAGES.filter((option) => option.code === 'vi' || page.languages.includes(option.code)) : LINK_LANGUAGES;

  return (
    <div class={`dl${large ? ' large-text' : ''}`}>
      <header class="dl-bar">
        <h1 class="dl-bar__title">{t('title')}</h1>
        <div class="dl-bar__actions">
          <div class="language-switch" role="group" aria-label={t('language')}>
            {offered.map((option) => (
              <button
                key={option.code}
                type="button"
                lang={option.code}
                class="bar-toggle language-switch__option"
                aria-pressed={language === option.code}
                onClick={() => void chooseLanguage(option.code)}
              >
                {option.nativeName}
              </button>
            ))}
          </div>
          <button type="button" class="bar-toggle language-switch__option" aria-pressed={large} onClick={() => setLarge(!large)}>
            {t('largeText')}
          </button>
        </div>
      </header>
      <main class="dl-main">
        {view.kind === 'loading' ? <p class="dl-status">{t('loading')}</p> : null}
        {view.kind === 'refused' ? (
          <section class="dl-message">
            <h2 ref={heading} tabIndex={-1}>
              {t(`refused.${view.reason}.title`)}
            </h2>
            <p>{t(`refused.${view.reason}.body`)}</p>
            {view.reason === 'network' || view.reason === 'busy' || view.reason === 'unavailable' ? (
              <button type="button" class="button" onClick={() => void open()}>
                {t('refused.network.retry')}
              </button>
            ) : null}
          </section>
        ) : null}
        {view.kind === 'sent' || view.kind === 'already-rated' ? (
          <section class="dl-message">
            <h2 ref={heading} tabIndex={-1}>
              {t(view.kind === 'sent' ? 'thanks.title' : 'rated.title')}
            </h2>
            <p>{t(view.kind === 'sent' ? 'thanks.body' : 'rated.body')}</p>
          </section>
        ) : null}
        {page && (view.kind === 'form' || view.kind === 'sending' || view.kind === 'pending') ? (
          <form onSubmit={submit} noValidate>
            <section class="dl-card dl-about" aria-label={t('about.heading')}>
              <dl>
                <dt>{t('about.unit')}</dt>
                <dd>{localize(page.unit.name, language)}</dd>
                <dt>{t('about.procedure')}</dt>
                <dd>{page.procedure.name ? `${localize(page.procedure.name, language)} (${page.procedure.code})` : page.procedure.code}</dd>
                <dt>{t('about.dossier')}</dt>
                <dd class="dl-about__code">{page.dossierCode}</dd>
              </dl>
              <p class="dl-about__until">{t('about.until', { date: formatLocalDay(page.expiresOn, language) })}</p>
            </section>
            <p class="dl-intro">{t('intro')}</p>
            <LinkSurvey questionnaire={page.questionnaire} answers={rating.answers} onAnswer={answer} language={language} t={t} />
            <p class="dl-privacy">{t('privacy')}</p>
            <div class="dl-send">
              {view.kind === 'form' && view.problem ? (
                <p class="form-error" role="alert">
                  {t(view.problem === 'nothing-rated' ? 'nothingRated' : 'invalidAnswers')}
                </p>
              ) : null}
              {view.kind === 'pending' ? (
                <div class="dl-pending" role="status">
                  <h2 ref={heading} tabIndex={-1}>
                    {t('offline.title')}
                  </h2>
                  <p>{t('offline.body')}</p>
                </div>
              ) : null}
              <button type="submit" class="button button--primary button--huge" disabled={view.kind === 'sending'}>
                {view.kind === 'sending' ? t('sending') : view.kind === 'pending' ? t('offline.retry') : t('submit')}
              </button>
            </div>
          </form>
        ) : null}
      </main>
    </div>
  );
}
