package dev.rts.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.10",
            "fd00::/8", "172.16.0.0/12"));

    @Test
    void addressesAndBlocksAreMatchedBitByBit() {
        assertThat(PROXIES.trusts("10.255.0.1")).isTrue();
        assertThat(PROXIES.trusts("11.0.0.1")).isFalse();
        assertThat(PROXIES.trusts("192.168.1.10")).isTrue();
        assertThat(PROXIES.trusts("192.168.1.11")).isFalse();
        assertThat(PROXIES.trusts("172.31.255.255")).isTrue();
        assertThat(PROXIES.trusts("172.32.0.0")).isFalse();
        assertThat(PROXIES.trusts("fd12::1")).isTrue();
        assertThat(PROXIES.trusts("fe80::1%2")).isFalse();
        assertThat(PROXIES.trusts("example.com")).isFalse();
        assertThat(TrustedProxies.NONE.trusts("127.0.0.1")).isFalse();
    }

    @Test
    void theClientIsTheFirstUntrustedHopFromTheRight() {
        assertThat(PROXIES.clientAddress("10.0.0.5", List.of("1.1.1.1, 203.0.113.7, 192.168.1.10")))
                .isEqualTo("203.0.113.7");
        assertThat(PROXIES.clientAddress("10.0.0.5", List.of("1.1.1.1", "203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(PROXIES.clientAddress("10.0.0.5", List.of("203.0.113.7:4711"))).isEqualTo("203.0.113.7");
        assertThat(PROXIES.clientAddress("10.0.0.5", List.of("[2001:db8::7]:4711"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(PROXIES.clientAddress("10.0.0.5", List.of("10.0.0.9, 10.0.0.8"))).isEqualTo("10.0.0.9");
    }

    @Test
    void anUntrustedPeerOrAnUnreadableEntryLeavesTheLastAddressKnown() {
        assertThat(PROXIES.clientAddress("203.0.113.9", List.of("1.2.3.4"))).isEqualTo("203.0.113.9");
        assertThat(PROXIES.clientAddress("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
        assertThat(PROXIES.clientAddress("10.0.0.5", List.of("unknown"))).isEqualTo("10.0.0.5");
        assertThat(PROXIES.clientAddress("10.0.0.5", List.of("1.2.3.4, 10.0.0.7, localhost"))).isEqualTo("10.0.0.5");
        assertThat(PROXIES.clientAddress("10.0.0.5", List.of("1.2.3.4, 256.0.0.1, 10.0.0.7"))).isEqualTo("10.0.0.7");
    }

    @Test
    void onlyTheLast32EntriesAreWalked() {
        String hops = "203.0.113.7" + ", 10.0.0.1".repeat(40);
        assertThat(PROXIES.clientAddress("10.0.0.5", List.of(hops))).isEqualTo("10.0.0.1");
    }

    @Test
    void anythingButAddressesAndBlocksIsRefusedWithoutALookup() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A trusted proxy is an IP address or a CIDR block such as 10.0.0.0/8 or fd00::/8, but "
                        + "was 'proxy.internal' (host names are not looked up)");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
                .hasMessage("The prefix length of trusted proxy block '10.0.0.0/33' must be 0 to 32");
        assertThatThrownBy(() -> TrustedProxies.of(List.of("::/129")))
                .hasMessage("The prefix length of trusted proxy block '::/129' must be 0 to 128");
        assertThat(TrustedProxies.of(List.of("0.0.0.0/0")).trusts("8.8.8.8")).isTrue();
    }
}
