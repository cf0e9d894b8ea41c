//! Hungarian alphabetical order for names in tables (districts, settlements), at the level the
//! county's names need: accents are ignored except that ö/ő follow o and ü/ű follow u.

/// A key that sorts names as a Hungarian dictionary does for single letters: a = á, e = é, i = í,
/// o = ó < ö = ő, u = ú < ü = ű, case ignored. (The digraphs cs, gy, ly, ny, sz, ty, zs and dzs,
/// which Hungarian sorts as letters of their own, are not treated apart; ties fall back to the
/// text itself, so the order is total.)
pub(super) fn hungarian_sort_key(name: &str) -> (Vec<(char, u8)>, String) {
    let letters = name
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' => ('a', 0),
            'é' => ('e', 0),
            'í' => ('i', 0),
            'ó' => ('o', 0),
            'ö' | 'ő' => ('o', 1),
            'ú' => ('u', 0),
            'ü' | 'ű' => ('u', 1),
            other => (other, 0),
        })
        .collect();
    (letters, name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn districts_sort_as_in_a_hungarian_list() {
        let mut names = vec![
            "Kiskunmajsai járás",
            "Bajai járás",
            "Kiskőrösi járás",
            "Bácsalmási járás",
            "Kiskunfélegyházi járás",
            "Kalocsai járás",
        ];
        names.sort_by_cached_key(|n| hungarian_sort_key(n));
        assert_eq!(
            names,
            [
                "Bácsalmási járás",
                "Bajai járás",
                "Kalocsai járás",
                "Kiskőrösi járás",
                "Kiskunfélegyházi járás",
                "Kiskunmajsai járás",
            ]
        );
    }
}
