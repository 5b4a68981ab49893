-- Custom migration (drizzle-kit generate --custom): what the schema cannot declare.
-- Search is language-neutral: the "simple" parser without stemming, so German and French words
-- match as typed, with accents folded (Müller finds Muller, révision finds revision).
-- All three extensions ship with PostgreSQL's contrib and with PGlite, and are trusted (a
-- database owner may create them).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION switchboard (COPY = simple);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION switchboard ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
