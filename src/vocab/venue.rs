//! Where the bus parks: the venue of a stop, which changes its demand (venue multipliers).

/// Where the bus parks; changes the demand (venue multipliers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Venue {
    /// In front of the municipality building: the usual stop, the demand model's reference.
    Municipality,
    /// A care home or other social institution.
    SocialInstitution,
    /// A kindergarten or school.
    School,
    /// A large employer's site.
    Employer,
    /// A public event.
    Event,
}

impl Venue {
    /// Every venue, in the order of the scenario format's tables.
    pub const ALL: [Venue; 5] = [
        Venue::Municipality,
        Venue::SocialInstitution,
        Venue::School,
        Venue::Employer,
        Venue::Event,
    ];

    /// The snake_case name used in TOML and CSV.
    pub fn as_str(&self) -> &'static str {
        match self {
            Venue::Municipality => "municipality",
            Venue::SocialInstitution => "social_institution",
            Venue::School => "school",
            Venue::Employer => "employer",
            Venue::Event => "event",
        }
    }
}
