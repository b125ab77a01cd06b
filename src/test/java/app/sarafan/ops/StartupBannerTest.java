package app.sarafan.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

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
    void theBannerNamesThePortTheServerListensOn() throws Exception {
        assertEquals("http://localhost:" + RestAssured.port, banner.announced().get(10, TimeUnit.SECONDS));
    }
}
