import { useState } from 'react';

/**
 * A number field whose draft value changes only when what is typed is a number it accepts: what is typed
 * stays in the field meanwhile (emptied to retype, "12," on the way to "12,5"), and a value changed
 * elsewhere (the JSON, another draft) replaces it.
 */
function NumberField({
  label,
  value,
  shown,
  parse,
  onChange,
  decimal,
  unit,
}: {
  label: string;
  value: number;
  shown: string;
  parse: (typed: string) => number | null;
  onChange: (value: number) => void;
  decimal: boolean;
  unit?: string | undefined;
}) {
  const [typed, setTyped] = useState(shown);
  // The value from the draft, as last seen: a change from elsewhere replaces what was typed, during render as React advises.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (parse(typed) !== value) setTyped(shown);
  }
  const input = (
    <input
      type={decimal ? 'text' : 'number'}
      inputMode={decimal ? 'decimal' : 'numeric'}
      value={typed}
      onChange={(event) => {
        setTyped(event.target.value);
        const number = parse(event.target.value);
        if (number !== null) onChange(number);
      }}
    />
  );
  return (
    <label>
      <span>{label}</span>
      {unit ? (
        // The unit is read with the label ("… (%)"), so it is hidden here from the field's name.
        <span className="number-field">
          {input}
          <span aria-hidden="true">{unit}</span>
        </span>
      ) : (
        input
      )}
    </label>
  );
}

/** A whole number from `min`. */
export function WholeNumberField({
  label,
  value,
  min = 1,
  onChange,
}: {
  label: string;
  value: number;
  min?: number;
  onChange: (value: number) => void;
}) {
  const parse = (typed: string) => (/^\d+$/.test(typed.trim()) && Number(typed) >= min ? Number(typed) : null);
  return <NumberField label={label} value={value} shown={String(value)} parse={parse} onChange={onChange} decimal={false} />;
}

/** A decimal number from 0 to `max`, typed with a comma in Vietnamese or a point, shown in the page's language. */
export function DecimalField({
  label,
  value,
  max,
  locale,
  unit,
  onChange,
}: {
  label: string;
  value: number;
  max: number;
  locale: string;
  unit?: string;
  onChange: (value: number) => void;
}) {
  const parse = (typed: string) => {
    const normalised = typed.trim().replace(',', '.');
    if (!/^\d+(\.\d*)?$/.test(normalised)) return null;
    const number = Number(normalised);
    return number <= max ? number : null;
  };
  const shown = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(value);
  return <NumberField label={label} value={value} shown={shown} parse={parse} onChange={onChange} decimal unit={unit} />;
}
