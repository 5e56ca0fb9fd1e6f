-- Least-privilege roles for a Shelfscope team database. Run once, as the database's owner or a
-- superuser, connected to the database the team uses (psql -d shelfscope -f docs/team-roles.sql), after
-- replacing both passwords. Publishers own the shelfscope schema (they create and migrate its tables);
-- readers may only read it. Neither role can touch anything else in the database.
CREATE ROLE shelfscope_publisher LOGIN PASSWORD 'change-me-publisher';
CREATE ROLE shelfscope_reader LOGIN PASSWORD 'change-me-reader';

DO $$
BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  -- CONNECT for both; TEMPORARY for publishers, who stage each generation in a temp table.
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO shelfscope_publisher, shelfscope_reader', current_database());
  EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO shelfscope_publisher', current_database());
END
$$;

REVOKE ALL ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA shelfscope AUTHORIZATION shelfscope_publisher;
GRANT USAGE ON SCHEMA shelfscope TO shelfscope_reader;
-- Tables the publisher creates (now and in later migrations) are readable by readers, and only that.
ALTER DEFAULT PRIVILEGES FOR ROLE shelfscope_publisher IN SCHEMA shelfscope GRANT SELECT ON TABLES TO shelfscope_reader;
