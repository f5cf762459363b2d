package dev.rts.core.spi;

/**
 * The browser client bundle: the core client, the transport client, service assets and every public service's browser
 * half, as one script. Immutable; the gzip form and the ETag are computed once.
 *
 * @param script the script text
 * @param utf8   the script as UTF-8 bytes
 * @param gzip   the script gzipped
 * @param etag   a strong ETag, quoted, derived from the content
 */
public record ClientBundle(String script, byte[] utf8, byte[] gzip, String etag) {
}
