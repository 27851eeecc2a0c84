/**
 * Ctrl-C: one short line on stderr and exit 130, wherever the command is (connecting, waiting for a block).
 * Work that must not be cut in half (writing a file, a key and the mnemonic shown for it) runs inside
 * `uninterruptible`: an interrupt during it takes effect when it ends. What a person needs to know about an
 * interrupt at a given moment (a transaction already sent may still land) is set with `setInterruptNote`.
 */

export const INTERRUPTED_EXIT = 130

let installed = false
let holds = 0
let pending = false
let note: string | undefined

/** Handle SIGINT from now on (idempotent). */
export function handleInterrupts(): void {
  if (installed) return
  installed = true
  process.on('SIGINT', onInterrupt)
}

function onInterrupt(): void {
  if (holds > 0) {
    pending = true
    return
  }
  leave()
}

function leave(): never {
  // The terminal has echoed ^C on the current line; start ours on a fresh one.
  const fresh = process.stderr.isTTY ? '\n' : ''
  if (note !== '') process.stderr.write(`${fresh}${note ?? 'interrupted'}\n`)
  process.exit(INTERRUPTED_EXIT)
}

/**
 * What to tell the user if Ctrl-C comes now (undefined: plain "interrupted"; '' for nothing, where Ctrl-C is
 * the normal way to end, as in a --watch loop).
 */
export function setInterruptNote(text: string | undefined): void {
  note = text
}

/** Run `work` to its end even when Ctrl-C comes meanwhile; the interrupt takes effect afterwards. */
export async function uninterruptible<T>(work: () => Promise<T>): Promise<T> {
  holds++
  try {
    return await work()
  } finally {
    holds--
    if (holds === 0 && pending) leave()
  }
}
