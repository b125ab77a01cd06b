package app.sarafan.referral.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import app.sarafan.common.error.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNameTest {

    @ParameterizedTest
    @CsvSource({
            "sport-blog.example.ru, sport-blog.example.ru",
            "'  Sport-Blog.EXAMPLE.ru  ', sport-blog.example.ru",
            "example.com., example.com",
            "Пример.РФ, xn--e1afmkfd.xn--p1ai",
            "бег.example.com, xn--90aef.example.com",
            "xn--e1afmkfd.xn--p1ai, xn--e1afmkfd.xn--p1ai",
            "a1.b2.example.org, a1.b2.example.org"})
    void normalizes(String input, String expected) {
        assertEquals(expected, DomainName.normalize(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://example.com", "http://example.com/", "example.com/path", "example.com:8080", "example.com?x",
            "example.com#top", "user@example.com", "//example.com", "exa mple.com", "127.0.0.1", "10.0.0.1",
            "[::1]", "::1", "2130706433", "127.1", "0x7f.0x1", "example.123", "localhost", "com", "-bad.example.com",
            "bad-.example.com", "under_score.example.com", "a..b.com", ".example.com", "example..com", "*.example.com",
            "exa\\mple.com"})
    void refuses(String input) {
        ProblemException refused = assertThrows(ProblemException.class, () -> DomainName.normalize(input), input);
        assertEquals("domain", refused.problem().errors().get(0).field());
    }

    @Test
    void refusesTooLongNamesAndLabels() {
        String label63 = "a".repeat(63);
        String name253 = String.join(".", label63, label63, label63, "a".repeat(58), "ru");
        assertEquals(253, name253.length());
        assertEquals(name253, DomainName.normalize(name253));
        assertThrows(ProblemException.class, () -> DomainName.normalize("b" + name253));
        assertThrows(ProblemException.class, () -> DomainName.normalize("a".repeat(64) + ".ru"));
    }

    @ParameterizedTest
    @CsvSource({
            "https://www.Sport-Blog.example.ru/2026/11/run?utm=1#top, www.sport-blog.example.ru",
            "http://sport-blog.example.ru:8080, sport-blog.example.ru",
            "//sport-blog.example.ru/path, sport-blog.example.ru",
            "sport-blog.example.ru, sport-blog.example.ru",
            "sport-blog.example.ru:443, sport-blog.example.ru",
            "https://user:pass@sport-blog.example.ru/, sport-blog.example.ru",
            "https://пример.рф/, xn--e1afmkfd.xn--p1ai",
            "HTTPS://EXAMPLE.COM., example.com"})
    void findsTheHostOfAReferer(String referer, String host) {
        assertEquals(Optional.of(host), DomainName.hostOf(referer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "https://", "https://127.0.0.1/", "http://[::1]:8080/", "not a url", "https:///x",
            "javascript:alert(1)", "localhost"})
    void findsNoHostInWhatHasNone(String referer) {
        assertEquals(Optional.empty(), DomainName.hostOf(referer));
    }

    @Test
    void findsNoHostInNull() {
        assertEquals(Optional.empty(), DomainName.hostOf(null));
    }

    @ParameterizedTest
    @CsvSource({
            "www.example.com, example.com",
            "example.com, example.com",
            "www.com, www.com",
            "blog.example.com, blog.example.com",
            "www.www.example.com, www.example.com"})
    void treatsWwwAsTheSameSite(String domain, String key) {
        assertEquals(key, DomainName.matchKey(domain));
    }
}
