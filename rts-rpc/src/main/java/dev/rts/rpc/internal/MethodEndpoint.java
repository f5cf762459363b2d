package dev.rts.rpc.internal;

import dev.rts.api.Api;
import dev.rts.api.Request;
import dev.rts.rpc.Responder;
import dev.rts.rpc.RpcCall;
import dev.rts.rpc.RpcException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A public method of a handler object, with a plan for each parameter: take the next argument, or inject.
 */
final class MethodEndpoint implements Endpoint {

    /** Parameter types that are injected rather than taken from the arguments. */
    private static final Set<Class<?>> INJECTED = Set.of(RpcCall.class, Request.class, Api.class, Responder.class);

    private final String name;
    private final Object target;
    private final Method method;
    private final Type[] types;
    private final List<Type> argumentTypes;
    private final String description;
    private final boolean byHand;
    private final Pace pace = new Pace();

    private MethodEndpoint(String name, Object target, Method method) {
        this.name = name;
        this.target = target;
        this.method = method;
        this.types = method.getGenericParameterTypes();
        this.argumentTypes = Arrays.stream(types).filter(t -> !INJECTED.contains(Params.raw(t))).toList();
        this.byHand = Arrays.asList(method.getParameterTypes()).contains(Responder.class);
        String owner = target.getClass().getSimpleName();
        this.description = (owner.isEmpty() ? target.getClass().getName() : owner) + "." + method.getName()
                + Arrays.stream(types).map(Params::name).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * The endpoints of every public instance method of a handler, by full name.
     *
     * @throws IllegalArgumentException if the handler has none, overloads, a responder method not returning void, or
     *                                  a method this module cannot call
     */
    static Map<String, Endpoint> scan(String namespace, Object handler) {
        Class<?> type = handler.getClass();
        Set<String> accessors = type.isRecord() ? Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toSet()) : Set.of();
        Map<String, Endpoint> found = new LinkedHashMap<>();
        List<Method> methods = Arrays.stream(type.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isBridge() && !m.isSynthetic())
                .filter(m -> m.getDeclaringClass() != Object.class && !overridesObject(m))
                .filter(m -> !(accessors.contains(m.getName()) && m.getParameterCount() == 0))
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .toList();
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("Handler " + type.getName() + " for namespace '" + namespace
                    + "' has no public instance methods to call");
        }
        for (Method m : methods) {
            MethodEndpoint endpoint = new MethodEndpoint(namespace + "." + m.getName(), handler, m);
            Endpoint twin = found.putIfAbsent(endpoint.name, endpoint);
            if (twin != null) {
                throw new IllegalArgumentException("Handler " + type.getName() + " has two public methods named '"
                        + m.getName() + "': " + twin.description() + " and " + endpoint.description
                        + "; rpc methods cannot be overloaded, so rename one");
            }
            if (endpoint.byHand && m.getReturnType() != void.class) {
                throw new IllegalArgumentException("Method " + endpoint.description + " takes a Responder, so it "
                        + "must return void, not " + Params.name(m.getGenericReturnType()));
            }
            if (!m.canAccess(handler) && !m.trySetAccessible()) {
                throw new IllegalArgumentException("Cannot call " + endpoint.description + ": module "
                        + MethodEndpoint.class.getModule().getName() + " has no access to " + type.getName()
                        + "; make the class public in an exported package, or open its package to dev.rts.rpc");
            }
        }
        return found;
    }

    private static boolean overridesObject(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Pace pace() {
        return pace;
    }

    @Override
    public boolean answersNothing() {
        return method.getReturnType() == void.class;
    }

    @Override
    public Object run(DefaultRpcCall call) throws Exception {
        List<Object> params = call.params();
        if (params.size() != argumentTypes.size()) {
            throw new RpcException("Method '" + name + "' takes " + Params.count(argumentTypes.size())
                    + (argumentTypes.isEmpty() ? "" : argumentTypes.stream().map(Params::name)
                    .collect(Collectors.joining(", ", " (", ")"))) + " but got " + params.size());
        }
        Object[] args = new Object[types.length];
        int next = 0;
        for (int i = 0; i < types.length; i++) {
            Class<?> raw = Params.raw(types[i]);
            if (raw == RpcCall.class) {
                args[i] = call;
            } else if (raw == Request.class) {
                args[i] = call.request();
            } else if (raw == Api.class) {
                args[i] = call.api();
            } else if (raw == Responder.class) {
                args[i] = call.responder();
            } else {
                args[i] = call.param(next++, types[i]);
            }
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
