package com.healthplan.pa.kineret.plan;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The application's settings under {@code kineret.*} (application.yml; each can be given in the environment, e.g.
 * {@code KINERET_APPEAL_WINDOW=P240D}). Bound once at start-up; a malformed zone, period or duration stops the start.
 *
 * @param policyVersion    version of the plan's Kineret policy the criteria follow (required), e.g.
 *                         {@code 5.70.050 (2025-04-01)}
 * @param zone             the plan's time zone (required): calendar days, timer dates and stored times are in it
 * @param nodeName         this node's name in a cluster (Camunda's host name); blank means the host name
 * @param demoUsers        the demo users of the README
 * @param review           the review's settings
 * @param authorization    the authorization's life
 * @param appeal           appeals of a denial
 * @param history          what Camunda's history writes
 * @param retention        how long a closed case's records are kept
 * @param securityHeaders  response headers of the production profile
 * @param fhir             the FHIR R4 interface (Subscription notifications)
 * @param notices          the determination notices to prescriber and member
 * @param users            the service's users ({@code kineret.users}), none when absent
 */
@ConfigurationProperties("kineret")
public record KineretProperties(String policyVersion, ZoneId zone, String nodeName,
                                @DefaultValue DemoUsers demoUsers, @DefaultValue Review review,
                                @DefaultValue Authorization authorization, @DefaultValue Appeal appeal,
                                @DefaultValue History history, @DefaultValue Retention retention,
                                @DefaultValue SecurityHeaders securityHeaders, @DefaultValue Fhir fhir,
                                @DefaultValue Notices notices, List<User> users) {

    /** @throws IllegalStateException when the policy version or the zone is missing */
    public KineretProperties {
        if (policyVersion == null || policyVersion.isBlank()) {
            throw new IllegalStateException("kineret.policy-version is required");
        }
        if (zone == null) {
            throw new IllegalStateException("kineret.zone is required");
        }
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** @param enabled create the demo users at start-up (never in production; default false) */
    public record DemoUsers(@DefaultValue("false") boolean enabled) { }

    /**
     * @param informationWait how long a pended case waits for requested information (ISO-8601 duration, default
     *                        P14D), kept as written: it is stored as the process variable the timer reads
     */
    public record Review(@DefaultValue("P14D") String informationWait) {
        /** @throws java.time.format.DateTimeParseException when it is not an ISO-8601 duration */
        public Review {
            Duration.parse(informationWait);
        }
    }

    /** @param renewalLead how long before an authorization ends its renewal window opens (ISO-8601, default P30D) */
    public record Authorization(@DefaultValue("P30D") Period renewalLead) { }

    /**
     * @param window how long after the adverse determination a denial can be appealed (ISO-8601 period, default
     *               P180D: a group health plan gives at least 180 days, 29 CFR 2560.503-1(h)(3)(i)), kept as
     *               written: it is stored as process variable {@code appealWindow} (the appeal window's timer), the
     *               appeal API refuses after it, and the adverse determination notice states its end
     */
    public record Appeal(@DefaultValue("P180D") String window) {
        /**
         * @throws java.time.format.DateTimeParseException when it is not an ISO-8601 period
         * @throws IllegalStateException when it can be shorter than 180 days (29 CFR 2560.503-1(h)(3)(i))
         */
        public Appeal {
            Period p = Period.parse(window);
            LocalDate from = LocalDate.of(2024, 1, 1);
            for (int i = 0; i < 4 * 366; i++, from = from.plusDays(1)) {
                if (from.plus(p).isBefore(from.plusDays(180))) {
                    throw new IllegalStateException("kineret.appeal.window " + window + " is shorter than 180 days "
                            + "from " + from + "; a denial must be appealable for at least 180 days (29 CFR "
                            + "2560.503-1(h)(3)(i))");
                }
            }
        }

        /** @return the window as a period */
        public Period period() {
            return Period.parse(window);
        }

        /**
         * @param decidedAt when the adverse determination was made
         * @param zone      the plan's time zone (calendar arithmetic of the period is in it)
         * @return the instant the appeal window ends: an appeal is accepted before it, and the window's timer fires
         *         at it
         */
        public ZonedDateTime endsAt(OffsetDateTime decidedAt, ZoneId zone) {
            return decidedAt.atZoneSameInstant(zone).plus(period());
        }
    }

    /**
     * @param decisionEvaluations write Camunda's decision history (default false)
     * @param variableDetails     write a history detail for each variable change (default false)
     */
    public record History(@DefaultValue("false") boolean decisionEvaluations,
                          @DefaultValue("false") boolean variableDetails) { }

    /** @param recordKeeping records of a case are kept this long after its process ends (ISO-8601, default P10Y) */
    public record Retention(@DefaultValue("P10Y") Period recordKeeping) { }

    /** @param hsts value of {@code Strict-Transport-Security} (default {@code max-age=31536000}) */
    public record SecurityHeaders(@DefaultValue("max-age=31536000") String hsts) { }

    /**
     * The determination notices (package {@code notices}): what every notice to the prescriber and the member says
     * besides the determination itself.
     *
     * @param planName           the health plan's name at the head of every notice (default {@code Health Plan})
     * @param productName        the product's name on every notice (default
     *                           {@code Kineret (anakinra) prior authorization, policy 5.70.050})
     * @param appealInstructions how to appeal, plain language (address, fax, portal), printed on every adverse
     *                           determination notice
     * @param expeditedAppealInstructions how to ask for an expedited appeal, printed on the adverse determination
     *                           notice of an {@code EXPEDITED} case (29 CFR 2560.503-1(i)(2)(i): decided within 72 hours)
     * @param externalReviewInstructions how to ask for an external review, printed on a notice of an upheld appeal
     *                           (45 CFR 147.136(d): requested within 4 months of the notice)
     */
    public record Notices(@DefaultValue("Health Plan") String planName,
                          @DefaultValue("Kineret (anakinra) prior authorization, policy 5.70.050") String productName,
                          @DefaultValue("Send your appeal in writing, with this notice and any records that support "
                                  + "it, to the plan's Appeals Unit (pharmacy prior authorization), or through the "
                                  + "provider portal. The member, the prescriber or someone the member names may appeal.")
                          String appealInstructions,
                          @DefaultValue("Because this request was expedited, you may ask for an expedited appeal by "
                                  + "telephone or fax to the Appeals Unit; it is decided within 72 hours.")
                          String expeditedAppealInstructions,
                          @DefaultValue("Ask the plan's Appeals Unit for an external review by an independent review "
                                  + "organization, in writing or through the provider portal.")
                          String externalReviewInstructions) {
        /** @throws IllegalStateException when a text is blank */
        public Notices {
            for (String text : new String[] {planName, productName, appealInstructions, expeditedAppealInstructions,
                    externalReviewInstructions}) {
                if (text == null || text.isBlank()) {
                    throw new IllegalStateException("kineret.notices texts must not be blank");
                }
            }
        }
    }

    /** @param subscriptions FHIR R4 Subscriptions (rest-hook) and the delivery of their notifications */
    public record Fhir(@DefaultValue Subscriptions subscriptions) { }

    /**
     * FHIR R4 Subscriptions of the R4 Subscriptions Backport IG (rest-hook channel) and the delivery of their
     * notifications by Camunda's job executor.
     *
     * @param allowedEndpoints URL prefixes a subscription's {@code channel.endpoint} must start with (scheme, host and,
     *                         when the prefix gives one, port must match; the path continues the prefix's path at a
     *                         {@code /}); empty or absent: no endpoint is allowed
     * @param requireHttps     refuse every endpoint that is not {@code https} (the {@code prod} profile sets it)
     * @param retryCycle       Camunda's {@code failedJobRetryTimeCycle} of a delivery (default {@code R10/PT1M}: ten
     *                         attempts in all, one minute apart, then an incident): {@code R<n>/<ISO-8601 duration>} or
     *                         comma-separated ISO-8601 durations
     * @param connectTimeout   how long a delivery waits for the connection to the endpoint (ISO-8601, default PT5S)
     * @param requestTimeout   how long a delivery waits for the endpoint's answer (ISO-8601, default PT10S)
     */
    public record Subscriptions(List<String> allowedEndpoints, @DefaultValue("false") boolean requireHttps,
                                @DefaultValue("R10/PT1M") String retryCycle,
                                @DefaultValue("PT5S") Duration connectTimeout,
                                @DefaultValue("PT10S") Duration requestTimeout) {
        /**
         * @throws IllegalStateException when the retry cycle is not of a form Camunda reads or a timeout is not
         *                               positive
         */
        public Subscriptions {
            allowedEndpoints = allowedEndpoints == null ? List.of()
                    : allowedEndpoints.stream().filter(e -> e != null && !e.isBlank()).map(String::trim).toList();
            if (retryCycle == null || !retryCycleValid(retryCycle.trim())) {
                throw new IllegalStateException("kineret.fhir.subscriptions.retry-cycle must be R<n>/<ISO-8601 duration> "
                        + "or comma-separated ISO-8601 durations");
            }
            retryCycle = retryCycle.trim();
            if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalStateException("kineret.fhir.subscriptions timeouts must be positive");
            }
        }

        private static boolean retryCycleValid(String cycle) {
            try {
                if (cycle.matches("R\\d+/P.+")) {
                    Duration.parse(cycle.substring(cycle.indexOf('/') + 1));
                    return true;
                }
                for (String interval : cycle.split(",")) {
                    Duration.parse(interval.trim());
                }
                return !cycle.isBlank();
            } catch (java.time.format.DateTimeParseException e) {
                return false;
            }
        }
    }

    /**
     * One configured user ({@code kineret.users[i]}, kept in Camunda's identity by {@code ConfiguredUsers}).
     *
     * @param id        user id (login name)
     * @param password  password, from the environment
     * @param groups    group ids, each one of {@code ConfiguredUsers.MANAGED_GROUPS}
     * @param firstName first name, optional
     * @param lastName  last name, optional
     * @param email     e-mail address, optional
     * @param organisation id of the user's organisation group, optional (none: the user sees its own cases only)
     */
    public record User(String id, String password, List<String> groups, String firstName, String lastName,
                            String email, String organisation) {
        /** Replaces absent groups with none. */
        public User {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        /** @return the entry without its password, for logs and error messages */
        @Override
        public String toString() {
            return "User[id=" + id + ", groups=" + groups + ", organisation=" + organisation + ", password=***]";
        }
    }
}
