//! `--set KEY=VALUE`: one scenario key given on the command line, read as a line of TOML.

use std::fmt;

/// One `--set KEY=VALUE`: a dotted key of the scenario and its value as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// Dotted key path, e.g. `bus.clerks` or `demand.venue.school`.
    pub key: String,
    /// The value as typed: TOML (`3`, `0.5`, `true`, `2020-03-02`, `["mon", "tue"]`, `"text"`), or a
    /// bare word that is not TOML, taken as text (`turn_away`, `Kiskőrös`).
    pub value: String,
}

impl Setting {
    /// Reads `KEY=VALUE`; the key must be a dotted path of plain key names.
    pub fn parse(arg: &str) -> Result<Self, String> {
        let Some((key, value)) = arg.split_once('=') else {
            return Err(format!(
                "\"{arg}\" has no '=': write KEY=VALUE with a dotted scenario key, e.g. --set bus.clerks=3"
            ));
        };
        let key = key.trim();
        let plain =
            |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !key.split('.').all(plain) {
            return Err(format!(
                "\"{key}\" is not a scenario key: give the dotted path of a key, e.g. bus.clerks or \
                 demand.venue.school (a list is set as a whole, e.g. season.generate.weekdays=[\"mon\",\"tue\"])"
            ));
        }
        Ok(Self {
            key: key.to_string(),
            value: value.trim().to_string(),
        })
    }

    /// The setting as one line of TOML: the value as typed when it is a TOML value, else as text.
    pub fn toml_line(&self) -> String {
        let value = if toml::de::DeValue::parse(&self.value).is_ok() {
            self.value.clone()
        } else {
            toml::Value::String(self.value.clone()).to_string()
        };
        format!("{} = {value}\n", self.key)
    }
}

/// `--set KEY=VALUE`, as it is named in messages.
impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "--set {}={}", self.key, self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_toml_or_else_text() {
        let line = |arg: &str| Setting::parse(arg).unwrap().toml_line();
        assert_eq!(line("bus.clerks=3"), "bus.clerks = 3\n");
        assert_eq!(line("demand.dwell_exponent=0.5"), "demand.dwell_exponent = 0.5\n");
        assert_eq!(line("bus.closing=turn_away"), "bus.closing = \"turn_away\"\n");
        assert_eq!(
            line("season.generate.depot=Kiskőrös"),
            "season.generate.depot = \"Kiskőrös\"\n"
        );
        assert_eq!(
            line("season.generate.from=2020-01-06"),
            "season.generate.from = 2020-01-06\n"
        );
        assert_eq!(line("name=\"a \\\" b\""), "name = \"a \\\" b\"\n");
        assert_eq!(line("x=say \"hi\""), "x = 'say \"hi\"'\n");
    }

    #[test]
    fn a_bad_key_or_a_missing_equals_sign_is_refused_in_words() {
        assert!(Setting::parse("bus.clerks").unwrap_err().contains("no '='"));
        assert!(
            Setting::parse("bus..clerks=3")
                .unwrap_err()
                .contains("not a scenario key")
        );
        assert!(
            Setting::parse("season.stop[1].dwell_hours=3")
                .unwrap_err()
                .contains("as a whole")
        );
        assert_eq!(
            Setting::parse("bus.clerks=3").unwrap().to_string(),
            "--set bus.clerks=3"
        );
    }
}
