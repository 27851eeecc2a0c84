import { outsidePrompt } from '../core/command-deadline.js'
import { badInput } from '../core/errors.js'

/**
 * Interactive questions, always on stderr so stdout stays data.
 * `canPrompt` is false with --no-prompt or when there is no terminal to ask on:
 * then every question fails with a clear message naming what was missing.
 */
export interface PromptPolicy {
  noPrompt: boolean
}

export function canPrompt(policy: PromptPolicy): boolean {
  return !policy.noPrompt && Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY)
}

export function requireAnswer(policy: PromptPolicy, what: string, hint: string): void {
  if (!canPrompt(policy)) {
    const why = policy.noPrompt ? '--no-prompt is set' : 'there is no terminal to ask on'
    throw badInput(`${what} is needed and ${why}; ${hint}`, 'MISSING_INPUT')
  }
}

const context = () => ({ input: process.stdin, output: process.stderr, clearPromptOnDone: false })

export async function askConfirm(policy: PromptPolicy, message: string, hint: string, defaultValue = false): Promise<boolean> {
  requireAnswer(policy, 'a confirmation', hint)
  const { confirm } = await import('@inquirer/prompts')
  return outsidePrompt(() => confirm({ message, default: defaultValue }, context()))
}

export async function askSecret(policy: PromptPolicy, message: string, hint: string): Promise<string> {
  requireAnswer(policy, message.replace(/:$/, '').toLowerCase(), hint)
  const { password } = await import('@inquirer/prompts')
  // Nothing is echoed, not even one mask character per key (that would show the length).
  return outsidePrompt(() => password({ message, mask: false, toggleMask: false }, context()))
}

export async function askText(policy: PromptPolicy, message: string, hint: string): Promise<string> {
  requireAnswer(policy, message.replace(/:$/, '').toLowerCase(), hint)
  const { input } = await import('@inquirer/prompts')
  return outsidePrompt(() => input({ message }, context()))
}
