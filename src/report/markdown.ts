/**
 * Small escaping helpers for GitHub-flavoured Markdown. Everything that reaches the comment
 * from a plan (addresses, cluster names, messages) is untrusted text: it must render as
 * itself and never open a tag, a code span or a table cell of its own.
 */

/** Escapes text for use inside HTML (the `<summary>` line). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * A code span showing `text` literally, whatever backticks it holds: the delimiter is one
 * backtick longer than the longest run inside (CommonMark's rule), padded with a space
 * when the text starts or ends with a backtick.
 */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/**
 * A code span for a table cell. GFM splits table rows on `|` before it parses code spans,
 * so a pipe must be escaped even inside one.
 */
export function cellCode(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|');
}

/**
 * The opening/closing fence for a code block holding `text`: at least three backticks and
 * always longer than any backtick run in the text, so a plan that itself contains ``` (a
 * heredoc with Markdown in it, say) cannot close the block early.
 */
export function fenceFor(text: string): string {
  return '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
