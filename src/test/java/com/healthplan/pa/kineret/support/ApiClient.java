package com.healthplan.pa.kineret.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/** A plain HTTP client for the running application's intake API, with HTTP Basic credentials. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** @param port the application's local port */
    public ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A response: status, body text, and the body as JSON when it is JSON. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        /** @return the body parsed as JSON */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** @return the Content-Type header, or "" */
        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }

        /** @return a header's first value, or null */
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A binary answer (e.g. a PDF): status, Content-Type, Content-Disposition (or null) and the bytes. */
    public record Download(int status, String contentType, String disposition, byte[] body) { }

    /**
     * GETs a binary resource, as {@code user} (password = user name; null: no credentials) with the given extra
     * headers (e.g. a webapp session's {@code Cookie}).
     *
     * @throws AssertionError when the request cannot be sent or gets no answer within 30 s
     */
    public Download download(String path, String user, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (user != null) {
            request.header("Authorization", basic(user, user));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Content-Disposition").orElse(null), response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return basic-auth header value for a user whose password is given */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a request with optional credentials (null user = none). */
    public Response send(String method, String path, String user, String password, String contentType,
                         HttpRequest.BodyPublisher body) {
        return send(method, path, user == null ? Map.of() : Map.of("Authorization", basic(user, password)), contentType, body);
    }

    /**
     * Sends a request with the given headers (e.g. a webapp session's {@code Cookie} and {@code X-XSRF-TOKEN}).
     *
     * @param headers     header name to value; may be empty
     * @param contentType the body's media type, or null for none
     * @param body        the body, or null for none
     * @throws AssertionError when the request cannot be sent or gets no answer within 30 s
     */
    public Response send(String method, String path, Map<String, String> headers, String contentType,
                         HttpRequest.BodyPublisher body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        headers.forEach(b::header);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new AssertionError("HTTP " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** POSTs a JSON body as the demo user {@code intake}. */
    public Response submit(String json) {
        return send("POST", "/api/prior-authorizations", "intake", "intake", "application/json",
                HttpRequest.BodyPublishers.ofString(json));
    }

    /**
     * Submits the request of an acceptance case under a fresh {@code requestId} (as {@code intake}) and waits for
     * its determination.
     *
     * @param caseFile        the case file name, e.g. {@code 04-ra-standard-one-preferred.json}
     * @param requestIdPrefix prefix of the fresh {@code requestId}
     * @return the case JSON once it is no longer {@code RECEIVED}
     * @throws AssertionError when the submission is not answered 201 or not determined within 30 s
     */
    public JsonNode submitCase(String caseFile, String requestIdPrefix) {
        com.fasterxml.jackson.databind.node.ObjectNode request = AcceptanceCases.named(caseFile).request().deepCopy();
        request.put("requestId", requestIdPrefix + java.util.UUID.randomUUID());
        Response created = submit(request.toString());
        if (created.status() != 201) {
            throw new AssertionError("submit " + caseFile + ": " + created.status() + " " + created.body());
        }
        return awaitDetermination(created.json().get("id").asText(), Duration.ofSeconds(30));
    }

    /**
     * Creates a physician reviewer (groups {@code pa-clinical-reviewers} and {@code pa-physician-reviewers},
     * password = user id) unless it exists, e.g. to hear an appeal of a demo physician's denial.
     *
     * @param identity Camunda's identity service
     * @param userId   the user id
     */
    public static void ensurePhysicianReviewer(org.camunda.bpm.engine.IdentityService identity, String userId) {
        ensureUser(identity, userId, "pa-clinical-reviewers", "pa-physician-reviewers");
    }

    /**
     * Creates a user (password = user id) in the given groups unless it exists.
     *
     * @param identity Camunda's identity service
     * @param userId   the user id
     * @param groups   ids of existing groups
     */
    public static void ensureUser(org.camunda.bpm.engine.IdentityService identity, String userId, String... groups) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            var user = identity.newUser(userId);
            user.setPassword(userId);
            identity.saveUser(user);
            for (String group : groups) {
                identity.createMembership(userId, group);
            }
        }
    }

    /** GETs a path as the given demo user (password = user name). */
    public Response get(String path, String user) {
        return send("GET", path, user, user, null, null);
    }

    /**
     * Polls a case until it has the given status.
     *
     * @return the case JSON
     * @throws AssertionError after 30 s
     */
    public JsonNode awaitStatus(String id, String status) {
        Instant end = Instant.now().plusSeconds(30);
        JsonNode last = null;
        while (Instant.now().isBefore(end)) {
            last = get("/api/prior-authorizations/" + id, "intake").json();
            if (status.equals(last.path("status").asText())) {
                return last;
            }
            pause();
        }
        throw new AssertionError("case " + id + " not " + status + " within 30 s; last seen: " + last);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Polls a case until its status is no longer {@code RECEIVED} (the process has decided or routed it).
     *
     * @return the case JSON
     * @throws AssertionError after {@code timeout}
     */
    public JsonNode awaitDetermination(String id, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(end)) {
            Response r = get("/api/prior-authorizations/" + id, "intake");
            if (r.status() == 200) {
                last = r.json();
                if (!"RECEIVED".equals(last.path("status").asText())) {
                    return last;
                }
            }
            pause();
        }
        throw new AssertionError("case " + id + " not determined within " + timeout + "; last seen: " + last);
    }
}
