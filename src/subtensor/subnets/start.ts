import { badInput, failed } from '../../core/errors.js'
import type { Chain } from '../../node/index.js'
import { readsAt, type ReadChain } from '../../node/read-at.js'
import type { PlanContext, TxIntent } from '../../tx/intent.js'
import { requireSubnet } from '../stake/pool-reader.js'
import { requireCall } from '../write-calls.js'

/**
 * A new subnet on a newer runtime does nothing until its owner sends `start_call`: until then its subtoken is
 * disabled and the pool refuses stake (the transaction extension answers `Custom(255)`). The runtime allows
 * start_call once the block being built is at least `NetworkRegisteredAt + delay`, where the delay is the
 * `StartCallDelay` storage item on runtimes that have it, else the `DurationOfStartCall` constant; start_call
 * records `FirstEmissionBlockNumber` (the next block) and turns `SubtokenEnabled` on. Runtimes without
 * start_call (spec 218) start subnets at once.
 */

const SUBTENSOR = 'SubtensorModule'

export interface StartStatus {
  netuid: number
  /** The best block the status was read at. */
  block: number
  /** The runtime has start_call at all (false: subnets emit from registration). */
  needsStartCall: boolean
  started: boolean
  /** FirstEmissionBlockNumber: the block its emission began (set by start_call), null before. */
  firstEmissionBlock: number | null
  /** Staking on it is open (SubtokenEnabled), null where the runtime has no such switch. */
  subtokenEnabled: boolean | null
  registeredAt: number | null
  /** Blocks after registration before start_call is allowed, null where the runtime has no start_call. */
  startCallDelay: number | null
  /** The first block start_call can land in. */
  startAllowedAt: number | null
  /** Blocks to build before start_call can land (0: the next block can take it). */
  blocksLeft: number | null
}

const num = (v: unknown): number | null => (v === undefined || v === null ? null : Number(v as bigint))

/** Where the runtime keeps the delay: storage on later runtimes, a constant on earlier ones; null when neither. */
async function startCallDelay(chain: ReadChain, reads: Awaited<ReturnType<typeof readsAt>>): Promise<number | null> {
  if (chain.metadata.storage(SUBTENSOR, 'StartCallDelay')) return num(await reads.storage(SUBTENSOR, 'StartCallDelay'))
  if (chain.metadata.hasConstant(SUBTENSOR, 'DurationOfStartCall')) return num(chain.metadata.constant(SUBTENSOR, 'DurationOfStartCall'))
  return null
}

export async function readStartStatus(chain: Chain, netuid: number): Promise<StartStatus> {
  await requireSubnet(chain, netuid)
  const reads = await readsAt(chain, undefined)
  const has = (item: string) => chain.metadata.storage(SUBTENSOR, item) !== undefined
  const needsStartCall = chain.hasCall(SUBTENSOR, 'start_call') && has('FirstEmissionBlockNumber')
  const [block, first, enabled, registered, delay] = await Promise.all([
    reads.blockNumber(),
    has('FirstEmissionBlockNumber') ? reads.storage(SUBTENSOR, 'FirstEmissionBlockNumber', netuid) : undefined,
    has('SubtokenEnabled') ? reads.storage(SUBTENSOR, 'SubtokenEnabled', netuid) : undefined,
    has('NetworkRegisteredAt') ? reads.storage(SUBTENSOR, 'NetworkRegisteredAt', netuid) : undefined,
    needsStartCall ? startCallDelay(chain, reads) : null,
  ])
  const firstEmissionBlock = num(first)
  const registeredAt = num(registered)
  const started = !needsStartCall || firstEmissionBlock !== null
  // The runtime compares against the block being built: the next one after the best block.
  const startAllowedAt = needsStartCall && registeredAt !== null && delay !== null ? registeredAt + delay : null
  const blocksLeft = started || startAllowedAt === null ? (started ? 0 : null) : Math.max(0, startAllowedAt - (block + 1))
  return {
    netuid,
    block,
    needsStartCall,
    started,
    firstEmissionBlock,
    subtokenEnabled: enabled === undefined ? null : Boolean(enabled),
    registeredAt,
    startCallDelay: needsStartCall ? delay : null,
    startAllowedAt,
    blocksLeft,
  }
}

/** One line on when start_call can be sent. */
export function startWhen(s: StartStatus): string {
  if (s.blocksLeft === null) return 'this runtime does not say when'
  if (s.blocksLeft === 0) return 'its owner can send it now'
  return `its owner can send it in ${s.blocksLeft} block${s.blocksLeft === 1 ? '' : 's'} (from block #${s.startAllowedAt})`
}

/**
 * Refuse (exit 1, nothing signed) stake on a subnet whose subtoken is off: the node's pool would refuse the
 * transaction as `Custom(255)`, which says nothing to a person.
 */
export async function requireStakingOpen(chain: Chain, netuid: number): Promise<void> {
  if (netuid === 0 || !chain.metadata.storage(SUBTENSOR, 'SubtokenEnabled')) return
  if (await chain.storage(SUBTENSOR, 'SubtokenEnabled', netuid)) return
  const s = await readStartStatus(chain, netuid)
  const why = s.needsStartCall
    ? `subnet ${netuid} has not been started, so it takes no stake yet: its owner starts it with start_call (tao subnets start --netuid ${netuid}), ${startWhen(s)}`
    : `subnet ${netuid} takes no stake: staking on it is turned off (SubtokenEnabled)`
  throw failed(`${why}. The chain would refuse the stake (Custom(255)); nothing was signed`, 'SUBNET_NOT_STARTED')
}

/** Only the owner coldkey may send the subnet owner's calls (the chain refuses anyone else: BadOrigin / NotSubnetOwner). */
async function requireOwner(chain: Chain, netuid: number, signer: string, what: string): Promise<void> {
  const owner = (await chain.storage(SUBTENSOR, 'SubnetOwner', netuid)) as string | undefined
  if (owner !== signer)
    throw failed(
      `subnet ${netuid} is owned by coldkey ${owner ?? 'unknown'}, not ${signer}: only its owner ${what} (the chain would refuse it); nothing was signed`,
      'NOT_SUBNET_OWNER',
    )
}

export async function planStart(ctx: PlanContext, netuid: number): Promise<TxIntent> {
  const { chain, actor } = ctx
  requireCall(chain, 'start_call', 'starting a subnet')
  const s = await readStartStatus(chain, netuid)
  await requireOwner(chain, netuid, actor, 'starts it')
  if (s.started)
    throw failed(
      `subnet ${netuid} was already started (its emission began at block #${s.firstEmissionBlock}); nothing was signed`,
      'ALREADY_STARTED',
    )
  if (s.blocksLeft !== null && s.blocksLeft > 0)
    throw failed(
      `subnet ${netuid} cannot be started yet: registered at block #${s.registeredAt}, start_call is allowed from block #${s.startAllowedAt}, ` +
        `${s.blocksLeft} block${s.blocksLeft === 1 ? '' : 's'} from now (the chain would refuse it: NeedWaitingMoreBlocksToStarCall); nothing was signed`,
      'START_TOO_EARLY',
    )
  return {
    call: chain.call(SUBTENSOR, 'start_call', { netuid }),
    summary: `start subnet ${netuid} (its emission begins and it takes stake from the next block)`,
    preview: [`registered at block #${s.registeredAt}; start_call allowed from block #${s.startAllowedAt}`],
    context: { coldkey: actor, netuid, registeredAt: s.registeredAt, startAllowedAt: s.startAllowedAt },
    fromEvents: (events) => {
      const e = events.find((x) => x.pallet === SUBTENSOR && x.name === 'FirstEmissionBlockNumberSet')
      const data = e?.data as unknown[] | undefined
      return { firstEmissionBlock: data ? num(data[1]) : null }
    },
    describe: (r) => (r.firstEmissionBlock === null ? undefined : `subnet ${netuid} started: emission from block #${r.firstEmissionBlock}`),
  }
}

/** The symbol as the chain stores it (TokenSymbol, UTF-8 bytes). */
const symbolText = (v: unknown): string => (v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v ?? ''))

export async function planSetSymbol(ctx: PlanContext, netuid: number, symbol: string): Promise<TxIntent> {
  const { chain, actor } = ctx
  requireCall(chain, 'update_symbol', 'setting a subnet symbol')
  await requireSubnet(chain, netuid)
  await requireOwner(chain, netuid, actor, 'sets its symbol')
  const bytes = new TextEncoder().encode(symbol)
  const symbols = chain.metadata.storage(SUBTENSOR, 'TokenSymbol') ? await chain.entries(SUBTENSOR, 'TokenSymbol') : []
  const current = symbols.find((e) => Number(e.keys[0]) === netuid)
  const taken = symbols.find((e) => Number(e.keys[0]) !== netuid && symbolText(e.value) === symbol)
  if (taken)
    throw failed(
      `the symbol ${symbol} is already used by subnet ${Number(taken.keys[0])} (the chain would refuse it: SymbolAlreadyInUse); nothing was signed`,
      'SYMBOL_IN_USE',
    )
  const previous = current ? symbolText(current.value) : null
  return {
    call: chain.call(SUBTENSOR, 'update_symbol', { netuid, symbol: bytes }),
    summary: `set the symbol of subnet ${netuid} to ${symbol}`,
    preview: [
      `current symbol: ${previous ?? 'none'}`,
      'the runtime takes only symbols from its own list (the chain refuses others: SymbolDoesNotExist)',
    ],
    context: { coldkey: actor, netuid, symbol, previous },
  }
}

/** The symbol flag's value: one non-empty word (bad input otherwise). */
export function checkSymbol(symbol: string): string {
  const s = symbol.trim()
  if (s === '' || /\s/.test(s))
    throw badInput(`--symbol takes one symbol without spaces (e.g. β), got ${JSON.stringify(symbol)}`, 'BAD_SYMBOL')
  return s
}
