import { describe, expect, it } from 'vitest'
import { describeRejection } from './rejection.js'

describe('node rejections in words', () => {
  it("Chopsticks' JSON reasons", () => {
    expect(describeRejection(1010, '{"invalid":{"stale":null}}')).toMatchObject({
      kind: 'stale',
      words: expect.stringMatching(/nonce is already used/),
    })
    expect(describeRejection(1010, '{"invalid":{"payment":null}}')?.kind).toBe('payment')
    expect(describeRejection(1010, '{"invalid":{"badProof":null}}')?.words).toMatch(/signature does not match/)
    expect(describeRejection(1010, '{"invalid":{"future":null}}')?.words).toMatch(/ahead of the account/)
    expect(describeRejection(1010, '{"invalid":{"exhaustsResources":null}}')?.kind).toBe('exhaustsResources')
    expect(describeRejection(1010, '{"invalid":{"custom":6}}')).toEqual({
      kind: 'custom',
      words: "the runtime's own check refused it (custom code 6)",
    })
    expect(describeRejection(1011, '{"unknown":{"cannotLookup":null}}')?.kind).toBe('cannotLookup')
  })

  it("a Substrate node's words", () => {
    expect(describeRejection(1010, 'Invalid Transaction', 'Transaction is outdated')?.kind).toBe('stale')
    expect(describeRejection(1010, 'Invalid Transaction', 'Transaction has a bad signature')?.kind).toBe('badProof')
    expect(describeRejection(1010, 'Invalid Transaction', 'Inability to pay some fees (e.g. account balance too low)')?.kind).toBe(
      'payment',
    )
    expect(describeRejection(1010, 'Invalid Transaction', 'Transaction will be valid in the future')?.kind).toBe('future')
    expect(describeRejection(1010, 'Invalid Transaction', 'Transaction has an ancient birth block')?.kind).toBe('ancientBirthBlock')
    expect(describeRejection(1010, 'Invalid Transaction', 'Custom error: 3')).toMatchObject({
      kind: 'custom',
      words: expect.stringMatching(/custom code 3/),
    })
    expect(describeRejection(1012, 'Transaction is temporarily banned')?.kind).toBe('banned')
    expect(describeRejection(1014, 'Priority is too low: (1 vs 1)')?.kind).toBe('priorityTooLow')
    expect(describeRejection(1016, "Transaction couldn't enter the pool because of the limit")?.kind).toBe('poolFull')
    expect(
      describeRejection(1002, 'Verification Error: Runtime error: Execution failed: wasm trap: wasm `unreachable` instruction executed')
        ?.kind,
    ).toBe('runtimePanic')
  })

  it('leaves what it does not know to the caller', () => {
    expect(describeRejection(-32000, 'something new')).toBeUndefined()
    expect(describeRejection(1010, '{"invalid":{"somethingNew":null}}')).toBeUndefined()
  })
})
