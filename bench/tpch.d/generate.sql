-- Fills the eight TPC-H tables of schema.sql at scale factor :sf (psql -v sf=1) with the value
-- distributions of the TPC-H specification, clause 4.2.3, in SQL only (generate_series and
-- random(), seeded by setseed before each table so a rerun gives the same data). Needs
-- functions.sql first; drops its helper schema at the end. Cardinalities: supplier 10,000 x SF,
-- part 200,000 x SF, partsupp 4 per part, customer 150,000 x SF, orders 1,500,000 x SF (sparse
-- keys: the first 8 of each 32), lineitem 1 to 7 per order; region 5, nation 25.
-- The spec's text grammar is not reproduced (comments are cut from a pool of its words), but
-- the words that queries filter on are placed at the spec's frequency: 5 x SF suppliers have
-- "Customer ... Complaints" and 5 x SF others "Customer ... Recommends" in s_comment (4.2.3;
-- Q16), and about 1% of the orders have "special ... requests" in o_comment (Q13; our estimate of
-- what dbgen's grammar gives, which the spec does not state).
\set ON_ERROR_STOP 1
SET synchronize_seqscans = off;  -- scans start at the table's start: the same rows in the same order
SET work_mem = '256MB';
-- No autovacuum while loading (it would scan lineitem while orders is built from it); bench/tpch
-- runs VACUUM ANALYZE at the end.
ALTER TABLE region SET (autovacuum_enabled = off);
ALTER TABLE nation SET (autovacuum_enabled = off);
ALTER TABLE supplier SET (autovacuum_enabled = off);
ALTER TABLE part SET (autovacuum_enabled = off);
ALTER TABLE partsupp SET (autovacuum_enabled = off);
ALTER TABLE customer SET (autovacuum_enabled = off);
ALTER TABLE orders SET (autovacuum_enabled = off);
ALTER TABLE lineitem SET (autovacuum_enabled = off);

SELECT greatest(1, round(10000 * :sf))::integer AS suppliers,
       greatest(1, round(200000 * :sf))::integer AS parts,
       greatest(1, round(150000 * :sf))::integer AS customers,
       greatest(1, round(1500000 * :sf))::integer AS orders,
       greatest(1, round(1000 * :sf))::integer AS clerks,
       round(5 * :sf)::integer AS complaints,
       ('1998-12-31'::date - 151) - '1992-01-01'::date AS order_days
\gset

SELECT setseed(0.01);
INSERT INTO region (r_regionkey, r_name, r_comment)
SELECT k - 1, name, tpch_gen.text(31, 115)
FROM unnest(ARRAY['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST']) WITH ORDINALITY AS r (name, k);

SELECT setseed(0.02);
INSERT INTO nation (n_nationkey, n_name, n_regionkey, n_comment)
SELECT k - 1, name, region, tpch_gen.text(31, 114)
FROM unnest(ARRAY['ALGERIA', 'ARGENTINA', 'BRAZIL', 'CANADA', 'EGYPT', 'ETHIOPIA', 'FRANCE',
                  'GERMANY', 'INDIA', 'INDONESIA', 'IRAN', 'IRAQ', 'JAPAN', 'JORDAN', 'KENYA',
                  'MOROCCO', 'MOZAMBIQUE', 'PERU', 'CHINA', 'ROMANIA', 'SAUDI ARABIA', 'VIETNAM',
                  'RUSSIA', 'UNITED KINGDOM', 'UNITED STATES'],
            ARRAY[0, 1, 1, 1, 4, 0, 3, 3, 2, 2, 4, 4, 2, 4, 0, 0, 0, 1, 2, 3, 4, 2, 3, 3, 1])
       WITH ORDINALITY AS n (name, region, k);

SELECT setseed(0.03);
INSERT INTO supplier
SELECT k, 'Supplier#' || lpad(k::text, 9, '0'), tpch_gen.vstring(10, 40), nation,
       tpch_gen.phone(nation), tpch_gen.rnd(-99999, 999999) / 100.0, tpch_gen.text(25, 100)
FROM (SELECT k, tpch_gen.rnd(0, 24) AS nation FROM generate_series(1, :suppliers) AS k OFFSET 0) AS s;

-- 5 x SF suppliers complain, 5 x SF others recommend (chosen at random, distinct).
SELECT setseed(0.04);
WITH chosen AS (
  SELECT k, row_number() OVER () AS n
  FROM (SELECT k FROM generate_series(1, :suppliers) AS k ORDER BY random() LIMIT 2 * :complaints) AS c
)
UPDATE supplier
SET s_comment = left(tpch_gen.text(0, 20) || ' Customer ' || tpch_gen.text(0, 30) || ' '
                     || CASE WHEN n <= :complaints THEN 'Complaints' ELSE 'Recommends' END || ' '
                     || tpch_gen.text(0, 30), 100)
FROM chosen
WHERE s_suppkey = chosen.k;

-- p_name: 5 distinct colours (a random first one and a random stride under 92 / 4).
SELECT setseed(0.05);
INSERT INTO part
SELECT k,
       c[1 + first % 92] || ' ' || c[1 + (first + stride) % 92] || ' ' || c[1 + (first + 2 * stride) % 92]
         || ' ' || c[1 + (first + 3 * stride) % 92] || ' ' || c[1 + (first + 4 * stride) % 92],
       'Manufacturer#' || m, 'Brand#' || m || tpch_gen.rnd(1, 5),
       (ARRAY['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'])[tpch_gen.rnd(1, 6)] || ' '
         || (ARRAY['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'])[tpch_gen.rnd(1, 5)] || ' '
         || (ARRAY['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'])[tpch_gen.rnd(1, 5)],
       tpch_gen.rnd(1, 50),
       (ARRAY['SM', 'LG', 'MED', 'JUMBO', 'WRAP'])[tpch_gen.rnd(1, 5)] || ' '
         || (ARRAY['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'])[tpch_gen.rnd(1, 8)],
       tpch_gen.retailprice(k), tpch_gen.text(5, 22)
FROM (SELECT k, tpch_gen.rnd(0, 91) AS first, tpch_gen.rnd(1, 22) AS stride, tpch_gen.rnd(1, 5) AS m
      FROM generate_series(1, :parts) AS k OFFSET 0) AS p,
     (SELECT ARRAY[
        'almond', 'antique', 'aquamarine', 'azure', 'beige', 'bisque', 'black', 'blanched', 'blue',
        'blush', 'brown', 'burlywood', 'burnished', 'chartreuse', 'chiffon', 'chocolate', 'coral',
        'cornflower', 'cornsilk', 'cream', 'cyan', 'dark', 'deep', 'dim', 'dodger', 'drab',
        'firebrick', 'floral', 'forest', 'frosted', 'gainsboro', 'ghost', 'goldenrod', 'green',
        'grey', 'honeydew', 'hot', 'indian', 'ivory', 'khaki', 'lace', 'lavender', 'lawn', 'lemon',
        'light', 'lime', 'linen', 'magenta', 'maroon', 'medium', 'metallic', 'midnight', 'mint',
        'misty', 'moccasin', 'navajo', 'navy', 'olive', 'orange', 'orchid', 'pale', 'papaya',
        'peach', 'peru', 'pink', 'plum', 'powder', 'puff', 'purple', 'red', 'rose', 'rosy', 'royal',
        'saddle', 'salmon', 'sandy', 'seashell', 'sienna', 'sky', 'slate', 'smoke', 'snow',
        'spring', 'steel', 'tan', 'thistle', 'tomato', 'turquoise', 'violet', 'wheat', 'white',
        'yellow'] AS c) AS colours;

SELECT setseed(0.06);
INSERT INTO partsupp
SELECT p, tpch_gen.suppkey(p, i, :suppliers), tpch_gen.rnd(1, 9999), tpch_gen.rnd(100, 100000) / 100.0,
       tpch_gen.text(49, 198)
FROM generate_series(1, :parts) AS p, generate_series(0, 3) AS i;

SELECT setseed(0.07);
INSERT INTO customer
SELECT k, 'Customer#' || lpad(k::text, 9, '0'), tpch_gen.vstring(10, 40), nation,
       tpch_gen.phone(nation), tpch_gen.rnd(-99999, 999999) / 100.0,
       (ARRAY['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD'])[tpch_gen.rnd(1, 5)],
       tpch_gen.text(29, 116)
FROM (SELECT k, tpch_gen.rnd(0, 24) AS nation FROM generate_series(1, :customers) AS k OFFSET 0) AS c;

-- The orders first without their status and total price (which come from their lines):
-- o_custkey is uniform over the customer keys that are not multiples of 3 (the k-th of those is
-- 3 (k / 2) + k % 2 + 1), o_orderdate uniform in [1992-01-01, 1998-12-31 - 151 days].
SELECT setseed(0.08);
CREATE TEMPORARY TABLE order_draft AS
SELECT ((i / 8) * 32 + i % 8 + 1)::integer AS orderkey,
       3 * (c / 2) + c % 2 + 1 AS custkey,
       '1992-01-01'::date + tpch_gen.rnd(0, :order_days) AS orderdate,
       (ARRAY['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'])[tpch_gen.rnd(1, 5)] AS priority,
       'Clerk#' || lpad(tpch_gen.rnd(1, :clerks)::text, 9, '0') AS clerk,
       CASE WHEN random() < 0.01
            THEN left(tpch_gen.text(0, 20) || ' special ' || tpch_gen.text(0, 20) || ' requests '
                      || tpch_gen.text(0, 30), 78)
            ELSE tpch_gen.text(19, 78) END AS comment,
       tpch_gen.rnd(1, 7) AS lines
FROM (SELECT i, tpch_gen.rnd(0, :customers - :customers / 3 - 1) AS c
      FROM generate_series(0, :orders - 1) AS i OFFSET 0) AS o;

-- The lines: the supplier is one of the part's 4 (PS_SUPPKEY's formula with a random i),
-- l_extendedprice = l_quantity x p_retailprice, the flags by the dates against 1995-06-17.
SELECT setseed(0.09);
INSERT INTO lineitem
SELECT orderkey, partkey, tpch_gen.suppkey(partkey, supplier, :suppliers), line, quantity,
       quantity * tpch_gen.retailprice(partkey), discount, tax,
       CASE WHEN shipdate + receipt_lag <= '1995-06-17'::date THEN CASE WHEN returned THEN 'R' ELSE 'A' END
            ELSE 'N' END,
       CASE WHEN shipdate > '1995-06-17'::date THEN 'O' ELSE 'F' END,
       shipdate, commitdate, shipdate + receipt_lag, instruct, mode, comment
FROM (SELECT d.orderkey, line, tpch_gen.rnd(1, :parts) AS partkey, tpch_gen.rnd(0, 3) AS supplier,
             tpch_gen.rnd(1, 50) AS quantity, tpch_gen.rnd(0, 10) / 100.0 AS discount,
             tpch_gen.rnd(0, 8) / 100.0 AS tax,
             d.orderdate + tpch_gen.rnd(1, 121) AS shipdate, d.orderdate + tpch_gen.rnd(30, 90) AS commitdate,
             tpch_gen.rnd(1, 30) AS receipt_lag, random() < 0.5 AS returned,
             (ARRAY['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'])[tpch_gen.rnd(1, 4)] AS instruct,
             (ARRAY['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'])[tpch_gen.rnd(1, 7)] AS mode,
             tpch_gen.text(10, 43) AS comment
      FROM order_draft AS d, generate_series(1, d.lines) AS line OFFSET 0) AS l;

-- o_orderstatus: F when all its lines are F, O when all are O, else P; o_totalprice: the sum of
-- l_extendedprice x (1 + l_tax) x (1 - l_discount).
INSERT INTO orders
SELECT d.orderkey, d.custkey,
       CASE WHEN l.finished = l.lines THEN 'F' WHEN l.finished = 0 THEN 'O' ELSE 'P' END,
       l.total, d.orderdate, d.priority, d.clerk, 0, d.comment
FROM order_draft AS d
JOIN (SELECT l_orderkey, count(*) AS lines, count(*) FILTER (WHERE l_linestatus = 'F') AS finished,
             round(sum(l_extendedprice * (1 + l_tax) * (1 - l_discount)), 2) AS total
      FROM lineitem GROUP BY l_orderkey) AS l ON l.l_orderkey = d.orderkey
ORDER BY d.orderkey;

DROP TABLE order_draft;
ALTER TABLE region RESET (autovacuum_enabled);
ALTER TABLE nation RESET (autovacuum_enabled);
ALTER TABLE supplier RESET (autovacuum_enabled);
ALTER TABLE part RESET (autovacuum_enabled);
ALTER TABLE partsupp RESET (autovacuum_enabled);
ALTER TABLE customer RESET (autovacuum_enabled);
ALTER TABLE orders RESET (autovacuum_enabled);
ALTER TABLE lineitem RESET (autovacuum_enabled);
DROP SCHEMA tpch_gen CASCADE;
