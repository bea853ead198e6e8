// IPv4 arithmetic for pod CIDRs and Service IPs.

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => (acc * 256 + Number(part)) >>> 0, 0);
}

export function intToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const prefix = Number(match[2]);
  if (prefix > 32 || (match[1] ?? '').split('.').some((p) => Number(p) > 255)) return undefined;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return { base: (ipToInt(match[1] ?? '') & mask) >>> 0, prefix };
}


export function formatCidr(cidr: Cidr): string {
  return `${intToIp(cidr.base)}/${cidr.prefix}`;
}

/** The index-th subnet of size `prefix` inside `cidr` (node pod CIDRs: /24 out of a /16). */
export function subnet(cidr: Cidr, prefix: number, index: number): Cidr | undefined {
  if (prefix < cidr.prefix || index >= 2 ** (prefix - cidr.prefix)) return undefined;
  return { base: (cidr.base + index * 2 ** (32 - prefix)) >>> 0, prefix };
}

/** The n-th address in a CIDR (n = 1 is the first host address). */
export function nthAddress(cidr: Cidr, n: number): string {
  return intToIp((cidr.base + n) >>> 0);
}

export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}
