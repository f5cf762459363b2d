/**
 * Remote procedure calls: browsers and other JVMs call server methods by name, with typed arguments, middleware and
 * clear errors. See {@link dev.rts.rpc.Rpc}.
 */
module dev.rts.rpc {
    requires transitive dev.rts.api;

    exports dev.rts.rpc;

    // The default Service.clientCode() reads RpcService.js next to the class.
    opens dev.rts.rpc.internal;

    provides dev.rts.api.Service with dev.rts.rpc.internal.RpcService;
}
