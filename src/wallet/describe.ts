import { publicInfo, type PublicKeyInfo } from './paths.js'

/** What a command reports about a key it wrote. */
export interface WrittenKey extends PublicKeyInfo {
  role: 'coldkey' | 'hotkey'
  name: string
  path: string
  encrypted: boolean
}

export const writtenKey = (
  role: 'coldkey' | 'hotkey',
  name: string,
  publicKey: Uint8Array,
  path: string,
  encrypted: boolean,
): WrittenKey => ({
  role,
  name,
  ...publicInfo(publicKey),
  path,
  encrypted,
})
