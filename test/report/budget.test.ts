import { describe, expect, it } from 'vitest';
import { fitLines, shareBudget, utf16Length, utf8Bytes } from '../../src/report/budget.js';
import { planDiffLines } from '../../src/report/plan-text.js';

describe('shareBudget', () => {
  it('gives every item its full size when all fit', () => {
    expect(
      shareBudget(
        [
          { min: 10, full: 50 },
          { min: 10, full: 30 },
        ],
        100,
      ),
    ).toEqual([50, 30]);
  });

  it('gives small items all they need and splits the rest evenly among the big ones', () => {
    const alloc = shareBudget(
      [
        { min: 10, full: 10_000 },
        { min: 10, full: 40 },
        { min: 10, full: 10_000 },
      ],
      1_000,
    )!;
    expect(alloc[1]).toBe(40);
    expect(alloc[0]).toBe(480);
    expect(alloc[2]).toBe(480);
    expect(alloc.reduce((a, b) => a + b)).toBeLessThanOrEqual(1_000);
  });

  it('is undefined when not even the minimums fit', () => {
    expect(
      shareBudget(
        [
          { min: 60, full: 100 },
          { min: 50, full: 100 },
        ],
        100,
      ),
    ).toBeUndefined();
  });
});

describe('measures', () => {
  it('count UTF-16 units for comments and UTF-8 bytes for the job summary', () => {
    expect(utf16Length('🛑ü')).toBe(3);
    expect(utf8Bytes('🛑ü')).toBe(6);
    expect(fitLines(['aaaa', 'bb', 'c'], 8, utf16Length)).toBe(2);
  });
});

describe('planDiffLines', () => {
  it("moves Terraform's change symbols to column 0 and keeps the rest aligned", () => {
    const plan = [
      '  # aws_s3_bucket.logs will be updated in-place',
      '  ~ resource "aws_s3_bucket" "logs" {',
      '      + tags = {}',
      '      - acl  = "private" -> null',
      '        id   = "logs"',
      '    }',
      '-/+ resource "aws_kinesis_stream" "this" {',
      ' <= data "aws_iam_policy_document" "x" {',
    ].join('\n');
    expect(planDiffLines(`\n${plan}\n\n`)).toEqual([
      '   # aws_s3_bucket.logs will be updated in-place',
      '!    resource "aws_s3_bucket" "logs" {',
      '+        tags = {}',
      '-        acl  = "private" -> null',
      '         id   = "logs"',
      '     }',
      '!    resource "aws_kinesis_stream" "this" {',
      '  <= data "aws_iam_policy_document" "x" {',
    ]);
  });
});
