/**
 * GREENLIGHT_TRUST_PROXY (contracts/config.ts): the proxy's addresses or networks become
 * Fastify's trustProxy list; a setting that would believe every client's X-Forwarded-* headers
 * is refused with a message that says what to write instead.
 */
import { ConfigError, loadConfig } from './config';

test('the proxy is named by its addresses or networks, comma-separated', () => {
  expect(loadConfig({}).GREENLIGHT_TRUST_PROXY).toBeUndefined();
  expect(loadConfig({ GREENLIGHT_TRUST_PROXY: '127.0.0.1' }).GREENLIGHT_TRUST_PROXY).toEqual(['127.0.0.1']);
  expect(loadConfig({ GREENLIGHT_TRUST_PROXY: '10.0.0.0/8, ::1,loopback' }).GREENLIGHT_TRUST_PROXY).toEqual(['10.0.0.0/8', '::1', 'loopback']);
});

test.each(['true', '1', 'anyone at all', '10.0.0.1;rm'])('%j is refused: it would believe everyone, or is no address', (value) => {
  expect(() => loadConfig({ GREENLIGHT_TRUST_PROXY: value })).toThrow(ConfigError);
  expect(() => loadConfig({ GREENLIGHT_TRUST_PROXY: value })).toThrow(/GREENLIGHT_TRUST_PROXY/);
});
