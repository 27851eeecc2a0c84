/**
 * `axon set` / `axon reset`: the hotkey's serving endpoint on a subnet (`SubtensorModule.serve_axon`, signed by
 * the hotkey). Everything the runtime would refuse and can be known beforehand is refused before signing: a
 * subnet that does not exist, a hotkey not registered on it, an address the runtime rejects, the subnet's
 * serving rate limit. The axon the chain stored is read back.
 */
import { badInput, failed } from '../core/errors.js'
import type { Chain } from '../node/index.js'
import type { PlanContext, TxIntent } from '../tx/intent.js'
import { addressRefusal, ZERO_IP_FROM_SPEC, type AxonAddress } from './axon-address.js'
import type { Axon } from './models.js'
import { axonFrom, ipText } from './runtime/records.js'
import { requireSubnet } from './stake/pool-reader.js'
import { requireCall } from './write-calls.js'

const SUBTENSOR = 'SubtensorModule'

/** What `axon set` serves; `reset` serves what btcli's `axon reset` does: 0.0.0.0, port 1 (the runtime refuses port 0). */
export type AxonRequest = { netuid: number } & (
  { kind: 'set'; address: AxonAddress; port: number; protocol: number; version: number } | { kind: 'reset' }
)

const RESET = { address: { ip: 0n, ipType: 4 } as AxonAddress, port: 1, protocol: 4, version: 0 }

/** Whether this runtime accepts a zero IP (unknown spec: let the runtime decide). */
const zeroAllowed = (chain: Pick<Chain, 'specVersion'>) => chain.specVersion === undefined || chain.specVersion >= ZERO_IP_FROM_SPEC

/** serve_axon's arguments as this runtime declares them; an argument taocli cannot fill is refused (exit 2). */
export function serveAxonArgs(
  chain: Pick<Chain, 'callArgs' | 'hasCall' | 'call' | 'metadata'>,
  values: Record<string, unknown>,
): Record<string, unknown> {
  requireCall(chain, 'serve_axon', 'serving an axon')
  const declared = chain.callArgs(SUBTENSOR, 'serve_axon')!
  const unknown = declared.filter((a) => !(a.name in values)).map((a) => a.name)
  if (unknown.length)
    throw badInput(
      `${SUBTENSOR}.serve_axon in this runtime ${chain.metadata.where} also takes ${unknown.join(', ')}, which taocli cannot fill`,
      'CALL_ARGS',
    )
  return Object.fromEntries(declared.map((a) => [a.name, values[a.name]]))
}

export const axonText = (a: Axon | null): string =>
  a === null
    ? 'none served'
    : `${a.ip === null ? 'no address' : a.ip.includes(':') ? `[${a.ip}]` : a.ip}:${a.port} (version ${a.version}, protocol ${a.protocol}, block ${a.block})`

/** A line for people: the axon the chain stored (once the transaction landed), else undefined. */
export const storedAxonLine = (report: Record<string, unknown>): string | undefined =>
  'axon' in report ? `axon on subnet ${report.netuid}: ${axonText(report.axon as Axon | null)}` : undefined

export async function planAxon(ctx: PlanContext, req: AxonRequest): Promise<TxIntent> {
  const { chain, signer: hotkey } = ctx
  const { netuid } = req
  if (req.kind === 'reset' && !zeroAllowed(chain))
    throw badInput(
      `this runtime ${chain.metadata.where} refuses a zero IP address (InvalidIpAddress), so an axon cannot be reset on it (Subtensor accepts one from spec ${ZERO_IP_FROM_SPEC}); serve another address with \`tao axon set\``,
      'NOT_IN_RUNTIME',
    )
  const want = req.kind === 'set' ? req : RESET
  if (req.kind === 'set') {
    const why = addressRefusal(req.address, zeroAllowed(chain))
    if (why) throw badInput(`this runtime ${chain.metadata.where} refuses ${why} as an axon address (InvalidIpAddress)`, 'BAD_IP')
  }
  const args = serveAxonArgs(chain, {
    netuid,
    version: want.version,
    ip: want.address.ip,
    port: want.port,
    ip_type: want.address.ipType,
    protocol: want.protocol,
    placeholder1: 0,
    placeholder2: 0,
  })
  await requireSubnet(chain, netuid)

  const reads = await chain.atHead('best')
  const [uid, stored, rateLimit] = await reads.storageMany([
    [SUBTENSOR, 'Uids', netuid, hotkey],
    [SUBTENSOR, 'Axons', netuid, hotkey],
    [SUBTENSOR, 'ServingRateLimit', netuid],
  ])
  if (uid === undefined || uid === null)
    throw failed(
      `hotkey ${hotkey} is not registered on subnet ${netuid}: register it first (tao subnets register --netuid ${netuid}); nothing was signed`,
      'NOT_REGISTERED',
    )
  const previous = axonFrom(stored)
  // The runtime lets a hotkey update its axon once per ServingRateLimit blocks (0: no limit; never served: free).
  const limit = BigInt((rateLimit as bigint | number | undefined) ?? 0)
  const next = BigInt(previous?.block ?? 0) + limit
  const lands = BigInt(await reads.blockNumber()) + 1n
  if (limit > 0n && previous && previous.block > 0 && lands < next)
    throw failed(
      `subnet ${netuid} allows one axon update per ${limit} blocks; this hotkey's was at block ${previous.block}, the next can land from block ${next} (ServingRateLimitExceeded); nothing was signed`,
      'SERVING_RATE_LIMIT',
    )

  const ip = ipText(want.address.ip, want.address.ipType)
  const target = `${want.address.ipType === 6 ? `[${ip}]` : ip}:${want.port}`
  return {
    call: chain.call(SUBTENSOR, 'serve_axon', args),
    summary:
      req.kind === 'set'
        ? `serve the axon of hotkey ${hotkey} (uid ${uid}) on subnet ${netuid} at ${target}`
        : `reset the axon of hotkey ${hotkey} (uid ${uid}) on subnet ${netuid}: ${target}, as btcli does (not serving)`,
    preview: [`axon now: ${axonText(previous)}`, `axon after: ${target} (version ${want.version}, protocol ${want.protocol})`],
    context: {
      hotkey,
      netuid,
      uid: Number(uid),
      ip,
      ipType: want.address.ipType,
      port: want.port,
      protocol: want.protocol,
      version: want.version,
      previous,
    },
    // The axon as the chain stored it, at the block the transaction landed in.
    readBack: async (report) => ({ axon: axonFrom(await chain.at(String(report.blockHash)).storage(SUBTENSOR, 'Axons', netuid, hotkey)) }),
  }
}
