package dev.rts.core;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The WebSocket upgrade request as an {@link Authenticator} sees it, before the upgrade. A copy made by the
 * transport on its I/O thread, so it stays valid however long the authenticator takes. Immutable.
 *
 * <p>Browsers cannot set headers on a WebSocket: they send their cookies for the server's host, and a script can
 * put a token in the query string (see {@link #bearerToken()}). Other clients, such as the JVM client, send an
 * {@code Authorization} header.
 *
 * @param path            the request path, such as {@code "/"}
 * @param remoteAddress   the client's IP address literal: the socket's peer, or the client a trusted proxy named
 *                        (see {@code RtsServerBuilder.trustedProxies})
 * @param headers         the request headers by name; looked up ignoring case
 * @param queryParameters the query parameters, decoded, each with its values in request order
 * @param cookies         the request's cookies by name (the first of duplicate names)
 */
public record HandshakeRequest(String path, String remoteAddress, Map<String, List<String>> headers,
                               Map<String, List<String>> queryParameters, Map<String, String> cookies) {

    /** The query parameter {@link #bearerToken()} reads (RFC 6750, section 2.3). */
    public static final String TOKEN_PARAMETER = "access_token";

    /**
     * Copies everything; header names become case-insensitive.
     *
     * @throws NullPointerException if an argument is {@code null}
     */
    public HandshakeRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((name, values) -> byName.merge(name, List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
        headers = java.util.Collections.unmodifiableSortedMap(byName);
        Map<String, List<String>> query = new TreeMap<>();
        Objects.requireNonNull(queryParameters, "queryParameters").forEach((k, v) -> query.put(k, List.copyOf(v)));
        queryParameters = java.util.Collections.unmodifiableMap(query);
        cookies = Map.copyOf(Objects.requireNonNull(cookies, "cookies"));
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, or empty if the header is absent
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter name, case-sensitive
     * @return the decoded value, or empty if absent
     */
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * A cookie's value.
     *
     * @param name the cookie name, case-sensitive
     * @return the value, or empty if absent
     */
    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    /**
     * The {@code Origin} header: the page that opened the socket, for browsers. The transport already refused
     * origins the server does not allow; clients that are not browsers usually send none.
     *
     * @return the origin, or empty
     */
    public Optional<String> origin() {
        return header("Origin");
    }

    /**
     * A bearer token: from an {@code Authorization: Bearer <token>} header (what the JVM client sends), else from
     * the {@value #TOKEN_PARAMETER} query parameter (what a browser script can send; query strings may end up in
     * proxy and access logs, so keep such tokens short-lived).
     *
     * @return the token, or empty if the request carries none
     */
    public Optional<String> bearerToken() {
        Optional<String> authorization = header("Authorization");
        if (authorization.isPresent()) {
            String value = authorization.get().strip();
            if (value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
                return Optional.of(value.substring(7).strip());
            }
        }
        return queryParameter(TOKEN_PARAMETER).filter(token -> !token.isEmpty());
    }
}
