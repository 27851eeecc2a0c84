import type { Command, Interfaces } from '@oclif/core'
import { badInput } from '../core/errors.js'
import { errorSink, reportError } from './base-command.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base must be new-able with any arguments (TS2545)
type CommandClass = typeof Command & (new (...args: any[]) => Command)

/**
 * One of oclif's own commands (`tao help`, `tao autocomplete`), folded into tao at build time
 * (scripts/build.mjs), made to behave like every tao command: a bad flag is one line and exit 2, and `--json`
 * is accepted by the parser only to say, in one line and an error document, that the command prints text.
 */
export function foldedCommand<T extends CommandClass>(Base: T): T {
  // @ts-expect-error: a mixin over an abstract-typed oclif class; the constructor signature is Command's own.
  class Folded extends Base {
    static enableJsonFlag = true

    async run(): Promise<unknown> {
      if (this.jsonEnabled()) {
        const name = `tao ${this.id?.split(':').join(' ') ?? ''}`.trim()
        throw badInput(`${name} prints text for people and shells; it has no --json output`, 'NO_JSON')
      }
      return (Base.prototype as unknown as { run(this: Command): Promise<unknown> }).run.call(this as unknown as Command)
    }

    protected async catch(err: Interfaces.CommandError): Promise<never> {
      const self = this as unknown as Command & { logJson(json: unknown): void }
      return reportError(
        errorSink(self, (json) => self.logJson(json)),
        err,
      )
    }
  }
  // oclif reads a command's statics by spreading the class (`{...Command}`), which sees own properties only:
  // give the wrapper the original's args, flags, description and the rest as its own.
  for (const key of Object.getOwnPropertyNames(Base)) {
    if (['prototype', 'length', 'name'].includes(key) || Object.prototype.hasOwnProperty.call(Folded, key)) continue
    Object.defineProperty(Folded, key, Object.getOwnPropertyDescriptor(Base, key)!)
  }
  Object.defineProperty(Folded, 'name', { value: Base.name })
  return Folded as unknown as T
}
