package dev.rts.livereload.internal;

import dev.rts.api.ServiceContext;
import dev.rts.livereload.LiveReload;

/**
 * Sends explicit triggers at once, unthrottled; nothing when live reload is off (then browsers do not install it).
 */
final class DefaultLiveReload implements LiveReload {

    private final ServiceContext context;
    private final boolean on;

    DefaultLiveReload(ServiceContext context, boolean on) {
        this.context = context;
        this.on = on;
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
        if (!on) {
            return 0;
        }
        int sent = context.broadcast(action.message());
        context.logger().debug("Sent '{}' to {} sockets", action.message(), sent);
        return sent;
    }
}
