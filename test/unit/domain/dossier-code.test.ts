import { describe, expect, it } from 'vitest';
import { dossierCodeFromQr, dossierCodeMatches } from '../../../src/domain/survey-flow.ts';

describe('dossier codes', () => {
  it('reads the code from a portal look-up link in the receipt QR, or takes a bare code as it is', () => {
    expect(dossierCodeFromQr('https://dichvucong.example.gov.vn/tra-cuu?maHoSo=H12.34-261122-0042')).toBe('H12.34-261122-0042');
    expect(dossierCodeFromQr('https://portal.example.vn/ho-so/000.00.12.H56-261122-0007')).toBe('000.00.12.H56-261122-0007');
    expect(dossierCodeFromQr('  H12.34-261122-0042 \n')).toBe('H12.34-261122-0042');
  });

  it('checks a typed code against the whole of the unit pattern', () => {
    expect(dossierCodeMatches('H12-000001', '^[A-Z0-9.-]{6,40}$')).toBe(true);
    expect(dossierCodeMatches('xH12-000001', '[A-Z0-9.-]{6,40}')).toBe(false);
    expect(dossierCodeMatches('mã sai!', '^[A-Z0-9.-]{6,40}$')).toBe(false);
    expect(dossierCodeMatches('anything', '([')).toBe(false);
  });
});
