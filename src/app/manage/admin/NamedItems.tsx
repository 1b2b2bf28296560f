import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
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

/**
 * A choice of one named thing (a service field, a counter), or of none under `emptyLabel`; `registration`
 * binds it to a react-hook-form field, and `children` adds options after the named ones.
 */
export function NamedItemSelect({
  label,
  emptyLabel,
  items,
  registration,
  children,
}: {
  label: string;
  emptyLabel: string;
  items: readonly { id: string; name: LocalizedText }[];
  registration: UseFormRegisterReturn;
  children?: ReactNode;
}) {
  const { i18n } = useTranslation();
  return (
    <label>
      <span>{label}</span>
      <select {...registration}>
        <option value="">{emptyLabel}</option>
        {items.map((item) => (
          <option key={item.id} value={item.id}>
            {localize(item.name, i18n.language)}
          </option>
        ))}
        {children}
      </select>
    </label>
  );
}
