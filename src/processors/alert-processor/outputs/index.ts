/** Every output service's deliverer: the AWS table and the credential (HTTP) table, merged. */
import type { DeliveryRegistry } from '../registry.js';
import { AWS_DELIVERERS } from './aws-deliverers.js';
import { CREDENTIAL_DELIVERERS } from './credential-deliverers.js';

export const DELIVERERS: DeliveryRegistry = { ...AWS_DELIVERERS, ...CREDENTIAL_DELIVERERS };
