import { readdir } from 'node:fs/promises'
import { existsSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { stringifyMessage } from '../schema/exact.js'
import { CliError } from './cli-error.js'
import { parseJson, readText } from './read-json.js'

/** One message to replay: its JSON text, and where it came from (`file.json`, `file.ndjson:12`). */
export interface SourcedMessage {
  readonly source: string
  readonly text: string
}

const isLines = (path: string): boolean => /\.(ndjson|jsonl)$/i.test(path)

const fromLines = (path: string, text: string): SourcedMessage[] =>
  text
    .split('\n')
    .map((line, index) => ({ source: `${basename(path)}:${index + 1}`, text: line.trim() }))
    .filter((item) => item.text !== '')

const fromJsonFile = (path: string, text: string): SourcedMessage[] => {
  const value = parseJson(text, path)
  if (!Array.isArray(value)) return [{ source: basename(path), text }]
  return value.map((message, index) => ({ source: `${basename(path)}[${index}]`, text: stringifyMessage(message) }))
}

/**
 * Messages from a directory (its `*.json` files, one message each, in name order), an NDJSON file
 * (one per line; a line that is not JSON is still sent, as a malformed delivery would be), or a
 * JSON file (one message or an array).
 */
export const readMessages = async (path: string, shown: string = path): Promise<SourcedMessage[]> => {
  if (!existsSync(path)) throw new CliError(`not found: ${shown}`)
  if (statSync(path).isDirectory()) {
    const names = (await readdir(path)).filter((name) => name.toLowerCase().endsWith('.json')).sort()
    if (names.length === 0) throw new CliError(`no *.json files in ${shown}`)
    return Promise.all(names.map(async (name) => ({ source: name, text: await readText(join(path, name)) })))
  }
  const text = await readText(path, shown)
  const messages = isLines(path) ? fromLines(path, text) : fromJsonFile(shown, text)
  if (messages.length === 0) throw new CliError(`no messages in ${shown}`)
  return messages
}
