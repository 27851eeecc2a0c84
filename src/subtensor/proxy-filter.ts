/**
 * Which calls a proxy of each `ProxyType` may make, as the Subtensor runtime's `InstanceFilter<RuntimeCall> for
 * ProxyType` decides, written down for the runtimes whose filter was read (spec 218: runtime/src/lib.rs of that
 * release). A call the filter refuses would land and fail with `CallFiltered` (the fee paid, nothing done): knowing
 * the filter lets tao refuse it before signing. For any other runtime the answer is `undefined`: the runtime decides
 * and its error is reported by name.
 */
export interface CallRef {
  pallet: string
  name: string
  args: Record<string, unknown>
}

type Filter = (call: CallRef) => boolean

const is = (call: CallRef, pallet: string, ...names: string[]) =>
  call.pallet === pallet && (names.length === 0 || names.includes(call.name))

/** Below 0.5 TAO (rao): what the SmallTransfer type may send. */
const SMALL_TRANSFER_LIMIT = 500_000_000n

const SPEC_218: Record<string, Filter> = {
  Any: () => true,
  NonTransfer: (c) => !is(c, 'Balances'),
  NonFungibile: (c) =>
    !is(c, 'Balances') &&
    !is(c, 'SubtensorModule', 'add_stake', 'remove_stake', 'burned_register', 'root_register', 'schedule_swap_coldkey', 'swap_hotkey'),
  Transfer: (c) => is(c, 'Balances', 'transfer_keep_alive', 'transfer_allow_death', 'transfer_all'),
  SmallTransfer: (c) =>
    is(c, 'Balances', 'transfer_keep_alive', 'transfer_allow_death') && BigInt(c.args.value as bigint) < SMALL_TRANSFER_LIMIT,
  Owner: (c) => is(c, 'AdminUtils'),
  NonCritical: (c) =>
    !is(c, 'SubtensorModule', 'dissolve_network', 'root_register', 'burned_register', 'set_root_weights') &&
    !is(c, 'Triumvirate') &&
    !is(c, 'Sudo'),
  Triumvirate: (c) => is(c, 'Triumvirate') || is(c, 'TriumvirateMembers'),
  Senate: (c) => is(c, 'SenateMembers'),
  Governance: (c) => is(c, 'SenateMembers') || is(c, 'Triumvirate') || is(c, 'TriumvirateMembers'),
  Staking: (c) => is(c, 'SubtensorModule', 'add_stake', 'remove_stake'),
  Registration: (c) => is(c, 'SubtensorModule', 'burned_register', 'register'),
  RootWeights: (c) => is(c, 'SubtensorModule', 'set_root_weights'),
  ChildKeys: (c) => is(c, 'SubtensorModule', 'set_children', 'set_childkey_take'),
  // Only Sudo.sudo_unchecked_weight(System.set_code): the nested call is not looked into here.
  SudoUncheckedSetCode: (c) => is(c, 'Sudo', 'sudo_unchecked_weight'),
}

const FILTERS: Record<number, Record<string, Filter>> = { 218: SPEC_218 }

/** Whether a proxy of `type` may make `call` on this runtime: true/false where the filter is known, else undefined. */
export function proxyAllows(specVersion: number | undefined, type: string, call: CallRef): boolean | undefined {
  const filter = specVersion === undefined ? undefined : FILTERS[specVersion]?.[type]
  return filter ? filter(call) : undefined
}

/** Whether this runtime's filter is written down here. */
export const proxyFilterKnown = (specVersion: number | undefined): boolean => specVersion !== undefined && specVersion in FILTERS
