/**
 * Kinds of unit administrators choose from (stored as these codes; labels in the manage i18n files under
 * `unitKinds`). Since 1 July 2025 local government has two levels (province, commune/ward/special zone);
 * `district` stays for trees recorded before then. A kind outside the list (e.g. from a CSV import) is kept.
 */
export const UNIT_KINDS = [
  'province',
  'agency',
  'district',
  'commune',
  'ward',
  'special-zone',
  'service-centre',
  'counter-group',
  'hospital',
  'school',
] as const;
