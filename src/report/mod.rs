//! Reports: pure renderers (CSV, JSON, charts, HTML) and the one writer that puts them on disk.
