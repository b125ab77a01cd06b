package app.sarafan.referral.site;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSearchTest {

    private static final String TOKEN = "Qx7vK2m_9TzL-4pWcN8rB3yHdF6sJ1aE";

    private static byte[] bytes(String text) {
        return text.replace("TOKEN", TOKEN).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<meta name=\"sarafan-verification\" content=\"TOKEN\">",
            "<meta content=\"TOKEN\" name=\"sarafan-verification\">",
            "<META NAME='Sarafan-Verification' CONTENT='TOKEN' />",
            "<meta name=sarafan-verification content=TOKEN>",
            "<meta name=sarafan-verification content=TOKEN/>",
            "<meta\n  charset=\"utf-8\"\n  name = \"sarafan-verification\"\n  content = \" TOKEN \"\n>",
            "<html><head><title>Бег</title><meta name=\"viewport\" content=\"width=device-width\">"
                    + "<meta data-x name=\"sarafan-verification\" content=\"TOKEN\"></head><body>…</body></html>"})
    void findsTheMetaTag(String page) {
        assertTrue(TokenSearch.inMetaTag(bytes(page), TOKEN), page);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<meta name=\"sarafan-verification\" content=\"WRONG\">",
            "<meta name=\"sarafan-verification\" content=\"qx7vk2m_9tzl-4pwcn8rb3yhdf6sj1ae\">",
            "<meta name=\"other\" content=\"TOKEN\">",
            "<meta property=\"sarafan-verification\" content=\"TOKEN\">",
            "<meta name=\"sarafan-verification\">",
            "<p>sarafan-verification TOKEN</p>",
            "<metadata name=\"sarafan-verification\" content=\"TOKEN\">"})
    void findsNoMetaTagWithoutTheToken(String page) {
        assertFalse(TokenSearch.inMetaTag(bytes(page), TOKEN), page);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TOKEN", "TOKEN\n", "  TOKEN  \r\n", "\uFEFFTOKEN", "# Sarafan\nTOKEN\nother"})
    void findsTheTokenInTheFile(String file) {
        assertTrue(TokenSearch.inFile(bytes(file), TOKEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "WRONG", "xTOKEN", "TOKENx", "token: TOKEN"})
    void findsNoTokenInAFileWithoutIt(String file) {
        assertFalse(TokenSearch.inFile(bytes(file), TOKEN));
    }
}
