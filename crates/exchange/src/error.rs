use std::fmt;

/// One bad row: its line (1-based), the field and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub field: String,
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.field, self.reason)
    }
}

/// Every bad row of a file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RowErrors(pub Vec<RowError>);

impl fmt::Display for RowErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} bad row{}; nothing was imported:",
            self.0.len(),
            if self.0.len() == 1 { "" } else { "s" }
        )?;
        for (i, e) in self.0.iter().enumerate() {
            if i == 50 {
                writeln!(f, "  … and {} more", self.0.len() - 50)?;
                break;
            }
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

impl RowError {
    pub fn new(line: usize, field: impl Into<String>, reason: impl Into<String>) -> Self {
        RowError {
            line,
            field: field.into(),
            reason: reason.into(),
        }
    }
}
