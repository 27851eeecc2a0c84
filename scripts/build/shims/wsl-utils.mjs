// Stands in for `wsl-utils` in the bundle. oclif asks it whether this is WSL at every start (answered by is-wsl,
// as wsl-utils itself does) and for PowerShell's path only on Windows-like shells; the rest loads on demand.
export { default as isWsl } from 'is-wsl'
export const powerShellPath = async () => (await import('wsl-utils')).powerShellPath()
