import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { TaoError } from '../core/errors.js'
import { fromHex, toHex } from '../core/hex.js'
import { keypairFromUri, sign, verify } from '../keystore/keys.js'
import { compactLength } from './bytes.js'
import { sameValue } from './call-check.js'
import { signingPayload } from './extensions.js'
import { decodeExtrinsic } from './extrinsic.js'
import { decodeMetadata } from './metadata.js'
import { ss58Address, toPolkadotSigner } from './signer.js'
import { buildCall, prefetchSigning, prepareTx, sendPrepared, signPrepared, signTx, type TxCall, type TxContext } from './tx.js'

// The signing path against spec 218's metadata with a stand-in node: what is shown (the prepared call, decoded
// from its bytes) is exactly what is signed, the node is asked for the nonce, the head and the fee once, and the
// fee is estimated over an extrinsic of the same bytes and size.

const view = decodeMetadata(readFileSync(path.join(import.meta.dirname, '../../test/fixtures/spec218/metadata.scale')))
const ALICE = keypairFromUri('//Alice')
const KEY = { publicKey: ALICE.publicKey, sign: (m: Uint8Array) => sign(ALICE, m) }
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const GENESIS = `0x${'5f'.repeat(32)}`
const HEAD = { hash: `0x${'a1'.repeat(32)}`, number: 100 }
const FEE = 135_261n

/** RuntimeDispatchInfo as the runtime answers query_info, encoded with the metadata's own type. */
const queryInfoAnswer = (fee: bigint) =>
  toHex(
    view
      .codec(view.runtimeApi('TransactionPaymentApi', 'query_info')!.outputType)
      .enc({ weight: { ref_time: 1n, proof_size: 2n }, class: { type: 'Normal' }, partial_fee: fee }),
  )

interface Node {
  ctx: TxContext
  asked: Array<{ method: string; params: unknown[] }>
  head: { hash: string; number: number }
  submitted: string[]
}

/** System.Account as stored, with this nonce. */
const accountValue = (nonce: number) =>
  toHex(
    view
      .requireStorage('System', 'Account')
      .encodeValue({ nonce, consumers: 0, providers: 1, sufficients: 0, data: { free: 10n ** 12n, reserved: 0n, frozen: 0n, flags: 0n } }),
  )

/** A node whose account has `stored` as its nonce in storage and `nonce` as its next index (its pool counted). */
function node(nonce = 7, stored = nonce): Node {
  const n = { asked: [], head: HEAD, submitted: [] } as unknown as Node
  const rpc = async <T>(method: string, params: unknown[]): Promise<T> => {
    n.asked.push({ method, params })
    if (method === 'system_accountNextIndex') return nonce as T
    if (method === 'chain_getBlockHash') return GENESIS as T
    if (method === 'state_getStorage') return accountValue(stored) as T
    if (method === 'state_call') return queryInfoAnswer(FEE) as T
    throw new Error(`unexpected ${method}`)
  }
  n.ctx = {
    label: 'stand-in',
    client: { getFinalizedBlock: async () => n.head } as unknown as TxContext['client'],
    plain: {
      warm: () => undefined,
      request: async (method: string, params: unknown[]) => {
        if (method === 'author_submitExtrinsic') n.submitted.push(params[0] as string)
        if (method === 'chain_getHeader') return { number: `0x${n.head.number.toString(16)}` }
        return undefined
      },
    } as unknown as TxContext['plain'],
    api: undefined,
    rpc,
    metadata: () => view,
    requestTimeoutMs: 1000,
    signer: async (keypair) => toPolkadotSigner(keypair),
  }
  return n
}

/** Where the sr25519 signature starts: after the length prefix, the version byte, MultiAddress::Id + key, its variant byte. */
const signatureAt = (bytes: Uint8Array) => compactLength(bytes) + 1 + 1 + 32 + 1

const transfer = (value = 1_000_000_000n) => buildCall(view, 'Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB }, value })

describe('signing the bytes that were shown', () => {
  it('the signed extrinsic carries exactly the prepared call bytes, decoded as previewed, and a valid signature over them', async () => {
    const n = node()
    const call = transfer()
    const prepared = await prepareTx(n.ctx, call, ALICE.ss58)
    expect(prepared.decoded).toEqual({
      pallet: 'Balances',
      name: 'transfer_keep_alive',
      args: { dest: { type: 'Id', value: BOB }, value: 1_000_000_000n },
    })
    expect([prepared.fee, prepared.nonce, prepared.genesisHash, prepared.specVersion]).toEqual([FEE, 7, GENESIS, 218])

    const signed = await signPrepared(n.ctx, prepared, KEY)
    const d = decodeExtrinsic(view, signed.hex)
    expect(d.callData).toBe(call.callData)
    expect([d.pallet, d.call, d.args]).toEqual([
      'Balances',
      'transfer_keep_alive',
      { dest: { type: 'Id', value: BOB }, value: '1000000000' },
    ])
    expect([d.signer, d.nonce, d.era]).toEqual([ALICE.ss58, 7, { type: 'mortal', period: 64, phase: 100 % 64 }])

    // The signature covers the call, every extension's value and what they sign only (versions, genesis, era block).
    const bytes = fromHex(signed.hex)
    const extra = [
      new Uint8Array(0),
      new Uint8Array(0),
      new Uint8Array(0),
      new Uint8Array(0),
      fromHex('0x4502'),
      Uint8Array.of(7 << 2),
      new Uint8Array(0),
      Uint8Array.of(0),
      new Uint8Array(0),
      new Uint8Array(0),
      Uint8Array.of(0),
    ]
    const additional = [
      new Uint8Array(0),
      new Uint8Array(new Uint32Array([218]).buffer),
      new Uint8Array(new Uint32Array([view.transactionVersion!]).buffer),
      fromHex(GENESIS),
      fromHex(HEAD.hash),
      new Uint8Array(0),
      new Uint8Array(0),
      new Uint8Array(0),
      new Uint8Array(0),
      new Uint8Array(0),
      Uint8Array.of(0),
    ]
    const at = signatureAt(bytes)
    const signature = bytes.slice(at, at + 64)
    expect(verify(signingPayload(fromHex(call.callData), extra, additional), signature, ALICE.publicKey)).toBe(true)
  })

  it('the fee is estimated over the same bytes and size as what is signed (a zero signature), and the nonce and head are read once', async () => {
    const n = node(70) // a two-byte compact nonce: the size the fee is asked for follows it
    const call = transfer()
    const prepared = await prepareTx(n.ctx, call, ALICE.ss58)
    await prepareTx(n.ctx, call, ALICE.ss58) // the confirmation after the plan's estimate: nothing asked again
    const signed = await signPrepared(n.ctx, prepared, KEY)
    expect(n.asked.map((a) => a.method).sort()).toEqual(['chain_getBlockHash', 'state_call', 'state_getStorage', 'system_accountNextIndex'])
    const [, arg, at] = n.asked.find((a) => a.method === 'state_call')!.params as [string, string, string]
    const asked = fromHex(arg)
    const extrinsic = asked.slice(0, -4)
    expect(new DataView(asked.buffer).getUint32(asked.length - 4, true)).toBe(extrinsic.length)
    const real = fromHex(signed.hex)
    expect(extrinsic.length).toBe(real.length)
    // Everything but the signature is the same: address, extensions (nonce 70, era from the same block), call.
    const sig = signatureAt(real)
    expect(signatureAt(extrinsic)).toBe(sig)
    expect(toHex(extrinsic.slice(sig + 64))).toBe(toHex(real.slice(sig + 64)))
    expect(toHex(extrinsic.slice(0, sig))).toBe(toHex(real.slice(0, sig)))
    expect(extrinsic.slice(sig, sig + 64).every((b) => b === 0)).toBe(true)
    expect(at).toBe(HEAD.hash)
  })

  it('what a plan runs beside (prefetch) is what the preparation uses: one nonce read', async () => {
    const n = node()
    prefetchSigning(n.ctx, ALICE.ss58)
    expect(n.asked.map((a) => a.method)).toContain('system_accountNextIndex')
    await prepareTx(n.ctx, transfer(), ALICE.ss58)
    expect(n.asked.filter((a) => a.method === 'system_accountNextIndex')).toHaveLength(1)
  })

  it('the fee is asked with the stored nonce while the next index comes; again only when their sizes differ', async () => {
    // Pending transactions in the pool, the same compact size (5 and 7): one fee request, with the stored nonce.
    const same = node(7, 5)
    const prepared = await prepareTx(same.ctx, transfer(), ALICE.ss58)
    expect(prepared.nonce).toBe(7)
    const feeAsks = (n: Node) => n.asked.filter((a) => a.method === 'state_call').map((a) => (a.params as string[])[1]!)
    expect(feeAsks(same)).toHaveLength(1)
    const signed = fromHex((await signPrepared(same.ctx, prepared, KEY)).hex)
    expect(fromHex(feeAsks(same)[0]!).length - 4).toBe(signed.length)
    // 60 stored, 70 next: the nonce takes two bytes, not one; the fee is asked again for the real size.
    const bigger = node(70, 60)
    await prepareTx(bigger.ctx, transfer(), ALICE.ss58)
    const [guessed, real] = feeAsks(bigger).map((hex) => fromHex(hex).length)
    expect(real! - guessed!).toBe(1)
    expect(real! - 4).toBe(fromHex((await signTx(node(70).ctx, transfer(), KEY)).hex).length)
  })

  it('after a signature (submitted here or not) or a minute, the nonce is read again', async () => {
    const n = node()
    const nonceReads = () => n.asked.filter((a) => a.method === 'system_accountNextIndex').length
    const r = await sendPrepared(n.ctx, await prepareTx(n.ctx, transfer(), ALICE.ss58), KEY, { waitFor: 'none' })
    expect(r.status).toBe('submitted')
    expect(n.submitted).toHaveLength(1)
    await signPrepared(n.ctx, await prepareTx(n.ctx, transfer(2n), ALICE.ss58), KEY) // signed, to be submitted elsewhere
    await prepareTx(n.ctx, transfer(3n), ALICE.ss58)
    expect(nonceReads()).toBe(3)
    const now = performance.now()
    vi.spyOn(performance, 'now').mockReturnValue(now + 61_000)
    try {
      await prepareTx(n.ctx, transfer(3n), ALICE.ss58)
    } finally {
      vi.restoreAllMocks()
    }
    expect(nonceReads()).toBe(4)
  })

  it('a confirmation that took long: the era starts at the latest finalized block, the nonce and bytes stay', async () => {
    const n = node()
    const prepared = await prepareTx(n.ctx, transfer(), ALICE.ss58)
    n.head = { hash: `0x${'b2'.repeat(32)}`, number: 300 }
    const signed = await signPrepared(n.ctx, prepared, KEY)
    expect(signed.era).toEqual({ type: 'mortal', period: 64, birth: 300, death: 364 })
    const d = decodeExtrinsic(view, signed.hex)
    expect([d.nonce, d.callData, d.era]).toEqual([7, prepared.call.callData, { type: 'mortal', period: 64, phase: 300 % 64 }])
  })

  it('a key other than the prepared signer signs nothing (KEY_MISMATCH)', async () => {
    const n = node()
    const prepared = await prepareTx(n.ctx, transfer(), ALICE.ss58)
    const bob = keypairFromUri('//Bob')
    const err = await signPrepared(n.ctx, prepared, { publicKey: bob.publicKey, sign: (m) => sign(bob, m) }).catch((e: unknown) => e)
    expect((err as TaoError).code).toBe('KEY_MISMATCH')
  })
})

describe('the call bytes are checked against the call asked for before anything is read or signed', () => {
  const refusal = async (call: TxCall) => {
    const n = node()
    const err = await prepareTx(n.ctx, call, ALICE.ss58).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TaoError)
    expect(n.asked).toEqual([])
    return err as TaoError
  }

  it('bytes of another call (the indices of add_stake and remove_stake swapped) are refused: CALL_MISMATCH, exit 1', async () => {
    const add = buildCall(view, 'SubtensorModule', 'add_stake', { hotkey: BOB, netuid: 1, amount_staked: 10n })
    const remove = buildCall(view, 'SubtensorModule', 'remove_stake', { hotkey: BOB, netuid: 1, amount_unstaked: 10n })
    const swapped = { ...add, callData: `${remove.callData.slice(0, 6)}${add.callData.slice(6)}` as `0x${string}` }
    const err = await refusal(swapped)
    expect([err.code, err.exitCode]).toEqual(['CALL_MISMATCH', 1])
    expect(err.message).toBe(
      'the call bytes built for SubtensorModule.add_stake decode as SubtensorModule.remove_stake (spec 218); nothing was signed',
    )
  })

  it('bytes whose arguments are not the ones asked for are refused, naming the argument', async () => {
    const err = await refusal({ ...transfer(5n), callData: transfer(6n).callData })
    expect(err.message).toBe(
      'the call bytes built for Balances.transfer_keep_alive decode with value = "6", not the "5" asked for (spec 218); nothing was signed',
    )
  })

  it('bytes with more after the call, or that do not decode, are refused', async () => {
    const call = transfer()
    expect((await refusal({ ...call, callData: `${call.callData}00` })).message).toMatch(/hold more than the call/)
    expect((await refusal({ ...call, callData: '0xff00' })).message).toMatch(/do not decode with the runtime's metadata/)
  })

  it('a value the encoder reads otherwise than meant is refused, not signed (hex text for a Vec<u8>)', async () => {
    const remark = buildCall(view, 'System', 'remark', { remark: '0x6869' })
    expect((await refusal(remark)).message).toMatch(
      /^the call bytes built for System.remark decode with remark = "0x[0-9a-f]+", not the "0x6869" asked for/,
    )
    const bytes = buildCall(view, 'System', 'remark', { remark: new TextEncoder().encode('hi') })
    expect((await prepareTx(node().ctx, bytes, ALICE.ss58)).decoded.args).toEqual({ remark: new TextEncoder().encode('hi') })
  })

  it('a hash asked for as hex, lists and integers are the same argument when their values are', async () => {
    const commit = buildCall(view, 'SubtensorModule', 'commit_weights', { netuid: 1, commit_hash: `0x${'AB'.repeat(32)}` })
    expect((await prepareTx(node().ctx, commit, ALICE.ss58)).decoded.args).toEqual({ netuid: 1, commit_hash: `0x${'ab'.repeat(32)}` })
    const weights = buildCall(view, 'SubtensorModule', 'set_weights', { netuid: 1, dests: [1, 2], weights: [3, 4], version_key: 0n })
    expect((await prepareTx(node().ctx, weights, ALICE.ss58)).decoded.args).toEqual({
      netuid: 1,
      dests: [1, 2],
      weights: [3, 4],
      version_key: 0n,
    })
  })

  it('sameValue: what the runtime would see as the same value', () => {
    const other = keypairFromUri('//Bob')
    expect(sameValue(5, 5n)).toBe(true)
    expect(sameValue(5, 6n)).toBe(false)
    expect(sameValue(Uint8Array.of(1, 2), '0x0102')).toBe(true)
    expect(sameValue(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false)
    // The same key under another SS58 prefix (0, Polkadot's) is the same account.
    expect(sameValue(ss58Address(ALICE.publicKey, 0), ALICE.ss58)).toBe(true)
    expect(sameValue(other.ss58, ALICE.ss58)).toBe(false)
    expect(sameValue(undefined, null)).toBe(true)
    expect(sameValue({ type: 'Id', value: BOB }, { type: 'Id', value: BOB })).toBe(true)
    expect(sameValue({ type: 'Id', value: BOB }, { type: 'Raw', value: BOB })).toBe(false)
    expect(sameValue([1, 2], [1, 2, 3])).toBe(false)
    expect(sameValue('Normal', 'Operational')).toBe(false)
  })
})
