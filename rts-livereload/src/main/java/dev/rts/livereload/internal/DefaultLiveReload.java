package dev.rts.livereload.internal;

import dev.rts.api.ServiceContext;
import dev.rts.livereload.LiveReload;

/**
 * Sends explicit triggers at once, unthrottled.
 */
final class DefaultLiveReload implements LiveReload {

    private final ServiceContext context;

    DefaultLiveReload(ServiceContext context) {
        this.context = context;
    }

    @Override
    public int reload() {
        return send(Action.RELOAD);
    }

    @Override
    public int updateCss() {
        return send(Action.UPDATE_CSS);
    }

    int send(Action action) {
        int sent = context.broadcast(action.message());
        context.logger().debug("Sent '{}' to {} sockets", action.message(), sent);
        return sent;
    }
}
