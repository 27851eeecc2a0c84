import type { PlanContext, TxIntent } from '../../tx/intent.js'
import type { HotkeyTarget } from '../../wallet/selection.js'
import { badInput, failed, TaoError } from '../../core/errors.js'
import type { Chain, TxCall } from '../../node/index.js'
import { amountJson, displayTao } from '../../core/amount.js'
import { displayAlpha, planStakeAdd, planStakeRemove, type GuardOptions } from './plan.js'
import { readStake } from './pool-reader.js'

/**
 * Staking across many subnets and hotkeys in one transaction: each (hotkey, subnet) pair is planned by the
 * single-position planners (the same checks, quotes and price protection as `tao stake add|remove`), and the
 * legs are sent together as one `Utility.batch_all`, which applies all of them or none.
 */

const SUBTENSOR = 'SubtensorModule'

/** Which subnets: the ones named, or every one that fits (see expandLegs). */
export type NetuidChoice = number[] | 'all'

export interface StakeBatchRequest {
  kind: 'add' | 'remove'
  hotkeys: HotkeyTarget[]
  netuids: NetuidChoice
  /** TAO (add) or alpha (remove) per leg; undefined = the whole position of each leg (remove only). */
  amount?: bigint
  guard: GuardOptions
}

export interface Leg {
  hotkey: HotkeyTarget
  netuid: number
}

const labelOf = (leg: Leg, i: number) => `leg ${i + 1} (subnet ${leg.netuid}, ${leg.hotkey.label})`

/** Every pair once, in the order given: hotkeys outer, subnets inner. */
export function pairLegs(hotkeys: HotkeyTarget[], netuids: number[]): Leg[] {
  const seen = new Set<string>()
  const legs: Leg[] = []
  for (const hotkey of hotkeys)
    for (const netuid of netuids) {
      const key = `${hotkey.ss58}/${netuid}`
      if (seen.has(key)) continue
      seen.add(key)
      legs.push({ hotkey, netuid })
    }
  return legs
}

/** The subnets where the hotkey is registered (IsNetworkMember), root excluded, ascending. */
async function registeredSubnets(chain: Chain, hotkey: string): Promise<number[]> {
  if (!chain.metadata.storage(SUBTENSOR, 'IsNetworkMember'))
    throw badInput(
      `--all-netuids needs ${SUBTENSOR}.IsNetworkMember, which this runtime ${chain.metadata.where} does not have; give --netuids`,
      'STORAGE_NOT_IN_RUNTIME',
    )
  const entries = await chain.entries(SUBTENSOR, 'IsNetworkMember', hotkey)
  return entries
    .filter((e) => e.value === true)
    .map((e) => Number(e.keys[1]))
    .filter((n) => n !== 0)
    .sort((a, b) => a - b)
}

/** The subnets where the coldkey has stake through the hotkey, ascending. */
async function stakedSubnets(chain: Chain, hotkey: string, coldkey: string): Promise<number[]> {
  const netuids = (await chain.entries(SUBTENSOR, 'Alpha', hotkey, coldkey)).map((e) => Number(e.keys[2]))
  const held = await Promise.all(netuids.map(async (n) => ((await readStake(chain, hotkey, coldkey, n)) > 0n ? n : undefined)))
  return held.filter((n): n is number => n !== undefined).sort((a, b) => a - b)
}

/**
 * The pairs of a batch. With --all-netuids: for `remove`, every subnet where the coldkey has stake through
 * each hotkey; for `add`, every subnet where each hotkey is registered (root left out: staking the same TAO on
 * every subnet of the chain is rarely meant, and a hotkey earns only where it is registered).
 */
export async function expandLegs(
  chain: Chain,
  signer: string,
  req: Pick<StakeBatchRequest, 'kind' | 'hotkeys' | 'netuids'>,
): Promise<Leg[]> {
  if (req.netuids !== 'all') return pairLegs(req.hotkeys, req.netuids)
  const perHotkey = await Promise.all(
    req.hotkeys.map(async (h) => ({
      h,
      netuids: req.kind === 'remove' ? await stakedSubnets(chain, h.ss58, signer) : await registeredSubnets(chain, h.ss58),
    })),
  )
  const legs = perHotkey.flatMap(({ h, netuids }) => pairLegs([h], netuids))
  if (!legs.length)
    throw failed(
      req.kind === 'remove'
        ? `the coldkey ${signer} has no stake through ${req.hotkeys.map((h) => h.label).join(', ')}`
        : `${req.hotkeys.map((h) => h.label).join(', ')} ${req.hotkeys.length > 1 ? 'are' : 'is'} not registered on any subnet (root aside): give --netuids`,
      req.kind === 'remove' ? 'NO_STAKE' : 'NOT_REGISTERED',
    )
  return legs
}

/** A leg's refusal names the leg, keeping its code and exit code. */
function legError(err: unknown, label: string): unknown {
  if (!(err instanceof TaoError)) return err
  const e = new TaoError(err.exitCode, err.code, `${label}: ${err.message}`, { detail: err.detail })
  e.data = err.data
  return e
}

/** The codec value of a call inside a batch (`RuntimeCall`). */
const innerCall = (chain: Chain, call: TxCall) => {
  const d = chain.metadata.decodeCall(call.callData)
  return { type: d.pallet, value: { type: d.name, value: Object.keys(d.args).length ? d.args : undefined } }
}

const rao = (v: unknown): bigint | null => (v && typeof v === 'object' && 'rao' in v ? BigInt((v as { rao: string }).rao) : null)
const sum = (values: Array<bigint | null>): bigint | null =>
  values.some((v) => v === null) ? null : values.reduce<bigint>((s, v) => s + v!, 0n)

export async function planStakeBatch(ctx: PlanContext, req: StakeBatchRequest): Promise<TxIntent> {
  const { chain, signer } = ctx
  if (!chain.hasCall('Utility', 'batch_all'))
    throw badInput(
      `staking several positions at once needs Utility.batch_all, which this runtime ${chain.metadata.where} does not have`,
      'CALL_NOT_IN_RUNTIME',
    )
  if (req.kind === 'add' && req.amount === undefined)
    throw badInput('staking on several subnets or hotkeys needs --amount (TAO per subnet and hotkey)', 'MISSING_AMOUNT')
  const legs = await expandLegs(chain, signer, req)
  // Each leg is planned alone; the fee is the batch's, estimated once below, so the legs count none.
  const legCtx: PlanContext = { ...ctx, estimateFee: async () => 0n }
  const intents = await Promise.all(
    legs.map((leg, i) =>
      (req.kind === 'add'
        ? planStakeAdd(legCtx, { hotkey: leg.hotkey, netuid: leg.netuid, amount: req.amount, guard: req.guard })
        : planStakeRemove(legCtx, { hotkey: leg.hotkey, netuid: leg.netuid, amount: req.amount, guard: req.guard })
      ).catch((err: unknown) => {
        throw legError(err, labelOf(leg, i))
      }),
    ),
  )
  const call = chain.call('Utility', 'batch_all', { calls: intents.map((t) => innerCall(chain, t.call)) })
  const fee = await ctx.estimateFee(call)

  const legJson = intents.map((t, i) => {
    const { coldkey: _coldkey, ...rest } = t.context ?? {}
    return { call: `${t.call.pallet}.${t.call.name}`, ...rest, hotkey: legs[i]!.hotkey.ss58, netuid: legs[i]!.netuid }
  })
  const perLeg = req.kind === 'add' ? req.amount! : null
  const totalIn = req.kind === 'add' ? perLeg! * BigInt(legs.length) : null
  if (req.kind === 'add') {
    const account = await chain.account(signer)
    const ed = chain.existentialDeposit()
    const kept = account.frozen > ed ? account.frozen : ed
    const spare = account.free - kept - fee - (ctx.options.tip ?? 0n)
    if (totalIn! > spare)
      throw failed(
        `insufficient balance: staking ${displayTao(totalIn!)} in all (${displayTao(perLeg!)} × ${legs.length}); the coldkey has ${displayTao(account.free)} free, ` +
          `and keeps the existential deposit and a fee of about ${displayTao(fee)}` +
          (spare > 0n ? `: at most ${displayTao(spare / BigInt(legs.length))} per leg` : ''),
        'INSUFFICIENT_BALANCE',
      )
  }
  const expectedTao = req.kind === 'remove' ? sum(legJson.map((l) => rao((l as Record<string, unknown>).expectedTao))) : null
  const sameSubnet = new Set(legs.map((l) => l.netuid)).size < legs.length

  return {
    call,
    summary:
      `${req.kind === 'add' ? 'stake' : 'unstake'} in one transaction (all or nothing), ${legs.length} leg${legs.length > 1 ? 's' : ''}: ` +
      (req.kind === 'add'
        ? `${displayTao(perLeg!)} each, ${displayTao(totalIn!)} in all`
        : req.amount === undefined
          ? 'each whole position'
          : `${displayAlpha(req.amount)} each`),
    preview: [
      ...intents.flatMap((t, i) => [
        `${labelOf(legs[i]!, i)}: ${t.summary}`,
        ...(t.preview ?? []).filter((l) => !l.startsWith('the pool moves')).map((l) => `  ${l}`),
      ]),
      ...(expectedTao === null ? [] : [`expected in all: ${displayTao(expectedTao)}`]),
      ...(sameSubnet ? ['legs on the same subnet trade one after another: the later ones meet the price the earlier ones moved'] : []),
      'the pools move every block (emission, other trades): the amounts you get can differ',
    ],
    context: {
      coldkey: signer,
      legs: legJson,
      amount: perLeg === null ? (req.amount === undefined ? null : amountJson(req.amount)) : amountJson(perLeg),
      total: totalIn === null ? null : amountJson(totalIn),
      expectedTao: expectedTao === null ? null : amountJson(expectedTao),
    },
    fromEvents: (events) => {
      const landed = intents.map((t, i) => ({ ...legJson[i], ...(t.fromEvents?.(events) ?? {}) }))
      const field = req.kind === 'add' ? 'taoStaked' : 'taoReceived'
      const total = sum(landed.map((l) => rao((l as Record<string, unknown>)[field])))
      return { legs: landed, [field]: total === null ? null : amountJson(total) }
    },
    describe: (r) => {
      const lines = ((r.legs as Array<Record<string, unknown>>) ?? []).map((l, i) => {
        const d = intents[i]!.describe?.(l)
        return d ? `  ${labelOf(legs[i]!, i)}: ${d}` : undefined
      })
      return lines.filter(Boolean).join('\n') || undefined
    },
    explainFailure: async () => {
      // batch_all stops at the first leg that fails and undoes the others, without saying which failed:
      // re-plan each leg against the state the failure left unchanged; the first that is refused is named.
      for (const [i, leg] of legs.entries()) {
        try {
          if (req.kind === 'add')
            await planStakeAdd(legCtx, { hotkey: leg.hotkey, netuid: leg.netuid, amount: req.amount, guard: req.guard })
          else await planStakeRemove(legCtx, { hotkey: leg.hotkey, netuid: leg.netuid, amount: req.amount, guard: req.guard })
        } catch (err) {
          return `${labelOf(leg, i)} failed: ${err instanceof Error ? err.message : String(err)}; nothing of the batch was applied`
        }
      }
      return `one of the ${legs.length} legs failed (batch_all does not say which; they run in the order shown); nothing of the batch was applied`
    },
  }
}
