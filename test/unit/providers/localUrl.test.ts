// isLocalBaseUrl: loopback and private-network literals are local; names and public addresses are not.

import { strict as assert } from 'node:assert';
import { isLocalBaseUrl, isLoopbackUrl } from '../../../src/providers/localUrl';

describe('isLocalBaseUrl', () => {
  const cases: [string, boolean][] = [
    ['http://127.0.0.1:11434', true],
    ['http://127.5.6.7', true],
    ['http://localhost:11434', true],
    ['http://LOCALHOST.:11434', true],
    ['http://ollama.localhost', true],
    ['http://[::1]:11434', true],
    ['http://[::ffff:127.0.0.1]:11434', true],
    ['http://10.0.0.5:11434', true],
    ['http://172.16.0.1', true],
    ['http://172.32.0.1', false],
    ['http://192.168.1.20:11434', true],
    ['http://169.254.1.1', true],
    ['http://[fd12:3456::1]', true],
    ['http://[fe80::1]', true],
    ['http://[2001:db8::1]', false],
    ['http://8.8.8.8', false],
    ['https://ollama.com', false],
    ['http://gpu-box.lan:11434', false],
    ['not a url', false],
  ];
  for (const [url, expected] of cases) {
    it(`${url} → ${expected}`, () => assert.equal(isLocalBaseUrl(url), expected));
  }
});

describe('isLoopbackUrl', () => {
  const cases: [string, boolean][] = [
    ['http://127.0.0.1:11434', true],
    ['http://127.1.2.3', true],
    ['http://localhost:11434', true],
    ['http://LOCALHOST.', true],
    ['http://[::1]:11434', true],
    ['http://192.168.1.20:11434', false],
    ['http://10.0.0.5', false],
    ['http://[fd12:3456::1]', false],
    ['http://127.0.0.1.example.com', false],
    ['not a url', false],
  ];
  for (const [url, expected] of cases) {
    it(`${url} → ${expected}`, () => assert.equal(isLoopbackUrl(url), expected));
  }
});
