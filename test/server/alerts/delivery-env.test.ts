import { describe, expect, it } from 'vitest';
import { DeliverySettingInvalid, deliverySettingsFrom } from '../../../src/server/alerts/delivery-env.ts';

describe('delivery settings from the environment', () => {
  it('configure nothing by default, the relay and the webhook when set, and refuse what cannot work', () => {
    expect(deliverySettingsFrom({})).toEqual({ smtp: null, webhook: null });
    expect(
      deliverySettingsFrom({
        SMTP_HOST: 'smtp.tinh.gov.vn',
        SMTP_PORT: '465',
        SMTP_SECURE: 'true',
        SMTP_USER: 'sipas',
        SMTP_PASSWORD: 'p',
        SMTP_FROM: 'SIPAS <sipas@tinh.gov.vn>',
        ALERT_WEBHOOK_URL: 'https://portal.tinh.gov.vn/hook',
        ALERT_WEBHOOK_SECRET: '0123456789abcdef',
      }),
    ).toEqual({
      smtp: { host: 'smtp.tinh.gov.vn', port: 465, secure: true, user: 'sipas', password: 'p', from: 'SIPAS <sipas@tinh.gov.vn>' },
      webhook: { url: 'https://portal.tinh.gov.vn/hook', secret: '0123456789abcdef' },
    });
    expect(() => deliverySettingsFrom({ SMTP_HOST: 'smtp.tinh.gov.vn' })).toThrow(DeliverySettingInvalid);
    expect(() => deliverySettingsFrom({ SMTP_HOST: 'h', SMTP_FROM: 'a@b', SMTP_PORT: '99999' })).toThrow(/SMTP_PORT/);
    expect(() => deliverySettingsFrom({ ALERT_WEBHOOK_URL: 'https://x.example/hook', ALERT_WEBHOOK_SECRET: 'short' })).toThrow(
      /ALERT_WEBHOOK_SECRET/,
    );
    expect(() => deliverySettingsFrom({ ALERT_WEBHOOK_URL: 'ftp://x.example', ALERT_WEBHOOK_SECRET: '0123456789abcdef' })).toThrow(
      /ALERT_WEBHOOK_URL/,
    );
  });
});
