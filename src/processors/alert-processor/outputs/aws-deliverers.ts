/** The AWS outputs' entries in the delivery registry (SDK calls with the alert processor's role). */
import type { AwsTarget, DeliveryTable } from '../registry.js';
import { sendToLambda, sendToS3, sendToSns, topicArn } from './aws.js';

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
};
