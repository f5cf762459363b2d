package dev.rts.rpc;

import dev.rts.api.Request;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One call of a method, as middleware and actions see it. Middleware and the action of one call run one after the
 * other, never at the same time, so this object needs no locking between them; it may be handed to other threads.
 */
public interface RpcCall {

    /**
     * The full name of the called method.
     *
     * @return a name such as {@code "demo.square"}
     */
    String method();

    /**
     * The caller's arguments as JSON values: maps, lists, strings, numbers ({@code Long} or {@code Double}), booleans
     * and {@code null}. Middleware may change the list (replace, add or remove arguments) before the action decodes
     * it.
     *
     * @return the mutable argument list
     */
    List<Object> params();

    /**
     * Decodes one argument into a Java type with the same rules as method parameters.
     *
     * @param index the argument's index, from 0
     * @param type  the target type: a class, or a generic type such as {@code List<Point>}
     * @param <T>   the result type
     * @return the decoded argument; {@code null} for a JSON {@code null} and a reference type
     * @throws RpcException if there is no such argument or it does not fit the type; the message names the method,
     *                      the argument (counted from 1) and what was found, and is what the caller gets
     */
    <T> T param(int index, Type type);

    /**
     * Who called: socket, connection attributes, session ({@code request().session()}). For a local call
     * ({@link Rpc#call(String, Object...)}) a stand-in with socket id {@code "local"}, transport {@code "local"}, no
     * session id, and a {@code session()} that throws {@link IllegalStateException}.
     *
     * @return the request
     */
    Request request();

    /**
     * The user signed in on the caller's session.
     *
     * @return the user id; empty when nobody is signed in or the call is local
     */
    Optional<String> userId();

    /**
     * Values middleware hands to the action of this call, such as a loaded user record. Not shared with other calls;
     * for per-connection values use {@code request().attributes()}.
     *
     * @return a mutable, thread-safe map
     */
    Map<String, Object> attributes();

    /**
     * Lets the action answer by hand, with any number of values, at any time: once called, the action's return value
     * is ignored and the call is answered only through the responder (or by the timeout). Methods can take a
     * {@link Responder} parameter instead. Calling it again returns the same responder.
     *
     * @return the call's responder
     * @throws IllegalStateException if called by middleware, before the action started; middleware stops a call with
     *                               {@link RpcMiddleware.Chain#fail(String)}
     */
    Responder responder();
}
