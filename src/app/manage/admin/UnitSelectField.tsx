import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import type { UnitTreeReply } from '../../../domain/manage-api.ts';
import { FieldMessage } from './form-parts.tsx';
import { UnitSelect } from './UnitSelect.tsx';

interface UnitSelectFieldProps<Values extends FieldValues> {
  tree: UnitTreeReply;
  control: Control<Values>;
  name: Path<Values>;
  label: string;
  emptyLabel?: string;
  onPicked?: (unitId: string) => void;
}

/** The unit picker as a react-hook-form field, with what the schema finds wrong with the choice. */
export function UnitSelectField<Values extends FieldValues>({ tree, control, name, label, emptyLabel, onPicked }: UnitSelectFieldProps<Values>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <>
          <UnitSelect
            tree={tree}
            label={label}
            value={String(field.value ?? '')}
            emptyLabel={emptyLabel}
            onChange={(unitId) => {
              field.onChange(unitId);
              onPicked?.(unitId);
            }}
          />
          <FieldMessage error={fieldState.error} />
        </>
      )}
    />
  );
}
