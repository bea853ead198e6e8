// IPv4 arithmetic for the lab network: parse a CIDR, hand out addresses,
// and find a subnet that nothing on the machine already uses.
import { LabError } from './lab-error.js';

export interface Subnet {
  readonly network: number; // as an unsigned 32-bit integer
  readonly prefix: number;
}

export const DEFAULT_SUBNET = '10.213.0.0/24';
// Lab traffic must never leave the machine: only private ranges are allowed.
const PRIVATE: readonly Subnet[] = [parseCidr('10.0.0.0/8'), parseCidr('172.16.0.0/12'), parseCidr('192.168.0.0/16')];

export function parseAddress(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) throw new LabError('USAGE', `"${text}" is not an IPv4 address`);
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) throw new LabError('USAGE', `"${text}" is not an IPv4 address`);
    value = value * 256 + Number(part);
  }
  return value;
}

export function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export function parseCidr(text: string): Subnet {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text.trim());
  if (!match?.[1] || !match[2]) throw new LabError('USAGE', `"${text}" is not a CIDR such as ${DEFAULT_SUBNET}`);
  const prefix = Number(match[2]);
  if (prefix > 32) throw new LabError('USAGE', `"${text}": prefix must be at most 32`);
  const address = parseAddress(match[1]);
  const size = 2 ** (32 - prefix);
  return { network: address - (address % size), prefix };
}

export function formatCidr(subnet: Subnet): string {
  return `${formatAddress(subnet.network)}/${subnet.prefix}`;
}

function size(subnet: Subnet): number {
  return 2 ** (32 - subnet.prefix);
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  return a.network < b.network + size(b) && b.network < a.network + size(a);
}

/** A subnet the lab may use: private, and with room for a gateway and at least one host. */
export function checkLabSubnet(text: string): Subnet {
  const subnet = parseCidr(text);
  if (subnet.prefix < 16 || subnet.prefix > 29) {
    throw new LabError('USAGE', `subnet ${text}: use a prefix between /16 and /29 (a /24 is typical)`);
  }
  if (!PRIVATE.some((range) => overlaps(range, subnet) && range.prefix <= subnet.prefix)) {
    throw new LabError('USAGE', `subnet ${text} is not a private range (10/8, 172.16/12, 192.168/16)`);
  }
  return subnet;
}

/** Network + 1, on the machine's side of the bridge. */
export function gatewayOf(subnet: Subnet): string {
  return formatAddress(subnet.network + 1);
}

/** Addresses for `count` hosts: network + 2 onwards, never the broadcast address. */
export function hostAddresses(subnet: Subnet, count: number): readonly string[] {
  const capacity = size(subnet) - 3;
  if (count > capacity) {
    throw new LabError('USAGE', `subnet ${formatCidr(subnet)} has room for ${capacity} hosts, not ${count}`);
  }
  return Array.from({ length: count }, (_, i) => formatAddress(subnet.network + 2 + i));
}

/**
 * The first /24 in 10.213.0.0/16 (then onwards) that overlaps nothing in `taken`:
 * the machine's routes and addresses, and other labs' subnets.
 */
export function pickFreeSubnet(taken: readonly Subnet[], first: string = DEFAULT_SUBNET): Subnet {
  const start = parseCidr(first);
  for (let i = 0; i < 256; i++) {
    const candidate: Subnet = { network: start.network + i * size(start), prefix: start.prefix };
    if (!taken.some((used) => overlaps(used, candidate))) return candidate;
  }
  throw new LabError('SUBNET', `no free subnet near ${first}; pass --subnet`);
}
