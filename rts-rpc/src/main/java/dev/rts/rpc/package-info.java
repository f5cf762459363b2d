/**
 * Remote procedure calls: browsers and other JVMs call server methods by name.
 *
 * <p>Register methods through {@link dev.rts.rpc.Rpc}, published in the shared api as {@code "rpc"}. In the browser,
 * {@code rts.api.rpc('demo.square', 5, (err, n) => ...)} calls a method; see {@code rts-rpc/README.md} for the browser
 * API and the wire format.
 *
 * <h2>Options</h2>
 * <table>
 *   <caption>Options of the rpc service</caption>
 *   <tr><th>key</th><th>type</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code timeout}</td><td>{@link java.time.Duration} or milliseconds</td><td>30 seconds</td>
 *       <td>How long a call may take, middleware included, before the caller gets an error. Must be positive.</td>
 *   </tr>
 *   <tr><td>{@code clientTimeout}</td><td>{@link java.time.Duration} or milliseconds</td>
 *       <td>{@code timeout} plus 5 seconds</td>
 *       <td>How long the browser waits for an answer before it fails the call itself, for answers lost on the way.
 *       Longer than {@code timeout} by default, so that the server's clearer timeout error arrives first. Sent to
 *       browsers as {@code client.options.timeout}. Must be positive.</td></tr>
 *   <tr><td>{@code maxInFlight}</td><td>whole number</td><td>100</td>
 *       <td>How many calls one connection may have unanswered at once. Further calls are answered at once with an
 *       error, so that one connection cannot queue unbounded work on the server's workers.</td></tr>
 * </table>
 */
package dev.rts.rpc;
