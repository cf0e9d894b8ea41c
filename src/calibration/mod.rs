//! Calibration: fitting demand parameters to season totals and to stop logs.
