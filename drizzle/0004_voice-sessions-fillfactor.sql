-- Every AI Flow event rewrites its session's row. Room left on each page lets PostgreSQL keep the
-- new version on the same page (a HOT update: no index entries written), which the group commit's
-- one-statement batches rely on for throughput (bench/aiflow).
ALTER TABLE "voice_sessions" SET (fillfactor = 60);
