package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.config.SecurityConfig;
import com.healthplan.pa.kineret.intake.PriorAuthorizationRepository;
import java.security.Principal;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Which cases a caller of {@code /api} may see and act on. Members of {@code camunda-admin},
 * {@code pa-clinical-reviewers}, {@code pa-physician-reviewers} and {@code pa-supervisors} see every case; an intake
 * system ({@code pa-intake} only) sees the cases its own account submitted ({@code pa_request.submitted_by}) and no
 * other: another account's case answers 404, exactly like an unknown id, so that its existence is not revealed.
 */
@Component
public class CaseScope {

    private static final Set<String> SEE_ALL = Set.of(SecurityConfig.ADMIN_GROUP, SecurityConfig.CLINICAL_REVIEWERS_GROUP,
            SecurityConfig.PHYSICIAN_REVIEWERS_GROUP, SecurityConfig.SUPERVISORS_GROUP);

    private final PriorAuthorizationRepository cases;

    /** @param cases the case table (who submitted each case) */
    public CaseScope(PriorAuthorizationRepository cases) {
        this.cases = cases;
    }

    /**
     * @param caseId    an existing case's id
     * @param principal the authenticated caller of {@code /api}
     * @return true when the caller may see the case
     */
    public boolean allows(String caseId, Principal principal) {
        if (principal == null) {
            return false;
        }
        if (principal instanceof Authentication auth && auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).anyMatch(SEE_ALL::contains)) {
            return true;
        }
        return cases.findSubmittedBy(caseId).map(principal.getName()::equals).orElse(false);
    }

    /**
     * @throws PriorAuthorizationController.CaseNotFoundException (404) when the caller may not see the case
     */
    public void check(String caseId, Principal principal) {
        if (!allows(caseId, principal)) {
            throw new PriorAuthorizationController.CaseNotFoundException("No prior-authorization case with id " + caseId);
        }
    }
}
