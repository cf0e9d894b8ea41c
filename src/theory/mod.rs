//! Queueing theory: Erlang B/C/A and the exact finite-horizon M/M/c stop (test oracles, staffing).
