package dev.rts.api;

/**
 * Another server process changed an attribute of a session that has sockets on this one: see
 * {@link ServiceContext#onAttributeChange}.
 *
 * @param sessionId the session
 * @param key       the attribute key; read its value now with {@link Session#get(String)}
 */
public record AttributeChange(String sessionId, String key) {
}
