/**
 * The ${serviceName} service for RTS. RTS apps run on the class path (Undertow's dependencies are not modular), where
 * META-INF/services registers the service; this file keeps the module graph honest and registers it for the module
 * path. The browser half is in META-INF/rts/, not in a package, so reading it needs no {@code opens}.
 */
module ${package} {
    requires transitive dev.rts.api;   // the API hands out dev.rts.api.Service

    exports ${package};

    provides dev.rts.api.Service with ${package}.internal.${serviceClass}Service;
}
