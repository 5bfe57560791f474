import { CliError } from './cli-error.js'

const isMissing = (error: unknown, name: string): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && typeof message === 'string' && message.includes(`'${name}`)
}

/**
 * Loads one of firehose-kit's optional peers (esbuild for `bundle`, tsx for TypeScript modules):
 * an integration's runtime does not carry them, its development tools do (the scaffold installs
 * both as devDependencies). When the peer is missing, says which command needs it and how to add it.
 */
export const optionalPeer = async <T>(name: string, load: () => Promise<T>, neededFor: string): Promise<T> => {
  try {
    return await load()
  } catch (error) {
    if (isMissing(error, name)) throw new CliError(`${neededFor} needs ${name}, an optional peer of firehose-kit: npm install --save-dev ${name}`)
    throw error
  }
}
