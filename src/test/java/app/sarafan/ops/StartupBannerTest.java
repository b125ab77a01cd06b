package app.sarafan.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The banner is printed once the HTTP server listens, with the port it really listens on (tests use a random one). */
@QuarkusTest
class StartupBannerTest {

    @Inject
    StartupBanner banner;

    @Test
    void theBannerNamesThePortTheServerListensOn() throws InterruptedException {
        // Quarkus announces the listening server asynchronously; it has long happened once a test runs.
        for (int i = 0; i < 50 && banner.announced() == null; i++) {
            Thread.sleep(100);
        }
        assertEquals("http://localhost:" + RestAssured.port, banner.announced());
    }
}
