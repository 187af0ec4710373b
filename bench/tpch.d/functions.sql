-- Helper functions for generate.sql, in a schema tpch_gen that generate.sql drops at its end.
-- They are plain SQL functions, which PostgreSQL inlines into the generating queries.
--   tpch_gen.rnd(lo, hi)    a random integer in [lo, hi] (uniform, like dbgen's RANDOM)
--   tpch_gen.text(lo, hi)   random text of a length in [lo, hi], cut from a pool of words at a
--                           random place, as dbgen cuts its comments from a text pool (clause
--                           4.2.2.10); the pool's words are the grammar's, without "special",
--                           "requests", "Customer", "Complaints" and "Recommends": generate.sql
--                           places those itself at the frequency the queries' filters expect
--   tpch_gen.vstring(lo, hi) a random alphanumeric string of a length in [lo, hi] (4.2.2.7)
--   tpch_gen.phone(nation)  a phone number of the nation's country code (4.2.2.9)
--   tpch_gen.retailprice(partkey) the part's retail price (4.2.3, P_RETAILPRICE)
--   tpch_gen.suppkey(partkey, i, suppliers) the i-th (0..3) supplier of a part (4.2.3, PS_SUPPKEY)
-- The pool is bytea so that cutting it costs the same wherever the cut is (a substring of UTF-8
-- text counts characters from its start); encode(..., 'escape') turns the ASCII bytes back
-- into text unchanged.
CREATE SCHEMA tpch_gen;

CREATE FUNCTION tpch_gen.rnd(lo integer, hi integer) RETURNS integer VOLATILE LANGUAGE sql
  AS 'SELECT lo + floor(random() * (hi - lo + 1))::integer';

CREATE FUNCTION tpch_gen.retailprice(partkey integer) RETURNS decimal(15, 2) IMMUTABLE LANGUAGE sql
  AS 'SELECT ((90000 + ((partkey / 10) % 20001) + 100 * (partkey % 1000)) / 100.0)::decimal(15, 2)';

CREATE FUNCTION tpch_gen.suppkey(partkey integer, i integer, suppliers integer) RETURNS integer
  IMMUTABLE LANGUAGE sql
  AS 'SELECT (partkey + (i * (suppliers / 4 + (partkey - 1) / suppliers))) % suppliers + 1';

CREATE FUNCTION tpch_gen.phone(nation integer) RETURNS char(15) VOLATILE LANGUAGE sql
  AS $$SELECT (nation + 10) || '-' || tpch_gen.rnd(100, 999) || '-' || tpch_gen.rnd(100, 999)
              || '-' || tpch_gen.rnd(1000, 9999)$$;

-- The pools: 1 MB of the grammar's words in random order, and 4096 random alphanumeric
-- characters (deterministic: seeded).
SELECT setseed(0.19);
DO $$
DECLARE
  words text[] := ARRAY[
    -- nouns
    'foxes', 'ideas', 'theodolites', 'pinto beans', 'instructions', 'dependencies', 'excuses',
    'platelets', 'asymptotes', 'courts', 'dolphins', 'multipliers', 'sauternes', 'warthogs',
    'frets', 'dinos', 'attainments', 'somas', 'Tiresias''', 'patterns', 'forges', 'braids',
    'hockey players', 'frays', 'warhorses', 'dugouts', 'notornis', 'epitaphs', 'pearls', 'tithes',
    'waters', 'orbits', 'gifts', 'sheaves', 'depths', 'sentiments', 'decoys', 'realms', 'pains',
    'grouches', 'escapades', 'packages', 'accounts', 'deposits', 'theodolites',
    -- verbs
    'sleep', 'wake', 'are', 'cajole', 'haggle', 'nag', 'use', 'boost', 'affix', 'detect',
    'integrate', 'maintain', 'nod', 'was', 'lose', 'sublate', 'solve', 'thrash', 'promise',
    'engage', 'hinder', 'print', 'x-ray', 'breach', 'eat', 'grow', 'impress', 'mold', 'poach',
    'serve', 'run', 'dazzle', 'snooze', 'doze', 'unwind', 'kindle', 'play', 'hang', 'believe',
    'doubt',
    -- adjectives
    'furious', 'sly', 'careful', 'blithe', 'quick', 'fluffy', 'slow', 'quiet', 'ruthless', 'thin',
    'close', 'dogged', 'daring', 'brave', 'stealthy', 'permanent', 'enticing', 'idle', 'busy',
    'regular', 'final', 'ironic', 'even', 'bold', 'silent', 'pending', 'express', 'unusual',
    -- adverbs
    'sometimes', 'always', 'never', 'furiously', 'slyly', 'carefully', 'blithely', 'quickly',
    'fluffily', 'slowly', 'quietly', 'ruthlessly', 'thinly', 'closely', 'doggedly', 'daringly',
    'bravely', 'stealthily', 'permanently', 'enticingly', 'idly', 'busily', 'regularly',
    'finally', 'ironically', 'evenly', 'boldly', 'silently',
    -- prepositions, auxiliaries, terminators
    'about', 'above', 'according to', 'across', 'after', 'against', 'along', 'alongside of',
    'among', 'around', 'at', 'atop', 'before', 'behind', 'beneath', 'beside', 'besides',
    'between', 'beyond', 'by', 'despite', 'during', 'except', 'for', 'from', 'in place of',
    'inside', 'instead of', 'into', 'near', 'of', 'on', 'outside', 'over', 'past', 'since',
    'through', 'throughout', 'to', 'toward', 'under', 'until', 'up', 'upon', 'without', 'with',
    'within', 'do', 'may', 'might', 'shall', 'will', 'would', 'can', 'could', 'should',
    'ought to', 'must', 'will have to', 'shall have to', 'could have to', 'should have to',
    'must have to', 'need to', 'try to', '.', ';', ':', '?', '!', '--'];
  pool text;
BEGIN
  SELECT string_agg(words[1 + floor(random() * array_length(words, 1))::integer], ' ')
    INTO pool FROM generate_series(1, 160000);
  pool := left(pool, 1000000);
  EXECUTE format('CREATE FUNCTION tpch_gen.pool() RETURNS bytea IMMUTABLE LANGUAGE sql AS %L',
                 format('SELECT %L::bytea', pool));
  SELECT string_agg(substr(alphabet, 1 + floor(random() * length(alphabet))::integer, 1), '')
    INTO pool
    FROM generate_series(1, 4096),
         (VALUES ('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,')) AS a (alphabet);
  EXECUTE format('CREATE FUNCTION tpch_gen.alphanumerics() RETURNS bytea IMMUTABLE LANGUAGE sql AS %L',
                 format('SELECT %L::bytea', pool));
END
$$;

CREATE FUNCTION tpch_gen.text(lo integer, hi integer) RETURNS text VOLATILE LANGUAGE sql
  AS $$SELECT encode(substring(tpch_gen.pool()
                               FROM 1 + floor(random() * (length(tpch_gen.pool()) - hi))::integer
                               FOR lo + floor(random() * (hi - lo + 1))::integer), 'escape')$$;

CREATE FUNCTION tpch_gen.vstring(lo integer, hi integer) RETURNS text VOLATILE LANGUAGE sql
  AS $$SELECT encode(substring(tpch_gen.alphanumerics()
                               FROM 1 + floor(random() * (4096 - hi))::integer
                               FOR lo + floor(random() * (hi - lo + 1))::integer), 'escape')$$;
