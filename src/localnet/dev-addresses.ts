export const DEV_ACCOUNT_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const
export type DevAccountName = (typeof DEV_ACCOUNT_NAMES)[number]

/**
 * The addresses (prefix 42) of the Substrate development accounts, as `subkey inspect //Alice` prints them.
 * Written down so that planning a localnet (`--fund`) needs no key derivation at start-up; test/localnet/dev-accounts.test.ts
 * proves they are what `//Name` derives to.
 */
export const DEV_ADDRESSES: Readonly<Record<DevAccountName, string>> = {
  Alice: '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
  Bob: '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
  Charlie: '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y',
  Dave: '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy',
  Eve: '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw',
  Ferdie: '5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL',
}
