package app.sarafan.referral.site;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Addresses a member's site must never resolve to: anything that is not a globally reachable unicast address,
 * so that a site check cannot be pointed at the service's own host, its network or a cloud metadata endpoint.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address.
 */
public final class InternalAddresses {

    private static final List<Block> IPV4 = blocks(
            "0.0.0.0/8",          // "this network", 0.0.0.0 reaches the local host on many stacks
            "10.0.0.0/8",         // private
            "100.64.0.0/10",      // carrier-grade NAT
            "127.0.0.0/8",        // loopback
            "169.254.0.0/16",     // link-local, cloud metadata (169.254.169.254)
            "172.16.0.0/12",      // private
            "192.0.0.0/24",       // IETF protocol assignments
            "192.0.2.0/24",       // documentation
            "192.88.99.0/24",     // 6to4 relay anycast
            "192.168.0.0/16",     // private
            "198.18.0.0/15",      // benchmarking
            "198.51.100.0/24",    // documentation
            "203.0.113.0/24",     // documentation
            "224.0.0.0/4",        // multicast
            "240.0.0.0/4");       // reserved, broadcast 255.255.255.255

    /** Inside global unicast 2000::/3, which is all IPv6 may be; everything outside it is refused anyway. */
    private static final List<Block> IPV6 = blocks(
            "2001::/23",          // IETF protocol assignments, Teredo
            "2001:db8::/32",      // documentation
            "3fff::/20");         // documentation

    private static final Block GLOBAL_UNICAST = Block.parse("2000::/3");
    private static final Block SIX_TO_FOUR = Block.parse("2002::/16");
    private static final List<Block> CARRYING_IPV4_AT_THE_END = blocks(
            "::ffff:0:0/96",      // IPv4-mapped
            "::/96",              // IPv4-compatible (also :: and ::1)
            "64:ff9b::/96");      // NAT64

    private InternalAddresses() {
    }

    public static boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isInternalIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            return isInternalIpv6(bytes);
        }
        return true;
    }

    private static boolean isInternalIpv4(byte[] bytes) {
        return IPV4.stream().anyMatch(block -> block.contains(bytes));
    }

    private static boolean isInternalIpv6(byte[] bytes) {
        for (Block carrier : CARRYING_IPV4_AT_THE_END) {
            if (carrier.contains(bytes)) {
                return isInternalIpv4(Arrays.copyOfRange(bytes, 12, 16));
            }
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return isInternalIpv4(Arrays.copyOfRange(bytes, 2, 6));
        }
        return !GLOBAL_UNICAST.contains(bytes) || IPV6.stream().anyMatch(block -> block.contains(bytes));
    }

    private static List<Block> blocks(String... cidrs) {
        return Arrays.stream(cidrs).map(Block::parse).toList();
    }

    /** A CIDR block. */
    private record Block(byte[] network, int prefixLength) {

        static Block parse(String cidr) {
            int slash = cidr.indexOf('/');
            String literal = cidr.substring(0, slash);
            try {
                // Literals only: InetAddress parses them without any name lookup.
                byte[] network = InetAddress.getByName(literal).getAddress();
                if (network.length == 4 && literal.contains(":")) {
                    // InetAddress turns an IPv4-mapped literal into IPv4; the block is meant in its IPv6 form.
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xFF;
                    mapped[11] = (byte) 0xFF;
                    System.arraycopy(network, 0, mapped, 12, 4);
                    network = mapped;
                }
                return new Block(network, Integer.parseInt(cidr.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int restBits = prefixLength % 8;
            if (restBits == 0) {
                return true;
            }
            int mask = (0xFF << (8 - restBits)) & 0xFF;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
