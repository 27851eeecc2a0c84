import type { Keypair } from '../keystore/keys.js'
import { publicInfo, type PublicKeyInfo } from './store.js'

/** What a command reports about a key it wrote. */
export interface WrittenKey extends PublicKeyInfo {
  role: 'coldkey' | 'hotkey'
  name: string
  path: string
  encrypted: boolean
}

export const writtenKey = (role: 'coldkey' | 'hotkey', name: string, keypair: Keypair, path: string, encrypted: boolean): WrittenKey => ({
  role,
  name,
  ...publicInfo(keypair.publicKey),
  path,
  encrypted,
})
