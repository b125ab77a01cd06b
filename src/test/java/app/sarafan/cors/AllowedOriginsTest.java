package app.sarafan.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AllowedOriginsTest {

    @Test
    void configuredOriginsReadAsBrowsersSendThem() {
        assertEquals("https://shop.example", AllowedOrigins.canonical("HTTPS://Shop.Example:443/"));
        assertEquals("http://localhost", AllowedOrigins.canonical("http://localhost:80"));
        assertEquals("http://127.0.0.1:5173", AllowedOrigins.canonical("http://127.0.0.1:5173"));
        assertEquals("https://[::1]:8443", AllowedOrigins.canonical("https://[::1]:8443"));
    }

    @Test
    void anEntryThatIsNotAnOriginStopsTheStart() {
        for (String entry : List.of("*", "null", "shop.example", "https://*.shop.example", "ftp://shop.example",
                "https://shop.example/cabinet", "https://shop.example?x=1", "https://user@shop.example",
                "https://shop.example#top", "https://")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> AllowedOrigins.of(List.of(entry)), entry);
            assertTrue(refused.getMessage().startsWith("sarafan.cors.origins: '" + entry + "'"), refused.getMessage());
        }
    }

    @Test
    void anOriginIsAllowedOnlyByExactMatch() {
        AllowedOrigins origins = AllowedOrigins.of(List.of(" https://shop.example ", "", "http://localhost:3000"));

        assertEquals(Set.of("https://shop.example", "http://localhost:3000"), origins.asSet());
        assertTrue(origins.allows("https://shop.example"));
        assertFalse(origins.allows("https://shop.example:443"));
        assertFalse(origins.allows("https://shop.example.evil.example"));
        assertFalse(origins.allows("http://shop.example"));
        assertFalse(origins.allows(null));
        assertTrue(AllowedOrigins.of(List.of()).isEmpty());
    }
}
