import type { DispatchResult, ItemOutcome } from './outcome.js'

/**
 * A dispatch result whose last items are all `delivered` and are made only when someone reads
 * `items`: an event batch whose every `on` handler delivered would otherwise make one outcome per
 * event (and grow an array by one per event) only for the `errors` middleware to skip them, since
 * delivered items change neither the fold nor the log lines. `errors` reads the items before the
 * tail through `itemsToFold` and the tail is never made; anyone else reading `items` (a middleware
 * of the partner's) gets the full list, made once, and from then on `errors` reads that list too.
 * `items` is an own enumerable property, so a spread or `JSON.stringify` of the result sees it.
 */
class DeliveredTail implements DispatchResult {
  readonly #head: ReadonlyArray<ItemOutcome>
  readonly #tail: () => ReadonlyArray<ItemOutcome>
  #items: ReadonlyArray<ItemOutcome> | undefined
  declare readonly items: ReadonlyArray<ItemOutcome>

  constructor(head: ReadonlyArray<ItemOutcome>, tail: () => ReadonlyArray<ItemOutcome>) {
    this.#head = head
    this.#tail = tail
    Object.defineProperty(this, 'items', DeliveredTail.#ITEMS)
  }

  /** The items `errors` needs: the head alone while nobody has read (and so perhaps changed) the full list. */
  static toFold(result: DeliveredTail): ReadonlyArray<ItemOutcome> {
    return result.#items ?? result.#head
  }

  /** One getter shared by every result (a getter per object would be a function and a hidden class per message). */
  static readonly #ITEMS: PropertyDescriptor = {
    get(this: DeliveredTail): ReadonlyArray<ItemOutcome> {
      return (this.#items ??= [...this.#head, ...this.#tail()])
    },
    enumerable: true,
    configurable: true,
  }
}

/** `head`, then the delivered outcomes `tail()` makes (called only when `items` is first read). */
export const withDeliveredTail = (head: ReadonlyArray<ItemOutcome>, tail: () => ReadonlyArray<ItemOutcome>): DispatchResult => new DeliveredTail(head, tail)

/**
 * The items of a base handler's answer that the `errors` middleware folds and logs (for a result
 * with a delivered tail not yet read, the items before it), or undefined when the answer is not a
 * DispatchResult.
 */
export const itemsToFold = (value: unknown): ReadonlyArray<ItemOutcome> | undefined => {
  if (value instanceof DeliveredTail) return DeliveredTail.toFold(value)
  const items = value !== null && typeof value === 'object' ? (value as Partial<DispatchResult>).items : undefined
  return Array.isArray(items) ? items : undefined
}
