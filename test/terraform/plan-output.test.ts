/** The human plan text comes from `terraform plan`'s own output, without its progress lines. */
import { expect, it } from 'vitest';
import { planTextFromPlanOutput } from '../../src/terraform/plan-output.js';

const body = `Terraform used the selected providers to generate the following execution
plan. Resource actions are indicated with the following symbols:
  + create

Terraform will perform the following actions:

  # module.kinesis_streams.aws_kinesis_stream.this will be created
  + resource "aws_kinesis_stream" "this" {
      + name = "acme_alpha_stream_alert_kinesis"
    }

Plan: 1 to add, 0 to change, 0 to destroy.`;

it('drops the refresh and data-source progress lines and keeps the plan as show prints it', () => {
  const stdout = [
    'Acquiring state lock. This may take a few moments...',
    '',
    'module.stream_alert.data.aws_partition.current: Reading...',
    'module.stream_alert.data.aws_partition.current: Read complete after 0s [id=aws]',
    'module.kinesis_streams.aws_kinesis_stream.this: Refreshing state... [id=arn:aws:kinesis:us-east-1:123456789012:stream/s]',
    'module.x["a: b"].data.aws_iam_policy_document.p[0]: Still reading... [10s elapsed]',
    'aws_s3_bucket.b: Preparing import... [id=b]',
    '',
    body,
    'Releasing state lock. This may take a few moments...',
    '',
  ].join('\n');
  expect(planTextFromPlanOutput(stdout)).toBe(body);
});

it('keeps warnings and drops the saved-plan footer Terraform prints outside of automation', () => {
  const warning = `Warning: Argument is deprecated

  with module.stream_alert.aws_s3_bucket.b,
  on ../modules/stream_alert/main.tf line 3, in resource "aws_s3_bucket" "b":
   3:   acl = "private"`;
  const stdout = `${body}\n\n${warning}\n\n─────────────────────────────────────────────────────────────────────────────\n\nSaved the plan to: streamalert.tfplan\n\nTo perform exactly these actions, run the following command to apply:\n    terraform apply "streamalert.tfplan"\n`;
  expect(planTextFromPlanOutput(stdout)).toBe(`${body}\n\n${warning}`);
});

it('keeps the no-changes message and CRLF-free text', () => {
  const text =
    'No changes. Your infrastructure matches the configuration.\n\nTerraform has compared your real infrastructure against your configuration\nand found no differences, so no changes are needed.';
  expect(
    planTextFromPlanOutput(
      `aws_sns_topic.t: Refreshing state... [id=arn]\r\n\r\n${text.replace(/\n/g, '\r\n')}\r\n`,
    ),
  ).toBe(text);
});
