//! One problem in an input file, located as precisely as possible, rendered like a compiler message.

use std::fmt;

/// One problem in an input file (a scenario, or a CSV it names), located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file the problem is in (the scenario, or a CSV it names).
    pub file: String,
    /// Line, from 1; `None` when the problem concerns the file as a whole.
    pub line: Option<usize>,
    /// Column in characters, from 1.
    pub column: Option<usize>,
    /// Dotted key path, e.g. `bus.clerks` or `season.stop[3].settlement` (stops from 1); for a CSV
    /// file, the column name.
    pub key: String,
    /// What is wrong, and what was expected.
    pub message: String,
    /// How to fix it, when there is something specific to say.
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": ")?;
        if !self.key.is_empty() {
            write!(f, "{}: ", self.key)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}
