import { readFile } from 'node:fs/promises'
import { existsSync, statSync } from 'node:fs'
import { parseMessageText } from '../schema/exact.js'
import { CliError } from './cli-error.js'

/** Reads a file; `shown` is how errors name it (the argument as given), `path` itself by default. */
export const readText = async (path: string, shown: string = path): Promise<string> => {
  if (!existsSync(path)) throw new CliError(`file not found: ${shown}`)
  if (statSync(path).isDirectory()) throw new CliError(`${shown} is a directory, not a file`)
  return readFile(path, 'utf8')
}

/**
 * Parses JSON, naming the file and (from Node's message) the position of a syntax error. int64
 * values beyond 2^53 stay exact ({@link parseMessageText}).
 */
export const parseJson = (text: string, source: string): unknown => {
  try {
    return parseMessageText(text)
  } catch (error) {
    throw new CliError(`${source} is not valid JSON: ${(error as Error).message}`)
  }
}
