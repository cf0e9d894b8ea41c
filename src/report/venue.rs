//! A venue's name for people: its label in the label table, and its word in terminal tables.

use super::lang::{Label, Lang};
use crate::scenario::Venue;

/// The venue's label (capitalised: "Municipality", "Polgármesteri hivatal").
pub fn venue_label(venue: Venue) -> Label {
    match venue {
        Venue::Municipality => Label::VenueMunicipality,
        Venue::SocialInstitution => Label::VenueSocialInstitution,
        Venue::School => Label::VenueSchool,
        Venue::Employer => Label::VenueEmployer,
        Venue::Event => Label::VenueEvent,
    }
}

/// The venue as a word inside a line of text: English uses the scenario's key (`municipality`,
/// as in the TOML and the CSV files), Hungarian the label in lower case ("polgármesteri hivatal").
pub fn venue_name(lang: Lang, venue: Venue) -> String {
    match lang {
        Lang::En => venue.as_str().to_string(),
        Lang::Hu => lang.text(venue_label(venue)).to_lowercase(),
    }
}
