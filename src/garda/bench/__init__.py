"""What only the benchmarks use: the ceiling views (`/_bench/…`) and the table the one-row
insert writes. Routed only when GARDA_BENCH_VIEWS is on; the app sits on top of every other app
so that no app carries bench code (bench/ at the repository root holds the scripts)."""
