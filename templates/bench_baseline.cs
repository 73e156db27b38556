<?cs # bench_baseline.cs: the benchmark baseline's page (bench/baseline.c; not installed): one line, rendered with
   the escaping every page has. ?>ok <?cs var:Req.lang ?> <?cs var:Req.id ?>
