package dev.evalbot.app.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "169.254.1.1", "100.64.0.1", "100.127.255.255", "0.0.0.0",
            "0.1.2.3", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "192.0.2.1",
            "::", "::1", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1",
            "::ffff:10.0.0.1", "::127.0.0.1", "::8.8.8.8", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1", "2002:c0a8:101::", "2001:db8::1", "2001:0:4136:e378::1", "fec0::1"})
    void refused(String address) {
        assertTrue(AddressPolicy.refusal(FakeResolver.literal(address)).isPresent(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "11.0.0.1",
            "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::"})
    void allowed(String address) {
        assertEquals(Optional.empty(), AddressPolicy.refusal(FakeResolver.literal(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::7f00:1", "2002:7f00:1::1"})
    void embeddedAddressesAreNamed(String address) {
        assertTrue(AddressPolicy.refusal(FakeResolver.literal(address)).orElseThrow()
                .endsWith("form of 127.0.0.1, a loopback address"), address);
    }
}
