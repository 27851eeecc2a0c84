import { describe, expect, it } from 'vitest'
import { classifyValidity, probeMetadataHash } from './metadata-probe.js'

const BLOCK = '0x' + '99'.repeat(32)

describe('asking a runtime whether it checks CheckMetadataHash', () => {
  it('reads TransactionValidity: cannot look up = cannot check; bad proof = wrong digest; valid or any later refusal = checked', () => {
    expect(classifyValidity(new Uint8Array([1, 1, 0]))).toBe('unsupported') // Err(Unknown(CannotLookup))
    expect(classifyValidity(new Uint8Array([1, 0, 4]))).toBe('mismatch') // Err(Invalid(BadProof))
    expect(classifyValidity(new Uint8Array([1, 0, 1]))).toBe('supported') // Err(Invalid(Payment)): the throwaway key has nothing
    expect(classifyValidity(new Uint8Array([0, 1, 2, 3]))).toBe('supported') // Ok(ValidTransaction)
  })

  it('signs a remark with a throwaway key in mode 1 and asks validate_transaction at the block, as from the network', async () => {
    const calls: unknown[][] = []
    const answer = await probeMetadataHash(
      {
        signRemark: async (signer, at) => {
          expect(at).toBe(BLOCK)
          expect(signer.publicKey).toHaveLength(32)
          return new Uint8Array([0xaa, 0xbb])
        },
        rpc: async <T>(method: string, params: unknown[]) => {
          calls.push([method, ...params])
          return '0x010100' as T
        },
      },
      BLOCK,
    )
    expect(answer).toBe('unsupported')
    expect(calls).toEqual([['state_call', 'TaggedTransactionQueue_validate_transaction', `0x02aabb${BLOCK.slice(2)}`, BLOCK]])
  })

  it('a node that cannot answer counts as a runtime that cannot check (tao then checks locally)', async () => {
    const failing = { signRemark: async () => new Uint8Array([1]), rpc: async () => Promise.reject(new Error('method not found')) }
    expect(await probeMetadataHash(failing, BLOCK)).toBe('unsupported')
  })
})
