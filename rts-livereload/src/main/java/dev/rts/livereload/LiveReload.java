package dev.rts.livereload;

/**
 * The server-side API of the live reload service, for build tools and app code that know better than the file
 * watcher when the browser should refresh (for example after a bundler finished writing its output).
 *
 * <p>Get it from the shared api under the service's mount name, by default {@code "livereload"}:
 * <pre>{@code
 * LiveReload liveReload = api.get("livereload", LiveReload.class);
 * liveReload.updateCss();
 * }</pre>
 *
 * <p>Explicit triggers are sent at once; only file changes are throttled. Both methods are thread-safe, never block
 * and never throw: after the server stopped they send nothing and return {@code 0}. They work even when file watching
 * is off (option {@code enabled} false, or production mode).
 */
public interface LiveReload {

    /**
     * Tells every connected browser to reload the page.
     *
     * @return how many sockets the message was queued for
     */
    int reload();

    /**
     * Tells every connected browser to refetch its stylesheets ({@code <link rel="stylesheet">}) without reloading
     * the page.
     *
     * @return how many sockets the message was queued for
     */
    int updateCss();
}
