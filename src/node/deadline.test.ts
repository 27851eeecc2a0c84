import { describe, expect, it } from 'vitest'
import { connectTimeoutMs, withDeadline } from './deadline.js'

describe('connect deadline', () => {
  it('defaults to 10 s and reads TAO_CONNECT_TIMEOUT in ms', () => {
    expect(connectTimeoutMs({})).toBe(10_000)
    expect(connectTimeoutMs({ TAO_CONNECT_TIMEOUT: '2500' })).toBe(2500)
    expect(() => connectTimeoutMs({ TAO_CONNECT_TIMEOUT: 'soon' })).toThrow(expect.objectContaining({ exitCode: 2 }))
    expect(() => connectTimeoutMs({ TAO_CONNECT_TIMEOUT: '-1' })).toThrow('positive number of milliseconds')
  })
  it('rejects with the given error when time runs out', async () => {
    await expect(withDeadline(new Promise(() => undefined), 20, () => new Error('late'))).rejects.toThrow('late')
    await expect(withDeadline(Promise.resolve(7), 20, () => new Error('late'))).resolves.toBe(7)
  })
})
