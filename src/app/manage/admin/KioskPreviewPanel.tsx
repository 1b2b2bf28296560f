import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE } from '../../../domain/localize.ts';
import { questionnaireSchema } from '../../../domain/questionnaire.ts';
import { isKioskPreviewReady, KIOSK_PREVIEW_PATH, type KioskPreviewMessage } from '../../ui/kiosk-preview-message.ts';

/** The screens the kiosk and the dossier link are used on (the sizes the kiosk is tested at). */
const PREVIEW_SIZES = [
  { id: 'tablet', width: 1280, height: 800 },
  { id: 'tabletPortrait', width: 800, height: 1280 },
  { id: 'phone', width: 390, height: 844 },
] as const;
type PreviewSize = (typeof PREVIEW_SIZES)[number];

/** The preview takes at most this share of the window's height, so the form beside it stays in reach. */
const MOST_OF_WINDOW_HEIGHT = 0.75;

/**
 * The kiosk's own screens for the draft, live: a frame of the real kiosk page at a tablet's or a phone's
 * size, scaled to fit, in the language being edited. Every change that leaves the draft a valid
 * questionnaire is shown at once; while it is not, the last valid one stays and the panel says why.
 */
export function KioskPreviewPanel({ draft, locale }: { draft: unknown; locale: string }) {
  const { t } = useTranslation();
  const [size, setSize] = useState<PreviewSize>(PREVIEW_SIZES[0]);
  const frame = useRef<HTMLIFrameElement>(null);
  const panel = useRef<HTMLElement>(null);
  const [room, setRoom] = useState({ width: 0, height: 0 });
  // The editor has read the JSON already; this checks the draft it read against the schema.
  const checked = useMemo(() => questionnaireSchema.safeParse(draft), [draft]);
  const message = useMemo<KioskPreviewMessage | null>(() => {
    if (!checked.success) return null;
    const shownLocale = locale in checked.data.locales ? locale : DEFAULT_LOCALE;
    return { type: 'sipas:kiosk-preview', questionnaire: checked.data, locale: shownLocale };
  }, [checked, locale]);

  // The last valid draft, which the frame keeps showing while the draft is not one.
  const shown = useRef<KioskPreviewMessage | null>(null);
  useEffect(() => {
    if (!message) return;
    shown.current = message;
    frame.current?.contentWindow?.postMessage(message, window.location.origin);
  }, [message]);
  useEffect(() => {
    // A draft posted before the frame's page listened is lost: the page says when it listens.
    const onReady = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || event.source !== frame.current?.contentWindow || !isKioskPreviewReady(event.data)) return;
      if (shown.current) frame.current.contentWindow?.postMessage(shown.current, window.location.origin);
    };
    window.addEventListener('message', onReady);
    return () => window.removeEventListener('message', onReady);
  }, []);

  useEffect(() => {
    const element = panel.current;
    if (!element) return;
    const measure = () => setRoom({ width: element.clientWidth, height: window.innerHeight * MOST_OF_WINDOW_HEIGHT });
    measure();
    // The panel's width follows the window's (the editor's layout has no other moving part).
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  const scale = room.width > 0 ? Math.min(1, room.width / size.width, room.height / size.height) : 0;
  const sizeName = (option: PreviewSize) => t(`manage.editor.preview.sizes.${option.id}`, { width: option.width, height: option.height });
  return (
    <section ref={panel} className="kiosk-preview" aria-labelledby="kiosk-preview-title">
      <h3 id="kiosk-preview-title">{t('manage.editor.preview.title')}</h3>
      <div className="kiosk-preview__sizes" role="group" aria-label={t('manage.editor.preview.size')}>
        {PREVIEW_SIZES.map((option) => (
          <button key={option.id} type="button" className="manage-button" aria-pressed={option.id === size.id} onClick={() => setSize(option)}>
            {sizeName(option)}
          </button>
        ))}
      </div>
      <p className="note">{t('manage.editor.preview.hint')}</p>
      {!checked.success && (
        <p role="status" className="editor-warning">
          {t('manage.editor.preview.invalid')}
        </p>
      )}
      <div className="kiosk-preview__box" style={{ width: size.width * scale, height: size.height * scale }}>
        <iframe
          ref={frame}
          src={KIOSK_PREVIEW_PATH}
          title={t('manage.editor.preview.frame', { size: sizeName(size) })}
          width={size.width}
          height={size.height}
          style={{ transform: `scale(${scale})` }}
        />
      </div>
    </section>
  );
}
