import { Flags } from '@oclif/core'

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

export const hotkeySs58Flag = Flags.string({
  aliases: ['hotkey-address', 'ss58-hotkey'],
  description: "Hotkey address (SS58) to act on, instead of the wallet's hotkey named by -H.",
  helpGroup: 'WALLET',
})
