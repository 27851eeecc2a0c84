/**
 * Colours of the live views: one chalk instance, chosen once (none with NO_COLOR or when stdout is not a
 * terminal), handed to the views as a prop so that tests can ask for colours explicitly.
 */
import { Chalk, type ChalkInstance } from 'chalk'

export type Paint = ChalkInstance

export const plainPaint: Paint = new Chalk({ level: 0 })

/** 16 colours on a terminal; none with NO_COLOR (or FORCE_COLOR=0). */
export function terminalPaint(stream: NodeJS.WriteStream): Paint {
  const env = process.env
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return plainPaint
  if (env.FORCE_COLOR === '0') return plainPaint
  return new Chalk({ level: stream.isTTY || (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') ? 1 : 0 })
}
