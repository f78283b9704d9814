import { describe, expect, it } from 'vitest';
import {
  COMMENT_MARKER,
  isPlanComment,
  parseCommentState,
  renderComment,
} from '../../src/report/comment.js';
import {
  CHANGE_LIST_BUDGET,
  changeHash,
  renderStateLine,
  stateFromReport,
} from '../../src/review/state.js';
import {
  change,
  CONFIG_HASH,
  COMMIT,
  kinesisDestroy,
  noChanges,
  productionChanges,
  report,
} from '../report/fixtures.js';

describe('comment state', () => {
  const r = report([noChanges('global'), productionChanges(), kinesisDestroy('staging')]);
  const body = renderComment(r);

  it("round-trips commit, config hash and each root's fingerprint, status and counts", () => {
    const state = parseCommentState(body);
    expect(state).toMatchObject({ version: 2, commit: COMMIT, configHash: CONFIG_HASH });
    expect({ ...state?.roots }).toEqual({
      global: {
        fingerprint: r.roots[0]!.fingerprint,
        status: 'no-changes',
        add: 0,
        change: 0,
        destroy: 0,
      },
      production: {
        fingerprint: r.roots[1]!.fingerprint,
        status: 'changes',
        add: 1,
        change: 1,
        destroy: 0,
        changes: r.roots[1]!.changes.map((c) => `${c.action} ${c.address}`),
      },
      staging: {
        fingerprint: r.roots[2]!.fingerprint,
        status: 'changes',
        add: 1,
        change: 0,
        destroy: 2,
        changes: r.roots[2]!.changes.map((c) => `${c.action} ${c.address}`),
      },
    });
  });

  it('survives CRLF line endings (a comment edited in the browser)', () => {
    expect(parseCommentState(body.replace(/\n/g, '\r\n'))?.roots.staging?.fingerprint).toBe(
      r.roots[2]!.fingerprint,
    );
  });

  it('finds nothing for a cluster that was not planned, even one named like an Object method', () => {
    const state = parseCommentState(body);
    expect(state?.roots.constructor).toBeUndefined();
    expect(state?.roots.toString).toBeUndefined();
  });

  it('is only read from the line after the marker', () => {
    const lines = body.split('\n');
    const moved = [lines[0], 'someone added a line', ...lines.slice(1)].join('\n');
    expect(parseCommentState(moved)).toBeUndefined();
    expect(parseCommentState(`quoted:\n${body}`)).toBeUndefined();
  });

  it('rejects a tampered or malformed state', () => {
    const [marker, state] = body.split('\n');
    expect(
      parseCommentState(`${marker}\n${state!.replace('"version":2', '"version":3')}`),
    ).toBeUndefined();
    expect(
      parseCommentState(`${marker}\n${state!.replace('"status":"changes"', '"status":"applied"')}`),
    ).toBeUndefined();
    expect(
      parseCommentState(`${marker}\n${state!.replace('"add":1', '"add":"1"')}`),
    ).toBeUndefined();
    expect(
      parseCommentState(`${marker}\n<!-- streamalert-action:state {not json -->`),
    ).toBeUndefined();
    expect(
      parseCommentState(`${marker}\n${state!.replace('"changes":["', '"changes":["explode ')}`),
    ).toBeUndefined();
    expect(parseCommentState(COMMENT_MARKER)).toBeUndefined();
  });

  it('isPlanComment needs the marker as the first line', () => {
    expect(isPlanComment(body)).toBe(true);
    expect(isPlanComment(`> ${body}`)).toBe(false);
    expect(isPlanComment(`${COMMENT_MARKER}x`)).toBe(false);
  });

  it('reads a version 1 comment (written before change lists) as fingerprint-only', () => {
    // A line as version 1 wrote it: no change lists.
    const v1 =
      `${COMMENT_MARKER}\n<!\u002d\u002d streamalert-action:state ` +
      `{"version":1,"commit":"${COMMIT}","configHash":"${CONFIG_HASH}","roots":{"production":` +
      `{"fingerprint":"${r.roots[1]!.fingerprint}","status":"changes","add":1,"change":1,"destroy":0}}} -->\nplan`;
    const state = parseCommentState(v1.replace('<!\\u002d\\u002d', '<!--'));
    expect(state?.version).toBe(1);
    expect({ ...state?.roots }).toEqual({
      production: {
        fingerprint: r.roots[1]!.fingerprint,
        status: 'changes',
        add: 1,
        change: 1,
        destroy: 0,
      },
    });
    // A list smuggled into a version 1 line is not trusted.
    const smuggled = v1
      .replace('<!\\u002d\\u002d', '<!--')
      .replace('"destroy":0}', '"destroy":0,"changes":["create a.b"]}');
    expect(parseCommentState(smuggled)?.roots.production?.changes).toBeUndefined();
  });

  it('keeps big change lists as short hashes within the budget, smallest roots first', () => {
    const many = (root: string, n: number) => ({
      ...productionChanges(),
      root,
      fingerprint: root,
      changes: Array.from({ length: n }, (_, i) =>
        change(`module.m.aws_iam_role.role_with_a_long_name_${root}_${i}`, 'create'),
      ),
    });
    // ~1,000 addresses of ~60 characters: far past the budget as text.
    const big = report([noChanges('global'), many('a', 100), many('b', 900), many('c', 3_000)]);
    const state = stateFromReport(big);
    expect(state.roots.a?.changes).toBeUndefined();
    expect(state.roots.a?.changeHashes).toBe(big.roots[1]!.changes.map(changeHash).join(''));
    expect(state.roots.b?.changeHashes).toHaveLength(900 * 8);
    // 3,000 hashes (24,000 characters) do not fit: that root stays fingerprint-only.
    expect(state.roots.c?.changeHashes).toBeUndefined();
    expect(state.roots.c?.fingerprint).toBe('c');
    expect(renderStateLine(state).length).toBeLessThan(CHANGE_LIST_BUDGET + 2_000);
    // And they survive the comment.
    expect(
      parseCommentState(`${COMMENT_MARKER}\n${renderStateLine(state)}`)?.roots.b?.changeHashes,
    ).toBe(state.roots.b?.changeHashes);
  });
});
