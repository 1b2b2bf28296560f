/**
 * Scripts whose name is drawn from a picture of it, so the language picker reads right before (and
 * without) downloading that script's font; the picture is a mask painted in the text colour.
 */
const PICTURED_NAMES = new Set(['km']);

/** A language's name in its own script, as the picker and the staff settings show it. */
export function LanguageName({ code, nativeName }: { code: string; nativeName: string }) {
  if (!PICTURED_NAMES.has(code)) return <span lang={code}>{nativeName}</span>;
  return (
    <span lang={code} className="language-name">
      <span className="visually-hidden">{nativeName}</span>
      <span className={`language-name__picture language-name__picture--${code}`} aria-hidden="true" />
    </span>
  );
}
