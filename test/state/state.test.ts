import { describe, expect, it } from 'vitest';
import { regionOfState } from '../../src/state/discover.js';
import { rootOfStateKey, stateLocation, stateObjectKey } from '../../src/state/location.js';
import type { Config } from '../../src/config/types.js';
import { MemoryStateBucket } from '../support/memory-state.js';

const config = {
  global: {
    account: { region: 'us-east-1' },
    terraform: {
      tfstateBucket: 'conf-bucket',
      tfstateKeyPrefix: 'sa/state',
      createStateBucket: true,
    },
  },
} as unknown as Config;

describe('the state location', () => {
  it('is global.json unless backend-config names another bucket or region (the last line wins)', () => {
    expect(stateLocation(config, [])).toEqual({
      bucket: 'conf-bucket',
      prefix: 'sa/state',
      region: 'us-east-1',
      pathStyle: false,
    });
    expect(
      stateLocation(config, ['bucket=a', 'bucket = "b"', 'region=eu-west-1', 'encrypt=true']),
    ).toEqual({ bucket: 'b', prefix: 'sa/state', region: 'eu-west-1', pathStyle: false });
  });

  it('reads roots only from `<prefix>/<cluster id>/terraform.tfstate` keys', () => {
    const at = stateLocation(config, []);
    expect(stateObjectKey(at, 'prod')).toBe('sa/state/prod/terraform.tfstate');
    expect(rootOfStateKey(at, 'sa/state/prod/terraform.tfstate')).toBe('prod');
    expect(rootOfStateKey(at, 'sa/state/prod/terraform.tfstate.tflock')).toBeUndefined();
    expect(rootOfStateKey(at, 'sa/state/a/b/terraform.tfstate')).toBeUndefined();
    expect(rootOfStateKey(at, 'other/prod/terraform.tfstate')).toBeUndefined();
    expect(rootOfStateKey(at, 'sa/state/Prod-1/terraform.tfstate')).toBeUndefined();
  });
});

describe('the region of a state', () => {
  it('is the region of its resources’ ARNs, skipping global ones (IAM)', () => {
    expect(regionOfState(MemoryStateBucket.stateIn('ap-southeast-2'))).toBe('ap-southeast-2');
    expect(regionOfState(MemoryStateBucket.stateIn('us-gov-west-1'))).toBe('us-gov-west-1');
  });

  it('is unknown for an empty or unreadable state', () => {
    expect(regionOfState('{"resources":[]}')).toBeUndefined();
    expect(regionOfState('not json')).toBeUndefined();
  });
});
