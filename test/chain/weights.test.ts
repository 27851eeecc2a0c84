import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signerOf } from '../../src/node/keypair-signer.js'
import { keypairFromMnemonic, keypairFromUri } from '../../src/keystore/keys.js'
import { connect, type Chain } from '../../src/node/index.js'
import { runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'
import { startTao } from '../helpers/tao-process.js'
import { advanceTo, createSubnet, registerHotkey, setSubnetItems } from '../helpers/subnet-setup.js'

const PASSWORD = 'weights test password 1!'
const TAO = 1_000_000_000n
const BOB = keypairFromUri('//Bob').ss58
const TEMPO = 10

// Each test runs the CLI several times against a chain; on a shared 2-core machine that can take minutes.
describe('weights set / commit / reveal against a real local chain', { timeout: 400_000 }, () => {
  let net: Localnet
  let chain: Chain
  let dir: string
  let taoStateDir: string
  let validator: { ss58: string; mnemonic: string }
  let outsider: string
  let setNet: number // commit-reveal off
  let crNet: number // commit-reveal on, tempo 10, reveal period 1
  let validatorUid: number

  const walletArgs = () => ['-w', 'val', '-H', 'v', '--wallet-path', join(dir, 'wallets')]
  const tao = (args: string[], extra: string[] = ['-w', 'val', '-H', 'v']) =>
    runTao([...args, ...extra, '--network', net.endpoint, '--wallet-path', join(dir, 'wallets')], {
      env: { TAO_PASSWORD: PASSWORD, TAO_STATE_DIR: taoStateDir },
      cwd: dir,
    })
  const nonce = async () => (await chain.account(validator.ss58)).nonce
  const weightsOf = async (netuid: number, uid: number) =>
    ((await chain.storage('SubtensorModule', 'Weights', netuid, uid)) as Array<[number, number]>).map(([u, v]) => [Number(u), Number(v)])
  const commitsOf = async (netuid: number) =>
    ((await chain.storage('SubtensorModule', 'WeightCommits', netuid, validator.ss58)) as
      Array<[string, bigint, bigint, bigint]> | undefined) ?? []
  const pendingPath = (netuid: number) => join(taoStateDir, 'weights', `${validator.ss58}-${netuid}.json`)
  const epochOf = (block: number, netuid: number) => Math.floor((block + netuid + 1) / (TEMPO + 1))

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-weights-'))
    taoStateDir = join(dir, 'state')
    const created = await runTao(['wallet', 'create', '-w', 'val', '-H', 'v', '--wallet-path', join(dir, 'wallets'), '-y', '--json'], {
      env: { TAO_PASSWORD: PASSWORD },
    })
    expect(created.code, created.stderr).toBe(0)
    validator = { ss58: created.json.hotkey.ss58, mnemonic: created.json.hotkey.mnemonic }
    const other = await runTao([
      'wallet',
      'new-hotkey',
      '-w',
      'val',
      '-H',
      'outsider',
      '--wallet-path',
      join(dir, 'wallets'),
      '-y',
      '--json',
    ])
    expect(other.code, other.stderr).toBe(0)
    outsider = other.json.ss58
    net = await startLocalnet({ fund: { [validator.ss58]: 10n * TAO, [outsider]: 10n * TAO } })
    chain = await connect(net.endpoint)

    const alice = keypairFromUri('//Alice').ss58
    setNet = await createSubnet(chain, { owner: '//Alice', hotkey: alice }) // uid 0: Alice's key as owner hotkey
    validatorUid = await registerHotkey(chain, setNet, { coldkey: '//Alice', hotkey: validator.ss58 })
    await registerHotkey(chain, setNet, { coldkey: '//Alice', hotkey: BOB })
    crNet = await createSubnet(chain, { owner: '//Alice', hotkey: alice })
    expect(await registerHotkey(chain, crNet, { coldkey: '//Alice', hotkey: validator.ss58 })).toBe(validatorUid)
    await registerHotkey(chain, crNet, { coldkey: '//Alice', hotkey: BOB })
    // Validator permits come from an epoch; give them directly. Commit-reveal with short epochs on crNet.
    for (const netuid of [setNet, crNet]) await setSubnetItems(net, netuid, { ValidatorPermit: [true, true, true] })
    await setSubnetItems(net, crNet, { CommitRevealWeightsEnabled: true, Tempo: TEMPO, RevealPeriodEpochs: 1 })
  }, 400_000)
  afterAll(async () => {
    chain?.close()
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  describe('set', () => {
    it('sets the weights btcli would send, signed by the hotkey, and the chain stores exactly them', async () => {
      const r = await tao(['weights', 'set', '--netuid', String(setNet), '--uids', '0,1,2', '--weights', '0.5,0.3,0.2', '-y', '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json).toMatchObject({
        status: 'landed',
        ok: true,
        call: 'SubtensorModule.set_weights',
        signer: validator.ss58,
        mode: 'set',
        netuid: setNet,
        hotkey: validator.ss58,
        uid: validatorUid,
        uids: [0, 1, 2],
        values: [65535, 39321, 26214],
        versionKey: '0',
      })
      expect(r.json.weights).toEqual([1, 39321 / 65535, 26214 / 65535])
      expect(r.json.events.map((e: any) => `${e.pallet}.${e.name}`)).toContain('SubtensorModule.WeightsSet')
      expect(await weightsOf(setNet, validatorUid)).toEqual([
        [0, 65535],
        [1, 39321],
        [2, 26214],
      ])
    })

    it('defaults --version-key to the subnet’s WeightsVersionKey, and refuses a lower one before signing', async () => {
      await setSubnetItems(net, setNet, { WeightsVersionKey: 7 })
      try {
        const r = await tao(['weights', 'set', '--netuid', String(setNet), '--uids', '0,2', '--weights', '1,1', '-y', '--json'])
        expect(r.code, r.stderr).toBe(0)
        expect(r.json.versionKey).toBe('7')
        expect(await weightsOf(setNet, validatorUid)).toEqual([
          [0, 65535],
          [2, 65535],
        ])
        const n = await nonce()
        const low = await tao([
          'weights',
          'set',
          '--netuid',
          String(setNet),
          '--uids',
          '0,2',
          '--weights',
          '1,1',
          '--version-key',
          '6',
          '-y',
        ])
        expect(low.code, low.stderr).toBe(2)
        expect(low.stderr).toMatch(/version-key 6 is below .*WeightsVersionKey 7/)
        expect(await nonce()).toBe(n)
      } finally {
        await setSubnetItems(net, setNet, { WeightsVersionKey: '0x0000000000000000' })
      }
    })

    it.each([
      ['a length mismatch', ['--uids', '0,1', '--weights', '1'], /one weight per uid/],
      ['a non-number', ['--uids', '0,1', '--weights', '1,lots'], /must be plain decimals like 0.25, not "lots"/],
      ['an exponent', ['--uids', '0,1', '--weights', '1,1e-300'], /not "1e-300" \(write it without an exponent\)/],
      ['a negative weight', ['--uids', '0,1', '--weights=1,-1'], /negative/],
      ['duplicate uids', ['--uids', '0,1,0', '--weights', '1,1,1'], /twice/],
      ['all zero', ['--uids', '0,1', '--weights', '0,0'], /nothing to set/],
      ['a bad version key', ['--uids', '0,1', '--weights', '1,1', '--version-key', '-3'], /version-key/],
    ])('refuses %s with exit 2 before connecting', async (_, args, re) => {
      // An unreachable network proves no connection was needed.
      const r = await runTao([
        'weights',
        'set',
        '--netuid',
        '1',
        ...args,
        '-w',
        'val',
        '-H',
        'v',
        '--network',
        'ws://127.0.0.1:1',
        '--wallet-path',
        join(dir, 'wallets'),
        '-y',
      ])
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr).toMatch(re)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    })

    it('refuses what the subnet’s rules forbid with exit 2 before signing (nonce unchanged)', async () => {
      const n = await nonce()
      const cases: Array<[string[], RegExp, Record<string, unknown>?]> = [
        [['--netuid', String(setNet), '--uids', '0,7', '--weights', '1,1'], /uid 7 does not exist on subnet \d+ \(it has UIDs 0–2\)/],
        [['--netuid', '99', '--uids', '0', '--weights', '1'], /subnet 99 does not exist/],
        [['--netuid', '0', '--uids', '0', '--weights', '1'], /root/],
        [
          ['--netuid', String(setNet), '--uids', '0,2', '--weights', '1,1'],
          /at least 3 UIDs \(MinAllowedWeights 3\)/,
          { MinAllowedWeights: 3 },
        ],
        [
          ['--netuid', String(setNet), '--uids', '0,1,2', '--weights', '1,0.1,0.1'],
          /caps any one weight at 0\.500008.*MaxWeightsLimit 32768/,
          { MaxWeightsLimit: 32768 },
        ],
      ]
      for (const [args, re, items] of cases) {
        if (items) await setSubnetItems(net, setNet, items)
        try {
          const r = await tao(['weights', 'set', ...args, '-y', '--json'])
          expect(r.code, r.stderr).toBe(2)
          expect(r.stderr).toMatch(re)
          expect(r.json.error.exitCode).toBe(2)
        } finally {
          if (items) await setSubnetItems(net, setNet, { MinAllowedWeights: 1, MaxWeightsLimit: 65535 })
        }
      }
      const notRegistered = await tao(
        ['weights', 'set', '--netuid', String(setNet), '--uids', '0', '--weights', '1', '-y'],
        ['-w', 'val', '-H', 'outsider'],
      )
      expect(notRegistered.code, notRegistered.stderr).toBe(2)
      expect(notRegistered.stderr).toMatch(new RegExp(`hotkey ${outsider} is not registered on subnet ${setNet}`))
      expect(await nonce()).toBe(n)
    })

    it('--timelock on spec 218 says the runtime lacks the call (exit 2)', async () => {
      await setSubnetItems(net, setNet, { CommitRevealWeightsEnabled: true })
      try {
        const r = await tao(['weights', 'commit', '--netuid', String(setNet), '--uids', '0,1', '--weights', '1,1', '--timelock', '-y'])
        expect(r.code, r.stderr).toBe(2)
        expect(r.stderr).toMatch(
          /neither SubtensorModule.commit_timelocked_weights nor commit_crv3_weights is in this runtime \(spec 218\)/,
        )
      } finally {
        await net.setStorage({ SubtensorModule: { CommitRevealWeightsEnabled: [[[setNet], false]] } })
      }
    })

    it('--netuids on spec 218 names the batch calls the runtime lacks (exit 2, nothing signed)', async () => {
      const n = await nonce()
      for (const cmd of ['set', 'commit']) {
        const r = await tao(['weights', cmd, '--netuids', `${setNet},${crNet}`, '--uids', '0,1', '--weights', '1,1', '-y', '--json'])
        expect(r.code, r.stderr).toBe(2)
        expect(r.json.error).toMatchObject({ code: 'CALL_NOT_IN_RUNTIME' })
        expect(r.stderr).toMatch(/SubtensorModule.batch_set_weights and batch_commit_weights are not in this runtime \(spec 218\)/)
      }
      expect(await nonce()).toBe(n)
    })

    it('--dry-run signs without submitting', async () => {
      const before = await weightsOf(setNet, validatorUid)
      const r = await tao(['weights', 'set', '--netuid', String(setNet), '--uids', '1', '--weights', '1', '--dry-run'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toMatch(/^0x[0-9a-f]+\n$/)
      expect(await weightsOf(setNet, validatorUid)).toEqual(before)
    })

    it('a rate-limited hotkey is refused before signing (exit 1, one line); signed anyway, the chain says SettingWeightsTooFast', async () => {
      await setSubnetItems(net, setNet, { WeightsSetRateLimit: 1000 })
      try {
        const n = await nonce()
        const last = ((await chain.storage('SubtensorModule', 'LastUpdate', setNet)) as bigint[])[validatorUid]!
        const r = await tao(['weights', 'set', '--netuid', String(setNet), '--uids', '0,1', '--weights', '1,1', '-y', '--json'])
        expect(r.code, r.stderr).toBe(1)
        expect(r.json.error.code).toBe('WEIGHTS_RATE_LIMITED')
        expect(
          r.stderr
            .trim()
            .split('\n')
            .filter((l) => l.startsWith('Error:')),
        ).toEqual([
          expect.stringMatching(
            new RegExp(
              `at block ${last} .*every 1000 blocks .*wait until block ${last + 1000n} .*SettingWeightsTooFast\\); nothing was signed`,
            ),
          ),
        ])
        expect(await nonce()).toBe(n)
        // The chain's own refusal, for the same call signed directly.
        const raw = await chain.send(
          chain.call('SubtensorModule', 'set_weights', { netuid: setNet, dests: [0, 1], weights: [65535, 65535], version_key: 0n }),
          signerOf(keypairFromMnemonic(validator.mnemonic)),
        )
        expect(raw.status === 'landed' && raw.error?.name).toBe('SettingWeightsTooFast')
      } finally {
        await setSubnetItems(net, setNet, { WeightsSetRateLimit: '0x0000000000000000' })
      }
    })
  })

  describe('commit and reveal (commit-reveal on, tempo 10, reveal period 1)', () => {
    /** Build blocks so that a transaction sent now lands in the first block of an epoch: the whole epoch is ahead. */
    const startOfEpoch = async () => {
      const best = await chain.blockNumber('best')
      let next = best + 1
      while (epochOf(next, crNet) === epochOf(next - 1, crNet)) next++
      await advanceTo(net, chain, next - 1)
    }

    it('commits, refuses an early reveal with the block the window opens (as the chain does), reveals in the window', async () => {
      await startOfEpoch()
      const c = await tao(['weights', 'commit', '--netuid', String(crNet), '--uids', '0,1,2', '--weights', '1,0.5,0.25', '-y', '--json'])
      expect(c.code, c.stderr).toBe(0)
      expect(c.json).toMatchObject({
        status: 'landed',
        ok: true,
        call: 'SubtensorModule.commit_weights',
        mode: 'commit',
        values: [65535, 32768, 16384],
      })
      const committedAt = c.json.block as number
      // What the chain stores: (hash, commit_block, first_reveal_block, last_reveal_block) at spec 218.
      const stored = await commitsOf(crNet)
      expect(stored).toHaveLength(1)
      const [hash, commitBlock, first, last] = stored[0]!
      expect(String(hash)).toBe(c.json.commitHash)
      expect(Number(commitBlock)).toBe(committedAt)
      // The epoch is the runtime's index of the window (get_epoch_index): the commit's epoch + the reveal period.
      expect(c.json.reveal).toEqual({ firstBlock: Number(first), lastBlock: Number(last), epoch: epochOf(committedAt, crNet) + 1 })
      expect(epochOf(Number(first), crNet)).toBe(c.json.reveal.epoch)
      expect(epochOf(Number(last), crNet)).toBe(c.json.reveal.epoch)
      expect(c.json.reveal.firstBlock).toBe(committedAt + TEMPO + 1) // it landed on an epoch's first block
      expect(c.stdout).toBe(JSON.stringify(JSON.parse(c.stdout), null, 2) + '\n')

      // The local record: 0600, everything a reveal needs.
      const file = pendingPath(crNet)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      const record = JSON.parse(readFileSync(file, 'utf8'))
      expect(record.commits).toHaveLength(1)
      expect(record.commits[0]).toMatchObject({
        hash: c.json.commitHash,
        uids: [0, 1, 2],
        values: [65535, 32768, 16384],
        versionKey: '0',
        block: committedAt,
      })
      expect(record.commits[0].salt).toHaveLength(8)

      // Too early: exit 1 with the block, nothing signed.
      const n = await nonce()
      const early = await tao(['weights', 'reveal', '--netuid', String(crNet), '-y', '--json'])
      expect(early.code, early.stderr).toBe(1)
      expect(early.json.error.code).toBe('REVEAL_TOO_EARLY')
      expect(early.json.opensAt).toBe(c.json.reveal.firstBlock)
      expect(early.stderr).toMatch(new RegExp(`opens at block ${c.json.reveal.firstBlock}`))
      expect(await nonce()).toBe(n)

      // The chain agrees: the same reveal sent directly one block before the window is RevealTooEarly.
      await advanceTo(net, chain, c.json.reveal.firstBlock - 2)
      const hotkey = keypairFromMnemonic(validator.mnemonic)
      const { salt } = record.commits[0]
      const raw = await chain.send(
        chain.call('SubtensorModule', 'reveal_weights', {
          netuid: crNet,
          uids: [0, 1, 2],
          values: [65535, 32768, 16384],
          salt,
          version_key: 0n,
        }),
        signerOf(hotkey),
      )
      expect(raw.status).toBe('landed')
      expect(raw.status === 'landed' && raw.blockNumber).toBe(c.json.reveal.firstBlock - 1)
      expect(raw.status === 'landed' && raw.error?.name).toBe('RevealTooEarly')

      // In the window: revealed, stored, forgotten locally.
      const r = await tao(['weights', 'reveal', '--netuid', String(crNet), '-y', '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.json).toMatchObject({ status: 'landed', ok: true, call: 'SubtensorModule.reveal_weights', netuid: crNet })
      expect(r.json.block).toBe(c.json.reveal.firstBlock)
      expect(r.json.revealed).toEqual([
        {
          commitHash: c.json.commitHash,
          uids: [0, 1, 2],
          values: [65535, 32768, 16384],
          weights: [1, 32768 / 65535, 16384 / 65535],
          versionKey: '0',
        },
      ])
      expect(r.json.events.map((e: any) => e.name)).toEqual(expect.arrayContaining(['WeightsSet', 'WeightsRevealed']))
      expect(await weightsOf(crNet, validatorUid)).toEqual([
        [0, 65535],
        [1, 32768],
        [2, 16384],
      ])
      expect(await commitsOf(crNet)).toEqual([])
      expect(existsSync(file)).toBe(false)

      const again = await tao(['weights', 'reveal', '--netuid', String(crNet), '-y'])
      expect(again.code).toBe(1)
      expect(again.stderr).toMatch(/no pending weight commit/)
    })

    it('`weights set` on a commit-reveal subnet commits instead; two pending commits are revealed together with --wait', async () => {
      await startOfEpoch()
      const a = await tao(['weights', 'set', '--netuid', String(crNet), '--uids', '0,1', '--weights', '1,1', '-y', '--json'])
      expect(a.code, a.stderr).toBe(0)
      expect(a.json).toMatchObject({ call: 'SubtensorModule.commit_weights', mode: 'commit' })
      expect(a.stderr).toMatch(/commit-reveal is on/)
      const b = await tao(['weights', 'commit', '--netuid', String(crNet), '--uids', '1,2', '--weights', '0.2,1', '-y', '--json'])
      expect(b.code, b.stderr).toBe(0)
      expect(b.json.reveal).toEqual(a.json.reveal) // same epoch, same window
      expect((await commitsOf(crNet)).map((x) => String(x[0]))).toEqual([a.json.commitHash, b.json.commitHash])
      expect(JSON.parse(readFileSync(pendingPath(crNet), 'utf8')).commits).toHaveLength(2)

      const waiting = startTao(
        [
          'weights',
          'reveal',
          '--netuid',
          String(crNet),
          '--wait',
          '--timeout',
          '300',
          '-y',
          '--json',
          ...walletArgs(),
          '--network',
          net.endpoint,
        ],
        { env: { TAO_PASSWORD: PASSWORD, TAO_STATE_DIR: taoStateDir }, cwd: dir },
      )
      // Once it waits, build blocks up to the one before the window.
      await waiting.stderrMatch(new RegExp(`waiting for the reveal window \\(block ${a.json.reveal.firstBlock}; now at block \\d+\\)`))
      await advanceTo(net, chain, a.json.reveal.firstBlock - 1)
      const r = await waiting.done
      expect(r.code, r.stderr).toBe(0)
      expect(r.json.block).toBe(a.json.reveal.firstBlock)
      expect(r.json.call).toBe('SubtensorModule.batch_reveal_weights')
      expect(r.json.revealed.map((x: any) => x.commitHash)).toEqual([a.json.commitHash, b.json.commitHash])
      expect(r.json.events.map((e: any) => e.name)).toContain('WeightsBatchRevealed')
      // The later reveal is the one that stays.
      expect(await weightsOf(crNet, validatorUid)).toEqual([
        [1, 13107],
        [2, 65535],
      ])
      expect(existsSync(pendingPath(crNet))).toBe(false)
    })

    it('a commit past its window is forgotten with a warning (exit 1, nothing to reveal)', async () => {
      const c = await tao(['weights', 'commit', '--netuid', String(crNet), '--uids', '0', '--weights', '1', '-y', '--json'])
      expect(c.code, c.stderr).toBe(0)
      await advanceTo(net, chain, c.json.reveal.lastBlock + 1)
      const r = await tao(['weights', 'reveal', '--netuid', String(crNet), '-y'])
      expect(r.code, r.stderr).toBe(1)
      expect(r.stderr).toMatch(new RegExp(`commit ${c.json.commitHash} is past its reveal window`))
      expect(r.stderr).toMatch(/nothing left to reveal/)
      expect(existsSync(pendingPath(crNet))).toBe(false)
      expect(readdirSync(join(taoStateDir, 'weights')).filter((f) => f.endsWith('.lock'))).toEqual([])
    })

    it('a --dry-run commit never submitted is kept while it could land, then forgotten once its era has ended', async () => {
      const n = await nonce()
      const dry = await tao([
        'weights',
        'set',
        '--netuid',
        String(crNet),
        '--uids',
        '0,1',
        '--weights',
        '1,1',
        '--era',
        '8',
        '--dry-run',
        '--json',
      ])
      expect(dry.code, dry.stderr).toBe(0)
      expect(dry.json).toMatchObject({ status: 'dry-run', mode: 'commit', era: { type: 'mortal', period: 8 } })
      const validUntil = dry.json.era.death - 1
      expect(dry.stderr).toMatch(new RegExp(`it can land until block ${validUntil}`))
      const [record] = JSON.parse(readFileSync(pendingPath(crNet), 'utf8')).commits
      expect(record).toMatchObject({ hash: dry.json.commitHash, block: null, validUntil })
      expect(await nonce()).toBe(n)

      // While it could still land: kept, with a warning that says until when.
      const kept = await tao(['weights', 'reveal', '--netuid', String(crNet), '-y', '--json'])
      expect(kept.code).toBe(1)
      expect(kept.stderr).toMatch(new RegExp(`commit ${dry.json.commitHash} was signed but is not on chain .* until block ${validUntil}`))
      expect(existsSync(pendingPath(crNet))).toBe(true)

      // Past its era it can never land: forgotten once, and no warning on the reveals after.
      await advanceTo(net, chain, validUntil)
      const gone = await tao(['weights', 'reveal', '--netuid', String(crNet), '-y', '--json'])
      expect(gone.code).toBe(1)
      expect(gone.stderr).toMatch(
        new RegExp(`commit ${dry.json.commitHash} was signed but not submitted before its transaction expired \\(block ${validUntil}\\)`),
      )
      expect(existsSync(pendingPath(crNet))).toBe(false)
      const after = await tao(['weights', 'reveal', '--netuid', String(crNet), '-y'])
      expect(after.code).toBe(1)
      expect(after.stderr).toMatch(/no pending weight commit/)
      expect(after.stderr).not.toMatch(/was signed/)
      expect(await nonce()).toBe(n)
    })

    it('a hotkey with 10 unrevealed commits is refused before signing (exit 2), as the chain would', async () => {
      const best = await chain.blockNumber('best')
      const first = best + 20
      const queued = Array.from({ length: 10 }, (_, i) => ['0x' + (i + 1).toString(16).padStart(64, '0'), best, first, first + TEMPO])
      const before = existsSync(pendingPath(crNet)) ? readFileSync(pendingPath(crNet), 'utf8') : null
      await net.setStorage({ SubtensorModule: { WeightCommits: [[[crNet, validator.ss58], queued]] } })
      try {
        expect(await commitsOf(crNet)).toHaveLength(10)
        const n = await nonce()
        const r = await tao(['weights', 'commit', '--netuid', String(crNet), '--uids', '0,1', '--weights', '1,1', '-y', '--json'])
        expect(r.code, r.stderr).toBe(2)
        expect(r.json.error.code).toBe('TOO_MANY_COMMITS')
        expect(r.stderr).toMatch(/already has 10 unrevealed commits/)
        expect(await nonce()).toBe(n)
        expect(existsSync(pendingPath(crNet)) ? readFileSync(pendingPath(crNet), 'utf8') : null).toBe(before)
      } finally {
        // Remove the entry by its raw key (a JSON null is not taken as removal).
        const key = chain.metadata.requireStorage('SubtensorModule', 'WeightCommits').encodeKey(crNet, validator.ss58)
        await net.rpc('dev_setStorage', [[[key, null]]])
      }
      // A new block: the client caches reads per block, and setStorage changes the head block in place.
      await advanceTo(net, chain, (await chain.blockNumber('best')) + 1)
      expect(await commitsOf(crNet)).toEqual([])
    })

    it('`weights commit` on a subnet with commit-reveal off is refused before signing (exit 2)', async () => {
      const n = await nonce()
      const r = await tao(['weights', 'commit', '--netuid', String(setNet), '--uids', '0,1', '--weights', '1,1', '-y'])
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr).toMatch(/commit-reveal is off/)
      expect(await nonce()).toBe(n)
      expect(existsSync(pendingPath(setNet))).toBe(false)
    })
  })
})
