package dev.rts.example;

import dev.rts.api.Request;
import dev.rts.rpc.RpcException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The example's sign-in over rpc, mounted as the namespace {@code account}. Signing in answers a token; the page puts
 * it in a cookie and reconnects, and the server admits the new socket as that user ({@link ExampleAuth}).
 *
 * <pre>
 * rts.api.rpc('account.signIn', 'Ann')   answers [token]
 * rts.api.rpc('account.token')           answers [token]: a fresh one for the signed-in caller, to renew
 * rts.api.rpc('account.me')              answers [{"name": "Ann", "expiresAt": ms}] or [null] when signed out
 * </pre>
 */
public final class AccountActions {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} _.-]{1," + ChatActions.MAX_NAME + "}");

    private final ExampleAuth auth;

    AccountActions(ExampleAuth auth) {
        this.auth = auth;
    }

    /**
     * {@code account.signIn(name)}: a token naming the user (anyone may take any name: this is a demo).
     *
     * @param name 1 to 40 letters, digits, spaces, {@code _ . -}
     * @return the token
     * @throws RpcException if the name is not valid
     */
    public String signIn(String name) {
        String user = name == null ? "" : name.strip();
        if (!NAME.matcher(user).matches()) {
            throw new RpcException("A name is 1 to " + ChatActions.MAX_NAME + " letters, digits, spaces, '_', '.' or "
                    + "'-'");
        }
        return auth.issue(user);
    }

    /**
     * {@code account.token()}: a fresh token for the caller's user, to renew the socket's credentials before they
     * expire.
     *
     * @param request the caller, injected by rpc
     * @return the token
     * @throws RpcException if the caller's socket is not signed in
     */
    public String token(Request request) {
        return auth.issue(request.identity().userId().orElseThrow(() -> new RpcException("Sign in first: this "
                + "socket is anonymous")));
    }

    /**
     * {@code account.me()}: who the server thinks the caller is.
     *
     * @param request the caller, injected by rpc
     * @return the name and the expiry of the socket's credentials (ms since the epoch), or {@code null} when
     *         signed out
     */
    public Map<String, Object> me(Request request) {
        if (request.identity().userId().isEmpty()) {
            return null;
        }
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", request.identity().claim(ExampleAuth.NAME).orElse(request.identity().userId().get()));
        me.put("expiresAt", request.identity().expiresAt().map(java.time.Instant::toEpochMilli).orElse(null));
        return me;
    }
}
