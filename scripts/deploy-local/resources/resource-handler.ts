/**
 * One handler per CloudFormation resource type: how to read a deployed resource back in the
 * template's property shape, what its Ref and Fn::GetAtt return, and, where the emulator's
 * CloudFormation skips the type or drops properties, how to create or repair it through the
 * service's own API from the template. A type without a handler is reported "not verified".
 */

export type Properties = Readonly<Record<string, unknown>>;

export interface ResourceContext {
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
  /** SDK client settings: the emulator's endpoint, region and dummy credentials. */
  readonly clientConfig: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  };
  /** The physical id of another resource of the stack (after creation of the skipped ones). */
  physicalId(logicalId: string): string | undefined;
  /** A name for a resource the template leaves unnamed, as CloudFormation would make it. */
  generatedName(logicalId: string, maxLength?: number): string;
}

export interface ResourceHandler {
  /** Ref of the resource, when it is not its physical id. */
  ref?(physicalId: string, context: ResourceContext): string;
  /** Fn::GetAtt values. */
  attributes?(physicalId: string, context: ResourceContext): Readonly<Record<string, string>>;
  /**
   * Creates the resource from its (resolved) template properties when the emulator's
   * CloudFormation skipped it. Returns the physical id. Absent: the emulator always creates it.
   */
  create?(logicalId: string, properties: Properties, context: ResourceContext): Promise<string>;
  /** Deletes what `create` made (cdk destroy does not know it). */
  remove?(physicalId: string, properties: Properties, context: ResourceContext): Promise<void>;
  /**
   * Sets template properties the emulator's CloudFormation dropped (an emulator gap, never a
   * difference of the template). Returns the names of the properties it set.
   */
  repair?(physicalId: string, properties: Properties, context: ResourceContext): Promise<readonly string[]>;
  /**
   * The deployed resource in the template's property shape: every property it can read back.
   * `properties` (resolved) tells it which optional parts to look for.
   */
  read(physicalId: string, properties: Properties, context: ResourceContext): Promise<Properties>;
  /** Template defaults of properties `read` returns but a template may leave out. */
  readonly defaults?: Properties;
  /**
   * Properties the pinned emulator can neither store nor return, with the reason: the rehearsal
   * cannot verify them and says so (an emulator gap), instead of reporting a false mismatch.
   */
  readonly emulatorLimits?: Readonly<Record<string, string>>;
}
