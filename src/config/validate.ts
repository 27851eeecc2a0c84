import { badInput } from '../core/errors.js'
import type { SettingKey } from './settings.js'

const NETWORK_NAMES = ['finney', 'test', 'archive', 'local']
const NAME = /^[A-Za-z0-9_.-]+$/

/** Reject a value that could never work before it is stored. */
export function validateSetting(key: SettingKey, value: string): string {
  const v = value.trim()
  if (v === '') throw badInput(`${key} cannot be empty`)
  switch (key) {
    case 'network':
      if (!NETWORK_NAMES.includes(v) && !/^wss?:\/\/[^\s]+$/.test(v))
        throw badInput(`network must be one of ${NETWORK_NAMES.join(', ')} or a ws:// / wss:// URL, not "${v}"`)
      return v
    case 'wallet-name':
    case 'hotkey':
      if (!NAME.test(v) || v === '.' || v === '..') throw badInput(`${key} may hold only letters, digits, "_", "-" and ".": "${v}"`)
      return v
    case 'wallet-path':
      return v
  }
}
