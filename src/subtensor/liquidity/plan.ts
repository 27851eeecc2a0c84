/**
 * The user-liquidity transactions (pallet Swap): add a position, change its liquidity, remove it, and the
 * owner's switch that lets users add liquidity to a subnet's pool. Everything a refusal needs is read and
 * checked here, before anything is signed.
 */
import { amountJson, displayTao, formatTao } from '../../core/amount.js'
import { badInput, failed } from '../../core/errors.js'
import type { Chain, TxCall, TxEvent } from '../../node/index.js'
import type { PlanContext, TxIntent } from '../../tx/intent.js'
import { readStake } from '../stake/pool-reader.js'
import { readLiquidityPool, readPositions, requireSubnet, requireSwap, type LiquidityPool, type LiquidityPosition } from './pool.js'
import { tokenAmounts } from './position-math.js'
import { priceAtTick } from './tick-math.js'

const alphaText = (rao: bigint) => `${formatTao(rao)} α`
const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : BigInt((v as number | string | undefined) ?? 0))
const minimumLiquidity = (chain: Chain): bigint => big(chain.constant('Swap', 'MinimumLiquidity'))

/** The JSON of a position (amounts as {rao,tao}, prices as exact decimals). */
export const positionJson = (p: LiquidityPosition) => ({
  id: p.id.toString(),
  netuid: p.netuid,
  tickLow: p.tickLow,
  tickHigh: p.tickHigh,
  priceLow: formatTao(p.priceLow),
  priceHigh: formatTao(p.priceHigh),
  liquidity: amountJson(p.liquidity),
  tao: amountJson(p.tao),
  alpha: amountJson(p.alpha),
  feesTao: amountJson(p.feesTao),
  feesAlpha: amountJson(p.feesAlpha),
  inRange: p.inRange,
})

async function enabledPool(chain: Chain, netuid: number, what: string): Promise<LiquidityPool> {
  await requireSubnet(chain, netuid)
  const pool = await readLiquidityPool(chain, netuid)
  if (!pool.enabled)
    throw failed(
      `user liquidity is not enabled on subnet ${netuid} (Swap.EnabledUserLiquidity is false), so no position can be ${what}; ` +
        `its owner can enable it with \`tao liquidity enable --netuid ${netuid}\`; nothing was signed`,
      'USER_LIQUIDITY_DISABLED',
    )
  return pool
}

async function ownPosition(chain: Chain, pool: LiquidityPool, coldkey: string, id: bigint): Promise<LiquidityPosition> {
  const position = (await readPositions(chain, pool, coldkey)).find((p) => p.id === id)
  if (!position)
    throw failed(
      `coldkey ${coldkey} has no liquidity position ${id} on subnet ${pool.netuid} (see \`tao liquidity list --netuid ${pool.netuid}\`); nothing was signed`,
      'NO_SUCH_POSITION',
    )
  return position
}

const swapEvent = (events: TxEvent[], ...names: string[]) => events.find((e) => e.pallet === 'Swap' && names.includes(e.name))

/** The amounts a LiquidityAdded / LiquidityModified / LiquidityRemoved event reports. */
function eventFields(events: TxEvent[]): Record<string, unknown> {
  const e = swapEvent(events, 'LiquidityAdded', 'LiquidityModified', 'LiquidityRemoved')
  if (!e) return {}
  const d = e.data as Record<string, unknown>
  // LiquidityModified carries signed amounts (negative: paid back); the sign is the request's direction.
  const abs = (v: unknown) => (big(v) < 0n ? -big(v) : big(v))
  const opt = (k: string) =>
    d[k] === undefined ? {} : { [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())]: amountJson(abs(d[k])) }
  return {
    event: `Swap.${e.name}`,
    positionId: big(d.position_id).toString(),
    ...opt('liquidity'),
    ...opt('tao'),
    ...opt('alpha'),
    ...opt('fee_tao'),
    ...opt('fee_alpha'),
  }
}

export interface AddLiquidityRequest {
  netuid: number
  hotkey: string
  liquidity: bigint
  tickLow: number
  tickHigh: number
}

export async function planAddLiquidity(ctx: PlanContext, req: AddLiquidityRequest): Promise<TxIntent> {
  const { chain, actor: coldkey } = ctx
  requireSwap(chain, 'add_liquidity')
  const min = minimumLiquidity(chain)
  if (req.liquidity < min) throw badInput(`--liquidity must be at least ${formatTao(min)} (Swap.MinimumLiquidity)`, 'BAD_AMOUNT')
  const pool = await enabledPool(chain, req.netuid, 'added')
  if (!pool.initialized)
    throw failed(
      `the pool of subnet ${req.netuid} has no price yet (Swap.SwapV3Initialized is false: its first stake or unstake sets it); nothing was signed`,
      'POOL_NOT_PRICED',
    )
  const need = tokenAmounts(req.liquidity, req.tickLow, req.tickHigh, pool.sqrtPrice)
  const [account, stake] = await Promise.all([chain.account(coldkey), readStake(chain, req.hotkey, coldkey, req.netuid)])
  if (account.free < need.tao || stake < need.alpha)
    throw failed(
      `this position takes ${displayTao(need.tao)} and ${alphaText(need.alpha)}, but the coldkey has ${displayTao(account.free)} free ` +
        `and ${alphaText(stake)} staked to ${req.hotkey} on subnet ${req.netuid}; nothing was signed`,
      'INSUFFICIENT_BALANCE',
    )
  const call = chain.call('Swap', 'add_liquidity', {
    hotkey: req.hotkey,
    netuid: req.netuid,
    tick_low: req.tickLow,
    tick_high: req.tickHigh,
    liquidity: req.liquidity,
  })
  const priceLow = priceAtTick(req.tickLow)
  const priceHigh = priceAtTick(req.tickHigh)
  return {
    call,
    summary: `add liquidity ${formatTao(req.liquidity)} to subnet ${req.netuid} between prices ${formatTao(priceLow)} and ${formatTao(priceHigh)}`,
    preview: [
      `ticks ${req.tickLow}…${req.tickHigh}; pool price now ${formatTao(pool.price)} (tick ${pool.currentTick})`,
      `takes ${displayTao(need.tao)} from the coldkey and ${alphaText(need.alpha)} from its stake to ${req.hotkey}`,
    ],
    context: {
      coldkey,
      hotkey: req.hotkey,
      netuid: req.netuid,
      tickLow: req.tickLow,
      tickHigh: req.tickHigh,
      priceLow: formatTao(priceLow),
      priceHigh: formatTao(priceHigh),
      liquidity: amountJson(req.liquidity),
      expected: { tao: amountJson(need.tao), alpha: amountJson(need.alpha) },
    },
    fromEvents: eventFields,
    describe: (r) => (r.positionId ? `position ${String(r.positionId)} added` : undefined),
  }
}

export interface ModifyLiquidityRequest {
  netuid: number
  hotkey: string
  positionId: bigint
  /** Liquidity to add (positive) or take out (negative). */
  delta: bigint
}

export async function planModifyLiquidity(ctx: PlanContext, req: ModifyLiquidityRequest): Promise<TxIntent> {
  const { chain, actor: coldkey } = ctx
  requireSwap(chain, 'modify_position')
  const min = minimumLiquidity(chain)
  const abs = req.delta < 0n ? -req.delta : req.delta
  if (abs < min) throw badInput(`the change of liquidity must be at least ${formatTao(min)} (Swap.MinimumLiquidity)`, 'BAD_AMOUNT')
  const pool = await enabledPool(chain, req.netuid, 'modified')
  const position = await ownPosition(chain, pool, coldkey, req.positionId)
  if (req.delta < 0n && abs > position.liquidity)
    throw badInput(
      `position ${req.positionId} holds liquidity ${formatTao(position.liquidity)}, less than the ${formatTao(abs)} asked to take out`,
      'BAD_AMOUNT',
    )
  const closes = req.delta < 0n && position.liquidity - abs < min
  const moved = tokenAmounts(closes ? position.liquidity : abs, position.tickLow, position.tickHigh, pool.sqrtPrice)
  if (req.delta > 0n) {
    const [account, stake] = await Promise.all([chain.account(coldkey), readStake(chain, req.hotkey, coldkey, req.netuid)])
    if (account.free < moved.tao || stake < moved.alpha)
      throw failed(
        `adding this liquidity takes ${displayTao(moved.tao)} and ${alphaText(moved.alpha)}, but the coldkey has ${displayTao(account.free)} free ` +
          `and ${alphaText(stake)} staked to ${req.hotkey} on subnet ${req.netuid}; nothing was signed`,
        'INSUFFICIENT_BALANCE',
      )
  }
  const call = chain.call('Swap', 'modify_position', {
    hotkey: req.hotkey,
    netuid: req.netuid,
    position_id: req.positionId,
    liquidity_delta: req.delta,
  })
  return {
    call,
    summary: `${req.delta > 0n ? 'add' : 'take out'} liquidity ${formatTao(abs)} ${req.delta > 0n ? 'to' : 'from'} position ${req.positionId} on subnet ${req.netuid}`,
    preview: [
      req.delta > 0n
        ? `takes ${displayTao(moved.tao)} from the coldkey and ${alphaText(moved.alpha)} from its stake to ${req.hotkey}`
        : `pays back ${displayTao(moved.tao)} to the coldkey and ${alphaText(moved.alpha)} to its stake to ${req.hotkey}`,
      `fees earned so far, paid with it: ${displayTao(position.feesTao)} and ${alphaText(position.feesAlpha)}`,
      ...(closes ? [`what would be left is below Swap.MinimumLiquidity: the whole position is removed`] : []),
    ],
    context: {
      coldkey,
      hotkey: req.hotkey,
      netuid: req.netuid,
      positionId: req.positionId.toString(),
      direction: req.delta > 0n ? 'add' : 'remove',
      liquidityDelta: amountJson(abs),
      expected: {
        tao: amountJson(moved.tao),
        alpha: amountJson(moved.alpha),
        feesTao: amountJson(position.feesTao),
        feesAlpha: amountJson(position.feesAlpha),
      },
      removesPosition: closes,
    },
    fromEvents: eventFields,
  }
}

export interface RemoveLiquidityRequest {
  netuid: number
  hotkey: string
  positionId: bigint
}

export async function planRemoveLiquidity(ctx: PlanContext, req: RemoveLiquidityRequest): Promise<TxIntent> {
  const { chain, actor: coldkey } = ctx
  requireSwap(chain, 'remove_liquidity')
  await requireSubnet(chain, req.netuid)
  const pool = await readLiquidityPool(chain, req.netuid)
  const position = await ownPosition(chain, pool, coldkey, req.positionId)
  const call = chain.call('Swap', 'remove_liquidity', { hotkey: req.hotkey, netuid: req.netuid, position_id: req.positionId })
  return {
    call,
    summary: `remove liquidity position ${req.positionId} (liquidity ${formatTao(position.liquidity)}) from subnet ${req.netuid}`,
    preview: [
      `pays back ${displayTao(position.tao)} to the coldkey and ${alphaText(position.alpha)} to its stake to ${req.hotkey}`,
      `with the fees it earned: ${displayTao(position.feesTao)} and ${alphaText(position.feesAlpha)}`,
    ],
    context: {
      coldkey,
      hotkey: req.hotkey,
      netuid: req.netuid,
      positionId: req.positionId.toString(),
      expected: {
        tao: amountJson(position.tao),
        alpha: amountJson(position.alpha),
        feesTao: amountJson(position.feesTao),
        feesAlpha: amountJson(position.feesAlpha),
      },
    },
    fromEvents: eventFields,
  }
}

/** `toggle_user_liquidity` as its signer may send it: the subnet owner enables; only root disables (through Sudo.sudo). */
export async function planToggleUserLiquidity(ctx: PlanContext, req: { netuid: number; enable: boolean }): Promise<TxIntent> {
  const { chain, actor } = ctx
  requireSwap(chain, 'toggle_user_liquidity')
  await requireSubnet(chain, req.netuid)
  const [owner, sudo, pool] = await Promise.all([
    chain.storage('SubtensorModule', 'SubnetOwner', req.netuid) as Promise<string>,
    chain.metadata.storage('Sudo', 'Key') ? (chain.storage('Sudo', 'Key') as Promise<string | undefined>) : Promise.resolve(undefined),
    readLiquidityPool(chain, req.netuid),
  ])
  const isSudo = sudo !== undefined && sudo === actor
  if (req.enable && owner !== actor && !isSudo)
    throw failed(
      `subnet ${req.netuid} is owned by ${owner}, not by this coldkey (${actor}): only its owner (or root) may enable user liquidity; nothing was signed`,
      'NOT_SUBNET_OWNER',
    )
  if (!req.enable && !isSudo)
    throw failed(
      `only root may disable user liquidity (Swap.toggle_user_liquidity refuses the owner's disable with BadOrigin); ${actor} is not the sudo key; nothing was signed`,
      'ROOT_ONLY',
    )
  const inner = chain.call('Swap', 'toggle_user_liquidity', { netuid: req.netuid, enable: req.enable })
  // Root disables through Sudo.sudo; the owner (or root) enabling signs the call itself.
  const call: TxCall = !req.enable || (isSudo && owner !== actor) ? sudoWrap(chain, inner) : inner
  return {
    call,
    summary: `${req.enable ? 'enable' : 'disable'} user liquidity on subnet ${req.netuid}`,
    preview: [
      `now ${pool.enabled ? 'enabled' : 'disabled'}`,
      ...(req.enable === pool.enabled ? [`it is already ${pool.enabled ? 'enabled' : 'disabled'}`] : []),
      ...(req.enable ? [] : ['positions already in the pool stay; they can still be removed']),
    ],
    context: { signer: actor, netuid: req.netuid, enable: req.enable, was: pool.enabled, viaSudo: call !== inner },
    readBack: async () => ({ enabled: (await chain.storage('Swap', 'EnabledUserLiquidity', req.netuid)) === true }),
  }
}

function sudoWrap(chain: Chain, inner: TxCall): TxCall {
  if (!chain.hasCall('Sudo', 'sudo')) throw badInput(`this runtime ${chain.metadata.where} has no Sudo.sudo`, 'CALL_NOT_IN_RUNTIME')
  const d = chain.metadata.decodeCall(inner.callData)
  return chain.call('Sudo', 'sudo', { call: { type: d.pallet, value: { type: d.name, value: d.args } } })
}
