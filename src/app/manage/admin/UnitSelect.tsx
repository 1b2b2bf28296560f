import { useTranslation } from 'react-i18next';
import { localize } from '../../../domain/localize.ts';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import { unitOptions } from '../report/unit-options.ts';

interface UnitSelectProps {
  tree: UnitTreeReply;
  label: string;
  value: string;
  onChange: (unitId: string) => void;
  /** Adds a first option with this label and the value ''. */
  emptyLabel?: string;
}

const INDENT = '\u00a0\u00a0\u00a0';

/** A unit picker in tree order, indented by depth. */
export function UnitSelect({ tree, label, value, onChange, emptyLabel }: UnitSelectProps) {
  const { i18n } = useTranslation();
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {unitOptions(tree.units, tree.rootIds).map(({ unit, depth }) => (
          <option key={unit.id} value={unit.id}>
            {INDENT.repeat(depth) + localize(unit.name, i18n.language)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The unit's name for tables, or its id when it is not in the tree the account reads. */
export function unitName(tree: UnitTreeReply, unitId: string, language: string): string {
  const unit = tree.units.find((candidate) => candidate.id === unitId);
  return unit ? localize(unit.name, language) : unitId;
}
