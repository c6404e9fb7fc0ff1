// Where a connector may connect: public addresses only, unless SEATWISE_CONNECTORS_ALLOW_PRIVATE=1 (tests, vendors on
// the premises). Checked on the address actually connected to (a DNS lookup hook), so a name that resolves to
// 127.0.0.1 or changes its answer between the check and the connection (DNS rebinding) is refused as well.
import { type LookupAddress, lookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(network, prefix, 'ipv6');

export class PrivateAddressRefused extends Error {
  override name = 'PrivateAddressRefused';
  constructor(readonly address: string) {
    super(
      `${address} is a loopback or private address; connectors reach only public addresses unless the server runs ` +
        'with SEATWISE_CONNECTORS_ALLOW_PRIVATE=1',
    );
  }
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** A hostname that is an IP literal is connected to without a lookup: check it before the request. */
export function checkLiteralHost(hostname: string): void {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isPrivateAddress(bare)) throw new PrivateAddressRefused(bare);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net/tls connections that fails when any resolved address is private. */
export function publicOnlyLookup(hostname: string, options: object, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(Object.assign(new PrivateAddressRefused(refused.address), { code: 'EPRIVATE' }), []);
    if ((options as { all?: boolean }).all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
