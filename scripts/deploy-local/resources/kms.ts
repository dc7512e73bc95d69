/** AWS::KMS::Key: created by the emulator's CloudFormation; read back with its policy and rotation. */
import { DescribeKeyCommand, GetKeyPolicyCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import type { ResourceHandler } from './resource-handler';

export const key: ResourceHandler = {
  attributes: (id, context) => ({ Arn: `arn:aws:kms:${context.region}:${context.account}:key/${id}`, KeyId: id }),
  async read(id, properties, context) {
    const kms = new KMSClient(context.clientConfig);
    const deployed: Record<string, unknown> = {};
    // DescribeKey answers HTTP 500 on the pinned emulator for keys its CloudFormation created
    // (see emulatorLimits); on any other emulator or on AWS the metadata is compared.
    const described = await kms.send(new DescribeKeyCommand({ KeyId: id })).catch(() => undefined);
    if (described?.KeyMetadata !== undefined) {
      const metadata = described.KeyMetadata;
      Object.assign(deployed, {
        Description: metadata.Description,
        Enabled: metadata.Enabled,
        KeyUsage: metadata.KeyUsage,
        KeySpec: metadata.KeySpec,
      });
    }
    const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: id }));
    deployed['EnableKeyRotation'] = rotation.KeyRotationEnabled;
    const policy = await kms.send(new GetKeyPolicyCommand({ KeyId: id, PolicyName: 'default' }));
    // The emulator answers the policy as a JSON object instead of a JSON string.
    const text: unknown = policy.Policy;
    deployed['KeyPolicy'] = typeof text === 'string' ? (JSON.parse(text) as unknown) : text;
    return deployed;
  },
  defaults: {
    Description: '',
    Enabled: true,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EnableKeyRotation: false,
  },
  emulatorLimits: {
    Description: 'DescribeKey answers HTTP 500 for keys its CloudFormation created (also Enabled, KeyUsage, KeySpec)',
  },
};
