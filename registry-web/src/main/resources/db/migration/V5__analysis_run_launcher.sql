-- Analysis runs are launched by the registry (issue 6): progress, cancellation, and every output
-- file of a finished run kept in the database, so results survive restarts and need no shared disk.

alter table analysis_run drop constraint analysis_run_status_ck;
alter table analysis_run add constraint analysis_run_status_ck
    check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'));

alter table analysis_run
    add column progress         integer not null default 0,
    add column step             text,
    add column cancel_requested boolean not null default false,
    add column failure          text,
    add constraint analysis_run_progress_ck check (progress between 0 and 100);

-- the queue is read oldest first among the queued
create index analysis_run_queued_ix on analysis_run (id) where status = 'QUEUED';

-- file contents by SHA-256: every run writes the same plotly.js, stored once
create table analysis_output (
    sha256  text   primary key,
    size    bigint not null,
    content bytea  not null,
    constraint analysis_output_sha256_ck check (sha256 ~ '^[0-9a-f]{64}$')
);

create table analysis_run_file (
    run_id     bigint not null references analysis_run (id) on delete cascade,
    name       text   not null,
    media_type text   not null,
    size       bigint not null,
    sha256     text   not null references analysis_output (sha256),
    primary key (run_id, name),
    constraint analysis_run_file_name_ck check (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$')
);
create index analysis_run_file_sha256_ix on analysis_run_file (sha256);
