import { describe, expect, it } from 'vitest';
import { bundled } from './factories.ts';
import { composeResponse, dossierCodeFromQr, dossierCodeMatches, procedureCodeFromQr, surveyScreens } from '../../../src/domain/survey-flow.ts';
import { DOSSIER_CODE_FORMATS, dossierCodeFormatOf } from '../../../src/domain/dossier-code-formats.ts';

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

describe('procedures', () => {
  it('reads the procedure code from a receipt link that carries one, and nothing from a bare code', () => {
    expect(procedureCodeFromQr('https://dichvucong.example.gov.vn/tra-cuu?maHoSo=H12.34-261122-0042&maTTHC=1.001193')).toBe('1.001193');
    expect(procedureCodeFromQr('https://portal.example.vn/ho-so?ma_thu_tuc=2.000815')).toBe('2.000815');
    expect(procedureCodeFromQr('https://portal.example.vn/ho-so/000.00.12.H56-261122-0007')).toBeNull();
    expect(procedureCodeFromQr('H12.34-261122-0042')).toBeNull();
  });

  it('puts the procedure screen right after the service field, and the procedure into the record', () => {
    const sipas = bundled('sipas');
    const screens = surveyScreens(sipas, { askServiceField: true, askProcedure: true, askDossierCode: true }).map((screen) => screen.kind);
    expect(screens.slice(0, 4)).toEqual(['service-field', 'procedure', 'dossier-code', 'element']);
    expect(surveyScreens(sipas, { askServiceField: true, askProcedure: false, askDossierCode: false }).map((screen) => screen.kind)).not.toContain(
      'procedure',
    );
    const context = { id: 'r', deviceId: 'd', unitId: 'u', counterId: null, locale: 'vi', questionnaire: sipas, channel: 'kiosk' as const };
    const draft = {
      serviceFieldId: 'ho-tich',
      procedureId: '1.001193',
      answers: {},
      dossierCode: null,
      startedAt: new Date('2026-11-23T01:00:00.000Z'),
      screenDurationsMs: {},
    };
    expect(composeResponse(context, draft, new Date('2026-11-23T01:05:00.000Z'), true).procedureId).toBe('1.001193');
  });
});

describe('dossier code formats', () => {
  it('each listed format accepts its own example, and a stored expression reads back as its format', () => {
    for (const format of DOSSIER_CODE_FORMATS) {
      expect(dossierCodeMatches(format.example, format.pattern), format.id).toBe(true);
      expect(dossierCodeFormatOf(format.pattern)).toBe(format.id);
    }
    expect(dossierCodeMatches('H12.34-261122-0042', DOSSIER_CODE_FORMATS[1].pattern)).toBe(true);
    expect(dossierCodeMatches('H12.34 261122', DOSSIER_CODE_FORMATS[1].pattern)).toBe(false);
    expect(dossierCodeFormatOf('^[A-Z]{2}\\d+$')).toBe('custom');
  });
});
