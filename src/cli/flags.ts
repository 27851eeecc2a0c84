import { Flags } from '@oclif/core'
import { expandHome, resolveSetting } from '../config/settings.js'
import { validateName } from '../keystore/files.js'

/** Wallet selection flags, on every wallet command (btcli's names). */
export const walletFlags = {
  'wallet-path': Flags.string({
    aliases: ['wallet.path', 'wallet_path', 'path'],
    description: 'Folder that holds the wallets [env BT_WALLET_PATH, config wallet-path, default ~/.bittensor/wallets].',
    helpGroup: 'WALLET',
  }),
  'wallet-name': Flags.string({
    char: 'w',
    aliases: ['wallet.name', 'wallet_name', 'name'],
    description: 'Wallet (coldkey) name [env BT_WALLET_NAME, config wallet-name, default "default"].',
    helpGroup: 'WALLET',
  }),
  hotkey: Flags.string({
    char: 'H',
    aliases: ['wallet.hotkey', 'wallet_hotkey', 'wallet-hotkey'],
    description: 'Hotkey name [env BT_WALLET_HOTKEY, config hotkey, default "default"].',
    helpGroup: 'WALLET',
  }),
}

export interface WalletSelection {
  path: string
  name: string
  hotkey: string
}

/**
 * The wallet a command acts on: flag > environment > config > default for each part. Each part is resolved
 * when it is read, so an empty BT_WALLET_HOTKEY fails a command that uses the hotkey (exit 2) and does not
 * disturb one that never does; names are checked (one folder name the file system can hold).
 */
export function resolveWallet(flags: { 'wallet-path'?: string; 'wallet-name'?: string; hotkey?: string }): WalletSelection {
  return {
    get path() {
      return expandHome(resolveSetting('wallet-path', flags['wallet-path']).value)
    },
    get name() {
      return validateName(resolveSetting('wallet-name', flags['wallet-name']).value, 'wallet name')
    },
    get hotkey() {
      return validateName(resolveSetting('hotkey', flags.hotkey).value, 'hotkey name')
    },
  }
}

/** Where a password may come from, besides the prompt. Never argv. */
export const passwordFlags = {
  'password-file': Flags.string({
    description: 'Read the password from this file ("-" for stdin) instead of prompting. Env TAO_PASSWORD also works.',
    helpGroup: 'PASSWORD',
  }),
}

export const networkFlags = {
  network: Flags.string({
    char: 'n',
    aliases: ['subtensor.network', 'subtensor.chain_endpoint', 'chain'],
    description: 'finney, test, archive, local, or a ws:// / wss:// URL [env TAO_NETWORK, config network, default finney].',
    helpGroup: 'NETWORK',
  }),
}
