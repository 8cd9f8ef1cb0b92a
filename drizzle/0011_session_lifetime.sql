-- Sessions remember the browser they were opened from, for the user's list of their own sessions;
-- the absolute lifetime counts from created_at, which every session already has.
ALTER TABLE "sessions" ADD COLUMN "user_agent" text;
