import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { createSecretReader, secretField, secretObject } from '../../../functions/notify/secrets';

const sm = mockClient(SecretsManagerClient);

describe('createSecretReader', () => {
  beforeEach(() => sm.reset());

  it('reads through Powertools with caching: one GetSecretValue for repeated reads', async () => {
    // Arrange
    sm.on(GetSecretValueCommand, { SecretId: 'slack/bot' }).resolves({ SecretString: '{"token":"xoxb-1"}' });
    const read = createSecretReader({ client: new SecretsManagerClient({ region: 'eu-west-1' }) });
    // Act
    const values = [await read('slack/bot'), await read('slack/bot')];
    // Assert
    expect(values).toEqual(['{"token":"xoxb-1"}', '{"token":"xoxb-1"}']);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });
});

describe('secretField / secretObject', () => {
  it.each([
    ['plain value', 'xoxb-1', 'xoxb-1'],
    ['JSON field', '{"token":"xoxb-2"}', 'xoxb-2'],
    ['alternative field', '{"botToken":"xoxb-3"}', 'xoxb-3'],
  ])('reads a %s', (_name, raw, expected) => {
    expect(secretField(raw, 'id', 'token', 'botToken')).toBe(expected);
  });

  it.each([
    ['', 'secret id is empty'],
    ['{"other":"x"}', 'secret id has no token or botToken field'],
    ['{bad json', 'secret id is not valid JSON'],
  ])('rejects %p with a reason that names the secret, not its value', (raw, message) => {
    expect(() => secretField(raw, 'id', 'token', 'botToken')).toThrow(message);
  });

  it('keeps only string fields of a JSON object', () => {
    expect(secretObject('{"url":"https://x","hmacKey":"k","n":1}', 'id')).toEqual({ url: 'https://x', hmacKey: 'k' });
  });
});
