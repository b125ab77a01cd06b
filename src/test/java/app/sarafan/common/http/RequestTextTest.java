package app.sarafan.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequestTextTest {

    @Test
    void textIsDecodedAsUtf8() throws Exception {
        assertEquals("cust@x:1", RequestText.pathSegment("cust%40x%3A1"));
        assertEquals("a+b", RequestText.pathSegment("a+b"));
        assertEquals("a b", RequestText.queryComponent("a+b"));
        assertEquals("Привет", RequestText.queryComponent("%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82"));
        assertEquals(1, RequestText.length(RequestText.pathSegment("%F0%9F%98%80")));
    }

    @Test
    void whatIsNotTextIsRefused() {
        for (String raw : new String[] {"a%00b", "%1F", "%7F", "%C3%28", "%FF", "%ED%A0%80", "%C0%80", "%", "%Z1",
                "a%2", "\u00ff"}) {
            assertThrows(RequestText.NotText.class, () -> RequestText.pathSegment(raw), raw);
        }
    }

    @Test
    void anInstanceIsAlwaysAUriReference() {
        assertEquals("/v1/members/a%00b%20%FF", RequestText.asUriReference("/v1/members/a\u0000b \u00ff"));
        assertEquals("/v1/members/%D0%9F", RequestText.asUriReference("/v1/members/\u041f"));
    }
}
