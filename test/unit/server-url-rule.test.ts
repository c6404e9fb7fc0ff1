// The extension's one server URL rule, alone and as the configuration resolution applies it to every source.
import { describe, expect, it } from 'vitest';
import { resolveConfig, serverUrlProblem } from '../../extension/lib/config-resolution';
import { SERVER_URL_CASES, SERVER_URL_REFUSAL } from '../extension/server-url-cases';

describe('server URL rule', () => {
  it.each(SERVER_URL_CASES)('%s accepted: %s', (value, accepted) => {
    expect(serverUrlProblem(value)).toBe(accepted ? null : SERVER_URL_REFUSAL);
  });

  it.each(SERVER_URL_CASES)('typed on the options page, %s is used: %s', (value, accepted) => {
    const config = resolveConfig({ policy: {}, options: { serverUrl: value }, profileEmail: null });
    expect(config.sources.serverUrl).toBe(accepted ? 'options' : 'missing');
    expect(config.problems).toEqual(accepted ? [] : [`Options serverUrl ${SERVER_URL_REFUSAL}; it is ignored.`]);
  });

  it.each(SERVER_URL_CASES)('set by policy, %s is used: %s', (value, accepted) => {
    const config = resolveConfig({ policy: { serverUrl: value }, options: {}, profileEmail: null });
    expect(config.sources.serverUrl).toBe(accepted ? 'policy' : 'missing');
    expect(config.problems).toHaveLength(accepted ? 0 : 1);
  });
});
