/**
 * Remote procedure calls: browsers and other JVMs call server methods by name, with typed arguments, middleware and
 * clear errors. See {@link dev.rts.rpc.Rpc}.
 */
module dev.rts.rpc {
    requires transitive dev.rts.api;

    // rpc's JVM half; the server half never touches the client, so it is needed only by apps that use that half.
    requires static dev.rts.client;

    exports dev.rts.rpc;
    exports dev.rts.rpc.client;

    // The browser half is META-INF/rts/dev.rts.rpc.internal.RpcService.js: not in a package, so nothing is opened.
    provides dev.rts.api.Service with dev.rts.rpc.internal.RpcService;
}
