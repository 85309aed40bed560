-- Who submitted a request (the intake system's user), for the audit trail.
ALTER TABLE pa_request ADD COLUMN submitted_by VARCHAR(128);
