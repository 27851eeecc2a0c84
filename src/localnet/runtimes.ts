/**
 * The runtimes `tao localnet start --runtime N` can run, all from files this package ships (chain-specs/README.md
 * says where each comes from). 218 is the raonet genesis as published; 300 is that same state with a newer
 * runtime in `:code`, which the first block migrates to (so no second 1.7 MB genesis is shipped).
 */
export const LOCAL_RUNTIMES = {
  218: { specFile: 'raonet-spec218.json', summary: 'spec 218 (raonet genesis): the dynamic-TAO era, opaque runtime APIs' },
  300: {
    specFile: 'raonet-spec218.json',
    codeFile: 'runtime-spec300.wasm',
    summary:
      'spec 300 (July 2025): typed runtime APIs, the metagraph API, limit staking, swap/transfer stake, start_call, crowdloans, user liquidity, CRV3 and batch weights; about 2x slower per block',
  },
} as const

export type LocalRuntime = keyof typeof LOCAL_RUNTIMES
export const LOCAL_RUNTIME_VERSIONS = Object.keys(LOCAL_RUNTIMES).map(Number) as LocalRuntime[]
export const DEFAULT_RUNTIME: LocalRuntime = 218
