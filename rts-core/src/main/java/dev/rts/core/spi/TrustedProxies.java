package dev.rts.core.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies whose {@code X-Forwarded-For} header a transport believes, and the rule that finds a client's
 * address through them. Behind a proxy every socket comes from the proxy's address, so per-address limits would
 * throttle all clients together; with the proxy trusted, each client is counted by its own address. A header from
 * any other peer is ignored, since a client can write whatever it likes into it. Immutable and thread-safe.
 *
 * <p>The rule, as nginx's {@code real_ip_recursive} and most load balancers apply it: start from the socket's peer;
 * while the current address is a trusted proxy, step to the entry it appended to {@code X-Forwarded-For} (the
 * rightmost one not yet taken). The first address that is not a trusted proxy is the client. An entry that is not
 * an IP address literal (a proxy never writes one) ends the walk at the proxy that passed it on. Addresses are
 * literals only: nothing here looks up a host name.
 */
public final class TrustedProxies {

    /** Trusts no proxy: the peer's address is the client's. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    /** At most this many {@code X-Forwarded-For} entries are looked at, from the right. */
    public static final int MAX_HOPS = 32;

    private final List<String> specs;
    private final List<Block> blocks;

    private TrustedProxies(List<String> specs, List<Block> blocks) {
        this.specs = specs;
        this.blocks = blocks;
    }

    /**
     * Parses proxies given as addresses or CIDR blocks.
     *
     * @param proxies such as {@code "10.0.0.0/8"}, {@code "192.168.1.10"}, {@code "fd00::/8"} or {@code "::1"}
     * @return the trusted set
     * @throws IllegalArgumentException naming the first entry that is not an IP address literal or a CIDR block
     */
    public static TrustedProxies of(List<String> proxies) {
        List<String> specs = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        for (String proxy : proxies) {
            if (proxy == null) {
                throw new IllegalArgumentException("A trusted proxy must not be null");
            }
            String spec = proxy.trim();
            blocks.add(Block.parse(spec));
            specs.add(spec);
        }
        return new TrustedProxies(List.copyOf(specs), List.copyOf(blocks));
    }

    /** Whether no proxy is trusted. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /**
     * Whether an address is one of the trusted proxies.
     *
     * @param address an IP address literal; anything else is not trusted
     * @return true if it lies in one of the blocks
     */
    public boolean trusts(String address) {
        if (blocks.isEmpty()) {
            return false;
        }
        InetAddress parsed = literal(address);
        return parsed != null && trusts(parsed);
    }

    private boolean trusts(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Block block : blocks) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds the client's address.
     *
     * @param peer          the socket's peer address literal
     * @param forwardedFor the values of every {@code X-Forwarded-For} header of the request, in order (empty if none)
     * @return the client's address literal, in the form {@link InetAddress#getHostAddress()} gives
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        if (blocks.isEmpty() || forwardedFor.isEmpty() || !trusts(peer)) {
            return peer;
        }
        List<String> entries = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String entry : value.split(",")) {
                entries.add(entry.trim());
            }
        }
        String client = peer;
        int stop = Math.max(0, entries.size() - MAX_HOPS);
        for (int i = entries.size() - 1; i >= stop; i--) {
            InetAddress hop = literal(withoutPort(entries.get(i)));
            if (hop == null) {
                return client;
            }
            client = hop.getHostAddress();
            if (!trusts(hop)) {
                return client;
            }
        }
        return client;
    }

    /** The proxies as given, for logs and error messages. */
    @Override
    public String toString() {
        return specs.isEmpty() ? "no trusted proxies" : "trusted proxies " + specs;
    }

    /** Drops a port a proxy may have added: {@code 1.2.3.4:5678} and {@code [::1]:5678}. */
    private static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int end = entry.indexOf(']');
            return end < 0 ? entry : entry.substring(1, end);
        }
        int colon = entry.indexOf(':');
        if (colon > 0 && colon == entry.lastIndexOf(':')) {
            return entry.substring(0, colon);
        }
        return entry;
    }

    /**
     * Parses an IPv4 or IPv6 address literal without any name lookup, or returns null. IPv4 is parsed here; an IPv6
     * literal is given to the JDK in brackets, which makes it refuse anything but a literal instead of asking DNS.
     */
    static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        try {
            if (text.indexOf(':') >= 0) {
                int scope = text.indexOf('%');
                if (scope > 0) {
                    // A link-local peer's zone (fe80::1%eth0) says which interface, not which host.
                    text = text.substring(0, scope);
                }
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                        return null;
                    }
                }
                return InetAddress.getByName("[" + text + "]");
            }
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                String part = parts[i];
                if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                    return null;
                }
                int value = Integer.parseInt(part);
                if (value > 255) {
                    return null;
                }
                bytes[i] = (byte) value;
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** One address block: the first {@code bits} bits of {@code prefix}. */
    private record Block(byte[] prefix, int bits) {

        static Block parse(String spec) {
            int slash = spec.indexOf('/');
            String address = slash < 0 ? spec : spec.substring(0, slash);
            InetAddress parsed = literal(address);
            if (parsed == null) {
                throw new IllegalArgumentException("A trusted proxy is an IP address or a CIDR block such as "
                        + "10.0.0.0/8 or fd00::/8, but was '" + spec + "' (host names are not looked up)");
            }
            byte[] bytes = parsed.getAddress();
            int max = bytes.length * 8;
            int bits = max;
            if (slash >= 0) {
                String length = spec.substring(slash + 1);
                if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)
                        || Integer.parseInt(length) > max) {
                    throw new IllegalArgumentException("The prefix length of trusted proxy block '" + spec
                            + "' must be 0 to " + max);
                }
                bits = Integer.parseInt(length);
            }
            return new Block(bytes, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }
}
