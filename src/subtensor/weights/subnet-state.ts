import type { WeightLimits } from './rules.js'
import type { Chain } from '../../node/index.js'

/**
 * What setting, committing and revealing weights needs to know about a subnet and the signing hotkey, read
 * from storage in one round of parallel queries. An item this runtime lacks reads as null.
 */
export interface SubnetWeightsState {
  netuid: number
  /** Best block when read. */
  block: number
  genesisHash: string
  exists: boolean
  subnetN: number
  tempo: number
  minAllowedWeights: number | null
  maxWeightsLimit: number | null
  versionKey: bigint
  commitReveal: boolean
  revealPeriod: bigint | null
  /** WeightsSetRateLimit (blocks), null where absent. */
  rateLimit: bigint | null
  /** The hotkey's uid on the subnet, null when not registered there. */
  uid: number | null
  validatorPermit: boolean | null
  /** Block of the hotkey's last weights (or commit), 0 = never. */
  lastUpdate: bigint | null
  /** The subnet's epoch counter (`SubnetEpochIndex`) on runtimes that have one, else null (block-formula epochs). */
  epochIndex: bigint | null
  /** `CommitRevealWeightsVersion` where the runtime has timelocked commits. */
  commitRevealVersion: number | null
}

export async function readSubnetWeightsState(chain: Chain, netuid: number, hotkey: string): Promise<SubnetWeightsState> {
  const has = (item: string) => chain.metadata.storage('SubtensorModule', item) !== undefined
  const read = <T>(item: string, ...keys: unknown[]): Promise<T | null> =>
    has(item) ? (chain.storage('SubtensorModule', item, ...keys) as Promise<T>) : Promise.resolve(null)

  const [
    block,
    props,
    exists,
    subnetN,
    tempo,
    minAllowed,
    maxLimit,
    versionKey,
    crEnabled,
    revealPeriod,
    rateLimit,
    uid,
    epochIndex,
    crVersion,
  ] = await Promise.all([
    chain.blockNumber('best'),
    chain.properties(),
    read<boolean>('NetworksAdded', netuid),
    read<number>('SubnetworkN', netuid),
    read<number>('Tempo', netuid),
    read<number>('MinAllowedWeights', netuid),
    read<number>('MaxWeightsLimit', netuid),
    read<bigint>('WeightsVersionKey', netuid),
    read<boolean>('CommitRevealWeightsEnabled', netuid),
    read<bigint>('RevealPeriodEpochs', netuid),
    read<bigint>('WeightsSetRateLimit', netuid),
    read<number | undefined>('Uids', netuid, hotkey),
    read<bigint>('SubnetEpochIndex', netuid),
    read<number>('CommitRevealWeightsVersion'),
  ])
  const myUid = uid ?? null
  const [permits, lastUpdates] =
    myUid === null ? [null, null] : await Promise.all([read<boolean[]>('ValidatorPermit', netuid), read<bigint[]>('LastUpdate', netuid)])
  return {
    netuid,
    block,
    genesisHash: props.genesisHash,
    exists: exists === true,
    subnetN: subnetN ?? 0,
    tempo: tempo ?? 0,
    minAllowedWeights: minAllowed,
    maxWeightsLimit: maxLimit,
    versionKey: versionKey ?? 0n,
    commitReveal: crEnabled === true,
    revealPeriod,
    rateLimit,
    uid: myUid,
    validatorPermit: permits && myUid !== null ? (permits[myUid] ?? false) : null,
    lastUpdate: lastUpdates && myUid !== null ? (lastUpdates[myUid] ?? 0n) : null,
    epochIndex,
    commitRevealVersion: crVersion,
  }
}

export const limitsOf = (s: SubnetWeightsState, selfUid: number): WeightLimits => ({
  netuid: s.netuid,
  subnetN: s.subnetN,
  selfUid,
  minAllowedWeights: s.minAllowedWeights,
  maxWeightsLimit: s.maxWeightsLimit,
  requiredVersionKey: s.versionKey,
})

/** One unrevealed CR-v2 commit as WeightCommits stores it (the meaning of the numbers depends on the runtime). */
export interface ChainCommit {
  hash: string
  /** Legacy runtimes: (commit_block, first_reveal_block, last_reveal_block); epoch runtimes: (commit_epoch, commit_block, 0). */
  fields: [bigint, bigint, bigint]
}

export async function readWeightCommits(chain: Chain, netuidIndex: number, hotkey: string): Promise<ChainCommit[]> {
  const raw = (await chain.storage('SubtensorModule', 'WeightCommits', netuidIndex, hotkey)) as
    Array<[unknown, bigint, bigint, bigint]> | undefined
  return (raw ?? []).map(([hash, a, b, c]) => ({ hash: hashHex(hash), fields: [BigInt(a), BigInt(b), BigInt(c)] }))
}

const hashHex = (h: unknown): string =>
  typeof h === 'string'
    ? h.toLowerCase()
    : h instanceof Uint8Array
      ? '0x' + Buffer.from(h).toString('hex')
      : String((h as { asHex?: () => string }).asHex?.() ?? h)
