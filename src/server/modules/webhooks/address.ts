import { lookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { promises as dns } from 'node:dns'
import { BlockList, isIP } from 'node:net'
import { HttpError } from '../../http/errors'

// Where a webhook may point: not into the service's own network (loopback, private, link-local, carrier-grade
// NAT, multicast, reserved), unless the install allows it (WEBHOOK_ALLOW_PRIVATE=true: tests, on-premise).
// Checked when the URL is saved and again on every connection, on the address it actually resolves to.

const internal = new BlockList()
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
  ['224.0.0.0', 3],
] as const) {
  internal.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  internal.addSubnet(network, prefix, 'ipv6')
}

/** An address inside the service's own network (an IPv4-mapped IPv6 address by its IPv4 part). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1]
  if (mapped) return internal.check(mapped, 'ipv4')
  const family = isIP(address)
  return family === 0 || internal.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1')

export const INTERNAL_REFUSED = 'Адрес ведёт во внутреннюю сеть сервиса (loopback, частная или link-local сеть)'

/**
 * Whether a URL, as saved, points inside: its literal address, or any address its name resolves to now. A
 * name that does not resolve yet passes: it is checked again when it connects.
 */
export async function pointsInside(url: string): Promise<boolean> {
  const host = hostOf(new URL(url))
  if (isIP(host)) return isInternalAddress(host)
  const found = await dns.lookup(host, { all: true }).catch(() => [])
  return found.some((a) => isInternalAddress(a.address))
}

/** A receiver's URL at saving (a webhook's, a chat's or a dialogue's callback): one into the service's own network is refused unless the install allows it. */
export async function checkCallbackUrl(url: string, allowInternal: boolean, path: string) {
  if (!allowInternal && (await pointsInside(url))) {
    throw new HttpError(400, INTERNAL_REFUSED, [
      { path, message: 'внутренние адреса разрешает WEBHOOK_ALLOW_PRIVATE=true' },
    ])
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/** `lookup` for http.request: resolves as usual, then refuses a connection to an internal address. */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback) {
  lookup(hostname, { ...options, all: true }, (err, found) => {
    if (err) return callback(err, [])
    const outside = found.filter((a) => !isInternalAddress(a.address))
    if (outside.length === 0) return callback(Object.assign(new Error(INTERNAL_REFUSED), { code: 'EINTERNAL' }), [])
    if (options.all) return callback(null, outside)
    callback(null, outside[0]!.address, outside[0]!.family)
  })
}

/** The literal address of a URL, when it is one and internal: connecting skips the lookup, so it is checked here. */
export const literalInside = (url: URL) => isIP(hostOf(url)) !== 0 && isInternalAddress(hostOf(url))
