import { badInput } from '../core/errors.js'

export const NAME_MAX = 255
export const PUB_SUFFIX = 'pub.txt'

/**
 * A wallet or hotkey name is one path segment the file system can hold. Checked before anything is
 * written, so a name that cannot work never leaves half a wallet behind.
 */
export function validateName(name: string, what: string): string {
  if (name === '') throw badInput(`the ${what} is empty`, 'EMPTY_NAME')
  if (name === '.' || name === '..' || /[/\\\0]/.test(name))
    throw badInput(`${what} "${name}" is not a valid name (one folder name, no slashes)`, 'BAD_NAME')
  if (/[\x00-\x1f\x7f]/.test(name)) throw badInput(`${what} ${JSON.stringify(name)} holds control characters`, 'BAD_NAME')
  // A hotkey also names its public file, <name>pub.txt.
  const longest = Buffer.byteLength(name) + (what === 'hotkey name' ? PUB_SUFFIX.length : 0)
  if (longest > NAME_MAX)
    throw badInput(
      `${what} is too long: ${Buffer.byteLength(name)} bytes, at most ${NAME_MAX - (what === 'hotkey name' ? PUB_SUFFIX.length : 0)}`,
      'NAME_TOO_LONG',
    )
  return name
}

/** A hotkey name that is about to be written must not look like another hotkey's public file. */
export function validateNewHotkeyName(name: string): string {
  validateName(name, 'hotkey name')
  if (name.endsWith(PUB_SUFFIX)) throw badInput(`hotkey name "${name}" ends in "${PUB_SUFFIX}", the name of a public key file`, 'BAD_NAME')
  return name
}
