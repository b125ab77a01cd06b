package app.sarafan.referral.site;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Literals only: InetAddress parses them without a lookup, and nothing here connects anywhere. */
class InternalAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255", "0.0.0.0",
            "0.1.2.3", "255.255.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "192.0.0.8", "192.0.2.10",
            "198.18.0.1", "198.51.100.7", "203.0.113.9",
            "::", "::1", "fe80::1", "febf::1", "fc00::1", "fd12:3456:789a::1", "ff02::1", "fec0::1",
            "2001:db8::1", "2001::1", "64:ff9b:1::1", "100::1", "3fff::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1",
            "64:ff9b::a9fe:a9fe", "2002:a00:1::1", "2002:7f00:1::1"})
    void internal(String literal) throws UnknownHostException {
        assertTrue(InternalAddresses.contains(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "93.184.216.34", "8.8.8.8", "1.1.1.1", "77.88.55.242", "100.63.255.255", "100.128.0.1",
            "172.15.255.255", "172.32.0.1", "169.253.255.255", "192.169.0.1", "11.0.0.1", "223.255.255.254",
            "2a00:1450:4010:c05::65", "2606:4700:4700::1111", "::ffff:93.184.216.34", "64:ff9b::5db8:d822",
            "2002:5db8:d822::1"})
    void external(String literal) throws UnknownHostException {
        assertFalse(InternalAddresses.contains(InetAddress.getByName(literal)), literal);
    }

    /** An IPv4-mapped address that stays IPv6 (Java unwraps mapped literals, a resolver need not). */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "0.0.0.0"})
    void internalWhenMappedInIpv6Form(String ipv4) throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, mapped, 12, 4);
        assertTrue(InternalAddresses.contains(Inet6Address.getByAddress(null, mapped, -1)), ipv4);
    }
}
