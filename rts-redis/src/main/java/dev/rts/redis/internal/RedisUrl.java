package dev.rts.redis.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A parsed {@code redis://} or {@code rediss://} URL. Its {@link #toString()} never shows the password.
 *
 * @param tls      {@code rediss://}: TLS
 * @param host     the host name or address
 * @param port     the port, 6379 by default
 * @param database the database number, 0 by default
 * @param user     the ACL user, or {@code null} (the default user)
 * @param password the password, or {@code null}
 */
public record RedisUrl(boolean tls, String host, int port, int database, String user, String password) {

    private static final String SHAPE = "redis://[user:password@]host[:port][/database] (or rediss:// for TLS)";

    /**
     * Parses a URL.
     *
     * @param url the URL
     * @return the parts
     * @throws IllegalArgumentException naming what is wrong, with any password hidden
     */
    public static RedisUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Redis URL must look like " + SHAPE + " but was "
                    + (url == null ? "null" : "blank"));
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw invalid(url, "it is not a URL");
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw invalid(url, "the scheme must be redis or rediss");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(url, "it names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(url, "it has a query or fragment, which RTS does not read; set timeouts on the builder");
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw invalid(url, "the path must be a database number such as /0");
            }
            if (database < 0) {
                throw invalid(url, "the database number must not be negative");
            }
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String rawUser = colon < 0 ? info : info.substring(0, colon);
            user = rawUser.isEmpty() ? null : decode(rawUser);
            password = colon < 0 ? null : decode(info.substring(colon + 1));
            if (colon < 0) {
                // redis://secret@host is how many tools write a password without a user: take it so.
                password = user;
                user = null;
            }
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new RedisUrl("rediss".equals(scheme), host, uri.getPort() < 0 ? 6379 : uri.getPort(), database, user,
                password);
    }

    /**
     * Hides the password of a URL that may not parse, for error messages. The credentials run from the scheme's
     * {@code ://} (or the start) to the last {@code @}, as a password may hold unencoded {@code /}, {@code @} or
     * {@code :}; without a {@code :} they are a password alone, as {@link #parse} reads them.
     *
     * @param url any text
     * @return the text with {@code user:password@} replaced by {@code user:***@}, and {@code password@} by
     *         {@code ***@}
     */
    public static String redact(String url) {
        if (url == null) {
            return "null";
        }
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = url.lastIndexOf('@');
        if (at < start) {
            return url;
        }
        int colon = url.indexOf(':', start);
        String shown = colon < 0 || colon > at ? "***" : url.substring(start, colon) + ":***";
        return url.substring(0, start) + shown + url.substring(at);
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("Redis URL '" + redact(url.trim()) + "' is invalid: " + why
                + "; expected " + SHAPE);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL with {@code ***} in place of the password. */
    @Override
    public String toString() {
        String credentials = "";
        if (user != null || password != null) {
            credentials = (user == null ? "" : user) + (password == null ? "" : ":***") + "@";
        }
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "rediss" : "redis") + "://" + credentials + shownHost + ":" + port + "/" + database;
    }
}
