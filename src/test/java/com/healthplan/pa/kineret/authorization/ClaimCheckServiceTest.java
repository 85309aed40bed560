package com.healthplan.pa.kineret.authorization;

import com.healthplan.pa.kineret.authorization.AuthorizationRecord;
import com.healthplan.pa.kineret.authorization.ClaimCheckResult.Code;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of the claim-time check ({@link ClaimCheckService#decide}), without Spring or a database: validity
 * boundaries ({@code validFrom} inclusive, {@code validTo} exclusive), the quantity limits of policy 5.70.050
 * "Prior-Approval Limits" and chained authorizations.
 */
class ClaimCheckServiceTest {

    private static final String MEMBER = "MBR-1";
    private static final LocalDate FROM = LocalDate.of(2026, 3, 2);
    private static final LocalDate TO = LocalDate.of(2027, 3, 2);

    private static AuthorizationRecord authorization(String id, LocalDate from, LocalDate to, String limit,
                                                     BigDecimal maxDosePerDayMg) {
        return new AuthorizationRecord(id, "case-" + id, MEMBER, "RA", "INITIAL", from, to, 12, limit, maxDosePerDayMg,
                AuthorizationStatus.ACTIVE, null, null, null);
    }

    /** An RA authorization as {@code kineret-approval-terms} writes it: the text limit and 100 mg/day. */
    private static AuthorizationRecord ra(String id, LocalDate from, LocalDate to) {
        return authorization(id, from, to, QuantityLimits.RA_LIMIT, new BigDecimal("100.00"));
    }

    private static ClaimCheckResult decide(List<AuthorizationRecord> authorizations, LocalDate date, int quantity,
                                           int daysSupply) {
        return ClaimCheckService.decide(MEMBER, authorizations, date, quantity, daysSupply);
    }

    private static List<Code> codes(ClaimCheckResult r) {
        return r.reasons().stream().map(ClaimCheckResult.Reason::code).toList();
    }

    @Test
    void firstDayIsCovered() {
        ClaimCheckResult r = decide(List.of(ra("A", FROM, TO)), FROM, 28, 28);
        Assertions.assertThat(r.covered()).isTrue();
        Assertions.assertThat(r.authorizationId()).isEqualTo("A");
        Assertions.assertThat(r.reasons()).isEmpty();
        Assertions.assertThat(r.memberId()).isEqualTo(MEMBER);
        Assertions.assertThat(r.date()).isEqualTo(FROM);
    }

    @Test
    void lastDayBeforeValidToIsCovered() {
        ClaimCheckResult r = decide(List.of(ra("A", FROM, TO)), TO.minusDays(1), 28, 28);
        Assertions.assertThat(r.covered()).isTrue();
        Assertions.assertThat(r.authorizationId()).isEqualTo("A");
    }

    @Test
    void validToItselfIsExpired() {
        ClaimCheckResult r = decide(List.of(ra("A", FROM, TO)), TO, 28, 28);
        Assertions.assertThat(r.covered()).isFalse();
        Assertions.assertThat(r.authorizationId()).isNull();
        Assertions.assertThat(codes(r)).containsExactly(Code.EXPIRED);
        Assertions.assertThat(r.reasons().get(0).message())
                .isEqualTo("authorization A ended on 2027-03-02, last covered day 2027-03-01");
        Assertions.assertThat(r.reasons().get(0).authorizationId()).isEqualTo("A");
    }

    @Test
    void dayBeforeValidFromIsNotYetValid() {
        ClaimCheckResult r = decide(List.of(ra("A", FROM, TO)), FROM.minusDays(1), 28, 28);
        Assertions.assertThat(r.covered()).isFalse();
        Assertions.assertThat(codes(r)).containsExactly(Code.NOT_YET_VALID);
        Assertions.assertThat(r.reasons().get(0).message()).isEqualTo("authorization A starts on 2026-03-02");
    }

    @Test
    void noAuthorization() {
        ClaimCheckResult r = decide(List.of(), FROM, 28, 28);
        Assertions.assertThat(r.covered()).isFalse();
        Assertions.assertThat(r.authorizationId()).isNull();
        Assertions.assertThat(codes(r)).containsExactly(Code.NO_AUTHORIZATION);
        Assertions.assertThat(r.reasons().get(0).message()).isEqualTo("no authorization for this member");
    }

    @Test
    void raAtMost84SyringesPerClaim() {
        Assertions.assertThat(decide(List.of(ra("A", FROM, TO)), FROM, 84, 84).covered()).isTrue();
        ClaimCheckResult r = decide(List.of(ra("A", FROM, TO)), FROM, 85, 90);
        Assertions.assertThat(r.covered()).isFalse();
        Assertions.assertThat(r.authorizationId()).as("the authorization covers the date").isEqualTo("A");
        Assertions.assertThat(codes(r)).containsExactly(Code.QUANTITY_LIMIT_EXCEEDED);
        Assertions.assertThat(r.reasons().get(0).message()).isEqualTo("85 syringes for 90 days exceeds 84 syringes per 84 days");
    }

    @Test
    void raAtMostOneSyringePerDayOfSupply() {
        Assertions.assertThat(decide(List.of(ra("A", FROM, TO)), FROM, 14, 14).covered()).isTrue();
        ClaimCheckResult r = decide(List.of(ra("A", FROM, TO)), FROM, 28, 14);
        Assertions.assertThat(r.covered()).isFalse();
        Assertions.assertThat(codes(r)).containsExactly(Code.QUANTITY_LIMIT_EXCEEDED);
        Assertions.assertThat(r.reasons().get(0).message()).isEqualTo("28 syringes for 14 days exceeds 84 syringes per 84 days");
    }

    @Test
    void weightBasedLimitAllowsTheSyringesTheMaximumDoseNeedsEachDay() {
        // 160 mg/day (8 mg/kg/day at 20 kg) needs ceil(160 / 100) = 2 single-use 100 mg syringes a day
        AuthorizationRecord caps = authorization("C", FROM, TO, "160 mg/day (8 mg/kg/day at 20 kg)", new BigDecimal("160.00"));
        ClaimCheckResult r = decide(List.of(caps), FROM, 56, 35);
        Assertions.assertThat(r.covered()).isTrue();
        Assertions.assertThat(r.authorizationId()).isEqualTo("C");
        Assertions.assertThat(decide(List.of(caps), FROM, 70, 35).covered()).as("2 syringes a day").isTrue();
        ClaimCheckResult over = decide(List.of(caps), FROM, 71, 35);
        Assertions.assertThat(over.covered()).isFalse();
        Assertions.assertThat(codes(over)).containsExactly(Code.QUANTITY_LIMIT_EXCEEDED);
        Assertions.assertThat(over.reasons().get(0).message()).isEqualTo("71 syringes for 35 days is more than 2 syringe(s) "
                + "a day: the maximum of 160 mg/day (160 mg/day (8 mg/kg/day at 20 kg)) needs 2 single-use 100 mg syringe(s) a day");
    }

    @Test
    void aSmallChildsOneSyringeADayClaimIsCovered() {
        // 58.4 mg/day (8 mg/kg/day at 7.3 kg): the dose is drawn from one single-use 100 mg syringe a day
        AuthorizationRecord dira = authorization("D", FROM, TO, "58.4 mg/day (8 mg/kg/day at 7.3 kg)", new BigDecimal("58.40"));
        Assertions.assertThat(decide(List.of(dira), FROM, 28, 28).covered()).as("one syringe a day for 28 days").isTrue();
        Assertions.assertThat(decide(List.of(dira), FROM, 73, 125).covered()).isTrue();
        Assertions.assertThat(decide(List.of(dira), FROM, 125, 125).covered()).isTrue();
        ClaimCheckResult r = decide(List.of(dira), FROM, 126, 125);
        Assertions.assertThat(r.covered()).isFalse();
        Assertions.assertThat(codes(r)).containsExactly(Code.QUANTITY_LIMIT_EXCEEDED);
        Assertions.assertThat(r.reasons().get(0).message()).isEqualTo("126 syringes for 125 days is more than 1 syringe(s) "
                + "a day: the maximum of 58.4 mg/day (58.4 mg/day (8 mg/kg/day at 7.3 kg)) needs 1 single-use 100 mg syringe(s) a day");
    }

    @Test
    void syringesPerDayIsTheCeilingOfTheMaximumDose() {
        Assertions.assertThat(QuantityLimits.syringesPerDay(new BigDecimal("20"))).isEqualTo(1);
        Assertions.assertThat(QuantityLimits.syringesPerDay(new BigDecimal("100"))).isEqualTo(1);
        Assertions.assertThat(QuantityLimits.syringesPerDay(new BigDecimal("100.01"))).isEqualTo(2);
        Assertions.assertThat(QuantityLimits.syringesPerDay(new BigDecimal("200"))).isEqualTo(2);
        Assertions.assertThat(QuantityLimits.syringesPerDay(new BigDecimal("560"))).isEqualTo(6);
    }

    @Test
    void noLimit() {
        AuthorizationRecord sjia = authorization("S", FROM, TO, QuantityLimits.NO_LIMIT, null);
        ClaimCheckResult r = decide(List.of(sjia), FROM, 500, 7);
        Assertions.assertThat(r.covered()).isTrue();
        Assertions.assertThat(r.authorizationId()).isEqualTo("S");
    }

    @Test
    void weightBasedLimitWithoutWeightCannotBeCheckedAutomatically() {
        AuthorizationRecord dira = authorization("D", FROM, TO, "8 mg/kg/day (weight not reported)", null);
        ClaimCheckResult r = decide(List.of(dira), FROM, 1, 30);
        Assertions.assertThat(r.covered()).isFalse();
        Assertions.assertThat(r.authorizationId()).isEqualTo("D");
        Assertions.assertThat(codes(r)).containsExactly(Code.QUANTITY_LIMIT_UNVERIFIABLE);
    }

    @Test
    void chainedAuthorizationsMeetWithoutGapOrOverlap() {
        AuthorizationRecord initial = ra("INITIAL", FROM, TO);
        AuthorizationRecord renewal = ra("RENEWAL", TO, TO.plusMonths(18));
        List<AuthorizationRecord> both = List.of(initial, renewal);
        ClaimCheckResult onRenewalStart = decide(both, LocalDate.of(2027, 3, 2), 28, 28);
        Assertions.assertThat(onRenewalStart.covered()).isTrue();
        Assertions.assertThat(onRenewalStart.authorizationId()).isEqualTo("RENEWAL");
        ClaimCheckResult dayBefore = decide(both, LocalDate.of(2027, 3, 1), 28, 28);
        Assertions.assertThat(dayBefore.covered()).isTrue();
        Assertions.assertThat(dayBefore.authorizationId()).isEqualTo("INITIAL");
    }

    @Test
    void betweenTwoAuthorizationsBothAreNamed() {
        AuthorizationRecord past = ra("PAST", LocalDate.of(2024, 1, 1), LocalDate.of(2025, 1, 1));
        AuthorizationRecord future = ra("FUTURE", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1));
        ClaimCheckResult r = decide(List.of(future, past), LocalDate.of(2025, 6, 1), 28, 28);
        Assertions.assertThat(r.covered()).isFalse();
        Assertions.assertThat(codes(r)).containsExactly(Code.EXPIRED, Code.NOT_YET_VALID);
        Assertions.assertThat(r.reasons()).extracting(ClaimCheckResult.Reason::authorizationId).containsExactly("PAST", "FUTURE");
    }

    @Test
    void ofOverlappingAuthorizationsTheOneThatAllowsTheClaimIsUsed() {
        AuthorizationRecord ra = ra("RA", FROM, TO);
        AuthorizationRecord noLimit = authorization("OTHER", FROM.plusDays(10), TO, QuantityLimits.NO_LIMIT, null);
        ClaimCheckResult r = decide(List.of(ra, noLimit), FROM.plusDays(20), 120, 30);
        Assertions.assertThat(r.covered()).isTrue();
        Assertions.assertThat(r.authorizationId()).isEqualTo("OTHER");
        ClaimCheckResult withinBoth = decide(List.of(ra, noLimit), FROM.plusDays(20), 28, 28);
        Assertions.assertThat(withinBoth.covered()).isTrue();
    }

    @Test
    void quantityAndDaysSupplyMustBePositive() {
        List<AuthorizationRecord> one = List.of(ra("A", FROM, TO));
        Assertions.assertThatThrownBy(() -> decide(one, FROM, 0, 28)).isInstanceOf(IllegalArgumentException.class);
        Assertions.assertThatThrownBy(() -> decide(one, FROM, 28, 0)).isInstanceOf(IllegalArgumentException.class);
        Assertions.assertThatThrownBy(() -> decide(one, FROM, -1, 28)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The limit texts the check recognises are the ones decision table {@code kineret-approval-terms} writes. */
    @Test
    void limitTextsMatchTheApprovalTermsTable() throws Exception {
        DmnEngine engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DmnDecision table;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("dmn/kineret-approval-terms.dmn")) {
            Assertions.assertThat(in).isNotNull();
            table = engine.parseDecision("kineret-approval-terms", in);
        }
        Map<String, Object> ra = engine.evaluateDecisionTable(table, Variables.createVariables()
                .putValue("requestType", "INITIAL").putValue("indication", "RA").putValue("weightKg", 70.0))
                .getSingleResult().getEntryMap();
        Assertions.assertThat(ra).containsEntry("quantityLimit", QuantityLimits.RA_LIMIT);
        Map<String, Object> sjia = engine.evaluateDecisionTable(table, Variables.createVariables()
                .putValue("requestType", "RENEWAL").putValue("indication", "SJIA").putValue("weightKg", 40.0))
                .getSingleResult().getEntryMap();
        Assertions.assertThat(sjia).containsEntry("quantityLimit", QuantityLimits.NO_LIMIT);
        Map<String, Object> caps = engine.evaluateDecisionTable(table, Variables.createVariables()
                .putValue("requestType", "INITIAL").putValue("indication", "CAPS_NOMID").putValue("weightKg", 20.0))
                .getSingleResult().getEntryMap();
        Assertions.assertThat(caps.get("maxDosePerDayMg")).as("weight-based limits carry mg/day").isNotNull();
    }
}
