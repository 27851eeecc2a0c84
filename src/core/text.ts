/**
 * Text that came from the chain (subnet names and symbols, identities, proposal arguments, the runtime's own
 * error documentation) is written by whoever paid for it. Shown in a terminal, an escape sequence in it could
 * move the cursor, rewrite what is on screen, set the window title or hide text, so text output shows it
 * without any: escape sequences (CSI, OSC, DCS and the rest) are removed whole, other C0/C1 control characters
 * and bidirectional overrides are dropped. A line break becomes a space: one field stays one line. JSON output
 * keeps the exact value (JSON escapes it).
 */
// ESC [ … final byte (CSI); ESC ] … BEL or ESC \ (OSC); ESC P/X/^/_ … ESC \ (DCS, SOS, PM, APC); ESC and one byte.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)|\u009b[0-?]*[ -/]*[@-~]|\u001b[\s\S]?/g
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g

export function terminalText(text: string): string {
  return text
    .replace(ESCAPES, '')
    .replace(/[\t\n\r]+/g, ' ')
    .replace(CONTROLS, '')
}
