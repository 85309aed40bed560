package com.healthplan.pa.kineret.config;

import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.net.http.HttpRequest;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link EngineRestDeploymentGuard} in the default profile, with the demo users: only {@code camunda-admin}
 * may create, redeploy or delete deployments through {@code /engine-rest}; Camunda still authenticates first.
 */
@AppTest
@Tag("own-jvm")
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=false")
class EngineRestDeploymentGuardTest {

    private static final String BOUNDARY = "kineret-guard-test-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;
    private static final String BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="guard-test-definitions"
                targetNamespace="https://pa.healthplan.example/test">
              <bpmn:process id="deployment-guard-test" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="start"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

    @LocalServerPort
    int port;

    private static HttpRequest.BodyPublisher deployment() {
        return HttpRequest.BodyPublishers.ofString("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\nguard-test\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"data\"; filename=\"deployment-guard-test.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + BPMN + "\r\n"
                + "--" + BOUNDARY + "--\r\n");
    }

    private ApiClient.Response deployAs(String user, String path) {
        return new ApiClient(port).send("POST", path, user, user, MULTIPART, deployment());
    }

    private static void assertForbidden(ApiClient.Response response) {
        Assertions.assertThat(response.status()).as(response.body()).isEqualTo(403);
        Assertions.assertThat(response.contentType()).startsWith("application/problem+json");
        Assertions.assertThat(response.json().get("status").asInt()).isEqualTo(403);
        Assertions.assertThat(response.json().get("detail").asText())
                .as("refused by the deployment guard, or for intake by the REST access filter before it")
                .containsAnyOf("camunda-admin", "use /api");
    }

    @Test
    void nonAdminsCannotCreateDeployments() {
        for (String user : new String[] {"intake", "pharmacist", "physician", "supervisor"}) {
            assertForbidden(deployAs(user, "/engine-rest/deployment/create"));
            assertForbidden(deployAs(user, "/engine-rest/engine/default/deployment/create"));
        }
        assertForbidden(deployAs("pharmacist", "/engine-rest/engine/default/deployment/create/"));
        ApiClient.Response list = new ApiClient(port).get("/engine-rest/deployment?name=guard-test", "admin");
        Assertions.assertThat(list.json()).as(list.body()).isEmpty();
    }

    @Test
    void unauthenticatedRequestsAreAnsweredByCamundasAuthenticationFirst() {
        ApiClient.Response anonymous = new ApiClient(port).send("POST", "/engine-rest/deployment/create", null, null,
                MULTIPART, deployment());
        Assertions.assertThat(anonymous.status()).isEqualTo(401);
        ApiClient.Response wrongPassword = new ApiClient(port).send("POST", "/engine-rest/deployment/create",
                "supervisor", "not-the-password", MULTIPART, deployment());
        Assertions.assertThat(wrongPassword.status()).isEqualTo(401);
    }

    @Test
    void adminDeploysAndOnlyAdminRedeploysOrDeletes() {
        ApiClient api = new ApiClient(port);
        ApiClient.Response created = deployAs("admin", "/engine-rest/deployment/create");
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(200);
        String id = created.json().get("id").asText();

        Assertions.assertThat(api.get("/engine-rest/deployment/" + id, "pharmacist").status())
                .as("reviewers have no read access to deployments").isIn(403, 404);
        assertForbidden(api.send("POST", "/engine-rest/deployment/" + id + "/redeploy", "pharmacist", "pharmacist",
                "application/json", HttpRequest.BodyPublishers.ofString("{}")));
        assertForbidden(api.send("DELETE", "/engine-rest/deployment/" + id + "?cascade=true", "physician",
                "physician", null, null));

        ApiClient.Response deleted = api.send("DELETE", "/engine-rest/deployment/" + id + "?cascade=true", "admin",
                "admin", null, null);
        Assertions.assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    }
}
