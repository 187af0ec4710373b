-- Checks of the generated TPC-H data at scale factor :sf (psql -v sf=1), printed by bench/tpch
-- after a generation: the row counts against the specification's (clause 4.2.5; lineitem is
-- random, about 4 lines an order), and a few distributions against what the spec's rules give
-- (one scan of each big table). Not a test: it prints, a reader compares.
\pset footer off
SELECT t AS "table", n AS "rows", expected AS "spec rows", CASE WHEN ok THEN 'ok' ELSE 'DIFFERS' END AS "check"
FROM (VALUES
  (1, 'region', (SELECT count(*) FROM region), '5', (SELECT count(*) FROM region) = 5),
  (2, 'nation', (SELECT count(*) FROM nation), '25', (SELECT count(*) FROM nation) = 25),
  (3, 'supplier', (SELECT count(*) FROM supplier), (10000 * :sf)::bigint::text,
   (SELECT count(*) FROM supplier) = round(10000 * :sf)),
  (4, 'part', (SELECT count(*) FROM part), (200000 * :sf)::bigint::text,
   (SELECT count(*) FROM part) = round(200000 * :sf)),
  (5, 'partsupp', (SELECT count(*) FROM partsupp), (800000 * :sf)::bigint::text,
   (SELECT count(*) FROM partsupp) = round(800000 * :sf)),
  (6, 'customer', (SELECT count(*) FROM customer), (150000 * :sf)::bigint::text,
   (SELECT count(*) FROM customer) = round(150000 * :sf)),
  (7, 'orders', (SELECT count(*) FROM orders), (1500000 * :sf)::bigint::text,
   (SELECT count(*) FROM orders) = round(1500000 * :sf)),
  (8, 'lineitem', (SELECT count(*) FROM lineitem), 'about ' || (6000000 * :sf)::bigint,
   abs((SELECT count(*) FROM lineitem)::numeric / (6000000 * :sf) - 1) < 0.01)
) AS c (k, t, n, expected, ok)
ORDER BY k;

-- lineitem in one scan: Q1's groups (spec at SF 1: A/F and R/F about 1.48 M each, N/F about
-- 38,900, N/O about 3.0 M), the date rules, the suppliers being among the part's 4.
SELECT l_returnflag || '/' || l_linestatus AS "flag/status", count(*) AS lines,
       round(100.0 * count(*) / sum(count(*)) OVER (), 2) AS "%"
FROM lineitem GROUP BY 1 ORDER BY 1;

SELECT min(l_shipdate - o_orderdate) = 1 AND max(l_shipdate - o_orderdate) = 121 AS "shipdate - orderdate in [1,121]",
       min(l_commitdate - o_orderdate) = 30 AND max(l_commitdate - o_orderdate) = 90 AS "commitdate - orderdate in [30,90]",
       min(l_receiptdate - l_shipdate) = 1 AND max(l_receiptdate - l_shipdate) = 30 AS "receiptdate - shipdate in [1,30]",
       min(l_quantity) = 1 AND max(l_quantity) = 50 AS "quantity in [1,50]",
       min(l_discount) = 0 AND max(l_discount) = 0.10 AND min(l_tax) = 0 AND max(l_tax) = 0.08 AS "discount, tax",
       min(l_linenumber) = 1 AND max(l_linenumber) = 7 AS "linenumber in [1,7]"
FROM lineitem JOIN orders ON o_orderkey = l_orderkey
WHERE l_orderkey % 97 = 0;  -- a sample: 1 order in 97

SELECT count(*) = 0 AS "every sampled line's (partkey, suppkey) is in partsupp"
FROM lineitem
WHERE l_orderkey % 997 = 0
  AND NOT EXISTS (SELECT FROM partsupp WHERE ps_partkey = l_partkey AND ps_suppkey = l_suppkey);

-- orders in one scan: the date range, the sparse keys, the customers, the status (spec at SF 1:
-- F and O about 48.7 % each, P about 2.6 %), Q13's words.
SELECT min(o_orderdate) AS "first orderdate (1992-01-01)", max(o_orderdate) AS "last (1998-08-02)",
       count(*) FILTER (WHERE (o_orderkey - 1) % 32 >= 8) AS "keys outside the sparse scheme (0)",
       count(*) FILTER (WHERE o_custkey % 3 = 0) AS "custkeys multiple of 3 (0)",
       round(100.0 * count(*) FILTER (WHERE o_orderstatus = 'F') / count(*), 1) AS "F %",
       round(100.0 * count(*) FILTER (WHERE o_orderstatus = 'O') / count(*), 1) AS "O %",
       round(100.0 * count(*) FILTER (WHERE o_orderstatus = 'P') / count(*), 1) AS "P %",
       round(100.0 * count(*) FILTER (WHERE o_comment LIKE '%special%requests%') / count(*), 2) AS "special requests %"
FROM orders;

SELECT count(DISTINCT p_type) AS "p_type values (150)", count(DISTINCT p_brand) AS "p_brand (25)",
       count(DISTINCT p_container) AS "p_container (40)", min(p_size) || '..' || max(p_size) AS "p_size (1..50)",
       count(*) FILTER (WHERE p_name LIKE '%green%') AS "p_name with green (about 5.4 %)"
FROM part;

SELECT count(*) FILTER (WHERE s_comment LIKE '%Customer%Complaints%') AS "suppliers with Complaints (5 x SF)",
       count(*) FILTER (WHERE s_comment LIKE '%Customer%Recommends%') AS "with Recommends (5 x SF)"
FROM supplier;

SELECT c_mktsegment AS segment, count(*) AS customers FROM customer GROUP BY 1 ORDER BY 1;
