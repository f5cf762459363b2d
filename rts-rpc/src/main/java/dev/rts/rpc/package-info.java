/**
 * Remote procedure calls: browsers and other JVMs call server methods by name.
 *
 * <p>Register methods through {@link dev.rts.rpc.Rpc}, published in the shared api as {@code "rpc"}. In the browser,
 * {@code rts.api.rpc('demo.square', 5, (err, n) => ...)} calls a method; see {@code rts-rpc/README.md} for the browser
 * API and the wire format.
 *
 * <h2>Configuration</h2>
 * The one way to configure rpc is {@link dev.rts.rpc.Rpc#builder()} ({@code timeout}, {@code clientTimeout},
 * {@code maxInFlight}); the service refuses a string-keyed options map. Calls from another JVM go through
 * {@link dev.rts.rpc.client.RpcClient}.
 */
package dev.rts.rpc;
