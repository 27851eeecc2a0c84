import type { PlanContext, TxIntent } from '../../tx/intent.js'
import type { HotkeyTarget } from '../../wallet/selection.js'
import { badInput, failed } from '../../core/errors.js'
import type { Chain } from '../../node/index.js'
import { amountJson, displayTao } from '../../core/amount.js'
import { buildIdentity, callArgFields, identityJson, SUBNET_IDENTITY_FLAGS, type IdentityText } from '../identity.js'
import { hotkeyOwner, readBurn, requireSubnet } from '../stake/pool-reader.js'
import { networkAdded, neuronRegistered, paidBeyondFee } from '../tx-events.js'
import { registerCall, registerNetworkCall, requireCall } from '../write-calls.js'

/** What `tao subnets create` and `tao subnets register` sign. */

/** Refuse, before signing, a cost the coldkey cannot pay (it keeps the existential deposit and the fee). */
async function requireFunds(ctx: PlanContext, cost: bigint, fee: bigint, what: string): Promise<bigint> {
  const account = await ctx.chain.account(ctx.actor)
  const ed = ctx.chain.existentialDeposit()
  const keep = account.frozen > ed ? account.frozen : ed
  const needed = cost + fee + (ctx.options.tip ?? 0n)
  if (needed > account.free - keep)
    throw failed(
      `insufficient balance: ${what} costs ${displayTao(cost)} plus a fee of about ${displayTao(fee)}; the coldkey has ${displayTao(account.free)} free and keeps the existential deposit`,
      'INSUFFICIENT_BALANCE',
    )
  return account.free
}

/** The lock a new subnet costs now, where the runtime can say (SubnetRegistrationRuntimeApi). */
async function lockCost(chain: Chain): Promise<bigint | null> {
  if (!chain.metadata.runtimeApi('SubnetRegistrationRuntimeApi', 'get_network_registration_cost')) return null
  return BigInt((await chain.runtimeApi('SubnetRegistrationRuntimeApi', 'get_network_registration_cost')) as bigint)
}

export async function planCreate(ctx: PlanContext, req: { hotkey: HotkeyTarget; identity: IdentityText }): Promise<TxIntent> {
  const { chain, actor: coldkey } = ctx
  const withIdentity = Object.keys(req.identity).length > 0
  let identity: Record<string, Uint8Array> | undefined
  if (withIdentity) {
    requireCall(chain, 'register_network_with_identity', 'creating a subnet with an identity')
    const fields = callArgFields(chain.metadata, 'SubtensorModule', 'register_network_with_identity', 'identity') ?? []
    identity = buildIdentity(fields, req.identity, null, SUBNET_IDENTITY_FLAGS, chain.metadata.where)
  }
  const [owner, cost] = await Promise.all([hotkeyOwner(chain, req.hotkey.ss58), lockCost(chain)])
  if (owner && owner !== coldkey)
    throw badInput(
      `hotkey ${req.hotkey.ss58} belongs to another coldkey (${owner}); a subnet's owner hotkey must be new or yours`,
      'HOTKEY_NOT_YOURS',
    )
  const call = registerNetworkCall(chain, req.hotkey.ss58, identity)
  const fee = await ctx.estimateFee(call)
  if (cost !== null) await requireFunds(ctx, cost, fee, 'a new subnet')
  return {
    call,
    summary: `create a subnet owned by this coldkey, with ${req.hotkey.label}${req.hotkey.name ? ` (${req.hotkey.ss58})` : ''} as its owner hotkey`,
    preview: [
      cost === null ? 'lock cost: this runtime does not report it' : `lock cost ${displayTao(cost)} now (locked from the coldkey)`,
      // No runtime's register_network takes a limit: say so rather than let the figure above read as a bound.
      `${call.pallet}.${call.name} takes no limit on the lock cost in this runtime ${chain.metadata.where}: the cost when it lands is locked, even if it has risen`,
      ...(identity ? Object.entries(identity).map(([k, v]) => `${k}: ${new TextDecoder().decode(v)}`) : []),
    ],
    context: {
      coldkey,
      hotkey: req.hotkey.ss58,
      lockCost: cost === null ? null : amountJson(cost),
      lockCostLimit: null,
      identity: identity ? identityText(identity) : null,
    },
    fromEvents: (events) => {
      const paid = paidBeyondFee(events, coldkey)
      return { netuid: networkAdded(events) ?? null, lockPaid: paid === null ? null : amountJson(paid) }
    },
    describe: (r) => (r.netuid === null ? undefined : `created subnet ${r.netuid}`),
  }
}

/** The identity as `subnets set-identity` reports it: every field any runtime knows, null where this one lacks it. */
const identityText = (identity: Record<string, Uint8Array>) => {
  const d = new TextDecoder()
  const text = Object.fromEntries(Object.entries(identity).map(([k, v]) => [k, d.decode(v)]))
  return identityJson(text, Object.keys(identity), SUBNET_IDENTITY_FLAGS)
}

/**
 * Refuse (nothing signed) a registration the chain would refuse and charge for: an unknown subnet (exit 2), a
 * hotkey already registered there (HotKeyAlreadyRegisteredInSubNet), a hotkey of another coldkey
 * (NonAssociatedColdKey), a subnet closed to registration (SubNetRegistrationDisabled) or without UID slots.
 */
async function requireRegistrable(chain: Chain, netuid: number, hotkey: HotkeyTarget, signer: string): Promise<void> {
  await requireSubnet(chain, netuid)
  const has = (item: string) => chain.metadata.storage('SubtensorModule', item) !== undefined
  const [uid, owner, allowed, maxUids] = await Promise.all([
    chain.storage('SubtensorModule', 'Uids', netuid, hotkey.ss58) as Promise<number | undefined>,
    hotkeyOwner(chain, hotkey.ss58),
    netuid !== 0 && has('NetworkRegistrationAllowed') ? chain.storage('SubtensorModule', 'NetworkRegistrationAllowed', netuid) : true,
    netuid !== 0 && has('MaxAllowedUids') ? chain.storage('SubtensorModule', 'MaxAllowedUids', netuid) : 1,
  ])
  const where = netuid === 0 ? 'the root network' : `subnet ${netuid}`
  if (uid !== undefined && uid !== null)
    throw failed(`${hotkey.label} is already registered on ${where} as uid ${uid}; nothing was signed`, 'ALREADY_REGISTERED')
  if (owner !== null && owner !== signer)
    throw failed(
      `hotkey ${hotkey.ss58} belongs to coldkey ${owner}: only its own coldkey registers it (the chain would refuse it: NonAssociatedColdKey); nothing was signed`,
      'HOTKEY_NOT_OWNED',
    )
  if (allowed === false)
    throw failed(`${where} does not take registrations now (NetworkRegistrationAllowed is off); nothing was signed`, 'REGISTRATION_CLOSED')
  if (Number(maxUids) === 0) throw failed(`${where} has no UID slots (MaxAllowedUids is 0); nothing was signed`, 'REGISTRATION_CLOSED')
}

export async function planRegister(ctx: PlanContext, req: { hotkey: HotkeyTarget; netuid: number; maxBurn?: bigint }): Promise<TxIntent> {
  const { chain, actor: coldkey } = ctx
  const { netuid, hotkey } = req
  const who = `${hotkey.label}${hotkey.name ? ` (${hotkey.ss58})` : ''}`
  const fromEvents = (events: Parameters<NonNullable<TxIntent['fromEvents']>>[0]) => {
    const r = neuronRegistered(events)
    const paid = paidBeyondFee(events, coldkey)
    return { uid: r?.uid ?? null, burnPaid: netuid === 0 || paid === null ? null : amountJson(paid) }
  }
  const describe = (r: Record<string, unknown>) => (r.uid === null ? undefined : `registered as uid ${r.uid} on subnet ${netuid}`)
  await requireRegistrable(chain, netuid, hotkey, coldkey)
  if (netuid === 0) {
    const call = registerCall(chain, { netuid, hotkey: hotkey.ss58 })
    return {
      call,
      summary: `register ${who} on the root network (netuid 0)`,
      preview: ['root registration burns nothing'],
      context: { coldkey, hotkey: hotkey.ss58, netuid, burn: null, maxBurn: null, burnLimit: null },
      fromEvents,
      describe,
    }
  }
  const burn = await readBurn(chain, netuid)
  if (req.maxBurn !== undefined && burn > req.maxBurn)
    throw failed(
      `the burn on subnet ${netuid} is ${displayTao(burn)}, above --max-burn ${displayTao(req.maxBurn)}; nothing was signed`,
      'BURN_ABOVE_MAX',
    )
  // The burn shown is bound by the signed call where the runtime can: register_limit with --max-burn, or without
  // it the burn shown here, so a burn that rises before the transaction lands is refused, not taken.
  const call = registerCall(chain, { netuid, hotkey: hotkey.ss58, maxBurn: req.maxBurn ?? burn })
  const bound = call.name === 'register_limit' ? (req.maxBurn ?? burn) : null
  const fee = await ctx.estimateFee(call)
  const free = await requireFunds(ctx, burn, fee, `registration on subnet ${netuid}`)
  const limit =
    bound !== null
      ? `the runtime refuses a burn above ${displayTao(bound)} (register_limit${req.maxBurn === undefined ? ': the burn shown; --max-burn sets another' : ''})`
      : `${call.pallet}.${call.name} takes no limit on the burn in this runtime ${chain.metadata.where}: the burn when it lands is taken, even if it has risen` +
        (req.maxBurn === undefined ? '' : ' (--max-burn was checked against the burn now, not by the runtime)')
  return {
    call,
    summary: `register ${who} on subnet ${netuid}`,
    preview: [`burn ${displayTao(burn)} now (the coldkey has ${displayTao(free)} free)`, limit],
    context: {
      coldkey,
      hotkey: hotkey.ss58,
      netuid,
      burn: amountJson(burn),
      maxBurn: req.maxBurn === undefined ? null : amountJson(req.maxBurn),
      burnLimit: bound === null ? null : amountJson(bound),
    },
    fromEvents,
    describe,
  }
}
