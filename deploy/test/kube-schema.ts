import path from 'node:path';
import ts from 'typescript';
import type { KubeObject } from './support';

// Validation of Kubernetes objects without a cluster, from the official OpenAPI schemas as packaged by
// kubernetes-models (Kubernetes 1.27): its generated validators check types, formats, enums and required fields;
// TypeScript's excess-property check against its generated interfaces catches unknown fields (a misspelt
// `readinesProbe` would otherwise pass, and a cluster would refuse the apply).

/** `apps/v1` + `Deployment` -> `kubernetes-models/apps/v1/Deployment` (core objects: `kubernetes-models/v1/...`). */
export function modelModule(object: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  return `kubernetes-models/${object.apiVersion}/${object.kind}`;
}

interface Model {
  validate(): void;
}

/** Schema problems of one object (empty when valid), by kubernetes-models' validator for its apiVersion and kind. */
export async function schemaProblems(object: KubeObject): Promise<string[]> {
  let module: Record<string, new (data: unknown) => Model>;
  try {
    module = (await import(modelModule(object))) as Record<string, new (data: unknown) => Model>;
  } catch {
    return [`no schema for ${object.apiVersion} ${object.kind}`];
  }
  const ModelClass = module[object.kind];
  if (!ModelClass) return [`no schema for ${object.apiVersion} ${object.kind}`];
  try {
    new ModelClass(object).validate();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/**
 * Unknown or mistyped fields in any of the objects, as `<label>: <TypeScript's message>`: each object becomes a
 * typed constant in one in-memory TypeScript file, checked against kubernetes-models' interface for its kind.
 */
export function typeProblems(objects: { label: string; object: KubeObject }[]): string[] {
  const fileName = path.join(__dirname, '__manifests__.ts');
  const lines: string[] = [];
  const labels: { line: number; label: string }[] = [];
  objects.forEach(({ label, object }, index) => {
    labels.push({ line: lines.length, label });
    lines.push(`import type { I${object.kind} as T${index} } from '${modelModule(object)}';`);
    lines.push(`export const o${index}: T${index} = ${JSON.stringify(object)};`);
  });
  const source = lines.join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  host.readFile = (name) => (name === fileName ? source : readFile(name));
  host.getSourceFile = (name, language, onError, create) =>
    name === fileName ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, onError, create);
  const program = ts.createProgram([fileName], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    if (diagnostic.file?.fileName !== fileName || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const owner = [...labels].reverse().find((entry) => entry.line <= line);
    return `${owner?.label ?? 'manifest'}: ${message}`;
  });
}
