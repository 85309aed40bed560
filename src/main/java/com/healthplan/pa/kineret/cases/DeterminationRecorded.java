package com.healthplan.pa.kineret.cases;

import java.util.Objects;

/**
 * A Spring application event: an entry of a case's audit trail ({@code pa_determination}) has just been written by
 * {@link CaseAudit}. Published synchronously inside the transaction that wrote the entry (the process engine's,
 * or the intake API's), so a listener's own writes share its fate: both commit or both roll back.
 *
 * @param determination the entry as stored: its id, case id, kind, outcome, decider and engine time
 */
public record DeterminationRecorded(DeterminationRecord determination) {

    /** @throws NullPointerException when the entry is null */
    public DeterminationRecorded {
        Objects.requireNonNull(determination, "determination");
    }
}
