/**
 * Live reload: the browser reloads when client files change, and stylesheets are swapped in place.
 * See {@link dev.rts.livereload} for the options.
 */
module dev.rts.livereload {
    requires dev.rts.api;

    exports dev.rts.livereload;

    // The default Service.clientCode() reads LiveReloadService.js next to the class.
    opens dev.rts.livereload.internal;

    provides dev.rts.api.Service with dev.rts.livereload.internal.LiveReloadService;
}
