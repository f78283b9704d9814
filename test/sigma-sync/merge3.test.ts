import { describe, expect, it } from 'vitest';
import { merge3 } from '../../src/sigma-sync/merge3.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('three-way merge of a synced rule', () => {
  const base = lines(
    'title: A',
    'status: test',
    'level: low',
    'detection:',
    '  sel: x',
    'condition: sel',
  );

  it("keeps a local edit and takes upstream's edit of other lines", () => {
    const ours = base.replace('level: low', 'level: high');
    const theirs = base.replace('  sel: x', '  sel: y');
    const merged = merge3(base, ours, theirs);
    expect(merged).toEqual({
      clean: true,
      text: lines(
        'title: A',
        'status: test',
        'level: high',
        'detection:',
        '  sel: y',
        'condition: sel',
      ),
    });
  });

  it('takes lines upstream added and keeps lines added here', () => {
    const ours = base.replace('title: A\n', 'title: A\nauthor: us\n');
    const theirs = `${base}falsepositives:\n  - none\n`;
    expect(merge3(base, ours, theirs)).toEqual({
      clean: true,
      text: `${ours}falsepositives:\n  - none\n`,
    });
  });

  it('is a conflict when both changed the same line differently, naming it', () => {
    const ours = base.replace('level: low', 'level: high');
    const theirs = base.replace('level: low', 'level: medium');
    expect(merge3(base, ours, theirs)).toEqual({
      clean: false,
      reason: 'both sides changed line 3 of the last synced version',
    });
  });

  it('accepts the same change made on both sides', () => {
    const both = base.replace('status: test', 'status: stable');
    expect(merge3(base, both, both)).toEqual({ clean: true, text: both });
    // Both made the same change; ours also changed a line further down.
    const ours = both.replace('condition: sel', 'condition: not sel');
    expect(merge3(base, ours, both)).toEqual({ clean: true, text: ours });
  });

  it('is a conflict when one side deletes lines the other edits', () => {
    const ours = base.replace('  sel: x\n', '');
    const theirs = base.replace('  sel: x', '  sel: z');
    expect(merge3(base, ours, theirs).clean).toBe(false);
  });
});
