import * as E from 'fp-ts/lib/Either.js'
import { int64ToNumber, type EventProcessingRequest, type Product, type ProductActionEvent } from 'firehose-kit/schema'
import { dataFields } from '../coerce.js'
import type { IterableUser } from '../identity.js'
import { PATHS } from '../iterable-client.js'
import { seconds, type Mapping } from './mapping.js'

const defined = (entries: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined))

/** An Iterable commerce item: `id` and `sku` both the product id; quantity truncated, 1 when missing. */
export const commerceItem = (product: Product, coerce: boolean): Record<string, unknown> =>
  defined({
    id: product.id,
    sku: product.id,
    name: product.name,
    categories: product.category !== undefined ? [product.category] : undefined,
    price: product.price,
    quantity: product.quantity !== undefined ? Math.trunc(product.quantity) : 1,
    dataFields: dataFields(product.attributes, coerce),
  })

/** Only `purchase` product actions reach Iterable, as `commerce/trackPurchase`. */
export const purchaseCall = (event: ProductActionEvent, request: EventProcessingRequest, user: IterableUser, coerce: boolean): Mapping => {
  if (event.action !== 'purchase') return E.right({ noCall: `product action ${event.action} is not a purchase` })
  return E.right({
    path: PATHS.trackPurchase,
    body: defined({
      id: event.id,
      createdAt: seconds(int64ToNumber(event.timestamp_ms)),
      total: event.total_amount,
      user: defined({ email: user.email, userId: user.userId, dataFields: dataFields(request.user_attributes, coerce) }),
      items: event.products?.map((product) => commerceItem(product, coerce)),
    }),
  })
}
