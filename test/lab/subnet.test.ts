import assert from 'node:assert/strict';
import { LabError } from '../../lab/lab-error.js';
import { checkLabSubnet, formatCidr, gatewayOf, hostAddresses, overlaps, parseCidr, pickFreeSubnet } from '../../lab/subnet.js';

describe('lab subnet', () => {
  it('parses a CIDR and aligns it to its network', () => {
    assert.equal(formatCidr(parseCidr('10.213.0.77/24')), '10.213.0.0/24');
  });

  it('gives the machine the first address and hosts the next ones', () => {
    const subnet = parseCidr('10.213.0.0/24');
    assert.equal(gatewayOf(subnet), '10.213.0.1');
    assert.deepEqual(hostAddresses(subnet, 3), ['10.213.0.2', '10.213.0.3', '10.213.0.4']);
  });

  it('never hands out the broadcast address', () => {
    const subnet = parseCidr('10.213.0.0/29');
    assert.deepEqual(hostAddresses(subnet, 5).at(-1), '10.213.0.6');
    assert.throws(() => hostAddresses(subnet, 6), (e: unknown) => e instanceof LabError && e.code === 'USAGE');
  });

  const rejected: readonly [string, string][] = [
    ['8.8.8.0/24', 'public range'],
    ['10.0.0.0/8', 'too wide'],
    ['10.213.0.0/30', 'too narrow'],
    ['10.213.0/24', 'malformed'],
    ['10.213.0.300/24', 'octet out of range'],
  ];
  for (const [cidr, why] of rejected) {
    it(`rejects ${cidr} (${why})`, () => {
      assert.throws(() => checkLabSubnet(cidr), (e: unknown) => e instanceof LabError && e.code === 'USAGE');
    });
  }

  it('detects overlap both ways', () => {
    assert.equal(overlaps(parseCidr('10.213.0.0/16'), parseCidr('10.213.5.0/24')), true);
    assert.equal(overlaps(parseCidr('10.213.5.0/24'), parseCidr('10.213.0.0/16')), true);
    assert.equal(overlaps(parseCidr('10.213.0.0/24'), parseCidr('10.213.1.0/24')), false);
  });

  it('picks the first /24 nothing else uses', () => {
    const taken = [parseCidr('10.213.0.0/24'), parseCidr('10.213.1.5/32')];
    assert.equal(formatCidr(pickFreeSubnet(taken)), '10.213.2.0/24');
  });
});
