/**
 * rpc's JVM half: {@link dev.rts.rpc.client.RpcClient} makes typed calls through an {@code RtsClient}. Needs
 * {@code rts-client}, an optional dependency of rts-rpc; the server half ({@link dev.rts.rpc}) never uses it.
 */
package dev.rts.rpc.client;
