import { Blake2128Concat, Bytes, Struct, Twox128, u128, u32, Vector } from '@polkadot-api/substrate-bindings'
import { fromHex, toHex } from '../core/hex.js'
import { parseAddress } from '../core/ss58.js'
import { DEV_ADDRESSES } from './dev-addresses.js'

/** The raw chain spec fields Chopsticks reads. */
export interface RawChainSpec {
  id: string
  name: string
  properties: Record<string, unknown>
  genesis: { raw: { top: Record<string, string> } }
  [other: string]: unknown
}

const CODE_KEY = '0x3a636f6465' // ":code"
const storagePrefix = (pallet: string, item: string) => toHex(new Uint8Array([...Twox128(enc(pallet)), ...Twox128(enc(item))]))
const enc = (s: string) => new TextEncoder().encode(s)

// Frame's AccountInfo with the balances pallet's AccountData, as the spec-218 genesis stores it: the state
// is read by the old runtime's layout until the upgrade's first block runs.
const AccountInfo = Struct({
  nonce: u32,
  consumers: u32,
  providers: u32,
  sufficients: u32,
  data: Struct({ free: u128, reserved: u128, frozen: u128, flags: u128 }),
})
const Authorities = Vector(Bytes(32))

/** Enough for the upgrade's migration to bond from Alice (it bonds 1 TAO from each Aura authority). */
const ALICE_GENESIS_FREE = 1_000n * 10n ** 9n
/** Frame's "new logic" flag of AccountData.flags: accounts written today carry it. */
const NEW_LOGIC_FLAG = 1n << 127n

/**
 * A raw spec that starts from `base`'s state with `code` as its runtime. The upgrade's migrations need the
 * block author (an Aura authority) to be a key they know and to have a balance, so Alice becomes the only
 * authority and is funded; everything else is `base` as it is.
 */
export function withRuntimeCode(base: RawChainSpec, code: Uint8Array): RawChainSpec {
  const alice = parseAddress(DEV_ADDRESSES.Alice)
  const top = { ...base.genesis.raw.top }
  top[CODE_KEY] = toHex(code)
  top[storagePrefix('Aura', 'Authorities')] = toHex(Authorities.enc([alice]))
  const accountKey = storagePrefix('System', 'Account') + toHex(Blake2128Concat(alice)).slice(2)
  top[accountKey] = toHex(
    AccountInfo.enc({
      nonce: 0,
      consumers: 0,
      providers: 1,
      sufficients: 0,
      data: { free: ALICE_GENESIS_FREE, reserved: 0n, frozen: 0n, flags: NEW_LOGIC_FLAG },
    }),
  )
  return { ...base, genesis: { ...base.genesis, raw: { ...base.genesis.raw, top } } }
}

/** The runtime code a spec starts with, for tests and checks. */
export const specCode = (spec: RawChainSpec): Uint8Array => fromHex(spec.genesis.raw.top[CODE_KEY] ?? '0x', ':code')
