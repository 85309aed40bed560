package com.healthplan.pa.kineret.cases;

import com.healthplan.pa.kineret.plan.PlanClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Writes the case file's audit trail ({@code pa_determination}): every determination by the system or a reviewer and
 * every case event (information requested and received, withdrawal, appeal and its outcome), each with the case's
 * route, criteria results and policy version at that moment and the decision table versions in force
 * (RULES.md "Audit"). Called inside the caller's transaction; rows are never updated.
 *
 * <p>This is the one place every determination and case event passes: each entry is also published as a
 * {@link DeterminationRecorded} Spring event, delivered synchronously to its listeners in the same thread and
 * transaction, so that what they write (e.g. a notification outbox row) commits or rolls back with the entry.
 */
@Component
public class CaseAudit {

    private final PriorAuthorizationRepository repository;
    private final RepositoryService repositoryService;
    private final ObjectMapper objectMapper;
    private final PlanClock clock;
    private final ApplicationEventPublisher events;

    /**
     * @param repository        the case table and its audit trail
     * @param repositoryService Camunda's repository (the decision tables deployed)
     * @param objectMapper      JSON of the decision table versions
     * @param clock             the plan's time zone ({@code kineret.zone}): {@code decided_at} is stored with its offset
     * @param events            Spring's event publisher: each entry is published as {@link DeterminationRecorded}
     */
    public CaseAudit(PriorAuthorizationRepository repository, RepositoryService repositoryService,
                     ObjectMapper objectMapper, PlanClock clock, ApplicationEventPublisher events) {
        this.repository = repository;
        this.repositoryService = repositoryService;
        this.objectMapper = objectMapper;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Keeps a determination or case event in the audit trail.
     *
     * @param caseId               an existing case's id
     * @param kind                 who or what made the entry
     * @param outcome              what happened, e.g. {@code APPROVED}, {@code WITHDRAWN}, {@code APPEAL_UPHELD}
     * @param decidedBy            user id, or {@code system}
     * @param at                   engine time of the event
     * @param reason               plain-language reason, or null
     * @param criteriaCited        comma-joined criterion IDs a denial rests on, or null
     * @param informationRequested what the prescriber is asked for, or null
     * @param route                the route to record, or null for the case's current route
     * @throws IllegalStateException when there is no such case
     * @throws RuntimeException        what a listener of {@link DeterminationRecorded} throws: the caller's
     *                                 transaction then rolls back, entry included
     */
    public void record(String caseId, DeterminationKind kind, String outcome, String decidedBy, Date at, String reason,
                       String criteriaCited, String informationRequested, String route) {
        PriorAuthorizationCase c = repository.findById(caseId).orElseThrow(() -> new IllegalStateException("no case " + caseId));
        DeterminationRecord entry = new DeterminationRecord(UUID.randomUUID().toString(), caseId, kind.name(), outcome,
                decidedBy, clock.inZone(at), reason, criteriaCited, informationRequested,
                route == null ? c.route() : route, c.criteriaJson(), c.policyVersion(), decisionVersionsJson());
        repository.insertDetermination(entry);
        events.publishEvent(new DeterminationRecorded(entry));
    }

    /** @return the decision tables in force (latest deployed versions) as JSON: key → {version, versionTag} */
    public String decisionVersionsJson() {
        Map<String, Map<String, Object>> versions = new TreeMap<>();
        repositoryService.createDecisionDefinitionQuery().latestVersion().list().stream()
                .filter(d -> d.getKey().startsWith("kineret-"))
                .forEach(d -> {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("version", d.getVersion());
                    v.put("versionTag", d.getVersionTag());
                    versions.put(d.getKey(), v);
                });
        try {
            return objectMapper.writeValueAsString(versions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision versions not serialisable", e);
        }
    }
}
