/** Every output service's deliverer, from the descriptors of all.ts. */
import type { Deliver, DeliveryRegistry } from '../registry.js';
import { OUTPUTS } from './all.js';

export const DELIVERERS: DeliveryRegistry = Object.fromEntries(
  OUTPUTS.map((o) => [o.service, o.deliver as Deliver<never>]),
) as unknown as DeliveryRegistry;
