/** `terraform show -json` actions as the report's changes: what a reviewer is shown and the merge applies. */
import { describe, expect, it } from 'vitest';
import { resourceChanges, type PlanJson } from '../../src/terraform/plan-json.js';

const rc = (address: string, type: string, actions: string[], mode = 'managed') => ({
  address,
  type,
  mode,
  change: { actions },
});

describe('resourceChanges', () => {
  it('keeps every action Terraform will take, a forget included, and drops no-ops and reads', () => {
    const plan: PlanJson = {
      resource_changes: [
        rc('module.terraform_state.aws_s3_bucket.this', 'aws_s3_bucket', ['forget']),
        rc('aws_kinesis_stream.s', 'aws_kinesis_stream', ['delete', 'create']),
        rc('aws_sns_topic.a', 'aws_sns_topic', ['create']),
        rc('aws_sns_topic.b', 'aws_sns_topic', ['update']),
        rc('aws_sns_topic.c', 'aws_sns_topic', ['delete']),
        rc('aws_sns_topic.d', 'aws_sns_topic', ['no-op']),
        rc('data.aws_region.r', 'aws_region', ['read'], 'data'),
      ],
    };
    expect(resourceChanges(plan)).toEqual([
      {
        address: 'aws_kinesis_stream.s',
        type: 'aws_kinesis_stream',
        action: 'replace',
        dataBearing: true,
      },
      { address: 'aws_sns_topic.a', type: 'aws_sns_topic', action: 'create', dataBearing: false },
      { address: 'aws_sns_topic.b', type: 'aws_sns_topic', action: 'update', dataBearing: false },
      { address: 'aws_sns_topic.c', type: 'aws_sns_topic', action: 'delete', dataBearing: false },
      // Left in AWS: forgetting a bucket loses no data.
      {
        address: 'module.terraform_state.aws_s3_bucket.this',
        type: 'aws_s3_bucket',
        action: 'forget',
        dataBearing: false,
      },
    ]);
  });
});
