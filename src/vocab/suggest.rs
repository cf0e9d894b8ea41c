//! "Did you mean" suggestions: edit distance between names, with an accent-insensitive tie-breaker.

use strsim::levenshtein;

/// Most names suggested for one unknown name.
pub(crate) const MAX_SUGGESTIONS: usize = 3;

/// Lower case with the Hungarian (and common Latin) accents removed: `Kiskőrös` → `kiskoros`.
pub(crate) fn fold_accents(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'ő' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ű' => 'u',
            other => other,
        })
        .collect()
}

/// The candidates closest to `wanted`, best first, at most [`MAX_SUGGESTIONS`].
///
/// Ranking: edit distance (Levenshtein, counted in characters) between the lower-cased names; ties are broken by the distance between
/// the accent-folded names (so `Kiskoros` ranks `Kiskőrös` first), then alphabetically. Candidates
/// further than a third of the longer name's length (at least 2 edits) are not suggested, except
/// that an accent-folded exact match is always suggested.
pub(crate) fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    let wanted_folded = fold_accents(wanted);
    let mut ranked: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .filter_map(|name| {
            let plain = levenshtein(&wanted_lower, &name.to_lowercase());
            let folded = levenshtein(&wanted_folded, &fold_accents(name));
            let longer = wanted.chars().count().max(name.chars().count());
            let allowed = (longer / 3).max(2);
            (plain <= allowed || folded == 0).then_some((plain, folded, name))
        })
        .collect();
    ranked.sort_unstable();
    ranked
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, _, name)| name)
        .collect()
}

/// `"A", "B" or "C"` for a help line; empty when there is nothing to suggest.
pub(crate) fn did_you_mean(suggestions: &[&str]) -> Option<String> {
    let quoted: Vec<String> = suggestions.iter().map(|s| format!("\"{s}\"")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [init @ .., last] => Some(format!("did you mean {} or {last}?", init.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_characters_not_bytes() {
        // ő is one substitution away from o, though it takes two bytes in UTF-8.
        assert_eq!(levenshtein("Kiskőrös", "Kiskoros"), 2);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }

    #[test]
    fn folding_removes_hungarian_accents() {
        assert_eq!(fold_accents("Kiskőrös"), "kiskoros");
        assert_eq!(fold_accents("ÚJSOLT"), "ujsolt");
        assert_eq!(fold_accents("Ágasegyháza"), "agasegyhaza");
        assert_eq!(fold_accents("Kecskemét"), "kecskemet");
    }

    #[test]
    fn accent_folding_breaks_ties() {
        // "Bajo" is one edit from both "Baja" and "Bajő"; folding makes "Bajő" an exact match.
        assert_eq!(closest("Bajo", ["Baja", "Bajő"]), vec!["Bajő", "Baja"]);
    }

    #[test]
    fn far_names_are_not_suggested() {
        assert!(closest("Zzzzzzzz", ["Baja", "Kecskemét"]).is_empty());
        assert_eq!(closest("kecskemet", ["Baja", "Kecskemét"]), vec!["Kecskemét"]);
    }

    #[test]
    fn help_line_lists_names() {
        assert_eq!(did_you_mean(&[]), None);
        assert_eq!(did_you_mean(&["Baja"]).unwrap(), "did you mean \"Baja\"?");
        assert_eq!(
            did_you_mean(&["Baja", "Bácsalmás", "Bácsbokod"]).unwrap(),
            "did you mean \"Baja\", \"Bácsalmás\" or \"Bácsbokod\"?"
        );
    }
}
