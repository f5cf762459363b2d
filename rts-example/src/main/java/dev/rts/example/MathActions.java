package dev.rts.example;

import dev.rts.rpc.RpcException;

/**
 * The rpc namespace {@code math}: the smallest rpc demo. The rpc service checks the arguments before a method runs,
 * so {@code square("abc")} answers {@code Method 'math.square' argument 1 must be int but was "abc"} without any code
 * here. Stateless and thread-safe; every public method is an rpc method.
 */
public final class MathActions {

    /** The largest number whose square a JavaScript number holds exactly (its square is below 2<sup>53</sup>). */
    public static final int MAX_EXACT = 94_906_265;

    /**
     * {@code math.square(n)}.
     *
     * @param n a whole number from {@code -MAX_EXACT} to {@link #MAX_EXACT}
     * @return {@code n * n}
     * @throws RpcException if {@code n} is out of that range, where a browser would show a rounded square
     */
    public long square(int n) {
        if (Math.abs((long) n) > MAX_EXACT) {
            throw new RpcException("math.square takes a number from -" + MAX_EXACT + " to " + MAX_EXACT
                    + ", whose square a browser holds exactly, but got " + n);
        }
        return (long) n * n;
    }
}
