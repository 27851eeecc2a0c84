import { verify } from '@scure/sr25519'
import { describe, expect, it } from 'vitest'
import { DEV_ACCOUNT_NAMES, devAccount } from '../helpers/dev-accounts.js'
import { DEV_ADDRESSES } from '../../src/localnet/dev-addresses.js'

// Published addresses of the Substrate dev accounts (`subkey inspect //Alice`, prefix 42).
const KNOWN = {
  Alice: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  Bob: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
  Charlie: '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y',
  Dave: '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy',
  Eve: '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw',
  Ferdie: '5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL',
}

describe('dev accounts', () => {
  it('derive the well-known //Alice … //Ferdie addresses', () => {
    expect(Object.fromEntries(DEV_ACCOUNT_NAMES.map(devAccount).map((a) => [a.name, a.ss58]))).toEqual(KNOWN)
    // The written-down addresses localnet plans with are these derived ones.
    expect(DEV_ADDRESSES).toEqual(KNOWN)
  })

  it('sign with the derived key', () => {
    const alice = devAccount('Alice')
    const msg = new TextEncoder().encode('hello')
    expect(verify(msg, alice.sign(msg), alice.publicKey)).toBe(true)
  })
})
