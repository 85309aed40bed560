package com.healthplan.pa.kineret.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthplan.pa.kineret.config.IdentitySetup;
import com.healthplan.pa.kineret.process.ProcessConstants;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who reaches which endpoint, enumerated from the specifications rather than a hand list: every operation of the
 * application's own OpenAPI document ({@code /v3/api-docs}, the {@code /api} paths), every operation and
 * interaction of its FHIR CapabilityStatement ({@code /fhir/metadata}, rules in {@link #FHIR_ROLES}), every operation of Camunda's
 * OpenAPI document of its REST API (artifact {@code camunda-engine-rest-openapi}, {@code openapi.json}) under
 * {@code /engine-rest}, and the same engine operations under the webapps' engine API
 * {@code /camunda/api/engine/engine/default} (with a webapp session: login through
 * {@code /camunda/api/admin/auth/user/default/login/tasklist} and Camunda's CSRF header) × the identities no
 * credentials, wrong password, {@code admin}, {@code intake}, {@code pharmacist}, {@code physician},
 * {@code physician2} and {@code supervisor} (README, Demo users).
 *
 * <p>Path parameters get real ids where there are some (the task, process instance, definition and deployment of a
 * case under review, a timer job, a decision table, the review filter, a comment and an attachment that admin put on
 * the task, a probe user, group and authorization); others a dummy id. Writes are sent with an empty JSON object,
 * the body of {@link #BODIES}, or a small multipart form; as {@code admin} they are sent without a body and with
 * dummy ids, so that nothing real is changed. The wrong password is that of a probe account (after its third
 * failure the login throttle answers 401 without a password check). Each identity's calls run in order on a thread
 * of its own, over one HTTP client. The expected answers are the rule of {@link #violation}, with its data in
 * {@link #PUBLIC}, {@link #NOT_IN_WEBAPP}, {@link #TASK_WRITES}, {@link #NO_EFFECT}, {@link #ENGINE_READ_POSTS} and
 * {@link #API_ROLES}. After the matrix, the effect is read back: the case under review keeps its status and has no
 * decision, its task is still open with only admin's comment and attachment, the approved case is still approved,
 * and the deployment count, users, groups, memberships, tenants and authorizations are unchanged. Every answer is
 * written to {@code target/endpoint-matrix.tsv}. {@code AccessMatrixTest} checks the effects of chosen calls in more
 * detail.
 */
@AppTest
class EndpointMatrixTest {

    /** What an identity is, for the rules. */
    private enum Role { NOBODY, WRONG_PASSWORD, ADMIN, INTAKE, REVIEWER, SUPERVISOR }

    /** Where an operation is sent. */
    private enum Api { APP, FHIR, ENGINE_REST, WEBAPP_ENGINE }

    private static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";
    private static final String NOBODY = "(none)";
    private static final String WRONG = "(wrong password)";
    private static final String PROBE = "endpointprobe";
    private static final String TARGET_USER = "matrixtarget";
    private static final String TARGET_GROUP = "matrix-target";
    private static final String DUMMY = "matrix-dummy-0000";
    private static final String COMMENT = "Noted by admin before the matrix";
    private static final Map<String, Role> USERS = new LinkedHashMap<>();

    static {
        USERS.put(NOBODY, Role.NOBODY);
        USERS.put(WRONG, Role.WRONG_PASSWORD);
        USERS.put("admin", Role.ADMIN);
        USERS.put("intake", Role.INTAKE);
        USERS.put("pharmacist", Role.REVIEWER);
        USERS.put("physician", Role.REVIEWER);
        USERS.put("physician2", Role.REVIEWER);
        USERS.put("supervisor", Role.SUPERVISOR);
    }

    /**
     * Operations that answer without credentials, and why ("API METHOD path"). Nothing else is public.
     */
    static final Map<String, String> PUBLIC = Map.of(
            "ENGINE_REST GET /engine", "Camunda's ProcessEngineAuthenticationFilter leaves the list of engine names "
                    + "open (its whitelist ^/engine/?); it names the engine \"default\" and nothing else",
            "FHIR GET /fhir/metadata", "the FHIR CapabilityStatement: what the server supports, read by FHIR clients "
                    + "before they authenticate; it holds no case data");

    /** Operations of Camunda's document that the webapps' engine API does not serve: 404 to everybody, admin too. */
    static final Set<String> NOT_IN_WEBAPP = Set.of("GET /identity/password-policy", "POST /identity/password-policy");

    /**
     * Bodies for writes where an empty JSON object would not reach the engine's authorization check: Camunda's REST
     * resource takes it as "nothing to do" (a 204 that says nothing about access) or fails on a missing field (a
     * 500). Here they name a dummy target or a probe ({@code {userId}}, {@code {groupId}}, {@code {commentId}} are
     * filled in like path parameters), so that the check runs; what they would change, had they passed, is read
     * back after the matrix (users, groups, tenants, authorizations, the comment).
     */
    static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /process-instance/{id}/modification",
                    "{\"instructions\": [{\"type\": \"cancel\", \"activityInstanceId\": \"matrix-dummy-0000\"}]}"),
            Map.entry("PUT /task/{id}/comment", "{\"id\": \"{commentId}\", \"message\": \"changed by the matrix\"}"),
            Map.entry("PUT /process-instance/{id}/comment",
                    "{\"id\": \"{commentId}\", \"message\": \"changed by the matrix\"}"),
            Map.entry("POST /user/create", "{\"profile\": {\"id\": \"matrixcreated\"}, \"credentials\": "
                    + "{\"password\": \"Matrix-created-1\"}}"),
            Map.entry("PUT /user/{id}/profile", "{\"id\": \"{userId}\", \"firstName\": \"Changed\"}"),
            Map.entry("POST /group/create", "{\"id\": \"matrix-created\", \"name\": \"Created by the matrix\"}"),
            Map.entry("PUT /group/{id}", "{\"id\": \"{groupId}\", \"name\": \"Changed by the matrix\"}"),
            Map.entry("POST /tenant/create", "{\"id\": \"matrix-created\", \"name\": \"Created by the matrix\"}"),
            Map.entry("POST /authorization/create", "{\"type\": 1, \"permissions\": [\"ALL\"], \"userId\": \"{userId}\", "
                    + "\"resourceType\": 0, \"resourceId\": \"*\"}"),
            Map.entry("PUT /job/{id}/retries", "{\"retries\": 3}"),
            Map.entry("PUT /job-definition/{id}/retries", "{\"retries\": 3}"),
            Map.entry("POST /telemetry/configuration", "{\"enableTelemetry\": false}"),
            Map.entry("POST /identity/verify", "{\"username\": \"{userId}\", \"password\": \"not-the-password\"}"));

    /**
     * The engine writes (other than queries) that may answer 2xx to a reviewer or a supervisor, on the tasks of their
     * candidate groups (README role table): reviewers claim, unclaim, complete and submit the form; supervisors read,
     * claim, unclaim and reassign only. Every other engine write must not answer 2xx to them.
     */
    static final Map<Role, Set<String>> TASK_WRITES = Map.of(
            // the assignee: README, "give a task to anybody outside its candidate group or pa-supervisors (403)"
            Role.REVIEWER, Set.of("POST /task/{id}/claim", "POST /task/{id}/unclaim", "POST /task/{id}/complete",
                    "POST /task/{id}/submit-form", "POST /task/{id}/assignee"),
            Role.SUPERVISOR, Set.of("POST /task/{id}/claim", "POST /task/{id}/unclaim", "POST /task/{id}/assignee"));

    /** Engine writes that change nothing in Camunda 7.24 (a 2xx for anybody says nothing about access), and why. */
    static final Map<String, String> NO_EFFECT = Map.of("POST /telemetry/configuration",
            "TelemetryConfigureCmd does nothing since telemetry was removed (Camunda 7.22)");

    /**
     * Engine POSTs that only read (queries, counts, filter runs, the password policy, migration plans): by
     * operationId. Not {@code verifyUser} ({@code POST /identity/verify}): it checks the password of any account, so
     * it is held to the rule of writes (no 2xx but for admin).
     */
    static final Pattern ENGINE_READ_POSTS = Pattern.compile(
            "(query|postQuery|postExecuteFilter)\\w*|checkPassword|generateMigrationPlan|validateMigrationPlan");

    /**
     * {@code /api} and {@code /fhir}: the roles each operation is open to (README role table and "FHIR Subscription
     * notifications"; {@code SecurityConfig}).
     */
    static final Map<String, Set<Role>> API_ROLES = Map.ofEntries(
            Map.entry("POST /api/prior-authorizations", Set.of(Role.ADMIN, Role.INTAKE)),
            Map.entry("GET /api/prior-authorizations", Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR)),
            Map.entry("GET /api/prior-authorizations/{id}", Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR)),
            Map.entry("POST /api/prior-authorizations/{id}/information", Set.of(Role.ADMIN, Role.INTAKE)),
            Map.entry("POST /api/prior-authorizations/{id}/withdraw", Set.of(Role.ADMIN, Role.INTAKE)),
            Map.entry("POST /api/prior-authorizations/{id}/appeal", Set.of(Role.ADMIN, Role.INTAKE)),
            Map.entry("GET /api/prior-authorizations/{id}/audit", Set.of(Role.ADMIN, Role.REVIEWER, Role.SUPERVISOR)),
            Map.entry("GET /api/prior-authorizations/{id}/determinations",
                    Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR)),
            Map.entry("GET /api/authorizations", Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR)),
            Map.entry("GET /api/authorizations/{id}", Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR)),
            Map.entry("GET /api/authorizations/check", Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR)),
            Map.entry("GET /api/renewal-notices", Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR)),
            Map.entry("GET /api/metrics/prior-authorization", Set.of(Role.ADMIN, Role.SUPERVISOR)),
            Map.entry("POST /api/renewal-notices/{id}/acknowledge", Set.of(Role.ADMIN, Role.INTAKE)),
            Map.entry("GET /api/prior-authorizations/{id}/notices",
                    Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR)),
            Map.entry("GET /api/prior-authorizations/{id}/notices/{noticeId}",
                    Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR)),
            Map.entry("GET /api/determination-notices", Set.of(Role.ADMIN, Role.INTAKE)),
            Map.entry("POST /api/determination-notices/{noticeId}/acknowledge", Set.of(Role.ADMIN, Role.INTAKE)));

    /**
     * {@code /fhir}: the roles each operation of the CapabilityStatement is open to (README "FHIR (Da Vinci PAS)";
     * {@code SecurityConfig}): submitting as in {@code /api}, {@code $inquire} and the reads as reading.
     */
    static final Map<String, Set<Role>> FHIR_ROLES = Map.of(
            "POST /fhir/Claim/$submit", Set.of(Role.ADMIN, Role.INTAKE),
            "POST /fhir/Claim/$inquire", Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR),
            "GET /fhir/ClaimResponse/{id}", Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR),
            "GET /fhir/Questionnaire/{id}", Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR),
            "GET /fhir/OperationDefinition/{id}", Set.of(Role.ADMIN, Role.INTAKE, Role.REVIEWER, Role.SUPERVISOR),
            "POST /fhir/Subscription", Set.of(Role.ADMIN, Role.INTAKE),
            "GET /fhir/Subscription/{id}", Set.of(Role.ADMIN, Role.INTAKE),
            "DELETE /fhir/Subscription/{id}", Set.of(Role.ADMIN, Role.INTAKE));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 4;
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z-]+)}");

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    AuthorizationService authorizations;

    private ApiClient api;
    private final Map<String, String> ids = new TreeMap<>();
    private final Map<String, String> keys = new TreeMap<>();
    private final Map<String, String> queryValues = new TreeMap<>();

    /** One operation of a specification: where, method, path template, operationId, request body media types. */
    private record Operation(Api api, String method, String template, String operationId, Set<String> bodyTypes) {
        String key() {
            return method + " " + template;
        }

        /** A write: for /api anything but GET; for the engine anything but GET, OPTIONS, HEAD and the read-only POSTs. */
        boolean write() {
            if (Set.of("GET", "OPTIONS", "HEAD").contains(method)) {
                return false;
            }
            return api == Api.APP || !("POST".equals(method) && ENGINE_READ_POSTS.matcher(operationId).matches());
        }
    }

    /** The credentials of one identity: HTTP Basic for /api and /engine-rest, a webapp session's cookies. */
    private static final class Identity {
        final String name;
        final Role role;
        final Map<String, String> basic;
        final Map<String, String> cookies = new TreeMap<>();

        Identity(String name, Role role, Map<String, String> basic) {
            this.name = name;
            this.role = role;
            this.basic = basic;
        }

        Map<String, String> webappHeaders() {
            Map<String, String> h = new TreeMap<>();
            if (!cookies.isEmpty()) {
                h.put("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            if (cookies.containsKey("XSRF-TOKEN")) {
                h.put("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
            }
            return h;
        }

        void keepCookies(ApiClient.Response r) {
            for (String set : r.raw().headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
    }

    @Test
    void everyEndpointOfEverySpecificationAnswersEachRoleAsTheRolesAllow() throws IOException {
        ensureProbes();
        JsonNode review = api().submitCase("06-ra-age-17.json", "ENDPOINTS-");
        JsonNode approved = api().submitCase("01-ra-initial-all-met.json", "ENDPOINTS-");
        Assertions.assertThat(review.path("status").asText()).isEqualTo("IN_REVIEW");
        Assertions.assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        collectIds(review, approved);

        List<Operation> operations = new ArrayList<>(appOperations());
        List<Operation> fhir = fhirOperations();
        Assertions.assertThat(fhir.stream().map(Operation::key)).as("/fhir operations of the CapabilityStatement")
                .contains("POST /fhir/Claim/$submit", "POST /fhir/Claim/$inquire", "GET /fhir/ClaimResponse/{id}",
                        "GET /fhir/Questionnaire/{id}", "GET /fhir/metadata");
        operations.addAll(fhir);
        List<Operation> engine = engineOperations();
        operations.addAll(engine);
        engine.forEach(op -> operations.add(new Operation(Api.WEBAPP_ENGINE, op.method(), op.template(), op.operationId(),
                op.bodyTypes())));
        Assertions.assertThat(operations.stream().filter(op -> op.api() == Api.APP).count()).as("/api operations")
                .isGreaterThanOrEqualTo(API_ROLES.size());
        Assertions.assertThat(engine).as("engine operations of Camunda's document").hasSizeGreaterThan(300);

        List<Identity> identities = identities();
        Map<String, Object> before = snapshot();
        List<String> failures = new ArrayList<>();
        Map<String, Map<String, Integer>> tally = new TreeMap<>();
        StringBuilder table = new StringBuilder("api\tmethod\tpath\tidentity\tstatus\n");
        long start = System.nanoTime();
        // each identity's calls in order on a thread of its own (its session cookies are its own), over one client
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<List<ApiClient.Response>>> answers = new ArrayList<>();
        for (Identity who : identities) {
            answers.add(pool.submit(() -> operations.stream().map(op -> send(op, who)).toList()));
        }
        List<List<ApiClient.Response>> byIdentity = new ArrayList<>();
        try {
            for (Future<List<ApiClient.Response>> f : answers) {
                byIdentity.add(f.get(10, TimeUnit.MINUTES));
            }
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("matrix calls failed", e);
        } finally {
            pool.shutdownNow();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int sent = 0;
        for (int o = 0; o < operations.size(); o++) {
            Operation op = operations.get(o);
            for (int i = 0; i < identities.size(); i++) {
                Identity who = identities.get(i);
                ApiClient.Response r = byIdentity.get(i).get(o);
                sent++;
                String problem = violation(op, who.role, r.status());
                if (problem != null) {
                    failures.add(op.api() + " " + op.key() + " as " + who.name + ": expected " + problem + " but was "
                            + r.status() + " " + r.body().substring(0, Math.min(200, r.body().length())));
                }
                table.append(op.api()).append('\t').append(op.method()).append('\t').append(op.template()).append('\t')
                        .append(who.name).append('\t').append(r.status()).append('\n');
                tally.computeIfAbsent(op.api() + " " + who.name, k -> new TreeMap<>())
                        .merge(String.valueOf(r.status()), 1, Integer::sum);
            }
        }
        System.out.printf("endpoint matrix: %d operations x %d identities = %d calls in %d ms%n", operations.size(),
                identities.size(), sent, millis);
        tally.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        Path report = Path.of("target", "endpoint-matrix.tsv");
        Files.createDirectories(report.getParent());
        Files.writeString(report, table);

        Assertions.assertThat(failures).as("endpoint matrix (" + failures.size() + " of " + sent + " calls)").isEmpty();
        Assertions.assertThat(snapshot()).as("deployments, users, groups, memberships, tenants, authorizations")
                .isEqualTo(before);
        JsonNode after = api().get("/api/prior-authorizations/" + review.get("id").asText(), "admin").json();
        Assertions.assertThat(after.path("status").asText()).isEqualTo("IN_REVIEW");
        Assertions.assertThat(after.path("decision").isMissingNode() || after.path("decision").isNull())
                .as("no decision: " + after.path("decision")).isTrue();
        Assertions.assertThat(api().get("/engine-rest/task/" + ids.get("task"), "admin").status()).as("task still open")
                .isEqualTo(200);
        JsonNode comments = admin("/engine-rest/task/" + ids.get("task") + "/comment");
        Assertions.assertThat(comments.findValuesAsText("id")).as("comments").containsExactly(ids.get("comment"));
        Assertions.assertThat(comments.get(0).get("message").asText()).isEqualTo(COMMENT);
        Assertions.assertThat(admin("/engine-rest/task/" + ids.get("task") + "/attachment").findValuesAsText("id"))
                .as("attachments").containsExactly(ids.get("attachment"));
        Assertions.assertThat(api().get("/api/prior-authorizations/" + approved.get("id").asText(), "admin").json()
                .path("status").asText()).isEqualTo("APPROVED");
    }

    /**
     * The rule, in one place: null when the answer fits, else what was expected. No credentials and wrong passwords
     * get 401 everywhere but {@link #PUBLIC}; admin is never refused; intake gets 403 on the engine REST API, and on
     * the webapps' engine API 401 (its webapp login is refused, so it has no session); {@code /api} follows
     * {@link #API_ROLES}; reviewers and supervisors are never refused as unauthenticated and get no 2xx on an
     * engine write outside {@link #TASK_WRITES} (but for the writes of {@link #NO_EFFECT}).
     */
    private static String violation(Operation op, Role role, int status) {
        boolean refused = status == 401 || status == 403;
        boolean success = status >= 200 && status < 300;
        if (PUBLIC.containsKey(op.api() + " " + op.key())) {
            // open without credentials; wrong credentials are refused (401) like anywhere else
            boolean fits = !refused || role == Role.WRONG_PASSWORD && status == 401;
            return fits ? null : "public (" + PUBLIC.get(op.api() + " " + op.key()) + ")";
        }
        if (op.api() == Api.WEBAPP_ENGINE && NOT_IN_WEBAPP.contains(op.key())) {
            return status == 404 ? null : "404 (not served by the webapps)";
        }
        switch (role) {
            case NOBODY, WRONG_PASSWORD:
                return status == 401 ? null : "401";
            case ADMIN:
                return refused ? "not 401/403" : null;
            default:
                break;
        }
        if (op.api() == Api.APP || op.api() == Api.FHIR) {
            Set<Role> allowed = (op.api() == Api.APP ? API_ROLES : FHIR_ROLES).get(op.key());
            if (allowed == null) {
                return "a rule in " + (op.api() == Api.APP ? "API_ROLES" : "FHIR_ROLES") + " for this operation";
            }
            return allowed.contains(role) ? (refused ? "not 401/403" : null) : (status == 403 ? null : "403");
        }
        if (role == Role.INTAKE) {
            int expected = op.api() == Api.ENGINE_REST ? 403 : 401;
            return status == expected ? null : String.valueOf(expected);
        }
        if (status == 401) {
            return "not 401 (authenticated)";
        }
        if (op.write() && success && !TASK_WRITES.get(role).contains(op.key()) && !NO_EFFECT.containsKey(op.key())) {
            return "no 2xx (an engine write outside " + TASK_WRITES.get(role) + ")";
        }
        return null;
    }

    private ApiClient.Response send(Operation op, Identity who) {
        boolean harmless = who.role == Role.ADMIN && op.write() && op.api() != Api.APP;
        String path = switch (op.api()) {
            case APP -> fillApp(op);
            case FHIR -> fillFhir(op);
            case ENGINE_REST -> "/engine-rest" + fillEngine(op.template(), harmless);
            case WEBAPP_ENGINE -> WEBAPP_ENGINE + fillEngine(op.template(), harmless);
        };
        String contentType = null;
        HttpRequest.BodyPublisher body = null;
        if (!harmless && !"GET".equals(op.method()) && !"DELETE".equals(op.method())
                && !"OPTIONS".equals(op.method()) && !"HEAD".equals(op.method())) {
            if (op.bodyTypes().contains("multipart/form-data")) {
                String boundary = "matrixboundary";
                contentType = "multipart/form-data; boundary=" + boundary;
                body = HttpRequest.BodyPublishers.ofString(multipart(boundary), StandardCharsets.UTF_8);
            } else if (op.api() == Api.FHIR) {
                // an empty object: not a FHIR resource, so a caller let through gets a 400 and nothing is stored
                contentType = "application/fhir+json";
                body = HttpRequest.BodyPublishers.ofString("{}");
            } else if (op.api() == Api.APP || op.bodyTypes().contains("application/json")) {
                contentType = "application/json";
                body = HttpRequest.BodyPublishers.ofString(fillEngine(BODIES.getOrDefault(op.key(), "{}"), false));
            }
        }
        if (op.api() == Api.WEBAPP_ENGINE) {
            ApiClient.Response r = api().send(op.method(), path, who.webappHeaders(), contentType, body);
            who.keepCookies(r);
            return r;
        }
        return api().send(op.method(), path, who.basic, contentType, body);
    }

    /** A form with the parts Camunda's multipart endpoints read (variable data, attachment, deployment). */
    private static String multipart(String boundary) {
        StringBuilder b = new StringBuilder();
        for (String[] part : new String[][] {{"valueType", null, "Bytes"}, {"attachment-name", null, "matrix"},
                {"attachment-type", null, "text/plain"}, {"deployment-name", null, "matrix"},
                {"data", "matrix.txt", "matrix"}, {"content", "matrix.txt", "matrix"}}) {
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(part[0]).append('"');
            if (part[1] != null) {
                b.append("; filename=\"").append(part[1]).append("\"\r\nContent-Type: text/plain");
            }
            b.append("\r\n\r\n").append(part[2]).append("\r\n");
        }
        return b.append("--").append(boundary).append("--\r\n").toString();
    }

    private String fillApp(Operation op) {
        String template = op.template().replace("{noticeId}", ids.getOrDefault("notice", DUMMY));
        String value = template.startsWith("/api/prior-authorizations/") ? ids.get("case")
                : template.startsWith("/api/authorizations/") ? ids.get("authorization-of-case") : DUMMY;
        String path = PARAM.matcher(template).replaceAll(Matcher.quoteReplacement(value));
        List<String> query = new ArrayList<>();
        for (String name : op.bodyTypes()) {
            if (name.startsWith("?")) {
                String param = name.substring(1);
                query.add(param + "=" + URLEncoder.encode(queryValues.getOrDefault(param, "x"), StandardCharsets.UTF_8));
            }
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    /** A {@code /fhir} path: a ClaimResponse of the approved case, the Questionnaire, else a dummy id. */
    private String fillFhir(Operation op) {
        String value = op.template().startsWith("/fhir/ClaimResponse/") ? ids.get("case")
                : op.template().startsWith("/fhir/Questionnaire/") ? "kineret-pa-5-70-050" : DUMMY;
        return PARAM.matcher(op.template()).replaceAll(Matcher.quoteReplacement(value));
    }

    /**
     * The operations of the FHIR CapabilityStatement ({@code GET /fhir/metadata}): the metadata read itself, each
     * resource's interactions ({@code read} as {@code GET /fhir/{type}/{id}}, a search as {@code GET /fhir/{type}},
     * {@code create} as {@code POST /fhir/{type}}, {@code delete} as {@code DELETE /fhir/{type}/{id}}) and
     * operations ({@code POST /fhir/{type}/$name}), and the system operations ({@code POST /fhir/$name}).
     */
    private List<Operation> fhirOperations() throws IOException {
        ApiClient.Response metadata = api().send("GET", "/fhir/metadata", Map.of(), null, null);
        Assertions.assertThat(metadata.status()).as("/fhir/metadata").isEqualTo(200);
        JsonNode rest = JSON.readTree(metadata.body()).path("rest").path(0);
        List<Operation> result = new ArrayList<>();
        result.add(new Operation(Api.FHIR, "GET", "/fhir/metadata", "metadata", Set.of()));
        for (JsonNode resource : rest.path("resource")) {
            String type = resource.path("type").asText();
            for (JsonNode interaction : resource.path("interaction")) {
                String code = interaction.path("code").asText();
                switch (code) {
                    case "read" -> result.add(new Operation(Api.FHIR, "GET", "/fhir/" + type + "/{id}", code, Set.of()));
                    case "search-type" -> result.add(new Operation(Api.FHIR, "GET", "/fhir/" + type, code, Set.of()));
                    case "create" -> result.add(new Operation(Api.FHIR, "POST", "/fhir/" + type, code, Set.of()));
                    case "delete" -> result.add(new Operation(Api.FHIR, "DELETE", "/fhir/" + type + "/{id}", code, Set.of()));
                    default -> result.add(new Operation(Api.FHIR, "POST", "/fhir/" + type + " " + code, code, Set.of()));
                }
            }
            for (JsonNode operation : resource.path("operation")) {
                result.add(new Operation(Api.FHIR, "POST", "/fhir/" + type + "/$" + operation.path("name").asText(),
                        operation.path("name").asText(), Set.of()));
            }
        }
        for (JsonNode operation : rest.path("operation")) {
            result.add(new Operation(Api.FHIR, "POST", "/fhir/$" + operation.path("name").asText(),
                    operation.path("name").asText(), Set.of()));
        }
        return result;
    }

    /** The engine path with real ids (by the resource the path is under) or, when {@code dummy}, dummy ids only. */
    private String fillEngine(String template, boolean dummy) {
        String[] segments = template.split("/");
        String resource = segments.length < 2 ? ""
                : segments.length > 2 && "history".equals(segments[1]) ? "history/" + segments[2] : segments[1];
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = dummy ? DUMMY : switch (m.group(1)) {
                case "varName" -> "matrixProbe";
                case "userId" -> TARGET_USER;
                case "groupId" -> TARGET_GROUP;
                case "commentId" -> ids.get("comment");
                case "attachmentId" -> ids.get("attachment");
                case "key" -> keys.getOrDefault(resource, DUMMY);
                case "id" -> ids.getOrDefault(resource, DUMMY);
                default -> DUMMY;
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private List<Operation> appOperations() throws IOException {
        ApiClient.Response docs = api().send("GET", "/v3/api-docs", Map.of(), null, null);
        Assertions.assertThat(docs.status()).as("/v3/api-docs").isEqualTo(200);
        return operations(Api.APP, JSON.readTree(docs.body()));
    }

    private List<Operation> engineOperations() throws IOException {
        URL document = Collections.list(getClass().getClassLoader().getResources("openapi.json")).stream()
                .filter(u -> u.toString().contains("camunda-engine-rest-openapi")).findFirst()
                .orElseThrow(() -> new AssertionError("openapi.json of camunda-engine-rest-openapi not on the classpath"));
        try (InputStream in = document.openStream()) {
            return operations(Api.ENGINE_REST, JSON.readTree(in));
        }
    }

    /**
     * The operations of an OpenAPI document; for /api the required query parameters are kept as "?name" among the
     * body types (they are filled in by {@link #fillApp}).
     */
    private static List<Operation> operations(Api api, JsonNode document) {
        List<Operation> result = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String verb = method.getKey().toUpperCase();
            if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD").contains(verb)) {
                return;
            }
            if (api == Api.APP && !path.getKey().startsWith("/api/") && !path.getKey().startsWith("/fhir/")) {
                return;
            }
            Set<String> types = new TreeSet<>();
            method.getValue().path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
            for (JsonNode p : method.getValue().path("parameters")) {
                if ("query".equals(p.path("in").asText()) && p.path("required").asBoolean()) {
                    types.add("?" + p.path("name").asText());
                }
            }
            result.add(new Operation(api, verb, path.getKey(), method.getValue().path("operationId").asText(), types));
        }));
        return result;
    }

    private ApiClient api() {
        if (api == null) {
            api = new ApiClient(port);
        }
        return api;
    }

    /** The probe accounts: one whose password the wrong-password identity misses, and targets for user/group paths. */
    private void ensureProbes() {
        if (identity.createUserQuery().userId(PROBE).count() == 0) {
            var probe = identity.newUser(PROBE);
            probe.setPassword("the-right-one");
            identity.saveUser(probe);
            identity.createMembership(PROBE, com.healthplan.pa.kineret.cases.Groups.SUPERVISORS);
        }
        if (identity.createUserQuery().userId(TARGET_USER).count() == 0) {
            var target = identity.newUser(TARGET_USER);
            target.setPassword("matrix-target-password");
            identity.saveUser(target);
        }
        if (identity.createGroupQuery().groupId(TARGET_GROUP).count() == 0) {
            var group = identity.newGroup(TARGET_GROUP);
            group.setName("Endpoint matrix target");
            identity.saveGroup(group);
        }
        Authorization existing = authorizations.createAuthorizationQuery().userIdIn(TARGET_USER)
                .resourceType(Resources.APPLICATION).resourceId("matrix-none").singleResult();
        if (existing == null) {
            Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setUserId(TARGET_USER);
            grant.setResource(Resources.APPLICATION);
            grant.setResourceId("matrix-none");
            grant.addPermission(Permissions.ACCESS);
            existing = authorizations.saveAuthorization(grant);
        }
        ids.put("authorization", existing.getId());
    }

    /** Real ids for path parameters, read as admin through /engine-rest; "case" and "authorization" for /api. */
    private void collectIds(JsonNode review, JsonNode approved) {
        String businessKey = review.get("requestId").asText();
        JsonNode task = admin("/engine-rest/task?processInstanceBusinessKey=" + businessKey).get(0);
        String instance = task.get("processInstanceId").asText();
        String definition = task.get("processDefinitionId").asText();
        ids.put("task", task.get("id").asText());
        ids.put("process-instance", instance);
        ids.put("history/process-instance", instance);
        ids.put("execution", instance);
        ids.put("process-definition", definition);
        ids.put("deployment", admin("/engine-rest/process-definition/" + definition).get("deploymentId").asText());
        JsonNode variable = admin("/engine-rest/variable-instance?processInstanceIdIn=" + instance + "&variableName=decision"
                + "&maxResults=1");
        if (variable.isEmpty()) {
            variable = admin("/engine-rest/variable-instance?processInstanceIdIn=" + instance + "&maxResults=1");
        }
        ids.put("variable-instance", variable.get(0).get("id").asText());
        ids.put("history/variable-instance", variable.get(0).get("id").asText());
        JsonNode job = admin("/engine-rest/job?processInstanceId=" + instance + "&maxResults=1");
        if (!job.isEmpty()) {
            ids.put("job", job.get(0).get("id").asText());
            ids.put("job-definition", job.get(0).get("jobDefinitionId").asText());
        }
        JsonNode decision = admin("/engine-rest/decision-definition?latestVersion=true&maxResults=1");
        ids.put("decision-definition", decision.get(0).get("id").asText());
        keys.put("decision-definition", decision.get(0).get("key").asText());
        JsonNode requirements = admin("/engine-rest/decision-requirements-definition?maxResults=1");
        if (!requirements.isEmpty()) {
            ids.put("decision-requirements-definition", requirements.get(0).get("id").asText());
            keys.put("decision-requirements-definition", requirements.get(0).get("key").asText());
        }
        keys.put("process-definition", ProcessConstants.PROCESS_KEY);
        ids.put("filter", admin("/engine-rest/filter?name=" + URLEncoder.encode(
                IdentitySetup.REVIEW_FILTER_NAME, StandardCharsets.UTF_8)
                .replace("+", "%20")).get(0).get("id").asText());
        String taskPath = "/engine-rest/task/" + task.get("id").asText();
        ApiClient.Response comment = api().send("POST", taskPath + "/comment/create", "admin", "admin", "application/json",
                HttpRequest.BodyPublishers.ofString("{\"message\": \"" + COMMENT + "\"}"));
        Assertions.assertThat(comment.status()).as(comment.body()).isEqualTo(200);
        ids.put("comment", comment.json().get("id").asText());
        ApiClient.Response attachment = api().send("POST", taskPath + "/attachment/create", "admin", "admin",
                "multipart/form-data; boundary=matrixboundary", HttpRequest.BodyPublishers.ofString(multipart("matrixboundary")));
        Assertions.assertThat(attachment.status()).as(attachment.body()).isEqualTo(200);
        ids.put("attachment", attachment.json().get("id").asText());
        ids.put("user", TARGET_USER);
        ids.put("group", TARGET_GROUP);
        ids.put("case", approved.get("id").asText());
        ids.put("authorization-of-case", approved.path("authorization").path("id").asText());
        ids.put("notice", admin("/api/prior-authorizations/" + approved.get("id").asText() + "/notices").get(0).get("id").asText());
        queryValues.put("requestId", approved.get("requestId").asText());
        queryValues.put("memberId", approved.path("member").path("id").asText(approved.get("requestId").asText()));
        queryValues.put("date", "2026-12-01");
        queryValues.put("quantity", "28");
        queryValues.put("daysSupply", "28");
    }

    private JsonNode admin(String path) {
        ApiClient.Response r = api().get(path, "admin");
        Assertions.assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    /** The identities, with a webapp session each where a login gives one; the logins' answers are checked. */
    private List<Identity> identities() {
        List<Identity> result = new ArrayList<>();
        Map<Role, Integer> loginAnswer = new EnumMap<>(Map.of(Role.NOBODY, 0, Role.WRONG_PASSWORD, 401, Role.ADMIN, 200,
                Role.INTAKE, 403, Role.REVIEWER, 200, Role.SUPERVISOR, 200));
        for (Map.Entry<String, Role> e : USERS.entrySet()) {
            String user = switch (e.getValue()) {
                case NOBODY -> null;
                case WRONG_PASSWORD -> PROBE;
                default -> e.getKey();
            };
            String password = e.getValue() == Role.WRONG_PASSWORD ? "not-the-password" : user;
            Identity who = new Identity(e.getKey(), e.getValue(),
                    user == null ? Map.of() : Map.of("Authorization", ApiClient.basic(user, password)));
            who.keepCookies(api().send("GET", "/camunda/app/tasklist/default/", Map.of(), null, null));
            if (user != null) {
                ApiClient.Response login = api().send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                        who.webappHeaders(), "application/x-www-form-urlencoded",
                        HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)));
                Assertions.assertThat(login.status()).as("webapp login of " + e.getKey())
                        .isEqualTo(loginAnswer.get(e.getValue()));
                who.keepCookies(login);
            }
            result.add(who);
        }
        return result;
    }

    /** What the matrix must not change, read as admin through /engine-rest. */
    private Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("deployments", admin("/engine-rest/deployment/count").get("count").asLong());
        s.put("users", admin("/engine-rest/user?sortBy=userId&sortOrder=asc").toString());
        JsonNode groups = admin("/engine-rest/group?sortBy=id&sortOrder=asc");
        s.put("groups", groups.toString());
        for (JsonNode g : groups) {
            String id = URLEncoder.encode(g.get("id").asText(), StandardCharsets.UTF_8);
            s.put("members of " + g.get("id").asText(), admin("/engine-rest/user?memberOfGroup=" + id
                    + "&sortBy=userId&sortOrder=asc").findValuesAsText("id"));
        }
        s.put("tenants", admin("/engine-rest/tenant").toString());
        Set<String> grants = new TreeSet<>();
        for (JsonNode a : admin("/engine-rest/authorization")) {
            int type = a.path("resourceType").asInt();
            // Camunda itself adds and removes grants on tasks as they are created, claimed and completed
            if (type != Resources.TASK.resourceType() && type != Resources.HISTORIC_TASK.resourceType()) {
                grants.add(a.toString());
            }
        }
        s.put("authorizations", grants);
        return s;
    }
}
