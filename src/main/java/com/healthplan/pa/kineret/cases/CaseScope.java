package com.healthplan.pa.kineret.cases;

import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Which cases, and so which authorizations and renewal notices, a caller of {@code /api} may see and act on.
 * Members of {@code camunda-admin}, {@code pa-clinical-reviewers}, {@code pa-physician-reviewers} and
 * {@code pa-supervisors} see every case. An intake system ({@code pa-intake} only) sees the cases submitted
 * ({@code pa_request.submitted_by}) by its own account or by an account of the same <em>organisation</em>: a
 * Camunda group of type {@value #ORGANISATION_TYPE} ({@link Group#getType()}) that both accounts are members of.
 * Any other case answers 404, exactly like an unknown id, so that its existence is not revealed.
 */
@Component
public class CaseScope {

    /** The Camunda group type ({@link Group#getType()}) of an organisation whose intake accounts share their cases. */
    public static final String ORGANISATION_TYPE = "organisation";

    private static final Set<String> SEE_ALL = Set.of(Groups.ADMIN, Groups.CLINICAL_REVIEWERS,
            Groups.PHYSICIAN_REVIEWERS, Groups.SUPERVISORS);

    private final PriorAuthorizationRepository cases;
    private final IdentityService identity;

    /**
     * @param cases    the case table (who submitted each case)
     * @param identity Camunda's identity service (organisation groups and their members)
     */
    public CaseScope(PriorAuthorizationRepository cases, IdentityService identity) {
        this.cases = cases;
        this.identity = identity;
    }

    /**
     * The submitting accounts whose cases a caller sees.
     *
     * @param all      true when the caller sees every case ({@code accounts} is then empty and not consulted)
     * @param accounts otherwise the user ids whose submissions ({@code pa_request.submitted_by}) the caller sees
     */
    public record Visibility(boolean all, Set<String> accounts) {
        /** Copies the accounts. */
        public Visibility {
            accounts = Set.copyOf(accounts);
        }

        /** @return true when a case submitted by {@code submitter} (null: not recorded) is visible */
        public boolean includes(String submitter) {
            return all || submitter != null && accounts.contains(submitter);
        }
    }

    /**
     * The accounts whose cases the caller sees.
     *
     * @param principal the authenticated caller of {@code /api}, or null
     * @return every case for admins, reviewers and supervisors; otherwise the caller's own account and every member
     *         of its organisation groups (no account at all for a null principal)
     */
    public Visibility visibility(Principal principal) {
        if (principal == null) {
            return new Visibility(false, Set.of());
        }
        if (principal instanceof Authentication auth && auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(SEE_ALL::contains)) {
            return new Visibility(true, Set.of());
        }
        Set<String> accounts = new TreeSet<>();
        accounts.add(principal.getName());
        for (Group organisation : identity.createGroupQuery().groupMember(principal.getName())
                .groupType(ORGANISATION_TYPE).list()) {
            identity.createUserQuery().memberOfGroup(organisation.getId()).list().stream().map(User::getId)
                    .forEach(accounts::add);
        }
        return new Visibility(false, accounts);
    }

    /**
     * @param caseId    an existing case's id
     * @param principal the authenticated caller of {@code /api}
     * @return true when the caller may see the case
     */
    public boolean allows(String caseId, Principal principal) {
        Visibility visibility = visibility(principal);
        return visibility.all() || visibility.includes(cases.findSubmittedBy(caseId).orElse(null));
    }

    /**
     * @throws CaseProblem.NotFound (404) when the caller may not see the case
     */
    public void check(String caseId, Principal principal) {
        if (!allows(caseId, principal)) {
            throw CaseProblem.NotFound.ofCase("No prior-authorization case with id " + caseId);
        }
    }
}
