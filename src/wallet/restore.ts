import { readFile } from 'node:fs/promises'
import { badInput } from '../core/errors.js'
import type { Keypair } from '../keystore/keys.js'
import { fromHex } from '../core/hex.js'

/** What a regen command restores from; the secret itself never travels in argv. */
export type RestoreSource =
  { kind: 'mnemonic'; text: string } | { kind: 'seed'; text: string } | { kind: 'polkadot-json'; json: string; password: string }

/** A typed or piped secret: 0x-hex is a seed, words are a mnemonic. */
export function classifySecret(text: string): RestoreSource {
  const t = text.trim()
  if (/^(0x)?[0-9a-fA-F]+$/.test(t) && !/\s/.test(t) && t.length >= 32) return { kind: 'seed', text: t }
  return { kind: 'mnemonic', text: t }
}

export async function restoreKeypair(source: RestoreSource): Promise<Keypair> {
  // The key algorithms load here, when a key is restored, not at every start of the key commands.
  const { keypairFromMnemonic, keypairFromSeed, validateMnemonic } = await import('../keystore/keys.js')
  switch (source.kind) {
    case 'mnemonic': {
      const phrase = source.text.trim().toLowerCase().split(/\s+/).join(' ')
      validateMnemonic(phrase)
      return keypairFromMnemonic(phrase)
    }
    case 'seed':
      return keypairFromSeed(fromHex(source.text, 'the seed', 32))
    case 'polkadot-json':
      // scrypt and xsalsa20 load only for a polkadot-js export, not at every start of the key commands.
      return (await import('../keystore/polkadot-json.js')).keypairFromPolkadotJson(source.json, source.password)
  }
}

export async function readJsonExport(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (e) {
    throw badInput(`cannot read the JSON export ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'UNREADABLE_FILE')
  }
}
