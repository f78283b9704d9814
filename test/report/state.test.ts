import { describe, expect, it } from 'vitest';
import {
  COMMENT_MARKER,
  isPlanComment,
  parseCommentState,
  renderComment,
} from '../../src/report/comment.js';
import {
  CONFIG_HASH,
  COMMIT,
  kinesisDestroy,
  noChanges,
  productionChanges,
  report,
} from './fixtures.js';

describe('comment state', () => {
  const r = report([noChanges('global'), productionChanges(), kinesisDestroy('staging')]);
  const body = renderComment(r);

  it("round-trips commit, config hash and each root's fingerprint, status and counts", () => {
    const state = parseCommentState(body);
    expect(state).toMatchObject({ version: 1, commit: COMMIT, configHash: CONFIG_HASH });
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
      },
      staging: {
        fingerprint: r.roots[2]!.fingerprint,
        status: 'changes',
        add: 1,
        change: 0,
        destroy: 2,
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
      parseCommentState(`${marker}\n${state!.replace('"version":1', '"version":2')}`),
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
    expect(parseCommentState(COMMENT_MARKER)).toBeUndefined();
  });

  it('isPlanComment needs the marker as the first line', () => {
    expect(isPlanComment(body)).toBe(true);
    expect(isPlanComment(`> ${body}`)).toBe(false);
    expect(isPlanComment(`${COMMENT_MARKER}x`)).toBe(false);
  });
});
