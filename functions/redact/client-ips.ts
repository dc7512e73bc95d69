/**
 * Client IP addresses are personal data: public addresses are masked (IPv4 to its /24, IPv6 to
 * its /48), enough to tell one network from another. Private, loopback and link-local addresses
 * are the deployment's own (VPC targets, NLB nodes) and stay readable as evidence.
 */
const IPV4 = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?!\w|\.\d)/g;
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g;

function isPrivateV4(a: number, b: number): boolean {
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}

function maskV4(match: string, ...octets: string[]): string {
  const [a, b, c, d] = octets.slice(0, 4).map(Number) as [number, number, number, number];
  if ([a, b, c, d].some((o) => o > 255)) return match;
  return isPrivateV4(a, b) ? match : `${a}.${b}.${c}.x`;
}

function maskV6(match: string): string {
  const groups = match.split(':');
  const compressed = match.includes('::');
  // "12:03:15" is a time, not an address: an address has 8 groups or a "::".
  if (!compressed && groups.length !== 8) return match;
  if (!/[0-9a-f]/i.test(match.replace(/:/g, ''))) return match;
  const lower = match.toLowerCase();
  if (lower === '::1' || lower.startsWith('fe80:') || /^f[cd][0-9a-f]{2}:/.test(lower)) return match;
  return `${groups.slice(0, 3).join(':')}::x`;
}

export function maskClientIps(text: string): string {
  return text.replace(IPV4, maskV4).replace(IPV6, maskV6);
}
