/** Reads what `cdk deploy` deployed from its cloud assembly: the stack's template and its assets. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Condition?: string;
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

export interface StackTemplate {
  readonly Resources: Readonly<Record<string, TemplateResource>>;
  readonly Conditions?: Readonly<Record<string, unknown>>;
}

interface Manifest {
  readonly artifacts: Readonly<
    Record<
      string,
      { readonly type: string; readonly properties?: { readonly templateFile?: string; readonly stackName?: string } }
    >
  >;
}

export interface DeployedStack {
  readonly stackName: string;
  readonly templateFile: string;
  readonly template: StackTemplate;
}

/** The (single) stack of the assembly in `outdir`. */
export function readStack(outdir: string): DeployedStack {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const stacks = Object.entries(manifest.artifacts).filter(
    ([, artifact]) => artifact.type === 'aws:cloudformation:stack',
  );
  if (stacks.length !== 1) throw new Error(`expected one stack in ${outdir}, found ${stacks.length}`);
  const [[id, artifact]] = stacks as [[string, (typeof stacks)[number][1]]];
  const templateFile = join(outdir, artifact.properties?.templateFile ?? `${id}.template.json`);
  return {
    stackName: artifact.properties?.stackName ?? id,
    templateFile,
    template: JSON.parse(readFileSync(templateFile, 'utf8')) as StackTemplate,
  };
}

/** The bundled code directory of a Lambda function resource (CDK records it as aws:asset:path). */
export function functionAssetDir(outdir: string, resource: TemplateResource): string {
  const assetPath = resource.Metadata?.['aws:asset:path'];
  if (typeof assetPath !== 'string') throw new Error('the function resource has no aws:asset:path metadata');
  const dir = join(outdir, assetPath);
  if (!existsSync(join(dir, 'index.js'))) throw new Error(`no bundled index.js in ${dir}`);
  return dir;
}
