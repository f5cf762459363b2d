/**
 * Live reload: the browser reloads when client files change, and stylesheets are swapped in place.
 * See {@link dev.rts.livereload} for the options.
 */
module dev.rts.livereload {
    requires dev.rts.api;

    exports dev.rts.livereload;

    // The browser half is META-INF/rts/dev.rts.livereload.internal.LiveReloadService.js: not in a package, so nothing
    // is opened.
    provides dev.rts.api.Service with dev.rts.livereload.internal.LiveReloadService;
}
