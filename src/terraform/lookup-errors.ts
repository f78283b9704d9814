/**
 * Turns a failed plan's errors about the configuration's lookups (render/lookups.ts) into
 * configuration problems: the file and JSON pointer a user has to fix, instead of a
 * provider message about a data source they never wrote. Terraform's human error output
 * is read (the plan runs without -json, whose output is the plan text we show); each
 * diagnostic is a block starting `Error: <summary>` that names its data source on a
 * `  with <address>,` line. Errors of anything else are kept, as Terraform wrote them.
 */
import { formatProblem, type ConfigProblem } from '../config/problems.js';
import { lookupAddress, type Lookup } from '../render/lookups.js';

export interface TerraformDiagnostic {
  severity: 'Error' | 'Warning';
  summary: string;
  /** The resource or data source the diagnostic is about, when Terraform names one. */
  address?: string;
  /** The whole block as Terraform printed it. */
  text: string;
}

const HEAD = /^(Error|Warning): (.*)$/;
const WITH = /^\s+with (.+),$/m;

/** Splits Terraform's `-no-color` error output into its diagnostics; text before the first is dropped. */
export function parseDiagnostics(output: string): TerraformDiagnostic[] {
  const diagnostics: TerraformDiagnostic[] = [];
  let current: { head: RegExpExecArray; lines: string[] } | undefined;
  const flush = (): void => {
    if (!current) return;
    const text = current.lines.join('\n').trimEnd();
    const address = WITH.exec(text)?.[1];
    diagnostics.push({
      severity: current.head[1] as 'Error' | 'Warning',
      summary: current.head[2]!.trim(),
      ...(address ? { address } : {}),
      text,
    });
  };
  for (const line of output.replace(/\r\n?/g, '\n').split('\n')) {
    const head = HEAD.exec(line);
    if (head) {
      flush();
      current = { head, lines: [line] };
    } else current?.lines.push(line);
  }
  flush();
  return diagnostics;
}

/**
 * What the AWS provider (5.x) says when a data source finds nothing: `no matching EC2 VPC
 * found` (EC2), `couldn't find resource` (S3 HeadBucket 404), `empty result` (SNS topic
 * by name), or the API's own NotFound code. Anything else (AccessDenied, throttling) is a
 * failed lookup, reported with the provider's words.
 */
const NOT_FOUND =
  /no matching .+ found|couldn't find resource|empty result|NotFound|NoSuchBucket|does not exist/i;

function problemOf(lookup: Lookup, diagnostic: TerraformDiagnostic): ConfigProblem {
  const where = lookup.region ? ` in ${lookup.region}` : '';
  const message = NOT_FOUND.test(diagnostic.summary)
    ? `${lookup.what} does not exist${where} (looked up while planning)`
    : `${lookup.what} could not be looked up${where}: ${diagnostic.summary}`;
  return { file: lookup.file, pointer: lookup.pointer, message };
}

export interface ExplainedPlanError {
  /** One per failed lookup, in Terraform's order. */
  problems: ConfigProblem[];
  /** The problems as `file: pointer: message` lines, then Terraform's other errors unchanged. */
  message: string;
}

/** Undefined when no error of `output` is about one of `lookups`. */
export function explainPlanError(
  output: string,
  lookups: readonly Lookup[],
): ExplainedPlanError | undefined {
  const byAddress = new Map(lookups.map((l) => [lookupAddress(l), l]));
  const problems: ConfigProblem[] = [];
  const rest: string[] = [];
  for (const d of parseDiagnostics(output)) {
    const lookup = d.severity === 'Error' && d.address ? byAddress.get(d.address) : undefined;
    if (lookup) problems.push(problemOf(lookup, d));
    else rest.push(d.text);
  }
  if (problems.length === 0) return undefined;
  const lines = problems.map(formatProblem);
  return { problems, message: [lines.join('\n'), ...rest].join('\n\n') };
}
