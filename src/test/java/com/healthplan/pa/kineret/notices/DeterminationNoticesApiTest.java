package com.healthplan.pa.kineret.notices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.healthplan.pa.kineret.plan.KineretProperties;
import com.healthplan.pa.kineret.support.AcceptanceCases;
import com.healthplan.pa.kineret.support.ApiClient;
import com.healthplan.pa.kineret.support.AppTest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The determination notices end to end: cases driven through {@code /api} and {@code /engine-rest} to each kind of
 * determination (automatic approval, reviewer approval, adverse determination, request for information, appeal
 * upheld, appeal overturned), their notices listed, downloaded as PDF and read back with PDFBox, for both
 * recipients; the outbox and its acknowledgement; who may read what; the PDF rendered once and stored.
 */
@AppTest
class DeterminationNoticesApiTest {

    @LocalServerPort
    int port;
    @Autowired
    KineretProperties properties;
    @Autowired
    NoticeCatalogues catalogues;
    @Autowired
    NoticeRenderer renderer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReviewerDirectory reviewers;
    @Autowired
    org.camunda.bpm.engine.IdentityService identity;

    private ApiClient api() {
        return new ApiClient(port);
    }

    /** A case's notices as listed, and the text of each one's PDF. */
    private record Notice(JsonNode listed, String text) {
        String kind() {
            return listed.get("kind").asText();
        }

        String recipient() {
            return listed.get("recipient").asText();
        }

        LocalDate noticeDate(java.time.ZoneId zone) {
            return OffsetDateTime.parse(listed.get("createdAt").asText()).atZoneSameInstant(zone).toLocalDate();
        }
    }

    private JsonNode submit(String file, String urgency) {
        ObjectNode request = AcceptanceCases.named(file).request().deepCopy();
        request.put("requestId", "NOTICE-" + UUID.randomUUID());
        if (urgency != null) {
            request.put("urgency", urgency);
        }
        ApiClient.Response created = api().submit(request.toString());
        Assertions.assertThat(created.status()).as(created.body()).isEqualTo(201);
        return api().awaitDetermination(created.json().get("id").asText(), Duration.ofSeconds(30));
    }

    private ApiClient.Response post(String path, String user, String json) {
        return api().send("POST", path, user, user, "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    private void complete(String requestId, String user, String variables) {
        JsonNode tasks = api().get("/engine-rest/task?processInstanceBusinessKey=" + requestId, user).json();
        Assertions.assertThat(tasks).as("open tasks of %s", requestId).hasSize(1);
        String task = tasks.get(0).get("id").asText();
        Assertions.assertThat(post("/engine-rest/task/" + task + "/claim", user, "{\"userId\": \"" + user + "\"}").status())
                .isEqualTo(204);
        ApiClient.Response done = post("/engine-rest/task/" + task + "/complete", user, "{\"variables\": " + variables + "}");
        Assertions.assertThat(done.status()).as(done.body()).isEqualTo(204);
    }

    private JsonNode deny(JsonNode c) {
        complete(c.get("requestId").asText(), "physician", "{\"decision\": {\"value\": \"DENIED\"},"
                + " \"reason\": {\"value\": \"Latent tuberculosis is untreated — treatment must start first\"},"
                + " \"deniedCriteria\": {\"value\": \"TB_SCREENING\"}}");
        return api().awaitStatus(c.get("id").asText(), "DENIED");
    }

    private void appeal(JsonNode c) {
        ApiClient.Response appealed = post("/api/prior-authorizations/" + c.get("id").asText() + "/appeal", "intake",
                "{\"reason\": \"Latent TB treatment started on 2026-03-10\"}");
        Assertions.assertThat(appealed.status()).as(appealed.body()).isEqualTo(202);
    }

    /** @return the case's notices of one kind (both recipients) with their PDF text, prescriber first */
    private List<Notice> notices(String caseId, String kind, String user) {
        ApiClient.Response listed = api().get("/api/prior-authorizations/" + caseId + "/notices", user);
        Assertions.assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<Notice> found = new ArrayList<>();
        for (JsonNode n : listed.json()) {
            if (n.get("kind").asText().equals(kind)) {
                found.add(new Notice(n, text(download(n.get("href").asText(), user))));
            }
        }
        Assertions.assertThat(found).extracting(Notice::recipient).containsExactly("PRESCRIBER", "MEMBER");
        return found;
    }

    private byte[] download(String href, String user) {
        ApiClient.Download pdf = api().download(href, user, Map.of());
        Assertions.assertThat(pdf.status()).isEqualTo(200);
        Assertions.assertThat(pdf.contentType()).isEqualTo("application/pdf");
        Assertions.assertThat(pdf.disposition()).startsWith("inline; filename=\"notice-").endsWith(".pdf\"");
        return pdf.body();
    }

    static String text(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new AssertionError("not a PDF", e);
        }
    }

    private static String reference(JsonNode c, String criterion) {
        for (JsonNode cr : c.get("criteria")) {
            if (cr.get("id").asText().equals(criterion)) {
                return cr.get("reference").asText();
            }
        }
        throw new AssertionError("no criterion " + criterion);
    }

    private void assertCommon(List<Notice> notices, JsonNode c, String title) {
        JsonNode request = AcceptanceCases.named(fileOf(c)).request();
        for (Notice n : notices) {
            Assertions.assertThat(n.text()).contains(properties.notices().planName(), title,
                    "Request ID " + c.get("requestId").asText(), "Member ID " + request.at("/member/id").asText(),
                    "Notice date " + n.noticeDate(properties.zone()))
                    .doesNotContain(request.at("/member/dateOfBirth").asText());
        }
        String npi = "Prescriber NPI " + request.at("/prescriber/npi").asText();
        Assertions.assertThat(notices.get(0).text()).contains(npi, "To the prescriber");
        Assertions.assertThat(notices.get(1).text()).doesNotContain(npi).contains("To the member");
    }

    private final Map<String, String> files = new java.util.concurrent.ConcurrentHashMap<>();

    private String fileOf(JsonNode c) {
        return files.get(c.get("id").asText());
    }

    private JsonNode submitCase(String file, String urgency) {
        JsonNode c = submit(file, urgency);
        files.put(c.get("id").asText(), file);
        return c;
    }

    private void assertApproval(List<Notice> notices, JsonNode approved, int months) {
        JsonNode a = approved.get("authorization");
        LocalDate validTo = LocalDate.parse(a.get("validTo").asText());
        for (Notice n : notices) {
            Assertions.assertThat(n.text()).contains("The request is approved",
                    "Authorization number " + a.get("id").asText(), "Valid from " + a.get("validFrom").asText(),
                    "Valid through " + validTo.minusDays(1), months + " months",
                    "Quantity limit " + a.get("quantityLimit").asText());
        }
    }

    @Test
    void automaticApprovalHasAnApprovalNoticeForPrescriberAndMember() {
        JsonNode c = submitCase("01-ra-initial-all-met.json", null);
        Assertions.assertThat(c.get("status").asText()).isEqualTo("APPROVED");
        List<Notice> notices = notices(c.get("id").asText(), "APPROVAL", "intake");
        assertCommon(notices, c, "Approval");
        assertApproval(notices, c, 12);
        Assertions.assertThat(notices.get(0).text()).contains("Automatic determination");
        Assertions.assertThat(notices.get(0).listed().get("determination").asText()).isEqualTo("APPROVED");
    }

    @Test
    void reviewerApprovalNamesThePharmacistAndTheirCredential() {
        JsonNode c = submitCase("04-ra-standard-one-preferred.json", null);
        complete(c.get("requestId").asText(), "pharmacist", "{\"decision\": {\"value\": \"APPROVED\"},"
                + " \"reason\": {\"value\": \"Adalimumab trial documented in the chart\"}}");
        JsonNode approved = api().awaitStatus(c.get("id").asText(), "APPROVED");
        List<Notice> notices = notices(c.get("id").asText(), "APPROVAL", "pharmacist");
        assertCommon(notices, approved, "Approval");
        assertApproval(notices, approved, 12);
        Assertions.assertThat(notices.get(1).text()).contains("Pharmacist (demo), PharmD, clinical pharmacist",
                "Adalimumab trial documented in the chart");
    }

    @Test
    void adverseDeterminationGivesReasonCriteriaRemedyCredentialAndAppealDeadline() {
        JsonNode c = submitCase("20-tb-positive-untreated.json", "EXPEDITED");
        JsonNode denied = deny(c);
        List<Notice> notices = notices(c.get("id").asText(), "ADVERSE_DETERMINATION", "intake");
        assertCommon(notices, denied, "Adverse determination");
        String remedy = catalogues.remedy("TB_SCREENING").orElseThrow();
        keep("adverse-determination-member.txt", notices.get(1).text());
        for (Notice n : notices) {
            // the window the appeal API enforces, from the determination's recorded time
            LocalDate appealBy = OffsetDateTime.parse(denied.at("/decision/decidedAt").asText())
                    .atZoneSameInstant(properties.zone()).plus(properties.appeal().period()).toLocalDate();
            Assertions.assertThat(n.text()).contains("The request is denied",
                    "Latent tuberculosis is untreated — treatment must start first",
                    "TB_SCREENING — " + reference(denied, "TB_SCREENING"), "What would change it: " + remedy,
                    "Physician (demo), MD, physician reviewer", "Appeal by: " + appealBy,
                    properties.notices().appealInstructions(), properties.notices().expeditedAppealInstructions());
        }
    }

    @Test
    void requestForInformationSaysWhatAndByWhen() {
        JsonNode c = submitCase("28-tb-result-missing.json", null);
        complete(c.get("requestId").asText(), "pharmacist", "{\"decision\": {\"value\": \"REQUEST_INFORMATION\"},"
                + " \"reason\": {\"value\": \"TB screening missing\"},"
                + " \"informationRequested\": {\"value\": \"Latent TB test result (IGRA or TST)\"}}");
        api().awaitStatus(c.get("id").asText(), "PENDING_INFORMATION");
        List<Notice> notices = notices(c.get("id").asText(), "REQUEST_FOR_INFORMATION", "intake");
        assertCommon(notices, c, "Request for information");
        JsonNode entry = lastEntry(c.get("id").asText(), "REQUEST_INFORMATION");
        LocalDate dueBy = OffsetDateTime.parse(entry.get("decidedAt").asText())
                .plus(Duration.parse(properties.review().informationWait())).atZoneSameInstant(properties.zone()).toLocalDate();
        for (Notice n : notices) {
            Assertions.assertThat(n.text()).contains("We need more information", "Latent TB test result (IGRA or TST)",
                    "Send it by: " + dueBy, "PharmD, clinical pharmacist").doesNotContain("How to appeal");
        }

        // the answer leaves TB screening open: back to review, whose form links the request's notices
        ApiClient.Response answered = api().send("POST", "/api/prior-authorizations/" + c.get("id").asText()
                        + "/information", "intake", "intake", "application/merge-patch+json",
                HttpRequest.BodyPublishers.ofString("{\"safety\": {\"tbScreening\": \"POSITIVE_UNTREATED\"}}"));
        Assertions.assertThat(answered.status()).as(answered.body()).isEqualTo(202);
        api().awaitStatus(c.get("id").asText(), "IN_REVIEW");
        assertFormLinks(c, "pharmacist", notices);
    }

    /** The open task's form variable {@code noticeLinks} links each notice to its PDF for the webapp session. */
    private void assertFormLinks(JsonNode c, String user, List<Notice> notices) {
        String requestId = c.get("requestId").asText();
        JsonNode tasks = Awaitable.value(() -> {
            JsonNode t = api().get("/engine-rest/task?processInstanceBusinessKey=" + requestId, user).json();
            return t.size() == 1 ? t : null;
        });
        ApiClient.Response links = api().get("/engine-rest/task/" + tasks.get(0).get("id").asText()
                + "/variables/noticeLinks", user);
        Assertions.assertThat(links.status()).as(links.body()).isEqualTo(200);
        for (Notice n : notices) {
            Assertions.assertThat(links.json().get("value").asText()).contains("](/webapp/prior-authorizations/"
                    + c.get("id").asText() + "/notices/" + n.listed().get("id").asText() + ")");
        }
    }

    /** Keeps a notice's text under {@code target/notices} for reading (the README's excerpt). */
    private static void keep(String name, String text) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "notices");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode lastEntry(String caseId, String outcome) {
        JsonNode last = null;
        for (JsonNode e : api().get("/api/prior-authorizations/" + caseId + "/determinations", "supervisor").json()) {
            if (e.get("outcome").asText().equals(outcome)) {
                last = e;
            }
        }
        Assertions.assertThat(last).as("entry %s", outcome).isNotNull();
        return last;
    }

    @Test
    void upheldAppealRestatesTheDenialWithExternalReviewRights() {
        JsonNode c = submitCase("20-tb-positive-untreated.json", null);
        JsonNode denied = deny(c);
        appeal(c);
        assertFormLinks(c, "physician2", notices(c.get("id").asText(), "ADVERSE_DETERMINATION", "intake"));
        complete(c.get("requestId").asText(), "physician2", "{\"appealDecision\": {\"value\": \"UPHELD\"},"
                + " \"appealDecisionReason\": {\"value\": \"No record that latent TB treatment has started\"}}");
        api().awaitStatus(c.get("id").asText(), "DENIED");
        Awaitable.until(() -> api().get("/api/prior-authorizations/" + c.get("id").asText(), "intake").json()
                .at("/appeal/status").asText().equals("UPHELD"));
        List<Notice> notices = notices(c.get("id").asText(), "APPEAL_UPHELD", "intake");
        assertCommon(notices, denied, "Appeal decision: denial upheld");
        for (Notice n : notices) {
            LocalDate externalBy = n.noticeDate(properties.zone()).plusMonths(4);
            Assertions.assertThat(n.text()).contains("The denial is upheld after your appeal",
                    "No record that latent TB treatment has started",
                    "Latent tuberculosis is untreated — treatment must start first",
                    "TB_SCREENING — " + reference(denied, "TB_SCREENING"),
                    catalogues.remedy("TB_SCREENING").orElseThrow(), "Physician2 (demo), MD, physician reviewer",
                    "The right to an external review", "Ask by: " + externalBy,
                    "Latent TB treatment started on 2026-03-10")
                    .doesNotContain("How to appeal");
        }
    }

    @Test
    void overturnedAppealHasOneNoticeWithTheApproval() {
        JsonNode c = submitCase("20-tb-positive-untreated.json", null);
        deny(c);
        appeal(c);
        complete(c.get("requestId").asText(), "physician2", "{\"appealDecision\": {\"value\": \"OVERTURNED\"},"
                + " \"appealDecisionReason\": {\"value\": \"Treatment for latent TB is documented\"}}");
        JsonNode approved = api().awaitStatus(c.get("id").asText(), "APPROVED");
        JsonNode listed = api().get("/api/prior-authorizations/" + c.get("id").asText() + "/notices", "intake").json();
        Assertions.assertThat(listed.findValuesAsText("kind")).containsExactly("ADVERSE_DETERMINATION",
                "ADVERSE_DETERMINATION", "APPEAL_OVERTURNED", "APPEAL_OVERTURNED");
        List<Notice> notices = notices(c.get("id").asText(), "APPEAL_OVERTURNED", "intake");
        assertCommon(notices, approved, "Appeal decision: approved");
        assertApproval(notices, approved, 12);
        Assertions.assertThat(notices.get(0).listed().get("determinationId").asText())
                .isNotEqualTo(notices.get(0).listed().get("id").asText());
        Assertions.assertThat(notices.get(0).listed().get("determination").asText()).isEqualTo("APPEAL_OVERTURNED");
        Assertions.assertThat(notices.get(1).text()).contains("Treatment for latent TB is documented",
                "Physician2 (demo), MD, physician reviewer", "The appeal was decided in your favour");
    }

    @Test
    void outboxListsUnacknowledgedNoticesOfTheCallersOrganisation() {
        JsonNode c = submitCase("01-ra-initial-all-met.json", null);
        String caseId = c.get("id").asText();
        List<String> ids = api().get("/api/prior-authorizations/" + caseId + "/notices", "intake").json()
                .findValuesAsText("id");
        Assertions.assertThat(ids).hasSize(2);
        Assertions.assertThat(api().get("/api/determination-notices?limit=1000", "intake").json().findValuesAsText("id"))
                .containsAll(ids);
        Assertions.assertThat(api().get("/api/determination-notices?limit=1000", "intake2").json().findValuesAsText("id"))
                .doesNotContainAnyElementsOf(ids);
        Assertions.assertThat(api().get("/api/determination-notices?limit=0", "intake").status()).isEqualTo(400);
        Assertions.assertThat(api().get("/api/determination-notices?limit=x", "intake").status()).isEqualTo(400);
        Assertions.assertThat(api().get("/api/determination-notices", "pharmacist").status()).isEqualTo(403);
        Assertions.assertThat(api().get("/api/determination-notices", null).status()).isEqualTo(401);

        String ack = "/api/determination-notices/" + ids.get(0) + "/acknowledge";
        Assertions.assertThat(post(ack, "intake2", "{}").status()).as("another organisation").isEqualTo(404);
        Assertions.assertThat(post(ack, "pharmacist", "{}").status()).isEqualTo(403);
        Assertions.assertThat(post(ack, "intake", "{}").status()).isEqualTo(204);
        Assertions.assertThat(post(ack, "intake", "{}").status()).as("idempotent").isEqualTo(204);
        Assertions.assertThat(post("/api/determination-notices/" + UUID.randomUUID() + "/acknowledge", "intake", "{}")
                .status()).isEqualTo(404);
        JsonNode open = api().get("/api/determination-notices?limit=1000", "intake").json();
        Assertions.assertThat(open.findValuesAsText("id")).doesNotContain(ids.get(0)).contains(ids.get(1));
        JsonNode listed = api().get("/api/prior-authorizations/" + caseId + "/notices", "intake").json();
        Assertions.assertThat(listed.get(0).get("acknowledgedAt").isNull()).isFalse();
    }

    @Test
    void noticesAreReadInTheScopeOfTheCase() {
        JsonNode c = submitCase("01-ra-initial-all-met.json", null);
        String caseId = c.get("id").asText();
        String list = "/api/prior-authorizations/" + caseId + "/notices";
        String href = api().get(list, "intake").json().get(0).get("href").asText();
        Assertions.assertThat(api().get(list, null).status()).isEqualTo(401);
        Assertions.assertThat(api().get(list, "metrics").status()).isEqualTo(403);
        ApiClient.Response other = api().get(list, "intake2");
        Assertions.assertThat(other.status()).isEqualTo(404);
        Assertions.assertThat(other.contentType()).startsWith("application/problem+json");
        Assertions.assertThat(api().download(href, "intake2", Map.of()).status()).isEqualTo(404);
        Assertions.assertThat(api().download(href, null, Map.of()).status()).isEqualTo(401);
        Assertions.assertThat(api().get(list, "supervisor").status()).isEqualTo(200);
        Assertions.assertThat(api().get("/api/prior-authorizations/" + UUID.randomUUID() + "/notices", "admin").status())
                .isEqualTo(404);
        JsonNode otherCase = submitCase("01-ra-initial-all-met.json", null);
        String noticeOfOther = api().get("/api/prior-authorizations/" + otherCase.get("id").asText() + "/notices", "intake")
                .json().get(0).get("id").asText();
        ApiClient.Download mismatched = api().download(list + "/" + noticeOfOther, "intake", Map.of("Accept", "application/pdf"));
        Assertions.assertThat(mismatched.status()).as("a notice of another case").isEqualTo(404);
        Assertions.assertThat(api().download(list + "/" + UUID.randomUUID(), "intake", Map.of()).status()).isEqualTo(404);
        Assertions.assertThat(api().download("/webapp/prior-authorizations/" + caseId + "/notices/"
                + href.substring(href.lastIndexOf('/') + 1), null, Map.of()).status())
                .as("no webapp login").isEqualTo(401);
    }

    @Test
    void pdfIsRenderedOnceAndStoredWithTheTemplateHash() {
        JsonNode c = submitCase("01-ra-initial-all-met.json", null);
        JsonNode notice = api().get("/api/prior-authorizations/" + c.get("id").asText() + "/notices", "intake").json().get(0);
        String id = notice.get("id").asText();
        Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM pa_determination_notice WHERE id = ? AND pdf IS NULL")
                .param(id).query(Integer.class).single()).as("not rendered in the determination").isEqualTo(1);
        byte[] first = download(notice.get("href").asText(), "intake");
        byte[] second = download(notice.get("href").asText(), "admin");
        Assertions.assertThat(second).isEqualTo(first);
        Map<String, Object> stored = jdbc.sql("SELECT template_sha256, rendered_at FROM pa_determination_notice WHERE id = ?")
                .param(id).query().singleRow();
        Assertions.assertThat(stored.get("template_sha256")).isEqualTo(renderer.templateSha256());
        Assertions.assertThat(stored.get("rendered_at")).isNotNull();
        Assertions.assertThat(jdbc.sql("SELECT pdf FROM pa_determination_notice WHERE id = ?").param(id)
                .query((rs, n) -> rs.getBytes(1)).single()).isEqualTo(first);
    }

    @Test
    void deciderIsNamedWithTheCredentialOrATitleFromTheGroups() {
        Assertions.assertThat(reviewers.describe("pharmacist")).isEqualTo(new NoticeSnapshot.Decider("pharmacist",
                "Pharmacist (demo)", "PharmD, clinical pharmacist"));
        ApiClient.ensurePhysicianReviewer(identity, "noticephysician");
        Assertions.assertThat(reviewers.describe("noticephysician").credential()).as("no credential: from the groups")
                .isEqualTo("Physician reviewer");
        ApiClient.ensureUser(identity, "noticepharmacist", "pa-clinical-reviewers");
        Assertions.assertThat(reviewers.describe("noticepharmacist").credential()).isEqualTo("Clinical reviewer");
        Assertions.assertThat(reviewers.describe("system").credential()).isNull();
        Assertions.assertThat(reviewers.describe("gone-" + UUID.randomUUID()).name()).startsWith("gone-");
    }

    @Test
    void concurrentFirstReadsAllAnswerTheOneStoredPdf() throws Exception {
        JsonNode c = submitCase("01-ra-initial-all-met.json", null);
        String href = api().get("/api/prior-authorizations/" + c.get("id").asText() + "/notices", "intake").json()
                .get(1).get("href").asText();
        int readers = 4;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(readers);
        try {
            List<java.util.concurrent.Future<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                reads.add(pool.submit(() -> {
                    start.await();
                    return download(href, "intake");
                }));
            }
            start.countDown();
            byte[] first = reads.get(0).get(60, java.util.concurrent.TimeUnit.SECONDS);
            for (java.util.concurrent.Future<byte[]> read : reads) {
                Assertions.assertThat(read.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(first);
            }
            String id = href.substring(href.lastIndexOf('/') + 1);
            Assertions.assertThat(jdbc.sql("SELECT pdf FROM pa_determination_notice WHERE id = ?").param(id)
                    .query((rs, n) -> rs.getBytes(1)).single()).isEqualTo(first);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls a condition for up to 30 s. */
    private static final class Awaitable {
        static <T> T value(java.util.function.Supplier<T> value) {
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (T v = value.get(); ; v = value.get()) {
                if (v != null) {
                    return v;
                }
                if (System.nanoTime() > end) {
                    throw new AssertionError("no value within 30 s");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }

        static void until(java.util.function.BooleanSupplier condition) {
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("condition not reached within 30 s");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }
}
