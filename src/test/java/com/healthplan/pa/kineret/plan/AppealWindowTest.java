package com.healthplan.pa.kineret.plan;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** {@code kineret.appeal.window}: at least 180 days from any date (29 CFR 2560.503-1(h)(3)(i)), and where it ends. */
class AppealWindowTest {

    @Test
    void aWindowThatCanBeShorterThan180DaysStopsTheStart() {
        Assertions.assertThat(new KineretProperties.Appeal("P180D").period().getDays()).isEqualTo(180);
        Assertions.assertThat(new KineretProperties.Appeal("P6M").period().getMonths()).isEqualTo(6);
        Assertions.assertThat(new KineretProperties.Appeal("P1Y").period().getYears()).isEqualTo(1);
        for (String tooShort : new String[] {"P179D", "P5M29D", "P60D"}) {
            Assertions.assertThatThrownBy(() -> new KineretProperties.Appeal(tooShort))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("180 days");
        }
    }

    @Test
    void theWindowEndsAtTheDeterminationsTimePlusThePeriodInThePlansZone() {
        ZoneId zone = ZoneId.of("America/New_York");
        // 2026-12-03 14:05 EST + 180 days = 2027-06-01 14:05 EDT (a daylight-saving change in between)
        Assertions.assertThat(new KineretProperties.Appeal("P180D")
                        .endsAt(OffsetDateTime.parse("2026-12-03T19:05:00Z"), zone).toOffsetDateTime())
                .isEqualTo(OffsetDateTime.parse("2027-06-01T14:05:00-04:00"));
    }
}
