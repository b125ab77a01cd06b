package app.sarafan.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import app.sarafan.support.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The running service answers every health path the deployment files ask for, and reports itself UP. */
@QuarkusTest
class DeploymentHealthPathsServedTest extends ApiTest {

    @Test
    void everyProbeAndHealthCheckPathAnswersUp() {
        Map<String, String> paths = Manifests.healthPaths();
        assertEquals(4, paths.size(), "three Kubernetes probes and the Compose health check: " + paths);
        paths.forEach((who, path) -> given().get(path).then().statusCode(200).body("status", equalTo("UP")));
    }
}
