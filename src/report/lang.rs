//! Output language and the label table: every chart and report text in English and Hungarian.

use std::fmt;
use std::str::FromStr;

/// Language of charts and reports (`--lang en|hu`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Hu,
}

/// A language code that is neither `en` nor `hu`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`: expected `en` or `hu`")]
pub struct UnknownLang(pub String);

/// A template placeholder that was not given a value, or a value given for no placeholder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FillError {
    #[error("label {label:?}: placeholder `{{{name}}}` has no value")]
    Missing { label: Label, name: String },
    #[error("label {label:?}: value given for `{name}`, which the label does not use")]
    Unused { label: Label, name: String },
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Hu];

    /// The ISO 639-1 code (`en`, `hu`), also the HTML `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Hu => "hu",
        }
    }

    /// `value` rounded to `decimals`, with this language's separators:
    /// English "12,345.6"; Hungarian "12 345,6" (no-break space; four-digit numbers not grouped, as
    /// the Hungarian spelling rules (AkH. 12, 291.) allow).
    pub fn number(self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return "–".to_string();
        }
        let text = format!("{:.*}", decimals, value.abs());
        let (int_part, frac_part) = match text.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (text.as_str(), None),
        };
        let (group_sep, decimal_sep, min_digits_to_group) = match self {
            Lang::En => (",", ".", 4),
            Lang::Hu => ("\u{a0}", ",", 5),
        };
        let mut out = String::new();
        let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
        if negative {
            out.push('−');
        }
        out.push_str(&group_digits(int_part, group_sep, min_digits_to_group));
        if let Some(frac) = frac_part {
            out.push_str(decimal_sep);
            out.push_str(frac);
        }
        out
    }

    /// A share (0.82) as a percentage ("82%"), with this language's decimal separator.
    pub fn percent(self, share: f64, decimals: usize) -> String {
        format!("{}%", self.number(share * 100.0, decimals))
    }

    /// A day and month, short: English "7 Sep", Hungarian "szept. 7."
    pub fn short_date(self, date: jiff::civil::Date) -> String {
        let month = (date.month() - 1) as usize;
        match self {
            Lang::En => format!("{} {}", date.day(), MONTHS_EN[month]),
            Lang::Hu => format!("{} {}.", MONTHS_HU[month], date.day()),
        }
    }

    /// The label's text in this language.
    pub fn text(self, label: Label) -> &'static str {
        label.text(self)
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "hu" => Ok(Lang::Hu),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// English month abbreviations.
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Hungarian month abbreviations (AkH. 12 list of abbreviations).
const MONTHS_HU: [&str; 12] = [
    "jan.", "febr.", "márc.", "ápr.", "máj.", "jún.", "júl.", "aug.", "szept.", "okt.", "nov.", "dec.",
];

/// `digits` with `sep` between groups of three, when it has at least `min_digits` digits.
fn group_digits(digits: &str, sep: &str, min_digits: usize) -> String {
    if digits.len() < min_digits {
        return digits.to_string();
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// Defines `Label`, `Label::ALL` and the table; each entry names its English and Hungarian text,
/// so a label cannot exist in one language only.
macro_rules! label_table {
    ($($key:ident => $en:literal, $hu:literal;)*) => {
        /// Every fixed text of the charts and the report. Texts with `{name}` placeholders are
        /// templates: fill them with [`Label::fill`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Label {
            $($key,)*
        }

        impl Label {
            /// Every label, in table order.
            pub const ALL: &'static [Label] = &[$(Label::$key,)*];

            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Label::$key, Lang::En) => $en,
                        (Label::$key, Lang::Hu) => $hu,
                    )*
                }
            }
        }
    };
}

label_table! {
    // --- County map ---------------------------------------------------------------------------
    MapTitle => "Bács-Kiskun county: settlements and the season's stops",
        "Bács-Kiskun vármegye: települések és a szezon megállói";
    MapLongitude => "Longitude (°E)", "Földrajzi hosszúság (°K)";
    MapLatitude => "Latitude (°N)", "Földrajzi szélesség (°É)";
    MapDistrictsHeading => "Districts", "Járások";
    MapMarkersHeading => "Markers", "Jelek";
    MapPermanentOffice => "Permanent government window", "Állandó kormányablak";
    MapSettlement => "Settlement", "Település";
    MapSeasonStop => "Stop of the season (ring)", "A szezon megállója (gyűrű)";
    MapRoute => "Bus-day route", "Egy busznap útvonala";
    MapScaleHeading => "Scale", "Lépték";
    MapSizeHeading => "Expected clients per visit", "Várható ügyfélszám látogatásonként";

    // --- Queue over opening hours ---------------------------------------------------------------
    QueueTitle => "Queue over the opening hours – {stop}", "Sorban állók a nyitvatartás alatt – {stop}";
    QueueTimeAxis => "Time since opening (min)", "Idő a nyitástól (perc)";
    QueueWaitingAxis => "Clients waiting (not in service)", "Várakozó ügyfelek (nem a pultnál)";
    QueueMean => "Mean over replications", "Átlag a replikációkban";
    QueueBand => "10–90% band", "10–90%-os sáv";
    QueueClosing => "Closing time ({dwell_min} min)", "Zárás ({dwell_min} perc)";

    // --- Wait distribution ----------------------------------------------------------------------
    WaitTitle => "Waiting time of served clients", "A kiszolgált ügyfelek várakozási ideje";
    WaitAxis => "Waiting time (min)", "Várakozási idő (perc)";
    WaitShareAxis => "Share of served clients (%)", "A kiszolgált ügyfelek aránya (%)";
    WaitCumulativeAxis => "Cumulative share (%)", "Halmozott arány (%)";
    WaitBars => "Share per {bin_min}-minute bin", "Arány {bin_min} perces sávonként";
    WaitOverflow => "{limit_min} min or longer (last bar)", "{limit_min} perc vagy több (utolsó oszlop)";
    WaitCumulative => "Waited less than this (right axis)", "Ennél rövidebb ideig várt (jobb tengely)";
    WaitTarget => "Target: {target_min} min ({share} wait less)", "Cél: {target_min} perc ({share} vár kevesebbet)";

    // --- Staffing -------------------------------------------------------------------------------
    StaffingTitle => "Clerks needed by settlement population", "Szükséges ügyintézők a település lakosságszáma szerint";
    StaffingPopulationAxis => "Settlement population (log scale)", "A település lakosságszáma (fő, logaritmikus skála)";
    StaffingClerksAxis => "Clerks needed", "Szükséges ügyintézők (fő)";
    StaffingNotMet => "Target not met with {desks} desks", "{desks} pulttal a cél nem teljesül";
    StaffingDesks => "Desks on the bus ({desks})", "Pultok a buszon ({desks})";

    // --- Policy comparison ----------------------------------------------------------------------
    PolicyTitle => "Dwell policies compared", "A tartózkodási szabályok összehasonlítása";
    PolicySubtitle => "Season totals: bars give the mean, whiskers the 95% confidence interval",
        "Szezon összesen: az oszlop az átlag, a vonal a 95%-os megbízhatósági intervallum";
    PolicyServedPanel => "Served clients", "Kiszolgált ügyfelek";
    PolicyLostPanel => "Clients lost (left unserved)", "Kiszolgálás nélkül távozók";
    PolicyClerkHoursPanel => "Clerk-hours (h)", "Ügyintézői órák (óra)";
    PolicyClientsUnit => "clients", "fő";

    // --- Season over time -----------------------------------------------------------------------
    SeasonTitle => "Clients per week over the season", "Ügyfelek hetente a szezon során";
    SeasonWeekAxis => "Week starting on ({year})", "A hét első napja ({year})";
    SeasonClientsAxis => "Clients per week", "Ügyfelek hetente (fő)";
    SeasonMean => "Mean over replications", "Átlag a replikációkban";
    BandCi95 => "95% confidence interval", "95%-os megbízhatósági intervallum";
    BandP10P90 => "10–90% of replications", "A replikációk 10–90%-a";

    // --- Calibration ----------------------------------------------------------------------------
    CalibrationTitle => "Calibration: model against the 2019 figures", "Kalibráció: a modell és a 2019-es adatok";
    CalibrationCountAxis => "Count", "Darabszám";
    CalibrationModel => "Model: mean and 95% CI", "Modell: átlag és 95%-os megbízhatósági intervallum";
    CalibrationTarget => "2019 figure", "2019-es adat";
    CalibrationTargetLowerBound => "2019 figure (“more than”)", "2019-es adat („több mint”)";
    CalibrationStopLog => "Stop log", "Megállónapló";
    Stops2019 => "Stops, 2019", "Megállók, 2019";
    Uses2019 => "Uses, 2019 (whole year)", "Igénybevételek, 2019 (egész év)";
    ClientsTour2 => "Clients, Aug–Nov 2019", "Ügyfelek, 2019. aug.–nov.";
    CasesTour2 => "Cases handled, Aug–Nov 2019", "Elintézett ügyek, 2019. aug.–nov.";
    InfoOnlyTour2 => "Information only, Aug–Nov 2019", "Csak tájékoztatás, 2019. aug.–nov.";

    // --- Dwell and closing policies (series names, table cells) ---------------------------------
    PolicyDwellBySize => "Dwell by settlement size", "Tartózkodás a település mérete szerint";
    PolicyDwellFixed => "Fixed dwell", "Rögzített tartózkodási idő";
    PolicyDwellDemandDriven => "Demand-driven dwell", "Igényhez igazított tartózkodási idő";
    ClosingServeAll => "Everyone waiting is served (overtime)", "Minden várakozó sorra kerül (túlóra)";
    ClosingTurnAway => "Those waiting at closing are sent home", "A záráskor várakozókat hazaküldik";
    ClosingNoNewLast => "No new clients in the last {minutes} min", "Az utolsó {minutes} percben nincs új ügyfél";

    // --- Venues ---------------------------------------------------------------------------------
    VenueMunicipality => "Municipality", "Polgármesteri hivatal";
    VenueSocialInstitution => "Social institution", "Szociális intézmény";
    VenueSchool => "School", "Iskola";
    VenueEmployer => "Employer", "Munkáltató";
    VenueEvent => "Event", "Rendezvény";

    // --- Report sections ------------------------------------------------------------------------
    ReportTitle => "Government-window bus: demand and staffing – {scenario}",
        "Kormányablakbusz: ügyfélforgalom és létszám – {scenario}";
    SectionSummary => "Summary", "Összefoglaló";
    SectionCharts => "Charts", "Ábrák";
    SectionTables => "Key tables", "Fő táblázatok";
    SectionAssumptions => "Assumptions", "Feltevések";
    SectionSources => "Data sources", "Adatforrások";

    // --- Table headers --------------------------------------------------------------------------
    ColSettlement => "Settlement", "Település";
    ColDistrict => "District", "Járás";
    ColDate => "Date", "Dátum";
    ColStart => "Opens", "Nyitás";
    ColDwellHours => "Dwell (h)", "Tartózkodás (óra)";
    ColVenue => "Venue", "Helyszín";
    ColClerks => "Clerks", "Ügyintézők";
    ColExpectedClients => "Expected clients", "Várható ügyfelek";
    ColArrivals => "Arrivals", "Érkezők";
    ColServed => "Served clients", "Kiszolgált ügyfelek";
    ColReneged => "Gave up waiting", "Várakozás közben távozók";
    ColBalked => "Did not join the queue", "Sorba be nem állók";
    ColTurnedAway => "Sent-home clients", "Hazaküldött ügyfelek";
    ColLost => "Clients lost", "Kiszolgálás nélkül távozók";
    ColMeanWait => "Mean wait (min)", "Átlagos várakozás (perc)";
    ColP90Wait => "90th percentile wait (min)", "A várakozás 90%-os kvantilise (perc)";
    ColMeanQueue => "Mean queue (clients)", "Átlagos sorhossz (fő)";
    ColMaxQueue => "Longest queue (clients)", "Leghosszabb sor (fő)";
    ColUtilisation => "Clerk utilisation", "Ügyintézők kihasználtsága";
    ColOvertime => "Overtime (min)", "Túlóra (perc)";
    ColClerkHours => "Clerk-hours", "Ügyintézői órák";
    ColUses => "Uses (errands)", "Igénybevételek (ügyek)";
    ColCiHalfWidth => "± 95% CI", "± 95%-os megbízhatósági intervallum";

    // --- Report sentences -----------------------------------------------------------------------
    SentenceAnswer => "With {clerks} clerks and the policy “{policy}”, {share} of clients wait under {target_min} minutes.",
        "{clerks} ügyintézővel és „{policy}” szabállyal az ügyfelek {share}-a {target_min} percnél rövidebb ideig vár.";
    SentenceSentHome => "About {lost} clients a season leave unserved, mostly at these stops: {stops}.",
        "Szezononként mintegy {lost} ügyfél távozik kiszolgálás nélkül, főleg ezeken a megállókon: {stops}.";
    SentenceNoneSentHome => "Practically no client leaves unserved.", "Gyakorlatilag egyetlen ügyfél sem távozik kiszolgálás nélkül.";
    SentenceUncertainty => "Figures are means over {replications} simulated seasons; ± gives the 95% confidence interval.",
        "Az értékek {replications} szimulált szezon átlagai; a ± a 95%-os megbízhatósági intervallumot adja meg.";
    SentenceFontCredit => "Charts use the DejaVu Sans font (Bitstream Vera licence).",
        "Az ábrák betűtípusa DejaVu Sans (Bitstream Vera licenc).";
    SentenceDataCredit => "Settlement data: Hungarian Central Statistical Office (KSH), gazetteer of 1 January 2019.",
        "Településadatok: Központi Statisztikai Hivatal (KSH), helységnévtár, 2019. január 1.";
}

impl Label {
    /// Placeholder names (`{name}`) in the text of `lang`, in order of appearance.
    pub fn placeholders(self, lang: Lang) -> Vec<&'static str> {
        let text = self.text(lang);
        let mut names = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    names.push(&after[..close]);
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
        names
    }

    /// The text in `lang` with every `{name}` replaced by its value; every placeholder must get a
    /// value and every value must have a placeholder.
    pub fn fill(self, lang: Lang, values: &[(&str, &str)]) -> Result<String, FillError> {
        let names = self.placeholders(lang);
        if let Some((name, _)) = values.iter().find(|(n, _)| !names.contains(n)) {
            return Err(FillError::Unused {
                label: self,
                name: (*name).to_string(),
            });
        }
        let mut text = self.text(lang).to_string();
        for name in names {
            let value = values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| *v)
                .ok_or_else(|| FillError::Missing {
                    label: self,
                    name: name.to_string(),
                })?;
            text = text.replace(&format!("{{{name}}}"), value);
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_label_has_text_in_both_languages() {
        for &label in Label::ALL {
            for lang in Lang::ALL {
                let text = label.text(lang);
                assert!(!text.trim().is_empty(), "{label:?} is empty in {lang}");
                assert_eq!(text, text.trim(), "{label:?} has stray spaces in {lang}");
            }
        }
    }

    #[test]
    fn hungarian_labels_use_the_double_acute_accents() {
        for &label in Label::ALL {
            let hu = label.text(Lang::Hu);
            for wrong in ['õ', 'û', 'Õ', 'Û', 'ô', 'Ô'] {
                assert!(!hu.contains(wrong), "{label:?}: `{wrong}` in {hu:?}");
            }
        }
        let all_hu: String = Label::ALL.iter().map(|l| l.text(Lang::Hu)).collect();
        for needed in ['ő', 'ű', 'á', 'é', 'í', 'ó', 'ö', 'ú', 'ü'] {
            assert!(all_hu.contains(needed), "no `{needed}` in any Hungarian label");
        }
    }

    #[test]
    fn known_labels_read_as_expected() {
        assert_eq!(Label::WaitAxis.text(Lang::Hu), "Várakozási idő (perc)");
        assert_eq!(Label::ColServed.text(Lang::Hu), "Kiszolgált ügyfelek");
        assert_eq!(Label::ColTurnedAway.text(Lang::Hu), "Hazaküldött ügyfelek");
        assert!(Label::StaffingClerksAxis.text(Lang::Hu).contains("ügyintéző"));
        assert_eq!(Label::WaitAxis.text(Lang::En), "Waiting time (min)");
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for &label in Label::ALL {
            let en: BTreeSet<_> = label.placeholders(Lang::En).into_iter().collect();
            let hu: BTreeSet<_> = label.placeholders(Lang::Hu).into_iter().collect();
            assert_eq!(en, hu, "{label:?}");
        }
    }

    #[test]
    fn most_labels_are_translated() {
        // Identical texts are allowed only where the words are the same in both languages.
        let same: Vec<_> = Label::ALL
            .iter()
            .filter(|l| l.text(Lang::En) == l.text(Lang::Hu))
            .collect();
        assert!(same.is_empty(), "untranslated: {same:?}");
    }

    #[test]
    fn fill_replaces_placeholders_and_rejects_mistakes() {
        let text = Label::QueueTitle
            .fill(Lang::Hu, &[("stop", "Kiskőrös, 2020-09-14")])
            .unwrap();
        assert_eq!(text, "Sorban állók a nyitvatartás alatt – Kiskőrös, 2020-09-14");
        assert_eq!(
            Label::QueueTitle.fill(Lang::En, &[]),
            Err(FillError::Missing {
                label: Label::QueueTitle,
                name: "stop".into()
            })
        );
        assert!(matches!(
            Label::WaitTitle.fill(Lang::En, &[("stop", "x")]),
            Err(FillError::Unused { .. })
        ));
    }

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(Lang::En.number(3600.0, 0), "3,600");
        assert_eq!(Lang::Hu.number(3600.0, 0), "3600");
        assert_eq!(Lang::Hu.number(110_687.0, 0), "110\u{a0}687");
        assert_eq!(Lang::En.number(1234567.891, 2), "1,234,567.89");
        assert_eq!(Lang::Hu.number(12.26, 1), "12,3");
        assert_eq!(Lang::Hu.number(-1.5, 1), "−1,5");
        assert_eq!(Lang::En.number(-0.01, 1), "0.0");
        assert_eq!(Lang::En.percent(0.825, 1), "82.5%");
        assert_eq!(Lang::Hu.percent(0.9, 0), "90%");
    }

    #[test]
    fn short_dates_follow_each_language() {
        let date = jiff::civil::date(2020, 9, 7);
        assert_eq!(Lang::En.short_date(date), "7 Sep");
        assert_eq!(Lang::Hu.short_date(date), "szept. 7.");
        assert_eq!(Lang::Hu.short_date(jiff::civil::date(2020, 3, 30)), "márc. 30.");
    }

    #[test]
    fn parses_language_codes() {
        assert_eq!("hu".parse::<Lang>(), Ok(Lang::Hu));
        assert_eq!(" EN ".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("de".parse::<Lang>(), Err(UnknownLang("de".into())));
        assert_eq!(Lang::Hu.to_string(), "hu");
    }
}
