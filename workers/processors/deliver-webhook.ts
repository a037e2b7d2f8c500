import { signPayload } from '../../src/domain/webhook-signature.ts';
import type { WebhookSender } from '../../src/fetch/webhook-sender.ts';
import type { Processor } from '../../src/queue/enqueuer.ts';
import type { Db } from '../../src/store/db.ts';
import { getEvent, getWebhook } from '../../src/store/events.ts';

/** deliver-webhook: POSTs one event to one webhook, signed; failures are retried by the queue with backoff. */
export function createDeliverWebhookProcessor(deps: { db: Db; webhooks: WebhookSender }): Processor<'deliver-webhook'> {
  return async ({ webhookId, eventId }) => {
    const [hook, event] = await Promise.all([getWebhook(deps.db, webhookId), getEvent(deps.db, eventId)]);
    const body = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, ...event.payload });
    const status = await deps.webhooks.post(hook.url, body, {
      'x-leakline-event': event.type,
      'x-leakline-delivery': `${event.id}-${hook.id}`,
      'x-leakline-signature': await signPayload(hook.secret, body),
    });
    return { webhookId, eventId, status };
  };
}
