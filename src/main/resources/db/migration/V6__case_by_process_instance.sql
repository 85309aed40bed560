-- The process's delegates find their case by the process instance (never by a process variable a caller could set).
CREATE INDEX ix_pa_request_process_instance ON pa_request (process_instance_id);
