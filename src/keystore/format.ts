import { hexToBytes } from '@noble/hashes/utils.js'
import { toHex as hex } from '../core/hex.js'
import { decodeAddress, encodeAddress } from '../core/ss58.js'
import { corrupt, encode, type KeyfileData } from './keyfile-data.js'

/** coldkeypub.txt / hotkeys/<name>pub.txt: the public fields only, as btcli writes them. */
export function serializePublicKeyfile(publicKey: Uint8Array): Uint8Array {
  return encode({ accountId: hex(publicKey), publicKey: hex(publicKey), ss58Address: encodeAddress(publicKey) })
}

function hexField(obj: Record<string, unknown>, field: string, length: number): Uint8Array | undefined {
  const v = obj[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string' || !/^(0x)?([0-9a-fA-F]{2})*$/.test(v)) throw corrupt(`${field} is not hex`)
  const bytes = hexToBytes(v.replace(/^0x/, ''))
  if (bytes.length !== length) throw corrupt(`${field} is ${bytes.length} bytes, not ${length}`)
  return bytes
}

/**
 * Parse what btcli accepts: keyfile JSON, or the legacy bare forms (an ss58 address, or a 0x seed). Async only
 * because the rare files without a public key (a secret alone, a bare seed) need the key algorithms, which are
 * loaded then and not at every start (keyfile-keys.ts).
 */
export async function parseKeyfile(bytes: Uint8Array): Promise<KeyfileData> {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).trim()
  } catch {
    throw corrupt('not UTF-8 text')
  }
  if (!text.startsWith('{')) return parseBare(text)
  let obj: unknown
  try {
    obj = JSON.parse(text)
  } catch {
    throw corrupt('not valid JSON (truncated?)')
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw corrupt('not a JSON object')
  const o = obj as Record<string, unknown>
  const phrase = o.secretPhrase
  if (phrase !== undefined && phrase !== null && typeof phrase !== 'string') throw corrupt('secretPhrase is not text')
  const data = {
    privateKey: hexField(o, 'privateKey', 64),
    secretSeed: hexField(o, 'secretSeed', 32),
    secretPhrase: typeof phrase === 'string' && phrase.trim() !== '' ? phrase : undefined,
  }
  let publicKey = hexField(o, 'publicKey', 32) ?? hexField(o, 'accountId', 32)
  const ss58 = o.ss58Address
  if (ss58 !== undefined && ss58 !== null) {
    if (typeof ss58 !== 'string') throw corrupt('ss58Address is not text')
    const d = decodeAddress(ss58)
    if (!d.ok) throw corrupt(`ss58Address ${d.reason === 'checksum' ? 'has a bad checksum' : 'is not an address'}`)
    if (publicKey && hex(publicKey) !== hex(d.publicKey)) throw corrupt('ss58Address and publicKey disagree')
    publicKey ??= d.publicKey
  }
  if (!publicKey) {
    // A secret alone still names its key.
    if (!data.secretPhrase && !data.secretSeed && !data.privateKey) throw corrupt('it holds no key')
    const { keypairFromKeyfile } = await import('./keyfile-keys.js')
    publicKey = keypairFromKeyfile({ ...data, publicKey: new Uint8Array(32), ss58: '' }, false).publicKey
  }
  return { ...data, publicKey, ss58: encodeAddress(publicKey) }
}

async function parseBare(text: string): Promise<KeyfileData> {
  if (/^0x[0-9a-fA-F]{64}$/.test(text)) {
    const { keypairFromSeed } = await import('./keys.js')
    const kp = keypairFromSeed(hexToBytes(text.slice(2)))
    return { publicKey: kp.publicKey, ss58: kp.ss58, secretSeed: kp.miniSecret }
  }
  const d = decodeAddress(text)
  if (d.ok) return { publicKey: d.publicKey, ss58: encodeAddress(d.publicKey) }
  throw corrupt(text === '' ? 'it is empty' : 'not keyfile JSON')
}
