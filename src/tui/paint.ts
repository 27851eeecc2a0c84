/**
 * Colours of the live views: one chalk instance, chosen once by the rule every command follows
 * (core/output.ts `colorEnabled`, for stdout, where the views draw), handed to the views as a prop so that
 * tests can ask for colours explicitly.
 */
import { Chalk, type ChalkInstance } from 'chalk'
import { colorEnabled } from '../core/output.js'

export type Paint = ChalkInstance

export const plainPaint: Paint = new Chalk({ level: 0 })

/** 16 colours where colour is on for `stream`, else none. */
export const terminalPaint = (stream: NodeJS.WriteStream): Paint => (colorEnabled(stream) ? new Chalk({ level: 1 }) : plainPaint)
