package com.healthplan.pa.kineret.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Logins and the edges of the web layer (issue 12, items 7 and 8): wrong passwords from one address cannot lock
 * an account out for its owner at another address; intake accounts get no webapp session; nobody deletes their own
 * account; the 1 MiB body limit holds on every path, also written with percent-encoding.
 */
@AppTest
class LoginAndWebappTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;

    private ApiClient api() {
        return new ApiClient(port);
    }

    /**
     * Status line and headers of a request sent from the given local address (a second "machine" on loopback).
     *
     * @param head the request line and headers, each ending in CRLF, without {@code Host} and {@code Connection}
     */
    private String raw(String fromAddress, String head, String body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(fromAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Host: localhost\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
        }
    }

    private String rawGet(String fromAddress, String path, String user, String password) throws IOException {
        return raw(fromAddress, "GET " + path + " HTTP/1.1\r\nAuthorization: " + ApiClient.basic(user, password) + "\r\n", "");
    }

    /**
     * A webapp login from the given local address, as the login page sends it: first the page (for the session and
     * CSRF cookies), then the form with the CSRF token.
     *
     * @return status line and headers of the login's answer
     */
    private String rawWebappLogin(String fromAddress, String user, String password, String app) throws IOException {
        String page = raw(fromAddress, "GET /camunda/app/" + app + "/default/ HTTP/1.1\r\n", "");
        StringBuilder cookies = new StringBuilder();
        String token = "";
        for (String line : page.split("\r\n")) {
            if (line.regionMatches(true, 0, "Set-Cookie:", 0, 11)) {
                String cookie = line.substring(11).trim().split(";", 2)[0];
                cookies.append(cookies.length() == 0 ? "" : "; ").append(cookie);
                token = cookie.startsWith("XSRF-TOKEN=") ? cookie.substring(11) : token;
            }
        }
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return raw(fromAddress, "POST /camunda/api/admin/auth/user/default/login/" + app + " HTTP/1.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.getBytes(StandardCharsets.UTF_8).length + "\r\nCookie: " + cookies + "\r\nX-XSRF-TOKEN: " + token
                + "\r\n", form);
    }

    @Test
    void wrongWebappPasswordsForOneAccountDoNotStopAnotherAccountOrTheOwnerElsewhere() throws IOException {
        String guessing = "127.0.0.3";
        String last = "";
        for (int i = 0; i < 8; i++) {
            last = rawWebappLogin(guessing, "intake", "guess-" + i, "tasklist");
            Assertions.assertThat(last).startsWith("HTTP/1.1 401");
        }
        Assertions.assertThat(last).as("the guessing address waits for intake").containsIgnoringCase("Retry-After:");
        Assertions.assertThat(rawWebappLogin(guessing, "intake", "intake", "welcome"))
                .as("even intake's right password from there must wait").startsWith("HTTP/1.1 401");
        Assertions.assertThat(rawGet(guessing, "/api/renewal-notices", "intake", "intake"))
                .as("and so do intake's Basic calls from there: the same account").startsWith("HTTP/1.1 401");

        String pharmacist = rawWebappLogin(guessing, "pharmacist", "pharmacist", "tasklist");
        Assertions.assertThat(pharmacist).as("another account from the same address logs in").startsWith("HTTP/1.1 200");
        String session = pharmacist.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie: JSESSIONID=", 0, 23))
                .map(l -> l.substring(12).split(";", 2)[0]).findFirst().orElseThrow();
        Assertions.assertThat(raw(guessing, "GET /camunda/api/engine/engine/default/user/pharmacist/profile HTTP/1.1\r\n"
                + "Cookie: " + session + "\r\n", "")).as("with a working session").startsWith("HTTP/1.1 200");
        Assertions.assertThat(rawGet("127.0.0.4", "/api/renewal-notices", "intake", "intake"))
                .as("intake's own Basic calls from another address go on").startsWith("HTTP/1.1 200");
        Assertions.assertThat(identity.checkPassword("intake", "intake")).as("Camunda did not lock the account").isTrue();
    }

    @Test
    void wrongPasswordsFromOneAddressDoNotLockTheAccountForItsOwner() throws IOException {
        String last = "";
        for (int i = 0; i < 12; i++) {
            last = rawGet("127.0.0.2", "/api/renewal-notices", "intake", "guess-" + i);
            Assertions.assertThat(last).startsWith("HTTP/1.1 401");
            rawGet("127.0.0.2", "/engine-rest/task", "pharmacist", "guess-" + i);
        }
        Assertions.assertThat(last).as("the guessing address waits").containsIgnoringCase("Retry-After:");
        Assertions.assertThat(rawGet("127.0.0.2", "/api/renewal-notices", "intake", "intake"))
                .as("even the right password from the guessing address must wait").startsWith("HTTP/1.1 401");

        ObjectNode request = AcceptanceCases.named("01-ra-initial-all-met.json").request().deepCopy();
        request.put("requestId", "LOCKOUT-" + UUID.randomUUID());
        ApiClient.Response submitted = api().submit(request.toString());
        Assertions.assertThat(submitted.status()).as("the intake system goes on: " + submitted.body()).isEqualTo(201);
        Assertions.assertThat(api().awaitDetermination(submitted.json().get("id").asText(), Duration.ofSeconds(30))
                .get("status").asText()).isEqualTo("APPROVED");
        Assertions.assertThat(api().get("/engine-rest/task", "pharmacist").status()).isEqualTo(200);
        Assertions.assertThat(identity.checkPassword("intake", "intake")).as("Camunda did not lock the account").isTrue();
    }

    /** A browser-like client of the webapps: cookies, and the CSRF token Camunda's webapps require. */
    private final class Webapp {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> send(String method, String path, String contentType, String body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().ifPresent(token -> b.header("X-XSRF-TOKEN", token));
            try {
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        int login(String user, String password, String app) {
            send("GET", "/camunda/app/" + app + "/default/", null, null);
            return send("POST", "/camunda/api/admin/auth/user/default/login/" + app,
                    "application/x-www-form-urlencoded", "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)).statusCode();
        }
    }

    @Test
    void intakeAccountsGetNoWebappSessionAndNobodyDeletesTheirOwnAccount() {
        Webapp intake = new Webapp();
        Assertions.assertThat(intake.login("intake", "intake", "welcome")).isEqualTo(403);
        Assertions.assertThat(intake.send("GET", "/camunda/api/engine/engine/default/user/intake/profile", null, null)
                .statusCode()).as("no session to use the engine API with").isIn(401, 403);
        Assertions.assertThat(intake.send("DELETE", "/camunda/api/engine/engine/default/user/intake", null, null)
                .statusCode()).isIn(401, 403);
        Assertions.assertThat(new Webapp().login("intake", "not-the-password", "welcome"))
                .as("a wrong password answers as for everybody").isEqualTo(401);
        Assertions.assertThat(identity.createUserQuery().userId("intake").count()).isEqualTo(1);

        Webapp pharmacist = new Webapp();
        Assertions.assertThat(pharmacist.login("pharmacist", "pharmacist", "tasklist")).isEqualTo(200);
        Assertions.assertThat(pharmacist.send("GET", "/camunda/api/engine/engine/default/user/pharmacist/profile", null, null)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> selfDelete = pharmacist.send("DELETE", "/camunda/api/engine/engine/default/user/pharmacist",
                null, null);
        Assertions.assertThat(selfDelete.statusCode()).as(selfDelete.body()).isEqualTo(403);
        Assertions.assertThat(api().send("DELETE", "/engine-rest/user/pharmacist", "pharmacist", "pharmacist", null, null)
                .status()).isEqualTo(403);
        Assertions.assertThat(identity.createUserQuery().userId("pharmacist").count()).as("still there").isEqualTo(1);
        Assertions.assertThat(api().get("/engine-rest/task", "pharmacist").status()).isEqualTo(200);
    }

    /**
     * The engine API of the webapps ({@code /camunda/api/engine}) per role, after a webapp login: the same rules as
     * {@code /engine-rest}. Each cell is the expected status; a refusal by the rules carries "Refused".
     */
    @Test
    void webappEngineApiMatrix() {
        String requestId = api().submitCase("06-ra-age-17.json", "WEBAPP-").get("requestId").asText();
        String taskId = api().get("/engine-rest/task?processInstanceBusinessKey=" + requestId, "admin")
                .json().get(0).get("id").asText();
        String engine = "/camunda/api/engine/engine/default";
        String variable = "{\"value\": \"x\", \"type\": \"String\"}";
        // user, app, list tasks, write variable, bpmnError, add candidate user, rename, delete own account
        Object[][] rows = {
                {"admin", "cockpit", 200, 204, 400, 204, 204, 403},
                {"pharmacist", "tasklist", 200, 403, 400, 403, 403, 403},
                {"physician", "tasklist", 200, 403, 400, 403, 403, 403},
                {"supervisor", "tasklist", 200, 403, 400, 403, 403, 403}};
        List<String> failures = new java.util.ArrayList<>();
        for (Object[] row : rows) {
            String user = (String) row[0];
            Webapp w = new Webapp();
            Assertions.assertThat(w.login(user, user, (String) row[1])).as(user + " logs in").isEqualTo(200);
            HttpResponse<?>[] answers = {
                    w.send("GET", engine + "/task?processInstanceBusinessKey=" + requestId, null, null),
                    w.send("PUT", engine + "/task/" + taskId + "/variables/webappProbe", "application/json", variable),
                    w.send("POST", engine + "/task/" + taskId + "/bpmnError", "application/json", "{\"errorCode\": \"x\"}"),
                    w.send("POST", engine + "/task/" + taskId + "/identity-links", "application/json",
                            "{\"userId\": \"physician2\", \"type\": \"candidate\"}"),
                    w.send("PUT", engine + "/task/" + taskId, "application/json", "{\"name\": \"Clinical review\"}"),
                    w.send("DELETE", engine + "/user/" + user, null, null)};
            for (int i = 0; i < answers.length; i++) {
                int expected = (Integer) row[i + 2];
                if (answers[i].statusCode() != expected
                        || expected == 403 && i > 0 && !String.valueOf(answers[i].body()).contains("Refused")
                        && !String.valueOf(answers[i].body()).contains("ENGINE-03110")) {
                    failures.add(user + " call " + i + ": expected " + expected + " but was " + answers[i].statusCode()
                            + " " + answers[i].body());
                }
            }
        }
        Assertions.assertThat(failures).isEmpty();
        Assertions.assertThat(identity.createUserQuery().userIdIn("admin", "pharmacist", "physician", "supervisor").count())
                .isEqualTo(4);
        Webapp intake = new Webapp();
        Assertions.assertThat(intake.login("intake", "intake", "welcome")).isEqualTo(403);
        Assertions.assertThat(intake.send("GET", engine + "/task", null, null).statusCode()).isIn(401, 403);
    }

    /** A request body of unknown length: java.net.http sends it chunked. */
    private static HttpRequest.BodyPublisher chunked(String body) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void aChunkedBodyOverTheLimitOutsideTheApiIsRefusedCleanlyAndWritesNothing() {
        String requestId = api().submitCase("06-ra-age-17.json", "CHUNKED-").get("requestId").asText();
        String instance = api().get("/engine-rest/process-instance?businessKey=" + requestId, "admin")
                .json().get(0).get("id").asText();
        String variables = "/engine-rest/process-instance/" + instance + "/variables";
        String big = "{\"modifications\": {\"chunkedProbe\": {\"value\": \"" + "x".repeat(1024 * 1024 + 10)
                + "\", \"type\": \"String\"}}}";

        ApiClient.Response refused = api().send("POST", variables, "admin", "admin", "application/json", chunked(big));
        Assertions.assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        Assertions.assertThat(refused.contentType()).startsWith("application/problem+json");
        Assertions.assertThat(refused.json().get("status").asInt()).isEqualTo(413);
        Assertions.assertThat(refused.body()).doesNotContain("Exception", "\tat ");
        Assertions.assertThat(api().get(variables + "/chunkedProbe", "admin").status()).as("nothing was written")
                .isEqualTo(404);

        ApiClient.Response login = api().send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", null, null,
                "application/x-www-form-urlencoded", chunked("username=" + "x".repeat(1024 * 1024 + 10) + "&password=x"));
        Assertions.assertThat(login.status()).as(login.body()).isEqualTo(413);

        ApiClient.Response small = api().send("POST", variables, "admin", "admin", "application/json",
                chunked("{\"modifications\": {\"chunkedProbe\": {\"value\": \"small\", \"type\": \"String\"}}}"));
        Assertions.assertThat(small.status()).as("a chunked body within the limit is read: " + small.body()).isEqualTo(204);
        Assertions.assertThat(api().get(variables + "/chunkedProbe", "admin").json().get("value").asText()).isEqualTo("small");
    }

    @Test
    void theBodyLimitHoldsOnEveryPathAlsoPercentEncoded() {
        String big = "{\"pad\": \"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        ApiClient.Response encoded = api().send("POST", "/%61pi/prior-authorizations", "intake", "intake",
                "application/json", HttpRequest.BodyPublishers.ofString(big));
        Assertions.assertThat(encoded.status()).as(encoded.body()).isEqualTo(413);
        ApiClient.Response engine = api().send("POST", "/engine-rest/task/" + UUID.randomUUID() + "/complete", "pharmacist",
                "pharmacist", "application/json", HttpRequest.BodyPublishers.ofString(big));
        Assertions.assertThat(engine.status()).isEqualTo(413);
        ApiClient.Response webapp = api().send("POST", "/camunda/api/admin/auth/user/default/login/tasklist", null, null,
                "application/x-www-form-urlencoded", HttpRequest.BodyPublishers.ofString("username=" + "x".repeat(1024 * 1024 + 10)));
        Assertions.assertThat(webapp.status()).isEqualTo(413);
        Assertions.assertThat(api().send("POST", "/%61pi/prior-authorizations", null, null, "application/json",
                HttpRequest.BodyPublishers.ofString("{}")).status()).as("and access control still applies").isEqualTo(401);
    }
}
