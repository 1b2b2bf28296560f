import { useTranslation } from 'react-i18next';
import { localize, type LocalizedText } from '../../../domain/localize.ts';

/** Things an administrator names (counters, service fields, procedures) as "name (id)", the name in the reader's language. */
export function NamedItemList({ items, emptyNote }: { items: readonly { id: string; name: LocalizedText }[]; emptyNote?: string }) {
  const { i18n } = useTranslation();
  return (
    <ul>
      {items.length === 0 && emptyNote !== undefined && <li className="note">{emptyNote}</li>}
      {items.map((item) => (
        <li key={item.id}>
          {localize(item.name, i18n.language)} (<code>{item.id}</code>)
        </li>
      ))}
    </ul>
  );
}
