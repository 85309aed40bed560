package com.healthplan.pa.kineret.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.healthplan.pa.kineret.authorization.AuthorizationRepository;
import com.healthplan.pa.kineret.cases.PriorAuthorizationCase;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Builds the API view of stored cases ({@link PriorAuthorizationView}). */
@Service
public class PriorAuthorizationQueryService {

    private static final TypeReference<List<PriorAuthorizationView.Criterion>> CRITERIA = new TypeReference<>() { };

    private final PriorAuthorizationRepository repository;
    private final ObjectMapper objectMapper;
    private final AuthorizationRepository authorizations;

    /** Wires the repositories and the JSON mapper. */
    public PriorAuthorizationQueryService(PriorAuthorizationRepository repository, ObjectMapper objectMapper,
                                          AuthorizationRepository authorizations) {
        this.repository = repository;
        this.authorizations = authorizations;
        this.objectMapper = objectMapper;
    }

    /** @return the case with this id as the API shows it, if any */
    public Optional<PriorAuthorizationView> byId(String id) {
        return repository.findById(id).map(this::view);
    }

    /** @return the case with this external requestId as the API shows it, if any */
    public Optional<PriorAuthorizationView> byRequestId(String requestId) {
        return repository.findByRequestId(requestId).map(this::view);
    }

    /** @return the API view of a stored case, with its authorization if one was granted */
    public PriorAuthorizationView view(PriorAuthorizationCase c) {
        var decision = c.decisionOutcome() == null ? null
                : new PriorAuthorizationView.Decision(c.decisionOutcome(), c.decidedBy(), c.decidedAt(), c.decisionReason());
        var authorization = authorizations.findByCaseId(c.id())
                .map(a -> new PriorAuthorizationView.Authorization(a.id(), a.validFrom(), a.validTo(), a.quantityLimit(),
                        a.status().name()))
                .orElse(null);
        return new PriorAuthorizationView(c.id(), c.requestId(), c.requestType(), c.status().name(), c.indication(),
                c.route(), criteria(c.criteriaJson()), c.policyVersion(), decision, authorization, c.receivedAt(),
                c.dueBy(), c.overdueSince() != null && c.isOpen(), c.escalatedAt(), c.informationRequested(),
                c.previousAuthorizationId(), c.appeal() == null ? null : new PriorAuthorizationView.Appeal(
                        c.appeal().status(), c.appeal().reason(), c.appeal().filedAt(), c.appeal().decidedBy(),
                        c.appeal().decidedAt(), c.appeal().decisionReason()));
    }

    /** @return the audit trail of a case (oldest first), or empty if the case does not exist */
    public Optional<List<PriorAuthorizationView.Determination>> determinations(String id) {
        return repository.findById(id).map(c -> repository.findDeterminations(c.id()).stream()
                .map(d -> new PriorAuthorizationView.Determination(d.kind(), d.outcome(), d.decidedBy(), d.decidedAt(),
                        d.reason(), d.criteriaCited() == null ? List.of() : List.of(d.criteriaCited().split(",")),
                        d.informationRequested(), d.route(), criteria(d.criteriaJson()), d.policyVersion(),
                        tree(d.decisionVersionsJson())))
                .toList());
    }

    private Object tree(String json) {
        try {
            return json == null ? null : objectMapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decision versions are not readable", e);
        }
    }

    private List<PriorAuthorizationView.Criterion> criteria(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return objectMapper.readValue(json, CRITERIA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored criteria are not readable", e);
        }
    }
}
