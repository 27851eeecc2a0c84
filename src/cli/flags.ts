import { Flags } from '@oclif/core'
import { expandHome, resolveSetting } from '../config/settings.js'

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

export function resolveWallet(flags: { 'wallet-path'?: string; 'wallet-name'?: string; hotkey?: string }): WalletSelection {
  return {
    path: expandHome(resolveSetting('wallet-path', flags['wallet-path']).value),
    name: resolveSetting('wallet-name', flags['wallet-name']).value,
    hotkey: resolveSetting('hotkey', flags.hotkey).value,
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
