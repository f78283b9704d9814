/** The AWS outputs' entries in the delivery registry (SDK calls with the alert processor's role). */
import type { AwsTarget, DeliveryTable } from '../registry.js';
import { sendToLambda, sendToS3, sendToSns, topicArn } from './aws.js';
import { awsClient } from './aws-clients.js';
import { logAlert, sendToLogGroup } from './cloudwatch-log.js';
import { sendToFirehose } from './firehose.js';
import { parseSesSecret, sendToSes } from './ses.js';
import { sendToSqs } from './sqs.js';
import { PermanentError } from './http.js';

export const AWS_DELIVERERS: DeliveryTable<AwsTarget> = {
  'aws-s3': (target, { clients, alert, now }) =>
    sendToS3(clients.s3(), target.bucket, alert, now()),
  'aws-sns': async (target, { clients, alert, identity }) => {
    if (!identity && !target.topic.startsWith('arn:'))
      throw new Error('cannot tell the topic ARN: function ARN unknown');
    return sendToSns(clients.sns(), topicArn(target.topic, identity!), alert);
  },
  'aws-lambda': (target, { clients, alert }) =>
    sendToLambda(clients.lambda(), target.functionName, alert),
  'aws-firehose': async (target, { clients, alert }) =>
    sendToFirehose(await awsClient(clients, 'firehose'), target.deliveryStream, alert),
  'aws-sqs': async (target, { clients, alert }) =>
    sendToSqs(await awsClient(clients, 'sqs'), target.queue, alert),
  'aws-cloudwatch-log': async (target, { clients, alert, identity, now, logger }) => {
    if (target.logGroup === undefined) return logAlert(logger, alert);
    // The IAM grant names the stream after the function (see modules/stream_alert).
    const stream = identity?.functionName;
    if (!stream) throw new PermanentError('cannot tell the log stream: function ARN unknown');
    return sendToLogGroup(await awsClient(clients, 'logs'), target.logGroup, stream, alert, now());
  },
  'aws-ses': async (target, { clients, alert, credential }) =>
    sendToSes(
      await awsClient(clients, 'ses'),
      target.identity,
      await credential(target.secret, parseSesSecret),
      alert,
    ),
};
