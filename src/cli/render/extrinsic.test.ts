import { describe, expect, it } from 'vitest'
import { renderDecoded, type DecodedJson } from './extrinsic.js'

const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const base: DecodedJson = {
  txHash: '0x' + 'ab'.repeat(32),
  length: 146,
  kind: 'signed',
  signer: '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV',
  nonce: 3,
  tip: { rao: '0', tao: '0' },
  era: { type: 'mortal', period: 64, phase: 5 },
  call: 'Balances.transfer_keep_alive',
  args: { dest: { type: 'Id', value: BOB }, value: { rao: '1500000000', tao: '1.5' } },
  signatureCheck: { status: 'valid', reason: null },
}

describe('tx decode for people', () => {
  it('the call, its arguments (amounts in TAO, enums as words), nonce, tip, era and the signature', () => {
    expect(renderDecoded(base).split('\n')).toEqual([
      `Balances.transfer_keep_alive signed by ${base.signer}`,
      `  dest: Id ${BOB}`,
      '  value: τ1.5 (1500000000 rao)',
      'nonce 3, tip τ0, era mortal (period 64, phase 5)',
      'signature: valid',
      `extrinsic ${base.txHash}, 146 bytes`,
    ])
  })

  it('says plainly when the signature does not hold, or could not be checked', () => {
    expect(renderDecoded({ ...base, signatureCheck: { status: 'invalid', reason: 'the signature does not match' } })).toMatch(
      /^signature: NOT valid: the signature does not match$/m,
    )
    expect(renderDecoded({ ...base, signatureCheck: { status: 'unchecked', reason: 'the genesis hash is needed' } })).toMatch(
      /^signature: not checked: the genesis hash is needed$/m,
    )
  })

  it('an unsigned extrinsic has no signer, nonce or signature line', () => {
    const bare = renderDecoded({
      ...base,
      kind: 'bare',
      signer: null,
      nonce: null,
      tip: null,
      era: null,
      signatureCheck: { status: 'unchecked', reason: 'it is not signed' },
    })
    expect(bare.split('\n')[0]).toBe('Balances.transfer_keep_alive (bare, not signed)')
    expect(bare).not.toMatch(/signature|nonce/)
  })
})
