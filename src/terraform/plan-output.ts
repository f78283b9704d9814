/**
 * The human plan text, taken from the output of `terraform plan -out=<file>` itself, so
 * no second `terraform show` (which starts the provider again) is needed. With the
 * progress lines taken out, that output is exactly what `terraform show -no-color <file>`
 * prints, plus any warnings Terraform reported while planning (which `show` would lose).
 */

/**
 * Progress lines Terraform (and OpenTofu) print while refreshing and reading data
 * sources: `<address>: Reading...`, `<address>: Refreshing state... [id=...]`, and so on.
 * They start at column 0 with a resource address (`module.x.aws_y.z["k"]: Reading...`); the
 * plan's own lines are indented, or start with a plain word (`Plan: 1 to add`, `Warning:`).
 */
const PROGRESS =
  /^[A-Za-z_][\w-]*\.\S.*?: (?:Refreshing state\.\.\.|Refreshing\.\.\.|Reading\.\.\.|Still reading\.\.\.|Read complete after |Preparing import\.\.\.|Importing\.\.\.|Import prepared!|Import complete|Opening\.\.\.|Still opening\.\.\.|Opening complete|Closing\.\.\.|Closing complete|Renewing\.\.\.|Renewal complete)/;

/**
 * Printed only when taking the state lock takes more than a moment (a busy backend, a slow
 * machine): timing, not plan, so the same plan must not read differently because of it.
 */
const LOCKING = /^(?:Acquiring|Releasing) state lock\. This may take a few moments\.\.\.$/;

/** The footer Terraform prints after saving a plan outside of automation (TF_IN_AUTOMATION unset). */
const SAVED = /^Saved the plan to: /;

export function planTextFromPlanOutput(stdout: string): string {
  const lines = stdout.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    if (SAVED.test(line)) {
      // Drop the footer and the rule Terraform draws above it.
      while (kept.length > 0 && /^[─-]*\s*$/.test(kept[kept.length - 1]!)) kept.pop();
      break;
    }
    if (PROGRESS.test(line) || LOCKING.test(line)) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[0]!.trim() === '') kept.shift();
  while (kept.length > 0 && kept[kept.length - 1]!.trim() === '') kept.pop();
  return kept.join('\n');
}
