//! Fixed colours of the 11 districts (járások) of Bács-Kiskun, so a district keeps its colour in
//! every chart and scenario.

use plotters::style::RGBColor;

/// The districts as KSH names them, each with its colour (Tableau 10 plus two, chosen so that
/// neighbouring districts differ).
const DISTRICT_COLOURS: [(&str, RGBColor); 11] = [
    ("Bajai járás", RGBColor(242, 142, 43)),
    ("Bácsalmási járás", RGBColor(78, 121, 167)),
    ("Jánoshalmai járás", RGBColor(225, 87, 89)),
    ("Kalocsai járás", RGBColor(118, 183, 178)),
    ("Kecskeméti járás", RGBColor(89, 161, 79)),
    ("Kiskőrösi járás", RGBColor(237, 201, 72)),
    ("Kiskunfélegyházi járás", RGBColor(176, 122, 161)),
    ("Kiskunhalasi járás", RGBColor(255, 157, 167)),
    ("Kiskunmajsai járás", RGBColor(156, 117, 95)),
    ("Kunszentmiklósi járás", RGBColor(160, 203, 232)),
    ("Tiszakécskei járás", RGBColor(182, 153, 45)),
];

/// Colour of a district that is not one of the eleven (e.g. a stop outside the county).
pub(super) const OTHER_DISTRICT: RGBColor = RGBColor(150, 150, 150);

/// The district's colour.
pub(super) fn district_colour(district: &str) -> RGBColor {
    DISTRICT_COLOURS
        .iter()
        .find(|(name, _)| *name == district)
        .map_or(OTHER_DISTRICT, |(_, colour)| *colour)
}

/// Position of a district in the fixed order (unknown districts after the eleven).
pub(super) fn district_rank(district: &str) -> usize {
    DISTRICT_COLOURS
        .iter()
        .position(|(name, _)| *name == district)
        .unwrap_or(DISTRICT_COLOURS.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn eleven_distinct_colours() {
        let colours: HashSet<_> = DISTRICT_COLOURS.iter().map(|(_, c)| (c.0, c.1, c.2)).collect();
        assert_eq!(colours.len(), 11);
        assert!(!colours.contains(&(OTHER_DISTRICT.0, OTHER_DISTRICT.1, OTHER_DISTRICT.2)));
    }

    #[test]
    fn names_are_spelled_as_in_the_settlement_data() {
        // The districts of data/bacs-kiskun-settlements.csv (KSH spelling).
        for name in [
            "Bajai járás",
            "Bácsalmási járás",
            "Jánoshalmai járás",
            "Kalocsai járás",
            "Kecskeméti járás",
            "Kiskunfélegyházi járás",
            "Kiskunhalasi járás",
            "Kiskunmajsai járás",
            "Kiskőrösi járás",
            "Kunszentmiklósi járás",
            "Tiszakécskei járás",
        ] {
            assert_ne!(district_colour(name), OTHER_DISTRICT, "{name}");
        }
        assert_eq!(district_colour("Budapest"), OTHER_DISTRICT);
        assert_eq!(district_rank("Budapest"), 11);
    }
}
