import { Flags } from '@oclif/core'

/** Identity flags (btcli's names). Which ones a runtime takes comes from its metadata at run time. */

const text = (description: string) => Flags.string({ description, helpGroup: 'IDENTITY' })

export const subnetIdentityFlags = {
  'subnet-name': text('Subnet name.'),
  'github-repo': text('GitHub repository URL.'),
  'subnet-contact': text('Contact (e-mail).'),
  'subnet-url': text('Website (newer runtimes).'),
  'discord-handle': text('Discord handle (newer runtimes).'),
  description: text('Description (newer runtimes).'),
  'logo-url': text('Logo URL (newer runtimes).'),
  'additional-info': text('Anything else (newer runtimes).'),
}

export const chainIdentityFlags = {
  'id-name': text('Display name.'),
  'web-url': text('Website.'),
  github: text('GitHub repository (newer runtimes).'),
  'image-url': text('Image URL.'),
  discord: text('Discord handle.'),
  description: text('Description.'),
  additional: text('Anything else.'),
}
