package dev.evalbot.app.server;

import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.inbox.Delivery;
import dev.evalbot.app.inbox.DeliveryHandler;
import dev.evalbot.app.inbox.Outcome;
import java.util.Map;

/** Sends each delivery to the handler of the platform it came from. */
public final class DeliveryRouter implements DeliveryHandler {
    private final Map<PlatformId, DeliveryHandler> handlers;

    public DeliveryRouter(Map<PlatformId, DeliveryHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    @Override
    public Outcome handle(Delivery delivery) throws Exception {
        DeliveryHandler handler = handlers.get(delivery.platform());
        if (handler == null) {
            return Outcome.fail("no handler for platform " + delivery.platform().code() + " in this deployment");
        }
        return handler.handle(delivery);
    }
}
