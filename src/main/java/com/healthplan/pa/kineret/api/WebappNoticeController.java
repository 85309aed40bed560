package com.healthplan.pa.kineret.api;

import com.healthplan.pa.kineret.cases.CaseProblem;
import com.healthplan.pa.kineret.cases.CaseScope;
import com.healthplan.pa.kineret.cases.PriorAuthorizationRepository;
import com.healthplan.pa.kineret.notices.DeterminationNoticeService;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A determination notice's PDF for a user logged in to Camunda's webapps (Tasklist): the review forms link here
 * ({@code noticeLinks}, set by the engine), as Tasklist holds a session login, not HTTP Basic credentials. GET only;
 * the caller is the webapp authentication kept in the HTTP session ({@link AuthenticationUtil#getAuthsFromSession})
 * for this process engine, and the user's groups are read from Camunda's identity service on every call (a removed
 * membership counts at once). The case scope is that of {@code /api} ({@link CaseScope}). 401 without a webapp
 * login (or for a user that no longer exists), 404 for an unknown notice or a case the user may not see; errors are
 * {@code application/problem+json}.
 */
@RestController
@Hidden
public class WebappNoticeController {

    /** Path prefix of the notices read with a webapp session. */
    public static final String PATH = DeterminationNoticeService.WEBAPP_PATH;

    private final DeterminationNoticeService notices;
    private final PriorAuthorizationRepository cases;
    private final CaseScope scope;
    private final IdentityService identity;
    private final String engineName;

    /** Wires the notices, the case scope and the process engine whose webapp login is read. */
    public WebappNoticeController(DeterminationNoticeService notices, PriorAuthorizationRepository cases,
                                  CaseScope scope, ProcessEngine engine) {
        this.notices = notices;
        this.cases = cases;
        this.scope = scope;
        this.identity = engine.getIdentityService();
        this.engineName = engine.getName();
    }

    /**
     * @param caseId   the notice's case
     * @param noticeId the notice
     * @return the PDF; 401 (problem+json) without a webapp login
     * @throws CaseProblem.NotFound (404) for an unknown notice or case, or a case outside the user's scope
     */
    @GetMapping(path = PATH + "{caseId}/notices/{noticeId}",
            produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    public ResponseEntity<?> pdf(@PathVariable String caseId, @PathVariable String noticeId,
                                 HttpServletRequest request) {
        UsernamePasswordAuthenticationToken user = webappUser(request);
        if (user == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required",
                            "Log in to Camunda Tasklist first; this link opens the notice with that login"));
        }
        if (cases.findById(caseId).isEmpty() || !scope.allows(caseId, user)) {
            throw CaseProblem.NotFound.ofCase("No prior-authorization case with id " + caseId);
        }
        return DeterminationNoticeController.pdfOf(notices, caseId, noticeId);
    }

    /** @return the webapp user with their current groups as authorities, or null without a (valid) login */
    private UsernamePasswordAuthenticationToken webappUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        Authentication login = authentications == null ? null
                : authentications.getAuthenticationForProcessEngine(engineName);
        String userId = login == null ? null : login.getIdentityId();
        if (userId == null || identity.createUserQuery().userId(userId).count() == 0) {
            return null;
        }
        List<SimpleGrantedAuthority> groups = identity.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
    }
}
