/**
 * Signing for another account: as a proxy (`Proxy.proxy`: the delegate signs, the call runs as the real account)
 * or as one signer of a multisig (`Multisig.as_multi`: each signer approves the same call; the approval that
 * reaches the threshold executes it as the multisig account). The plan's call is wrapped after planning, so every
 * signing command can do both; the wrapped intent keeps the plan's preview and says who signs and who acts.
 */
import { blake2b } from '@noble/hashes/blake2.js'
import { displayTao } from '../core/amount.js'
import { badInput, failed } from '../core/errors.js'
import { fromHex, toHex } from '../core/hex.js'
import { encodeAddress, parseAddress } from '../core/ss58.js'
import type { Chain, TxCall } from '../node/index.js'
import type { Acting, PlanContext, TxIntent } from '../tx/intent.js'
import { proxyAllows } from './proxy-filter.js'

export type ActingRequest =
  { kind: 'proxy'; real: string; announceOnly: boolean } | { kind: 'multisig'; signatories: string[]; threshold: number }

const short = (ss58: string) => `${ss58.slice(0, 6)}…${ss58.slice(-4)}`

/** blake2_256 of call data: the hash a multisig operation and a proxy announcement are keyed by. */
export const callHashOf = (callData: string): `0x${string}` => toHex(blake2b(fromHex(callData, 'call data'), { dkLen: 32 }))

/** A call as another call's `RuntimeCall` argument. */
export const runtimeCall = (call: TxCall): unknown => ({
  type: call.pallet,
  value: { type: call.name, value: Object.keys(call.args).length === 0 ? undefined : call.args },
})

const compareBytes = (a: Uint8Array, b: Uint8Array): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

/** SCALE compact length (the signatory count is at most a few hundred). */
function compactLength(n: number): Uint8Array {
  if (n < 64) return Uint8Array.of(n << 2)
  if (n < 1 << 14) return Uint8Array.of(((n << 2) | 1) & 0xff, (n << 2) >> 8)
  throw badInput(`too many signatories (${n})`, 'BAD_MULTISIG')
}

/** The signatories' public keys in the order the runtime wants them (ascending bytes), duplicates refused. */
export function sortedSignatories(signatories: string[], what = '--multisig-signatories'): string[] {
  const keys = signatories.map((s) => ({ ss58: s.trim(), key: parseAddress(s, undefined, `${what} address`) }))
  keys.sort((a, b) => compareBytes(a.key, b.key))
  for (let i = 1; i < keys.length; i++)
    if (compareBytes(keys[i - 1]!.key, keys[i]!.key) === 0) throw badInput(`${what} names ${keys[i]!.ss58} twice`, 'BAD_MULTISIG')
  return keys.map((k) => encodeAddress(k.key))
}

/** Check a signatory set and threshold as the runtime would (before connecting). */
export function checkMultisig(signatories: string[], threshold: number, what = '--multisig-signatories'): string[] {
  const sorted = sortedSignatories(signatories, what)
  if (sorted.length < 2) throw badInput(`${what} needs at least two addresses`, 'BAD_MULTISIG')
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > sorted.length)
    throw badInput(`the threshold must be between 1 and the number of signatories (${sorted.length}), not ${threshold}`, 'BAD_MULTISIG')
  return sorted
}

/**
 * The multisig account of these signatories and threshold, as pallet_multisig derives it:
 * blake2_256("modlpy/utilisuba" ++ SCALE(Vec<AccountId> sorted) ++ threshold as u16 little-endian).
 */
export function multisigAddress(signatories: string[], threshold: number): string {
  const sorted = checkMultisig(signatories, threshold, 'signatories')
  const keys = sorted.map((s) => parseAddress(s))
  const parts = [
    new TextEncoder().encode('modlpy/utilisuba'),
    compactLength(keys.length),
    ...keys,
    Uint8Array.of(threshold & 0xff, threshold >> 8),
  ]
  const input = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    input.set(p, at)
    at += p.length
  }
  return encodeAddress(blake2b(input, { dkLen: 32 }))
}

export interface ProxyDefinition {
  delegate: string
  type: string
  delay: number
}

/** `Proxy.Proxies(real)`: the account's proxies and the deposit they hold. */
export async function readProxies(chain: Chain, real: string): Promise<{ proxies: ProxyDefinition[]; deposit: bigint }> {
  const raw = (await chain.storage('Proxy', 'Proxies', real)) as
    [Array<{ delegate: string; proxy_type: { type: string }; delay: number }>, bigint] | undefined
  const [defs, deposit] = raw ?? [[], 0n]
  return { proxies: defs.map((d) => ({ delegate: d.delegate, type: d.proxy_type.type, delay: Number(d.delay) })), deposit: BigInt(deposit) }
}

export interface PendingMultisig {
  callHash: string
  when: { height: number; index: number }
  deposit: bigint
  depositor: string
  approvals: string[]
}

type RawMultisig = { when: { height: number; index: number }; deposit: bigint; depositor: string; approvals: string[] }
const pendingOf = (callHash: string, m: RawMultisig): PendingMultisig => ({
  callHash,
  when: { height: Number(m.when.height), index: Number(m.when.index) },
  deposit: BigInt(m.deposit),
  depositor: m.depositor,
  approvals: m.approvals,
})

/** One open operation of the multisig account, by call hash. */
export async function readPendingMultisig(chain: Chain, address: string, callHash: string): Promise<PendingMultisig | undefined> {
  const raw = (await chain.storage('Multisig', 'Multisigs', address, callHash)) as RawMultisig | undefined
  return raw ? pendingOf(callHash, raw) : undefined
}

/** Every open operation of the multisig account. */
export async function listPendingMultisig(chain: Chain, address: string): Promise<PendingMultisig[]> {
  const entries = await chain.entries('Multisig', 'Multisigs', address)
  return entries.map((e) => pendingOf(hashText(e.keys[1]), e.value as RawMultisig))
}

/** A [u8; 32] as the decoder gives it (hex text, bytes, or a Binary-like object) as 0x hex. */
export function hashText(value: unknown): string {
  if (typeof value === 'string') return value.toLowerCase()
  if (value instanceof Uint8Array) return toHex(value)
  const v = value as { asHex?: () => string } | undefined
  if (v?.asHex) return v.asHex().toLowerCase()
  throw failed(`cannot read a call hash from ${String(value)}`, 'DECODE')
}

/** What a signing command gets from --proxy / --multisig-…: the account it acts as, and the wrapping. */
export function acting(req: ActingRequest): Acting {
  if (req.kind === 'proxy')
    return {
      actorFor: (signer) => {
        if (req.real === signer) throw badInput(`--proxy ${req.real} is the signer itself: drop --proxy`, 'BAD_PROXY')
        return req.real
      },
      wrap: (ctx, intent) => wrapProxy(ctx, intent, req),
    }
  const signatories = checkMultisig(req.signatories, req.threshold)
  const address = multisigAddress(signatories, req.threshold)
  return {
    actorFor: (signer) => {
      if (!signatories.includes(signer))
        throw badInput(`the signer ${signer} is not one of --multisig-signatories (${signatories.join(', ')})`, 'NOT_SIGNATORY')
      return address
    },
    wrap: (ctx, intent) => wrapMultisig(ctx, intent, signatories, req.threshold, address),
  }
}

const callName = (call: TxCall) => `${call.pallet}.${call.name}`

async function wrapProxy(ctx: PlanContext, intent: TxIntent, req: Extract<ActingRequest, { kind: 'proxy' }>): Promise<TxIntent> {
  const { chain, signer } = ctx
  const { real } = req
  const inner = intent.call
  if (real === signer) throw badInput(`--proxy ${real} is the signer itself: drop --proxy`, 'BAD_PROXY')
  const { proxies } = await readProxies(chain, real)
  const mine = proxies.filter((p) => p.delegate === signer)
  if (mine.length === 0)
    throw failed(`${signer} is not a proxy of ${real} (its Proxy.Proxies holds no entry for it); nothing was signed`, 'NOT_PROXY')
  const allowed = mine.filter((p) => proxyAllows(chain.specVersion, p.type, inner) !== false)
  if (allowed.length === 0)
    throw failed(
      `a ${mine.map((p) => p.type).join(' / ')} proxy may not make ${callName(inner)} ${chain.metadata.where}: the runtime's ProxyType filter refuses it; nothing was signed`,
      'PROXY_FORBIDS_CALL',
    )
  // A proxy without delay acts at once; one with a delay must announce the call and wait.
  const pick = allowed.find((p) => p.delay === 0) ?? allowed[0]!
  const forced = { type: pick.type, value: undefined }
  const callHash = callHashOf(inner.callData)
  const proxyContext = { real, type: pick.type, delay: pick.delay, callHash }
  const base: TxIntent = {
    ...intent,
    preview: [...(intent.preview ?? []), `signed by ${signer} as a ${pick.type} proxy of ${real}: the call runs as ${real}`],
  }

  if (req.announceOnly) {
    const call = chain.call('Proxy', 'announce', { real: { type: 'Id', value: real }, call_hash: callHash })
    return {
      ...base,
      call,
      preview: [
        ...base.preview!,
        `announces ${callName(inner)} (hash ${callHash}); it can run ${pick.delay} blocks after this lands: run the same command with --proxy again then`,
      ],
      context: { ...intent.context, innerCall: callName(inner), proxy: { ...proxyContext, announced: true, callData: inner.callData } },
      fromEvents: undefined,
      readBack: undefined,
      describe: () => `announced; run the same command with --proxy ${real} again (without --announce-only) ${pick.delay} blocks from now`,
    }
  }

  let call: TxCall
  if (pick.delay > 0) {
    const anns = (await chain.storage('Proxy', 'Announcements', signer)) as
      [Array<{ real: string; call_hash: unknown; height: number }>, bigint] | undefined
    const ann = (anns?.[0] ?? []).find((a) => a.real === real && hashText(a.call_hash) === callHash)
    if (!ann)
      throw failed(
        `this ${pick.type} proxy of ${real} has a delay of ${pick.delay} blocks: announce the call first (the same command with --announce-only), then run it again after the delay`,
        'PROXY_UNANNOUNCED',
      )
    const now = await chain.blockNumber()
    const from = Number(ann.height) + pick.delay
    if (now < from)
      throw failed(
        `the announcement of this call (block ${ann.height}) can run from block ${from}; the chain is at block ${now}`,
        'PROXY_TOO_EARLY',
      )
    call = chain.call('Proxy', 'proxy_announced', {
      delegate: { type: 'Id', value: signer },
      real: { type: 'Id', value: real },
      force_proxy_type: forced,
      call: runtimeCall(inner),
    })
  } else {
    call = chain.call('Proxy', 'proxy', { real: { type: 'Id', value: real }, force_proxy_type: forced, call: runtimeCall(inner) })
  }
  return { ...base, call, context: { ...intent.context, innerCall: callName(inner), proxy: { ...proxyContext, announced: false } } }
}

async function wrapMultisig(
  ctx: PlanContext,
  intent: TxIntent,
  signatories: string[],
  threshold: number,
  address: string,
): Promise<TxIntent> {
  const { chain, signer } = ctx
  const inner = intent.call
  if (!signatories.includes(signer))
    throw badInput(`the signer ${signer} is not one of --multisig-signatories (${signatories.join(', ')})`, 'NOT_SIGNATORY')
  const others = signatories.filter((s) => s !== signer)
  const callHash = callHashOf(inner.callData)
  const multisig = { address, threshold, signatories, callHash }

  if (threshold === 1) {
    const call = chain.call('Multisig', 'as_multi_threshold_1', { other_signatories: others, call: runtimeCall(inner) })
    return {
      ...intent,
      call,
      preview: [
        ...(intent.preview ?? []),
        `signed by ${signer} for the 1-of-${signatories.length} multisig ${address}: executes now, as ${address}`,
      ],
      context: { ...intent.context, innerCall: callName(inner), multisig: { ...multisig, approval: 1, executes: true, timepoint: null } },
    }
  }

  const pending = await readPendingMultisig(chain, address, callHash)
  if (pending?.approvals.includes(signer))
    throw failed(
      `${signer} has already approved this call (hash ${callHash}) of multisig ${address}: ${pending.approvals.length} of ${threshold} approvals; ` +
        `it waits for ${threshold - pending.approvals.length} more from ${others.filter((o) => !pending.approvals.includes(o)).join(', ')}`,
      'ALREADY_APPROVED',
    )
  const approval = (pending?.approvals.length ?? 0) + 1
  const executes = approval >= threshold
  // The call's weight bounds what the executing approval may spend; earlier approvals do not execute and pay for none.
  const weight = executes
    ? (
        (await chain.runtimeApi('TransactionPaymentCallApi', 'query_call_info', runtimeCall(inner), fromHex(inner.callData).length)) as {
          weight: unknown
        }
      ).weight
    : { ref_time: 0n, proof_size: 0n }
  const call = chain.call('Multisig', 'as_multi', {
    threshold,
    other_signatories: others,
    // Present and undefined for the first approval: Option None.
    maybe_timepoint: pending?.when,
    call: runtimeCall(inner),
    max_weight: weight,
  })
  const lines = [
    `signed by ${signer} for the ${threshold}-of-${signatories.length} multisig ${address}`,
    executes
      ? `approval ${approval} of ${threshold}: this approval EXECUTES the call, as ${address}`
      : `approval ${approval} of ${threshold}: does not execute yet (${threshold - approval} more approval${threshold - approval === 1 ? '' : 's'} needed; ` +
        `each other signer runs the same command)`,
  ]
  if (!pending) {
    const deposit =
      BigInt(chain.constant('Multisig', 'DepositBase') as bigint) +
      BigInt(chain.constant('Multisig', 'DepositFactor') as bigint) * BigInt(threshold)
    lines.push(
      `opens the operation (call hash ${callHash}): ${displayTao(deposit)} of ${short(signer)} is reserved until it executes or is cancelled`,
    )
  }
  return {
    ...intent,
    call,
    preview: [...(intent.preview ?? []), ...lines],
    context: {
      ...intent.context,
      innerCall: callName(inner),
      multisig: { ...multisig, approval, executes, timepoint: pending?.when ?? null },
    },
    // Only the executing approval runs the call: the plan's own event reading and read-back apply to it alone.
    fromEvents: executes ? intent.fromEvents : undefined,
    readBack: executes ? intent.readBack : undefined,
    describe: executes
      ? intent.describe
      : () =>
          `approval ${approval} of ${threshold} recorded for multisig ${address}; ${threshold - approval} more needed (call hash ${callHash})`,
  }
}
