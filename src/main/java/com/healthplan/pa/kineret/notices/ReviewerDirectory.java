package com.healthplan.pa.kineret.notices;

import com.healthplan.pa.kineret.cases.Groups;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Who made a determination, as a notice names them: the reviewer's name from Camunda's identity service and their
 * credential, Camunda user info {@value #CREDENTIAL} (e.g. {@code MD, physician reviewer}), else a title from
 * their groups ({@code pa-physician-reviewers}: physician reviewer; {@code pa-clinical-reviewers}: clinical
 * reviewer). Read whatever the current user may read in Camunda: the notice is the product's own work.
 */
@Component
public class ReviewerDirectory {

    /** Camunda user info key of a reviewer's credential ({@code IdentityService.setUserInfo}; {@code IdentitySetup}). */
    public static final String CREDENTIAL = "credential";
    /** Who decides an automatic approval ({@code pa_determination.decided_by}). */
    public static final String SYSTEM = "system";

    private final IdentityService identity;

    /** @param identity Camunda's identity service */
    public ReviewerDirectory(IdentityService identity) {
        this.identity = identity;
    }

    /**
     * @param userId the decider recorded in the audit trail: {@value #SYSTEM} or a Camunda user id
     * @return the decider as the notice shows them; the user id as name when the user no longer exists
     */
    public NoticeSnapshot.Decider describe(String userId) {
        if (userId == null || SYSTEM.equals(userId)) {
            return new NoticeSnapshot.Decider(SYSTEM, "Automatic determination: every criterion of the policy is met",
                    null);
        }
        return withoutAuthorization(() -> {
            User user = identity.createUserQuery().userId(userId).singleResult();
            String name = user == null ? userId : join(user.getFirstName(), user.getLastName(), userId);
            String credential = identity.getUserInfo(userId, CREDENTIAL);
            if (credential == null || credential.isBlank()) {
                Set<String> groups = identity.createGroupQuery().groupMember(userId).list().stream()
                        .map(Group::getId).collect(Collectors.toSet());
                credential = groups.contains(Groups.PHYSICIAN_REVIEWERS) ? "Physician reviewer"
                        : groups.contains(Groups.CLINICAL_REVIEWERS) ? "Clinical reviewer" : "Reviewer";
            }
            return new NoticeSnapshot.Decider(userId, name, credential.trim());
        });
    }

    private static String join(String first, String last, String fallback) {
        String name = ((first == null ? "" : first.trim()) + " " + (last == null ? "" : last.trim())).trim();
        return name.isEmpty() ? fallback : name;
    }

    private static <T> T withoutAuthorization(Callable<T> read) {
        CommandContext context = Context.getCommandContext();
        try {
            return context != null ? context.runWithoutAuthorization(read) : read.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("reviewer not readable", e);
        }
    }
}
