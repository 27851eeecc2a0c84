/**
 * The stake commands' --json on a runtime newer than the local chain (spec 381: SwapRuntimeApi quotes, the
 * `_limit` calls, swap_stake, transfer_stake, unstake_all, fees in the stake events), which the end-to-end
 * tests cannot reach. The planners run against a stand-in connection with spec 381's metadata (every call is
 * built and encoded for real), and their reports (a dry run, and a landed transaction with its events) are
 * checked against the commands' schemas (docs/schemas/), as the end-to-end tests check the spec-218 ones.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { amountJson } from '../../src/core/amount.js'
import { toJsonSafe } from '../../src/core/json.js'
import { planStakeAdd, planStakeMove, planStakeRemove, type GuardOptions } from '../../src/subtensor/stake/plan.js'
import { txReportJson } from '../../src/tx/report.js'
import { type PlanContext, type TxIntent } from '../../src/tx/intent.js'
import { keypairFromUri } from '../../src/keystore/keys.js'
import { decodeMetadata } from '../../src/node/metadata.js'
import { buildCall, type TxResult } from '../../src/node/tx.js'
import type { Chain, TxEvent } from '../../src/node/index.js'
import { jsonContractProblems } from '../helpers/json-contract.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const meta = decodeMetadata(readFileSync(path.join(repoRoot, 'test/fixtures/metadata-spec381.scale')))
const TAO = 1_000_000_000n
const COLDKEY = keypairFromUri('//Alice').ss58
const HOTKEY = keypairFromUri('//Alice//hot').ss58
const OTHER_HOTKEY = keypairFromUri('//Bob//hot').ss58
const OTHER_COLDKEY = keypairFromUri('//Bob').ss58
const HASH = `0x${'12'.repeat(32)}` as const

/** A connection with spec 381's metadata: two subnets (2, 3) priced by the runtime's swap simulation. */
function chain381(): Chain {
  const price = (netuid: number) => (netuid === 2 ? 500_000_000n : 250_000_000n) // TAO per alpha × 1e9
  const sim = (tao: bigint, alpha: bigint, fees: { tao?: bigint; alpha?: bigint } = {}) => ({
    tao_amount: tao,
    alpha_amount: alpha,
    tao_fee: fees.tao ?? 0n,
    alpha_fee: fees.alpha ?? 0n,
    tao_slippage: 0n,
    alpha_slippage: 0n,
  })
  const apis: Record<string, (...a: any[]) => unknown> = {
    'SwapRuntimeApi.current_alpha_price': (netuid: number) => price(netuid),
    // 1% short of the spot price, with a fee, so slippage and swapFee are not zero.
    'SwapRuntimeApi.sim_swap_tao_for_alpha': (netuid: number, tao: bigint) =>
      sim(tao, (((tao * TAO) / price(netuid)) * 99n) / 100n, { tao: tao / 1000n }),
    'SwapRuntimeApi.sim_swap_alpha_for_tao': (netuid: number, alpha: bigint) =>
      sim((((alpha * price(netuid)) / TAO) * 99n) / 100n, alpha, { alpha: alpha / 1000n }),
    'StakeInfoRuntimeApi.get_stake_info_for_hotkey_coldkey_netuid': () => ({ stake: 40n * TAO }),
  }
  const storage: Record<string, (...k: any[]) => unknown> = {
    NetworksAdded: (netuid: number) => netuid === 2 || netuid === 3,
    Owner: (hotkey: string) => (hotkey === HOTKEY || hotkey === OTHER_HOTKEY ? COLDKEY : undefined),
    SubnetTAO: () => 100n * TAO,
    SubnetAlphaIn: () => 200n * TAO,
    SubnetMechanism: () => 1,
    SubtokenEnabled: () => true,
  }
  return {
    metadata: meta,
    hasCall: (pallet: string, name: string) => meta.call(pallet, name) !== undefined,
    callArgs: (pallet: string, name: string) => meta.call(pallet, name)?.args,
    call: (pallet: string, name: string, args: Record<string, unknown> = {}, options?: { ignoreExtra?: boolean }) =>
      buildCall(meta, pallet, name, args, options?.ignoreExtra),
    storage: async (_pallet: string, item: string, ...keys: unknown[]) => storage[item]!(...keys),
    runtimeApi: async (api: string, method: string, ...args: unknown[]) => {
      const f = apis[`${api}.${method}`]
      if (!f) throw new Error(`no stand-in for ${api}.${method}`)
      return f(...args)
    },
    entries: async (_pallet: string, item: string) =>
      item === 'Alpha' ? [2, 3].map((n) => ({ keys: [HOTKEY, COLDKEY, n], value: 1n })) : [],
    account: async () => ({ nonce: 7, free: 1_000n * TAO, reserved: 0n, frozen: 0n, consumers: 0, providers: 1 }),
    existentialDeposit: () => 500n,
  } as unknown as Chain
}

const context = (chain: Chain): PlanContext => ({
  chain,
  signer: COLDKEY,
  actor: COLDKEY,
  wallet: { path: '/nowhere', name: 'owner', hotkey: 'hot' } as PlanContext['wallet'],
  options: {},
  estimateFee: async () => 123_456n,
})

const guard: GuardOptions = { tolerancePpb: 10_000_000n, allowPartial: true, unsafe: false, explicit: true }
const hotkey = { ss58: HOTKEY, label: 'hotkey "hot" of wallet "owner"', name: 'hot' }

/** What executeTx plans before signing (call, signer, the command's fields, the estimate). */
const planned = (intent: TxIntent) => ({
  call: `${intent.call.pallet}.${intent.call.name}`,
  signer: COLDKEY,
  ...intent.context,
  estimatedFee: amountJson(123_456n),
  ...chainFields(intent),
})

/** What executeTx adds about the chain and the call as decoded from its bytes. */
const chainFields = (intent: TxIntent) => ({
  network: 'finney',
  endpoint: 'wss://entrypoint-finney.opentensor.ai:443',
  genesisHash: `0x${'2f'.repeat(32)}`,
  specVersion: 381,
  args: toJsonSafe(meta.decodeCall(intent.call.callData).args),
  callData: intent.call.callData,
})

const dryRun = (intent: TxIntent): TxResult => ({
  status: 'dry-run',
  txHash: HASH,
  hex: intent.call.callData,
  signer: COLDKEY,
  nonce: 7,
  tip: 0n,
  era: { type: 'mortal', period: 64, birth: 96, death: 160 },
  fee: 123_456n,
  pallet: intent.call.pallet,
  call: intent.call.name,
})

const landed = (events: TxEvent[]): TxResult => ({
  status: 'landed',
  txHash: HASH,
  hex: '0x00',
  blockHash: HASH,
  blockNumber: 101,
  index: 1,
  finalized: false,
  fee: 123_456n,
  events: [...events, { pallet: 'TransactionPayment', name: 'TransactionFeePaid', data: { who: COLDKEY, actual_fee: 123_456n, tip: 0n } }],
  ok: true,
  connectionLost: false,
})

/** StakeAdded / StakeRemoved as spec 381 emits them: (coldkey, hotkey, tao, alpha, netuid, fee). */
const stakeEvent = (
  name: 'StakeAdded' | 'StakeRemoved',
  c: { coldkey?: string; hotkey?: string; tao: bigint; alpha: bigint; netuid: number },
): TxEvent => ({
  pallet: 'SubtensorModule',
  name,
  data: [c.coldkey ?? COLDKEY, c.hotkey ?? HOTKEY, c.tao, c.alpha, c.netuid, 1_000n],
})

/** The contract's verdict on a report, through the JSON a script would read. */
const check = (command: string, intent: TxIntent, result: TxResult) => {
  const doc = JSON.parse(JSON.stringify(txReportJson(result, planned(intent), intent)))
  return { doc, problems: jsonContractProblems([...command.split(' '), '--json'], { code: 0, stdout: JSON.stringify(doc) }) }
}

describe('stake commands on spec 381 follow their schemas', () => {
  it('stake add: add_stake_limit, a runtime quote with a swap fee, the fee from StakeAdded', async () => {
    const intent = await planStakeAdd(context(chain381()), { hotkey, netuid: 2, amount: 10n * TAO, guard })
    expect(intent.call.name).toBe('add_stake_limit')
    const dry = check('stake add', intent, dryRun(intent))
    expect(dry.problems).toEqual([])
    expect(dry.doc).toMatchObject({
      quoteSource: 'SwapRuntimeApi',
      tolerance: 0.01,
      allowPartial: true,
      swapFee: amountJson((10n * TAO) / 1000n),
    })
    expect(dry.doc.limitPrice).toMatch(/^0\.505/)
    const done = check('stake add', intent, landed([stakeEvent('StakeAdded', { tao: 10n * TAO, alpha: 19n * TAO, netuid: 2 })]))
    expect(done.problems).toEqual([])
    expect(done.doc).toMatchObject({
      taoStaked: amountJson(10n * TAO),
      alphaReceived: amountJson(19n * TAO),
      stakeFee: amountJson(1_000n),
      block: 101,
    })
  })

  it('stake remove: remove_stake_limit on one subnet; unstake_all over every subnet (positions, no limit)', async () => {
    const one = await planStakeRemove(context(chain381()), { hotkey, netuid: 2, amount: 5n * TAO, guard })
    expect(one.call.name).toBe('remove_stake_limit')
    expect(check('stake remove', one, dryRun(one)).problems).toEqual([])
    expect(
      check('stake remove', one, landed([stakeEvent('StakeRemoved', { tao: 2n * TAO, alpha: 5n * TAO, netuid: 2 })])).problems,
    ).toEqual([])

    const all = await planStakeRemove(context(chain381()), {
      hotkey,
      netuid: undefined,
      amount: undefined,
      guard: { ...guard, explicit: false },
    })
    expect(all.call.name).toBe('unstake_all')
    const dry = check('stake remove', all, dryRun(all))
    expect(dry.problems).toEqual([])
    // unstake_all takes no limit price: the tolerance is what the quotes were checked against before signing.
    expect(dry.doc).toMatchObject({ netuid: null, limitPrice: null, tolerance: 0.01, allowPartial: null })
    expect(dry.doc.positions.map((p: { netuid: number }) => p.netuid)).toEqual([2, 3])
    const events = [2, 3].map((netuid) => stakeEvent('StakeRemoved', { tao: TAO, alpha: 40n * TAO, netuid }))
    const done = check('stake remove', all, landed(events))
    expect(done.problems).toEqual([])
    expect(done.doc.unstaked).toHaveLength(2)
  })

  it('move_stake takes no limit price anywhere: its quoted slippage is checked against the tolerance before signing', async () => {
    const move = (tolerancePpb: bigint, unsafe = false) =>
      planStakeMove(context(chain381()), {
        kind: 'move',
        hotkey,
        destinationHotkey: { ss58: OTHER_HOTKEY, label: OTHER_HOTKEY },
        originNetuid: 2,
        destinationNetuid: 3,
        amount: 4n * TAO,
        guard: { tolerancePpb, allowPartial: false, unsafe, explicit: false },
      })
    // Each simulated leg gives 1% less than the spot price: about 2% in all, above the default 0.5%.
    await expect(move(5_000_000n)).rejects.toMatchObject({
      exitCode: 1,
      code: 'SLIPPAGE_ABOVE_TOLERANCE',
      message: expect.stringMatching(/move_stake takes no limit price/),
    })
    const within = await move(50_000_000n)
    expect(check('stake move', within, dryRun(within)).doc).toMatchObject({ limitPrice: null, tolerance: 0.05, allowPartial: null })
    const unsafe = await move(5_000_000n, true)
    expect(check('stake move', unsafe, dryRun(unsafe)).doc).toMatchObject({ limitPrice: null, tolerance: null })
  })

  it('stake swap (swap_stake_limit), stake transfer (transfer_stake) and stake move between subnets', async () => {
    const swap = await planStakeMove(context(chain381()), {
      kind: 'swap',
      hotkey,
      originNetuid: 2,
      destinationNetuid: 3,
      amount: 4n * TAO,
      guard,
    })
    expect(swap.call.name).toBe('swap_stake_limit')
    const transfer = await planStakeMove(context(chain381()), {
      kind: 'transfer',
      hotkey,
      destinationColdkey: OTHER_COLDKEY,
      originNetuid: 2,
      destinationNetuid: 2,
      amount: 4n * TAO,
    })
    expect(transfer.call.name).toBe('transfer_stake')
    const move = await planStakeMove(context(chain381()), {
      kind: 'move',
      hotkey,
      destinationHotkey: { ss58: OTHER_HOTKEY, label: OTHER_HOTKEY },
      originNetuid: 2,
      destinationNetuid: 3,
      amount: 4n * TAO,
    })
    for (const [command, intent, into] of [
      ['stake swap', swap, { coldkey: COLDKEY, hotkey: HOTKEY, netuid: 3 }],
      ['stake transfer', transfer, { coldkey: OTHER_COLDKEY, hotkey: HOTKEY, netuid: 2 }],
      ['stake move', move, { coldkey: COLDKEY, hotkey: OTHER_HOTKEY, netuid: 3 }],
    ] as const) {
      expect(check(command, intent, dryRun(intent)).problems, command).toEqual([])
      const events = [
        stakeEvent('StakeRemoved', { tao: 2n * TAO, alpha: 4n * TAO, netuid: 2 }),
        stakeEvent('StakeAdded', { ...into, tao: 2n * TAO, alpha: 8n * TAO }),
      ]
      const done = check(command, intent, landed(events))
      expect(done.problems, command).toEqual([])
      expect(done.doc.alphaReceived, command).toEqual(amountJson(8n * TAO))
    }
    // Within one subnet the runtime moves alpha as it is: nothing is quoted.
    expect(check('stake transfer', transfer, dryRun(transfer)).doc).toMatchObject({ expectedTao: null, quoteSource: null, slippage: 0 })
  })
})
