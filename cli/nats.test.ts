/** A NATS the CLI cannot reach is named, with what to set: not a bare "connection refused". */
import { freePort } from '../runtime/free-port';
import { connectNats, DEFAULT_NATS_URL, natsUrl } from './nats';

test('without NATS_URL the CLI uses the embedded stack\'s NATS; an empty one counts as unset', () => {
  expect(natsUrl({})).toBe(DEFAULT_NATS_URL);
  expect(natsUrl({ NATS_URL: '' })).toBe(DEFAULT_NATS_URL);
  expect(natsUrl({ NATS_URL: 'nats://nats.internal:4222' })).toBe('nats://nats.internal:4222');
});

test('a NATS that does not answer is named, with where its address came from and what to set', async () => {
  const url = `nats://127.0.0.1:${await freePort()}`;
  await expect(connectNats(url, 'test', {})).rejects.toThrow(
    new RegExp(`^cannot reach NATS at ${url} \\(no NATS_URL set, so the embedded stack's default ${DEFAULT_NATS_URL}\\): .+\\. Start the stack \\(bash scripts/stack.sh\\), or set NATS_URL`),
  );
  await expect(connectNats(url, 'test', { NATS_URL: url })).rejects.toThrow(`cannot reach NATS at ${url} (NATS_URL=${url})`);
});
