/** Open operations of a multisig account (pallet_multisig): listing them, and cancelling one. */
import { amountJson, displayTao } from '../core/amount.js'
import { badInput, failed } from '../core/errors.js'
import { toJsonSafe } from '../core/json.js'
import type { Chain } from '../node/index.js'
import type { PlanContext, TxIntent } from '../tx/intent.js'
import { callHashOf, listPendingMultisig, multisigAddress, readPendingMultisig, type PendingMultisig } from './acting.js'

export interface PendingView {
  callHash: string
  /** The call as `Pallet.call`, found in the extrinsic that opened the operation (its timepoint), or null. */
  call: string | null
  args: unknown
  timepoint: { height: number; index: number }
  approvals: string[]
  depositor: string
  deposit: ReturnType<typeof amountJson>
}

/**
 * The call of an open operation: the extrinsic at its timepoint carried it (as_multi with the call). Null when
 * that block is gone from the node, or the opening approval sent only the hash.
 */
async function callAtTimepoint(chain: Chain, p: PendingMultisig): Promise<{ call: string; args: unknown } | null> {
  try {
    const hash = await chain.rpc<string | null>('chain_getBlockHash', [p.when.height])
    if (!hash) return null
    const block = await chain.rpc<{ block: { extrinsics: string[] } } | null>('chain_getBlock', [hash])
    const hex = block?.block.extrinsics[p.when.index]
    if (!hex) return null
    const decoded = chain.metadata.decodeCall(chain.decodeExtrinsic(hex).callData)
    if (decoded.pallet !== 'Multisig' || decoded.name !== 'as_multi') return null
    const inner = decoded.args.call as { type: string; value: { type: string; value: unknown } }
    const innerData = chain.call(inner.type, inner.value.type, (inner.value.value ?? {}) as Record<string, unknown>).callData
    if (callHashOf(innerData) !== p.callHash) return null
    return { call: `${inner.type}.${inner.value.type}`, args: toJsonSafe(inner.value.value ?? {}) }
  } catch {
    return null
  }
}

export async function pendingOperations(
  chain: Chain,
  signatories: string[],
  threshold: number,
): Promise<{ address: string; pending: PendingView[] }> {
  const address = multisigAddress(signatories, threshold)
  chain.metadata.requireStorage('Multisig', 'Multisigs')
  const open = await listPendingMultisig(chain, address)
  const pending = await Promise.all(
    open.map(async (p) => {
      const found = await callAtTimepoint(chain, p)
      return {
        callHash: p.callHash,
        call: found?.call ?? null,
        args: found?.args ?? null,
        timepoint: p.when,
        approvals: p.approvals,
        depositor: p.depositor,
        deposit: amountJson(p.deposit),
      }
    }),
  )
  return { address, pending }
}

/** Multisig.cancel_as_multi: only the depositor (who opened the operation) may cancel it; the deposit returns. */
export async function planCancel(ctx: PlanContext, req: { signatories: string[]; threshold: number; callHash: string }): Promise<TxIntent> {
  const { chain, signer } = ctx
  const address = multisigAddress(req.signatories, req.threshold)
  if (!req.signatories.includes(signer)) throw badInput(`the signer ${signer} is not one of --signatories`, 'NOT_SIGNATORY')
  const pending = await readPendingMultisig(chain, address, req.callHash)
  if (!pending) throw failed(`multisig ${address} has no open operation with call hash ${req.callHash}; nothing was signed`, 'NO_OPERATION')
  if (pending.depositor !== signer)
    throw failed(`only the depositor ${pending.depositor} (who opened it) may cancel this operation; nothing was signed`, 'NOT_DEPOSITOR')
  return {
    call: chain.call('Multisig', 'cancel_as_multi', {
      threshold: req.threshold,
      other_signatories: req.signatories.filter((s) => s !== signer),
      timepoint: pending.when,
      call_hash: req.callHash,
    }),
    summary: `cancel the operation ${req.callHash} of multisig ${address}`,
    preview: [`${pending.approvals.length} of ${req.threshold} approvals so far; returns the deposit of ${displayTao(pending.deposit)}`],
    context: {
      address,
      callHash: req.callHash,
      timepoint: pending.when,
      approvals: pending.approvals,
      deposit: amountJson(pending.deposit),
    },
  }
}
