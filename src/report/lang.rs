//! Output language and the label table: every chart and report text in English and Hungarian.

use std::fmt;
use std::str::FromStr;

use super::number::{CSV_NUMBER, NumberStyle, format_number};

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
        format_number(value, decimals, &self.number_style())
    }

    /// This language's way of writing numbers for people (`–` when there is no number).
    fn number_style(self) -> NumberStyle {
        let (group_separator, decimal_separator, min_digits_to_group) = match self {
            Lang::En => (",", ".", 4),
            Lang::Hu => ("\u{a0}", ",", 5),
        };
        NumberStyle {
            group_separator,
            decimal_separator,
            min_digits_to_group,
            minus: "−",
            not_finite: "–",
            signed_zero: false,
        }
    }

    /// `value` with `decimals` decimals and this language's decimal separator, without digit groups:
    /// the form of the terminal tables (English "3016.0", Hungarian "3016,0"). Not-a-number and
    /// infinities print as Rust prints them.
    pub fn plain_number(self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return format!("{value}");
        }
        let decimal_separator = match self {
            Lang::En => ".",
            Lang::Hu => ",",
        };
        format_number(
            value,
            decimals,
            &NumberStyle {
                decimal_separator,
                ..CSV_NUMBER
            },
        )
    }

    /// `value` as Rust writes it in the fewest digits that read back the same ("20", "1.2"), with
    /// this language's decimal separator: for parameters echoed as the scenario gives them.
    pub fn shortest_number(self, value: f64) -> String {
        let text = format!("{value}");
        match self {
            Lang::En => text,
            Lang::Hu => text.replace('.', ","),
        }
    }

    /// The abbreviated name of a weekday: English "Mon", Hungarian "H" (hétfő).
    pub fn weekday_abbreviation(self, weekday: jiff::civil::Weekday) -> &'static str {
        let names = match self {
            Lang::En => &WEEKDAYS_EN,
            Lang::Hu => &WEEKDAYS_HU,
        };
        names[usize::from(weekday.to_monday_zero_offset().unsigned_abs())]
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

    /// The abbreviated name of `month` (1–12): English "Sep", Hungarian "szept."; empty outside 1–12.
    pub fn month_abbreviation(self, month: i8) -> &'static str {
        let names = match self {
            Lang::En => &MONTHS_EN,
            Lang::Hu => &MONTHS_HU,
        };
        usize::try_from(month - 1)
            .ok()
            .and_then(|i| names.get(i))
            .copied()
            .unwrap_or("")
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

/// English weekday abbreviations, Monday first.
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Hungarian weekday abbreviations (AkH. list: H, K, Sze, Cs, P, Szo, V), Monday first.
const WEEKDAYS_HU: [&str; 7] = ["H", "K", "Sze", "Cs", "P", "Szo", "V"];

/// English month abbreviations.
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Hungarian month abbreviations (AkH. 12 list of abbreviations).
const MONTHS_HU: [&str; 12] = [
    "jan.", "febr.", "márc.", "ápr.", "máj.", "jún.", "júl.", "aug.", "szept.", "okt.", "nov.", "dec.",
];

/// `digits` with `sep` between groups of three, when it has at least `min_digits` digits.
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
    // --- Terminal: every command -----------------------------------------------------------------
    WrittenTo => "Written to {dir}/ ({files})", "Kiírva: {dir}/ ({files})";
    WrittenFile => "Written to {path}", "Kiírva: {path}";
    Interrupted => "interrupted: nothing was written, earlier results are intact", "megszakítva: semmi sem íródott ki, a korábbi eredmények épek";

    // --- Terminal: check -------------------------------------------------------------------------
    CheckScenario => "Scenario: {name}", "Forgatókönyv: {name}";
    CheckSimulation => "Simulation: {replications} replications, seed {seed}, {threads}",
        "Szimuláció: {replications} replikáció, véletlenszám-mag {seed}, {threads}";
    CheckAllCores => "all cores", "minden processzormag";
    CheckThreads => "{threads} threads", "{threads} szál";
    CheckBus => "Bus: {desks} desks; at closing: {closing}; wait target {wait} min; mean errands per client {errands}",
        "Busz: {desks} pult; záráskor: {closing}; várakozási cél {wait} perc; átlagos ügyszám ügyfelenként {errands}";
    CheckClosingServeAll => "serve everyone waiting (overtime)", "minden várakozót kiszolgálnak (túlóra)";
    CheckClosingTurnAway => "turn away those still waiting", "a még várakozókat hazaküldik";
    CheckClosingLastEntry => "no entry in the last {minutes} min", "az utolsó {minutes} percben nincs belépés";
    CheckColDate => "date", "dátum";
    CheckColDay => "day", "nap";
    CheckColStart => "start", "kezdés";
    CheckColEnd => "end", "vége";
    CheckColSettlement => "settlement", "település";
    CheckColDistrict => "district", "járás";
    CheckColVenue => "venue", "helyszín";
    CheckColDwell => "dwell h", "tartózkodás, óra";
    CheckColClerks => "clerks", "ügyintéző";
    CheckColExpected => "expected", "várható";
    CheckColOrigin => "demand from", "a kereslet forrása";
    CheckOriginModel => "model: {population} residents, {km} km to an office",
        "modell: {population} lakos, {km} km a legközelebbi kormányablakig";
    CheckOriginClients => "given: expected_clients", "megadva: expected_clients";
    CheckOriginRate => "given: {per_hour} clients/h", "megadva: {per_hour} ügyfél/óra";
    CheckNoSettlement => "(no settlement)", "(nincs település)";
    CheckNoDates => "no dates", "nincs dátum";
    CheckSeason => "Season: {stops} stops on {days} days, {span}", "Szezon: {stops} megálló {days} napon, {span}";
    CheckOpeningHours => "opening hours {bus_hours} bus-hours, {clerk_hours} clerk-hours (without overtime)",
        "nyitvatartás: {bus_hours} buszóra, {clerk_hours} ügyintézői óra (túlóra nélkül)";
    CheckExpected => "expected clients {clients} ({per_stop} per stop), expected uses {uses}, of which information only {information}",
        "várható ügyfélszám {clients} (megállónként {per_stop}), várható igénybevétel {uses}, ebből csak tájékoztatás {information}";
    CheckColStops => "stops", "megálló";
    CheckColBusHours => "bus-hours", "buszóra";
    CheckColClerkHours => "clerk-hours", "ügyintézői óra";
    CheckColExpectedClients => "expected clients", "várható ügyfélszám";
    CheckItinerary => "Generated itinerary: {bus_days} bus-days, {km} road km, {driving} h driving, {open} h open",
        "Generált útiterv: {bus_days} busznap, {km} közúti km, {driving} óra vezetés, {open} óra nyitvatartás";
    CheckEveryVisitFits => "every wanted visit fits", "minden kívánt látogatás elfér";
    CheckVisitsNotFitting => "{count} wanted visits did not fit:", "{count} kívánt látogatás nem fért el:";
    CheckUnplacedVisit => "{place} ({venue}), visit {occurrence} of {wanted}: {reason}",
        "{place} ({venue}), {wanted} látogatásból a(z) {occurrence}.: {reason}";
    UnplacedLongerThanWindow => "needs {needed_min} min from the day's start until back at the depot (travel, the wait for the opening time, set-up, dwell, pack-up) but the daily window is {window_min} min",
        "a nap kezdetétől a telephelyre való visszaérkezésig {needed_min} perc kell (utazás, várakozás a nyitás idejére, telepítés, nyitvatartás, bontás), de a napi időablak csak {window_min} perc";
    UnplacedGapBeyondSeason => "after the visit on {previous}, the minimum gap allows the next one only from {earliest}, after the season's last working day",
        "az előző látogatás ({previous}) után a legkisebb kihagyás miatt a következő legkorábban {earliest} napon lehetne, a szezon utolsó munkanapja után";
    UnplacedGapBeyondRound => "after the visit on {previous}, the minimum gap allows the next one only from {earliest}, after its round ends on {round_end}",
        "az előző látogatás ({previous}) után a legkisebb kihagyás miatt a következő legkorábban {earliest} napon lehetne, a köre vége ({round_end}) után";
    UnplacedGapTooLong => "after the visit on {previous}, the most days between visits ask for the next one by {latest}, before its round starts on {round_start}",
        "az előző látogatás ({previous}) után a legnagyobb kihagyás miatt a következőnek legkésőbb {latest} napon kellene lennie, a köre kezdete ({round_start}) előtt";
    UnplacedRoundFull => "every working day from {from} to {until} was already full",
        "{from} és {until} között már minden munkanap betelt";

    // --- Terminal: staff -------------------------------------------------------------------------
    StaffHeading => "Staffing under dwell policy \"{policy}\" ({stops} stops)",
        "Létszám a(z) „{policy}” tartózkodási szabály szerint ({stops} megálló)";
    StaffColSizeClass => "size class", "méretosztály";
    StaffColStops => "stops", "megálló";
    StaffColByClerks => "stops by fewest clerks meeting every target",
        "megállók a minden célt teljesítő legkisebb létszám szerint";
    StaffClassBounded => "{low}–{high} residents", "{low}–{high} lakos";
    StaffClassOpen => "{low}+ residents", "{low}+ lakos";
    StaffClassGiven => "other (given demand)", "egyéb (megadott kereslet)";
    StaffOneClerk => "{clerks} clerk: {stops}", "{clerks} ügyintéző: {stops}";
    StaffClerks => "{clerks} clerks: {stops}", "{clerks} ügyintéző: {stops}";
    StaffNotWithinDesks => "not within the desks: {stops}", "a pultok számán belül nem: {stops}";
    StaffErlangDiffers => "Erlang C (steady state) would staff {differs} of {stops} stops differently.",
        "Az Erlang C képlet (stacionárius állapot) {stops} megállóból {differs} megállóban adna más létszámot.";
    StaffBorderlineHeading => "Too close to call at {stops} stops: fewer clerks might meet the targets, but the interval still straddles one at the cap of replications:",
        "{stops} megállóban túl szoros a döntés: kevesebb ügyintéző is teljesítheti a célokat, de az intervallum a replikációk felső korlátjánál is átfedi valamelyiket:";
    StaffBorderlineStop => "stop {stop} {date} {settlement}: {clerks} clerks too close to call; {needed} meet the targets",
        "{stop}. megálló, {date}, {settlement}: {clerks} ügyintézővel nem dönthető el; {needed} ügyintéző teljesíti a célokat";
    StaffUnstaffable => "stop {stop} {date} {settlement}: {advice}", "{stop}. megálló, {date}, {settlement}: {advice}";
    CrewHeading => "One crew per bus-day under dwell policy \"{policy}\" ({days} bus-days): the fewest clerks meeting every target at every stop of the day",
        "Egy személyzet busznaponként a(z) „{policy}” tartózkodási szabály szerint ({days} busznap): a nap minden megállóján minden célt teljesítő legkisebb létszám";
    CrewFirstClerks => "{clerks} clerks on {days} bus-days", "{clerks} ügyintéző {days} busznapon";
    CrewMoreClerks => "{clerks} on {days}", "{clerks} ügyintéző {days} napon";
    CrewNotWithinDesks => "not within the desks on {days}", "{days} napon a pultok számán belül nem";
    CrewPaidWithTravel => "{hours} paid clerk-hours including travel and set-up", "{hours} fizetett ügyintézői óra az utazással és a berendezkedéssel együtt";
    CrewPaidWithoutTravel => "{hours} paid clerk-hours including set-up, without the drives to and from the depot on days with a stop outside the settlement table",
        "{hours} fizetett ügyintézői óra a berendezkedéssel együtt, a települési táblázaton kívüli megállók napjain a telephelyről és vissza vezető út nélkül";
    CrewTravelEstimated => "the drives estimated from the depot through the stops in time order, as the stops are given without an itinerary",
        "az utak becsültek: a telephelyről a megállókon át időrendben, mert a megállók útiterv nélkül adottak";
    CrewKm => "{km} km driven", "{km} km megtett út";
    CrewCost => "cost at the scenario's rates: {huf} HUF", "költség a forgatókönyv díjtételeivel: {huf} Ft";
    CrewDayVerdict => "bus-day {number} {date} ({settlements}): {verdict} with all {desks} desks staffed", "{number}. busznap, {date} ({settlements}): {verdict}, minden pultnál ({desks}) ügyintézővel";
    VerdictFails => "fails the targets", "nem teljesíti a célokat";
    VerdictTooClose => "too close to call", "túl szoros, nem dönthető el";
    CsvDayStops => "Stop numbers of the day", "A nap megállóinak sorszáma";
    CsvDaySettlements => "Settlements of the day", "A nap települései";
    CsvDayClerksNeeded => "Fewest clerks meeting every target at every stop of the day", "A nap minden megállóján minden célt teljesítő legkisebb létszám";
    CsvClerksPaid => "Clerks paid (all desks when none meets the targets)", "Fizetett ügyintézők (minden pult, ha egyik létszám sem teljesít)";
    CsvPaidHours => "Paid hours per clerk (travel, set-up, opening, overtime, pack-up)", "Fizetett óra ügyintézőnként (utazás, berendezkedés, nyitvatartás, túlóra, összepakolás)";
    CsvOvertimeHours => "Mean overtime of the day, hours", "A nap átlagos túlórája (óra)";
    CsvPaidClerkHours => "Paid clerk-hours", "Fizetett ügyintézői órák";
    CsvPaidClerkHoursCi95 => "Paid clerk-hours, 95 % half-width (precision)", "Fizetett ügyintézői órák, 95%-os fél szélesség (pontosság)";
    CsvDiffPaidClerkHours => "Paid clerk-hours, difference to the first", "Fizetett ügyintézői órák, eltérés az elsőtől";
    CsvDiffPaidClerkHoursCi95 => "Paid clerk-hours, difference to the first, simultaneous 95 % half-width (Bonferroni)",
        "Fizetett ügyintézői órák, eltérés az elsőtől, együttes 95%-os fél szélesség (Bonferroni)";
    CsvSeasonKm => "Road km driven", "Megtett út (km)";
    CsvCostHuf => "Cost at the scenario's rates, HUF", "Költség a forgatókönyv díjtételeivel (Ft)";
    CsvDayVerdict => "Verdict of the day (meets, fails, too close to call)", "A nap minősítése (teljesít, nem teljesít, túl szoros)";
    AdviceFailing => "{target} is {achieved} (target {required})", "{target}: {achieved} (cél: {required})";
    AdviceTooClose => "{target} is {achieved}, too close to call against the target {required}",
        "{target}: {achieved}, a céltól ({required}) nem dönthető el";
    AdviceMoreDesks => "{clerks} clerks would meet every target: a vehicle with {clerks} desks",
        "{clerks} ügyintéző minden célt teljesítene: ehhez {clerks} pultos jármű kell";
    AdviceLongerDwellLost => "no number of clerks tried meets them: a longer dwell (or serving everyone at closing) would cut the clients sent home",
        "egyik kipróbált létszám sem teljesíti őket: hosszabb tartózkodás (vagy záráskor mindenki kiszolgálása) csökkentené a hazaküldött ügyfelek számát";
    AdviceLongerDwell => "no number of clerks tried meets them: a longer dwell spreads the same clients over more hours",
        "egyik kipróbált létszám sem teljesíti őket: hosszabb tartózkodással ugyanannyi ügyfél több órára oszlik el";
    AdviceAllDesks => "with all {desks} desks staffed, {failing}; {fix}",
        "mind a(z) {desks} pult működésével {failing}; {fix}";
    TargetShareWithinWait => "share served within the wait limit", "a várakozási határon belül kiszolgáltak aránya";
    TargetLostShare => "share of clients lost", "az elvesztett ügyfelek aránya";
    TargetMeanOvertime => "mean overtime (min)", "átlagos túlóra (perc)";
    TargetMeanQueue => "mean queue length", "átlagos sorhossz";

    // --- Terminal: compare and policies ------------------------------------------------------------
    CompareHeading => "{replications} replications, seed {seed} (figures: season totals, mean ± 95 % half-width)",
        "{replications} replikáció, véletlenszám-mag {seed} (a számok: szezonösszesítők, átlag ± a 95%-os megbízhatósági intervallum fél szélessége)";
    CompareColStops => "stops", "megálló";
    CompareColUnplaced => "unplaced", "kimaradt";
    CompareColServed => "served", "kiszolgált";
    CompareColLost => "lost", "elveszett";
    CompareColWait => "wait min", "várakozás, perc";
    CompareColWithinTarget => "≤ target", "≤ cél";
    CompareColClerkHours => "clerk-hours", "ügyintézői óra";
    CompareColOvertime => "overtime h", "túlóra, óra";
    CompareColPerClient => "h/client", "óra/ügyfél";
    ComparePaired => "{name} vs {baseline} (paired, 95 % simultaneously for {comparisons} comparisons, Bonferroni): served {served}, lost {lost}, clerk-hours {hours}",
        "{name} a(z) {baseline} változathoz képest (páros eltérés, {comparisons} összehasonlításra együttesen 95%, Bonferroni): kiszolgált {served}, elveszett {lost}, ügyintézői óra {hours}";
    ComparePaidClerkHours => "paid clerk-hours with travel and set-up {hours}", "fizetett ügyintézői óra az utazással és a berendezkedéssel {hours}";
    CompareNoDifference => "{name} vs {baseline}: no difference (the same results in every replication)",
        "{name} a(z) {baseline} változathoz képest: nincs eltérés (minden replikációban ugyanaz az eredmény)";
    CompareVrf => "pairing (common random numbers) divided the variance of the differences by: served {served}, lost {lost}, clerk-hours {hours}",
        "a párosítás (közös véletlen számok) ennyiszer kisebbre vette az eltérések varianciáját: kiszolgált {served}, elveszett {lost}, ügyintézői óra {hours}";
    VrfComplete => "infinity (no variance left)", "végtelen (nem maradt variancia)";
    VrfUndefined => "not defined (neither varies)", "nem értelmezhető (egyik sem változik)";
    SelectHeading => "Best by {metric} ({direction}), KN fully sequential selection (Kim & Nelson 2001) on common random numbers: indifference zone {delta} {unit}, probability of correct selection at least {pcs}, first stage {first} replications, at most {cap}",
        "A legjobb a(z) {metric} szerint ({direction}), KN teljesen szekvenciális kiválasztás (Kim és Nelson 2001) közös véletlen számokkal: közömbösségi sáv {delta} {unit}, a helyes választás valószínűsége legalább {pcs}, első szakasz {first} replikáció, legfeljebb {cap}";
    SelectHigher => "higher is better", "a nagyobb a jobb";
    SelectLower => "lower is better", "a kisebb a jobb";
    SelectBest => "best: {name}", "a legjobb: {name}";
    SelectTied => "not separated by the cap, tied within the indifference zone as far as it can tell: {names}",
        "a felső korlátig nem váltak el, a közömbösségi sávon belül egyformának tekintendők: {names}";
    SelectIdentical => "no difference: {names} give the same results in every replication",
        "nincs eltérés: {names} minden replikációban ugyanazt az eredményt adja";
    SelectReplications => "replications each needed: {list}", "változatonként szükséges replikációk: {list}";
    UnitClients => "clients", "ügyfél";
    UnitErrands => "errands", "ügy";
    UnitMinutes => "min", "perc";
    UnitClerkHours => "clerk-hours", "ügyintézői óra";
    PrecisionChosen => "{replications} replications chosen by --precision: every headline figure's 95 % half-width is at most {percent} % of its mean (or the absolute floor near zero)",
        "{replications} replikáció a --precision szerint: minden fő szám 95%-os fél szélessége legfeljebb az átlag {percent}%-a (nulla közeli átlagnál az abszolút alsó határ)";
    PrecisionCapReached => "{replications} replications (the cap of --precision): not every headline figure's 95 % half-width reached {percent} % of its mean",
        "{replications} replikáció (a --precision felső korlátja): nem minden fő szám 95%-os fél szélessége érte el az átlag {percent}%-át";
    CsvDiffCi95Bonferroni => "difference from the first, simultaneous 95% half-width (Bonferroni)", "eltérés az elsőtől, egyidejű 95%-os fél szélesség (Bonferroni)";
    CsvVrf => "variance-reduction factor of pairing", "a párosítás varianciacsökkentő tényezője";
    CsvSelection => "selection", "kiválasztás";
    CsvSelectionReplications => "selection replications", "a kiválasztás replikációi";
    ChosenDwellBorderline => "too close to call at {count} settlements: a shorter dwell might meet the targets, but the simulation cannot tell at its cap: {list}",
        "{count} településen túl szoros a döntés: egy rövidebb tartózkodás is teljesítheti a célokat, de a szimuláció a felső korlátnál sem tudja eldönteni: {list}";
    ChosenDwell => "{policy}: shortest dwell meeting the targets chosen for {settlements} settlements (mean {mean} h); {unmet} cannot meet them within the range (longest used){list}",
        "{policy}: {settlements} településen a célokat teljesítő legrövidebb tartózkodás kiválasztva (átlag {mean} óra); {unmet} település a tartományon belül nem teljesíti őket (a leghosszabb kipróbáltat kapja){list}";

    // --- Terminal: plan --------------------------------------------------------------------------
    PlanSummary => "{name}: {stops} stops on {bus_days} bus-days, {km} km, {driving} h of driving; {unplaced} visits did not fit",
        "{name}: {stops} megálló {bus_days} busznapon, {km} km, {driving} óra vezetés; {unplaced} látogatás nem fért el";
    PlanBounds => "lower bounds: at least {bus_days} bus-days and {km} km for any plan; this one is within {days_gap} bus-days ({days_pct} %) and {km_pct} % of the km",
        "alsó korlát: bármely terv legalább {bus_days} busznap és {km} km; ez a terv legfeljebb {days_gap} busznappal ({days_pct} %) és a km {km_pct} %-ával több";
    PlanNotPlaced => "not placed: {place} (visit {occurrence}): {reason}", "nem fért el: {place} ({occurrence}. látogatás): {reason}";
    PlanExplicit => "{name}: {stops} stops, listed explicitly in the scenario (no travel computed)",
        "{name}: {stops} megálló, a forgatókönyv sorolja fel őket (utazás nincs számolva)";
    CsvReplication => "Replication", "Replikáció";
    TraceWritten => "trace of stop {stop} ({settlement}, {date}, opens {start}) in replication {replication}: {clients} clients, {served} served; in {file}",
        "a(z) {stop}. megálló ({settlement}, {date}, nyitás {start}) napja a(z) {replication}. replikációban: {clients} ügyfél, {served} kiszolgálva; {file}";
    TimetableSummary => "{stops} stops on {days} bus-days, {first} – {last}", "{stops} megálló {days} busznapon, {first} – {last}";

    // --- Terminal: replay ------------------------------------------------------------------------
    ReplayHeading => "Replayed day: {clerks} clerks, door closes at {dwell} min",
        "Visszajátszott nap: {clerks} ügyintéző, az ajtó a nyitás után {dwell} perccel zár";
    ReplayAfterClosing => "(left out: {count} clients arriving after closing)",
        "(a zárás után érkező {count} ügyfél kimaradt)";
    ReplayColClient => "client", "ügyfél";
    ReplayColArrival => "arrival_min", "érkezés, perc";
    ReplayColStart => "start_min", "kezdés, perc";
    ReplayColLeave => "leave_min", "távozás, perc";
    ReplayColOutcome => "outcome", "kimenet";
    FateServed => "served", "kiszolgálva";
    FateReneged => "reneged", "feladta";
    FateBalked => "balked", "be sem állt";
    FateTurnedAway => "turned_away", "hazaküldve";

    // --- CSV headers (Hungarian titles; the English header is the column's machine name) -------
    CsvMean => "mean", "átlag";
    CsvCi95 => "precision of the mean, 95% half-width", "az átlag pontossága, 95%-os fél szélesség";
    CsvP05 => "one season's range, 5th percentile", "egy szezon tartománya, 5. percentilis";
    CsvP95 => "one season's range, 95th percentile", "egy szezon tartománya, 95. percentilis";
    CsvCi95Low => "95% interval, lower limit", "95%-os intervallum alsó határa";
    CsvCi95High => "95% interval, upper limit", "95%-os intervallum felső határa";
    CsvDiffMean => "difference from the first, mean", "eltérés az elsőtől, átlag";
    CsvDiffCi95 => "difference from the first, 95% half-width", "eltérés az elsőtől, 95%-os fél szélesség";
    CsvVerdict => "Verdict of the reported clerks (meets, fails, too close to call)", "A közölt létszám minősítése (teljesít, nem teljesít, túl szoros)";
    CsvTooCloseClerks => "Fewest clerks too close to call", "A legkisebb létszám, amelyről nem dönthető el";
    CsvCandidateVerdict => "Verdict with {clerks} clerks", "Minősítés {clerks} ügyintézővel";
    CsvWaitMeanPooled => "Mean wait over all served clients (min)", "Átlagos várakozás az összes kiszolgált ügyfélre (perc)";
    CsvDelayedShare => "Share who had to queue", "Sorban állni kényszerültek aránya";
    CsvLevel => "Level", "Szint";
    CsvGroup => "Group", "Csoport";
    CsvEnd => "Closes", "Zárás";
    CsvWeekday => "Weekday", "A hét napja";
    CsvBusDay => "Bus-day number", "Busznap sorszáma";
    CsvStopLabel => "Label of the stop", "A megálló megnevezése";
    CsvBackAtDepot => "Back at the depot", "Visszaérkezés a telephelyre";
    CsvReturnTravelMin => "Drive back to the depot (min)", "Visszaút a telephelyre (perc)";
    CsvReturnKm => "Road km of the drive back", "A visszaút hossza (közúti km)";
    CsvTravelMin => "Travel from the previous stop (min)", "Utazás az előző megállótól (perc)";
    CsvKm => "Road km of that drive", "Az út hossza (közúti km)";
    CsvOccurrence => "Visit of the series", "A sorozat hányadik látogatása";
    CsvVisitsWanted => "Visits wanted", "Kívánt látogatások";
    CsvReason => "Reason", "Ok";
    CsvClerksNeeded => "Fewest clerks meeting every target", "A minden célt teljesítő legkisebb létszám";
    CsvClerksNeededWithoutDesks => "Fewest clerks meeting every target, without the desk limit",
        "A minden célt teljesítő legkisebb létszám a pultok száma nélkül";
    CsvErlangC => "Clerks by Erlang C", "Létszám az Erlang C képlet szerint";
    CsvErlangA => "Clerks by Erlang A", "Létszám az Erlang A képlet szerint";
    CsvFiniteHorizon => "Clerks by the finite-horizon formula", "Létszám a véges időtávú képlet szerint";
    CsvReportedClerks => "Clerks of the figures that follow", "Ügyintézők száma, amelyre a további értékek vonatkoznak";
    CsvAdvice => "Advice", "Javaslat";
    CsvName => "Scenario or policy", "Forgatókönyv vagy szabály";
    CsvTable => "Table", "Táblázat";
    CsvItem => "Item", "Tétel";
    CsvRole => "Role", "Szerep";
    CsvPublished => "Published figure", "Közölt adat";
    CsvPublishedLow => "Published figure, lowest reading", "Közölt adat, alsó érték";
    CsvPublishedHigh => "Published figure, highest reading", "Közölt adat, felső érték";
    CsvEstimate => "Estimate", "Becslés";
    CsvDifference => "Difference", "Eltérés";
    CsvDwellExponent => "Dwell exponent", "Tartózkodási kitevő";
    CsvScenarioValues => "The scenario's own values", "A forgatókönyv saját értékei";
    CsvBaseRate => "Base rate", "Alapráta";
    CsvYearUsesModel => "Uses in the year (model)", "Éves igénybevétel (modell)";
    CsvPlanClients => "Clients of the 2020 plan", "A 2020-as terv ügyfelei";
    CsvPlanUses => "Uses of the 2020 plan", "A 2020-as terv igénybevételei";
    CsvTarget => "Figure", "Adat";
    CsvSimulatedMean => "Simulated mean", "Szimulált átlag";
    CsvPredictiveLow => "Lowest 2.5% of seasons", "A szezonok alsó 2,5%-ának határa";
    CsvPredictiveHigh => "Highest 2.5% of seasons", "A szezonok felső 2,5%-ának határa";
    CsvMeanMeets => "The mean's interval meets the published range", "Az átlag intervalluma eléri a közölt tartományt";
    CsvInsideRange => "Published within the range of seasons", "A közölt adat a szezonok tartományán belül van";
    CsvModel => "Model", "Modell";
    CsvSimulatedMeanCi95 => "Simulated mean, 95% half-width", "Szimulált átlag (95%-os fél szélesség)";
    CsvBaseRateLow => "Base rate, 95% lower limit", "Alapráta (95%-os intervallum alsó határa)";
    CsvBaseRateHigh => "Base rate, 95% upper limit", "Alapráta (95%-os intervallum felső határa)";
    CsvPlanClientsLow => "Clients of the 2020 plan, 95% lower limit", "A 2020-as terv ügyfelei (95%-os intervallum alsó határa)";
    CsvPlanClientsHigh => "Clients of the 2020 plan, 95% upper limit", "A 2020-as terv ügyfelei (95%-os intervallum felső határa)";
    CsvTerm => "Term", "Tag";
    CsvStdError => "Standard error", "Standard hiba";
    CsvZValue => "z value", "z-érték";
    CsvPValue => "p value", "p-érték";

    // --- Terminal: calibrate (back-test, sensitivity) ------------------------------------------
    BacktestHeading => "Back-test: the scenario simulated with the calibrated parameters ({parameters}), {replications} seasons, seed {seed}",
        "Visszamérés: a forgatókönyv szimulálva a kalibrált paraméterekkel ({parameters}), {replications} szezon, véletlenszám-mag {seed}";
    BacktestColFigure => "published figure", "közölt adat";
    BacktestColPublished => "published", "közölt";
    BacktestColRange => "range", "tartomány";
    BacktestColSimulated => "simulated mean", "szimulált átlag";
    BacktestColSeasons => "95 % of seasons", "a szezonok 95%-a";
    BacktestColMeets => "mean meets", "átlag eléri";
    BacktestColInside => "inside", "benne van";
    BacktestNote => "simulated mean: over the seasons, ± its 95 % confidence half-width; 95 % of seasons: the 2.5–97.5 %\n  range of one season's total. One observed season is compared with that range (inside: the published\n  range meets it); the mean's interval says how precisely the simulation knows the model's expectation.",
        "szimulált átlag: a szezonok átlaga ± a 95%-os megbízhatósági intervallum fél szélessége; a szezonok 95%-a: egy\n  szezon összegének 2,5–97,5%-os tartománya. Egy megfigyelt szezont ezzel a tartománnyal vetünk össze (benne van: a\n  közölt tartomány eléri); az átlag intervalluma azt mutatja, milyen pontosan ismeri a szimuláció a modell várható értékét.";
    BacktestLost => "Clients are those served: {share} % of the tour's {arrivals} arrivals per season balked or gave up.",
        "Ügyfél a kiszolgált ügyfél: a túra szezononként {arrivals} érkezőjének {share}%-a be sem állt a sorba vagy feladta a várakozást.";
    BacktestAllInside => "Every published figure lies within the range of simulated seasons.",
        "Minden közölt adat a szimulált szezonok tartományán belül van.";
    BacktestSomeOutside => "Some published figures lie outside the range of simulated seasons: the model does not reproduce them.",
        "Néhány közölt adat a szimulált szezonok tartományán kívül esik: a modell ezeket nem adja vissza.";
    SensitivityIntro => "Sensitivity: the totals cannot tell the population elasticity or the dwell exponent apart, so the\ncalibration is redone over a range of both (elasticity 0.3–0.7, sub-linear around the assumed 0.5;\ndwell exponent over its whole range, 0 = fixed pool per visit to 1 = proportional to hours).",
        "Érzékenység: az összesítők alapján a lakosságrugalmasság és a tartózkodási kitevő nem különíthető el, ezért a\nkalibráció mindkettő egy-egy tartományán megismétlődik (rugalmasság 0,3–0,7, a feltételezett 0,5 körül szublineáris;\ntartózkodási kitevő a teljes tartományán, 0 = látogatásonként rögzített ügyfélkör, 1 = az órákkal arányos).";
    SensitivityHeld => "Other demand parameters as in the scenario ({held}).", "A többi keresleti paraméter a forgatókönyv szerint ({held}).";
    SensitivityColElasticity => "elasticity", "rugalmasság";
    SensitivityColDwell => "dwell^", "kitevő";
    SensitivityColBaseRate => "base_rate (95 % CI)", "alapráta (95%-os int.)";
    SensitivityColYearUses => "year uses", "éves igénybevétel";
    SensitivityColPlanClients => "2020 plan clients (95 % CI)", "2020-as terv ügyfelei (95%-os int.)";
    SensitivityColPlanUses => "2020 plan uses", "2020-as terv igénybevétele";
    SensitivityNote => "* the scenario's own values. year uses: the calibrated model's expectation for the year (published\n    as a check, see the fit table); the 2020 plan is the embedded default scenario.",
        "* a forgatókönyv saját értékei. éves igénybevétel: a kalibrált modell várható értéke az évre (a közölt adat\n    ellenőrzésként szolgál, lásd az illeszkedési táblázatot); a 2020-as terv a beépített alapforgatókönyv.";

    // --- Terminal: calibrate (totals) -----------------------------------------------------------
    TotalsHeading => "Calibration of {scenario} to its published figures ({origin})", "{scenario} kalibrálása a közölt adatokhoz ({origin})";
    TotalsTour => "Tour {from} to {to}: {tour_stops} of the year's {year_stops} stops.",
        "Túra: {from} – {to}, az év {year_stops} megállójából {tour_stops}.";
    MoreThanNone => "Every figure is taken as exact.", "Minden adatot pontosnak veszünk.";
    MoreThanExact => "A figure published as \"more than X\" is taken as exactly X (rounding_step = 1).",
        "A „több mint X” formában közölt adatot pontosan X-nek vesszük (rounding_step = 1).";
    MoreThanRange => "A figure published as \"more than X\" is a lower bound. It is read as the range X to X + {last} (the publisher rounded down to a multiple of {step}; rounding_step = {step}). The estimates use the middle of that range, and each confidence interval covers every value in it, so the lower limits rest only on the published lower bounds.",
        "A „több mint X” formában közölt adat alsó korlát: X és X + {last} közötti tartománynak vesszük (a közlő {step} többszörösére kerekített lefelé; rounding_step = {step}). A becslések a tartomány közepét használják, és minden megbízhatósági intervallum lefedi a tartomány minden értékét, így az alsó határok csak a közölt alsó korlátokon nyugszanak.";
    TomlBlock => "TOML block for a scenario:", "TOML-blokk egy forgatókönyvhöz:";
    TotalsParameters => "Parameters (estimate and 95 % confidence interval)", "Paraméterek (becslés és 95%-os megbízhatósági intervallum)";
    MeaningBaseRate => "expected clients of a reference visit", "egy referencialátogatás várható ügyfélszáma";
    MeaningErrands => "uses per client", "igénybevétel ügyfelenként";
    MeaningInformation => "share of errands that are information only", "a csak tájékoztatást jelentő ügyek aránya";
    TotalsHeld => "held at the scenario's values (the totals cannot identify them): {held}",
        "a forgatókönyv értékén tartva (az összesítők alapján nem azonosíthatók): {held}";
    TotalsLoss => "The published clients are those served. Seasons simulated with base rate {arrival_rate} (arrivals matching\n  the clients) lose {lost_share} % of the tour's arrivals to balking and reneging ({lost} of {arrivals} per season, {replications} seasons),\n  so the base rate is raised to {base_rate}, at which the clients served match.",
        "A közölt ügyfélszám a kiszolgáltaké. A(z) {arrival_rate} alaprátával (az érkezők száma megegyezik az ügyfelekével)\n  szimulált szezonokban a túra érkezőinek {lost_share}%-a be sem áll a sorba vagy feladja a várakozást (szezononként {arrivals} érkezőből {lost}, {replications} szezon),\n  ezért az alapráta {base_rate} értékre nő, amellyel a kiszolgált ügyfelek száma egyezik.";
    TotalsDispersion => "The base rate's interval allows for the scenario's stop-to-stop variation (negative binomial, k = {k}).",
        "Az alapráta intervalluma számol a forgatókönyv megállók közötti szórásával (negatív binomiális, k = {k}).";
    TotalsPoisson => "The base rate's interval assumes Poisson counts (the scenario has no dispersion_shape).",
        "Az alapráta intervalluma Poisson-eloszlású darabszámot feltételez (a forgatókönyvben nincs dispersion_shape).";
    TotalsGiven => "The tour's stops with given demand ({clients} expected clients) are taken as they are; the base rate scales the others.",
        "A túra megadott keresletű megállóit ({clients} várható ügyfél) változatlanul vesszük; az alapráta a többit skálázza.";
    FitHeading => "Fit to the published figures (model: expected value with the calibrated parameters, clients served)",
        "Illeszkedés a közölt adatokhoz (modell: várható érték a kalibrált paraméterekkel, kiszolgált ügyfelek)";
    FitColTarget => "target", "adat";
    FitColRole => "role", "szerep";
    FitColPublished => "published", "közölt";
    FitColUsedAs => "used as", "számítva";
    FitColModel => "model", "modell";
    FitColDifference => "difference", "eltérés";
    RoleFitted => "fitted", "illesztett";
    RoleCheck => "check", "ellenőrző";
    FitNote => "fitted: used to estimate the parameters (reproduced by construction); check: not used, an independent test.",
        "illesztett: a paraméterek becsléséhez felhasználva (a modell szükségképpen visszaadja); ellenőrző: nincs felhasználva, független próba.";

    CalibrationFitted => "fitted", "illesztett";

    // --- Published figures (English: their names in the CSV files and calibration.json) -----------
    FigureTourClients => "tour clients", "a túra ügyfelei";
    FigureTourClientsServed => "tour clients (served)", "a túra kiszolgált ügyfelei";
    FigureTourCases => "tour cases", "a túra elintézett ügyei";
    FigureTourInformationUses => "tour information-only uses", "a túra csak tájékoztató ügyei";
    FigureYearUses => "year uses", "az év igénybevételei";

    // --- Terminal: calibrate --log ---------------------------------------------------------------
    LogHeading => "Stop-log calibration of {file}: {stops} stops, {clients} clients",
        "Kalibráció a megállónaplóból ({file}): {stops} megálló, {clients} ügyfél";
    LogNote => "note: {note}", "megjegyzés: {note}";
    LogPoissonHeading => "Poisson regression of clients per stop (log link, maximum likelihood)",
        "Az ügyfélszám megállónkénti Poisson-regressziója (logaritmikus kapcsolófüggvény, legnagyobb valószínűség)";
    LogDispersion => "Dispersion test (Pearson): X² = {chi2} on {df} degrees of freedom, X²/df = {ratio}, p = {p}: {verdict}",
        "Szóródáspróba (Pearson): X² = {chi2}, szabadsági fok {df}, X²/df = {ratio}, p = {p}: {verdict}";
    LogOverDispersed => "the counts vary more than Poisson (over-dispersed)",
        "a darabszámok jobban szóródnak, mint a Poisson-eloszlás szerint (túlszóródás)";
    LogConsistentWithPoisson => "consistent with Poisson counts", "összhangban van a Poisson-eloszlással";
    LogCameronTrivedi => "Cameron–Trivedi test: α = {alpha} (SE {se}), t = {t}, one-sided p = {p}",
        "Cameron–Trivedi-próba: α = {alpha} (standard hiba {se}), t = {t}, egyoldali p = {p}";
    LogNegBin => "Negative-binomial regression (Var = μ + μ²/k): shape k = {shape} ; likelihood ratio against Poisson {lr}, p = {p}",
        "Negatív binomiális regresszió (Var = μ + μ²/k): alakparaméter k = {shape}; likelihood-hányados a Poissonnal szemben {lr}, p = {p}";
    LogModelPoisson => "Poisson", "Poisson-modell";
    LogModelPoissonAtBoundary => "Poisson (the negative binomial's maximum is the Poisson)",
        "Poisson-modell (a negatív binomiális maximuma a Poisson-eloszlás)";
    LogModelPoissonShapeNotIdentified => "Poisson (the negative binomial's shape is not identified: its likelihood-ratio test does not reject the Poisson)",
        "Poisson-modell (a negatív binomiális alakparamétere nem azonosítható: a likelihood-hányados próba nem veti el a Poisson-modellt)";
    LogModelNegBin => "negative binomial", "negatív binomiális modell";
    LogParametersFrom => "Parameters from the {model} fit.", "A paraméterek ebből az illesztésből: {model}.";
    LogErrands => "Errands per client {errands}; information-only share {information} (exact 95 % intervals).",
        "Ügyszám ügyfelenként {errands}; a csak tájékoztatás aránya {information} (egzakt 95%-os intervallumok).";
    LogPoolHeading => "Pending-needs pool ([demand.pending]) from the log's repeat visits: {revisited} of {settlements} settlements visited more than once; capture time {capture} h and the leak's distance coefficient held at their defaults",
        "Függő ügyek készlete ([demand.pending]) a napló ismételt látogatásaiból: {settlements} településből {revisited} kapott több látogatást; a megragadási idő ({capture} óra) és a szivárgás távolsági együtthatója az alapértéken rögzítve";
    LogPoolIdentified => "{estimate} (95 % profile interval {low} to {high})", "{estimate} (95%-os profilintervallum: {low} – {high})";
    LogPoolNotIdentified => "{estimate}, not identified by this log: its interval does not close within the search range; keep the default, or fit a log with more repeat visits at varied gaps",
        "{estimate}, ebből a naplóból nem azonosítható: az intervalluma a keresési tartományon belül nem zárul; maradjon az alapérték, vagy illesszen több, változó időközű ismételt látogatást tartalmazó naplót";
    LogPoolNote => "Relative to the per-visit model with the built-in demand parameters; a settlement's first logged visit is assumed to find the pool of a never-visited settlement.",
        "A beépített keresleti paraméterekkel számolt látogatásonkénti modellhez képest; egy település első naplózott látogatása a sosem látogatott település készletét találja.";
    LogTomlBlock => "TOML block for a scenario:", "TOML-blokk egy forgatókönyvhöz:";
    LogColTerm => "term", "tag";
    LogColEstimate => "estimate", "becslés";
    LogColStdErr => "std.err", "st. hiba";
    LogColZ => "z", "z-érték";
    LogColP => "p", "p-érték";
    LogColCi95 => "95 % CI", "95%-os intervallum";
    LogInterval => "{low} to {high}", "{low} – {high}";
    LogGoodnessOfFit => "Goodness of fit: stops by clients per stop, observed and expected",
        "Illeszkedés: a megállók száma megállónkénti ügyfélszám szerint, megfigyelt és várt";
    LogColClients => "clients", "ügyfél";
    LogColObserved => "observed", "megfigyelt";
    LogColExpected => "expected", "várt";
    LogByVenue => "venue", "helyszín";
    LogByFittedMean => "fitted mean (groups of stops, lowest first)",
        "illesztett átlag (megállócsoportok, a legkisebbtől)";
    LogClientsBy => "Clients by {by}: observed and expected totals", "Ügyfelek – {by}: megfigyelt és várt összeg";
    LogColGroup => "group", "csoport";
    LogColStops => "stops", "megálló";
    LogColDifference => "difference", "eltérés";
    LogColStandardized => "standardized", "standardizált";

    // --- Terminal: run summary -----------------------------------------------------------------
    RunHeading => "Scenario {name}: {stops} stops, {replications} replications",
        "Forgatókönyv: {name}; {stops} megálló, {replications} replikáció";
    RunColExpected => "expected ± precision", "várható érték ± pontosság";
    RunColSeasonRange => "one season (5–95 %)", "egy szezon (5–95%)";
    RunNotePrecision => "± is the simulation's precision: the 95 % confidence half-width of the expected figure (it shrinks with more replications).",
        "A ± a szimuláció pontossága: a várható érték 95%-os megbízhatósági intervallumának fél szélessége (több replikációval szűkül).";
    RunNoteSeasonRange => "One season: 90 % of simulated seasons fall in this range (5th to 95th percentile), under the scenario's demand assumptions.",
        "Egy szezon: a szimulált szezonok 90%-a ebbe a tartományba esik (5. és 95. percentilis között), a forgatókönyv keresleti feltevései mellett.";
    RunCosts => "Costs with the scenario's clerks: {days} bus-days, {hours} paid clerk-hours (travel, set-up, opening, mean overtime, pack-up)",
        "Költségek a forgatókönyv ügyintézőivel: {days} busznap, {hours} fizetett ügyintézői óra (utazás, berendezkedés, nyitva tartás, átlagos túlóra, összepakolás)";
    RunCostsEstimated => "Costs with the scenario's clerks: {days} bus-days, {hours} paid clerk-hours (estimated drives from the depot through the stops in time order, set-up, opening, mean overtime, pack-up)",
        "Költségek a forgatókönyv ügyintézőivel: {days} busznap, {hours} fizetett ügyintézői óra (becsült utak a telephelyről a megállókon át időrendben, berendezkedés, nyitva tartás, átlagos túlóra, összepakolás)";
    RunCostsWithoutTravel => "Costs with the scenario's clerks: {days} bus-days, {hours} paid clerk-hours (set-up, opening, mean overtime, pack-up; the drives of days with a stop outside the settlement table are not included)",
        "Költségek a forgatókönyv ügyintézőivel: {days} busznap, {hours} fizetett ügyintézői óra (berendezkedés, nyitva tartás, átlagos túlóra, összepakolás; a települési táblázaton kívüli megállók napjainak útja nélkül)";
    // --- Parameter uncertainty (--input-uncertainty) ---------------------------------------------
    ParamHeading => "Parameter uncertainty: {draws} draws of the demand parameters from {source}, {inner} replications each (independent random numbers per draw)",
        "Paraméter-bizonytalanság: a keresleti paraméterek {draws} húzása ({source}), húzásonként {inner} replikáció (húzásonként független véletlen számokkal)";
    ParamSourceTotals => "the base rate's 95 % interval of the totals calibration of {origin}",
        "{origin} összesítő kalibrációjának 95%-os alapráta-intervalluma";
    ParamSourceStopLog => "the coefficients' covariance and the negative-binomial shape of the stop-log fit of {origin}",
        "{origin} megállónapló-illesztésének együttható-kovarianciája és negatív binomiális alakparamétere";
    ParamColRangeTerminal => "with parameter uncertainty (5–95 %)", "paraméter-bizonytalansággal (5–95%)";
    ParamColShare => "share due to parameters", "a paraméterek részaránya";
    ParamNote => "Parameter uncertainty: 90 % of seasons simulated with demand parameters drawn from the calibration's own uncertainty fall in this range. It is wider than one season's range because the demand itself is known only to within the calibration's interval. The share is the part of the variance due to the parameters; the rest is one season's chance.",
        "Paraméter-bizonytalanság: a kalibráció saját bizonytalanságából húzott keresleti paraméterekkel szimulált szezonok 90%-a esik ebbe a tartományba. Szélesebb egy szezon tartományánál, mert magát a keresletet is csak a kalibráció intervallumán belül ismerjük. A részarány a szórásnégyzet paraméterekből eredő része; a többi egy szezon véletlene.";
    ColMetric => "metric", "mutató";
    ParamColMean => "mean over draws × replications", "átlag (húzások × replikációk)";
    ParamColP05 => "with parameter uncertainty, 5th percentile", "paraméter-bizonytalansággal, 5. percentilis";
    ParamColP95 => "with parameter uncertainty, 95th percentile", "paraméter-bizonytalansággal, 95. percentilis";
    ParamColBetween => "standard deviation of the draws' means", "a húzások átlagainak szórása";
    ParamColWithin => "standard deviation within a draw", "szórás egy húzáson belül";
    ParamColDraws => "draws", "húzások";
    ParamColInner => "replications per draw", "replikáció húzásonként";
    RunClientsArriving => "Clients arriving", "Érkező ügyfelek";
    RunClientsServed => "Clients served", "Kiszolgált ügyfelek";
    RunUses => "Uses (errands served)", "Igénybevételek (elintézett ügyek)";
    RunLost => "Sent home / gave up", "Hazaküldve / feladta a várakozást";
    RunMeanWait => "Mean wait, minutes", "Átlagos várakozás, perc";
    RunWithinTarget => "Served within the wait target", "A várakozási célon belül kiszolgálva";
    RunClerkHours => "Clerk-hours", "Ügyintézői órák";
    RunOvertime => "Overtime, minutes (season total)", "Túlóra, perc (a szezon összesen)";
    RunLosingMost => "Stops losing the most clients (reneged + balked + turned away, mean per visit):",
        "A legtöbb ügyfelet elvesztő megállók (feladta + be sem állt a sorba + hazaküldve, átlag látogatásonként):";
    RunStopLine => "arrivals {arrivals}  lost {lost}  mean wait {wait} min",
        "érkező {arrivals}  elveszett {lost}  átlagos várakozás {wait} perc";

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
    MapRoute => "Other bus-days", "A többi busznap";
    MapRoutesHeading => "Sample bus-days: depot → numbered stops → depot", "Minta busznapok: telephely → számozott megállók → telephely";
    MapRouteDay => "{date}: {stops} stops", "{date}: {stops} megálló";
    MapOutlineCounty => "County border", "Vármegyehatár";
    MapOutlineHull => "Hull of the settlements", "A települések burka";
    MapCreditNaturalEarth => "County border: Natural Earth (public domain), simplified",
        "Vármegyehatár: Natural Earth (közkincs), egyszerűsítve";
    MapCreditHull => "No border data: the outline is the hull of the settlements",
        "Nincs határadat: a körvonal a települések burka";
    MapScaleHeading => "Scale", "Lépték";
    MapSizeHeading => "Expected clients per visit", "Várható ügyfélszám látogatásonként";

    // --- Queue over opening hours ---------------------------------------------------------------
    QueueTitle => "Queue over the opening hours – {stop}", "Sorban állók a nyitvatartás alatt – {stop}";
    QueueClockAxis => "Clock time (the stop opens at {opening})", "Időpont (nyitás {opening}-kor)";
    QueueWaitingAxis => "Clients waiting (not in service)", "Várakozó ügyfelek (nem a pultnál)";
    QueueMean => "Mean over replications", "Átlag a replikációkban";
    QueueBand => "10–90% band", "10–90%-os sáv";
    QueueClosing => "Closing time ({clock}, after {dwell_min} min)", "Zárás ({clock}, {dwell_min} perc után)";

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
    StaffingNotMet => "Target not met with {desks} desks (top row)", "{desks} pulttal a cél nem teljesül (felső sor)";
    StaffingSideBySide => "equal answers stand side by side", "az egyező válaszok egymás mellett";
    StaffingDesks => "Desks on the bus ({desks})", "Pultok a buszon ({desks})";

    // --- Comparison page (compare, policies) ------------------------------------------------------
    StopMismatchWarning => "Warning: “{name}” has {stops} stops and “{baseline}” {baseline_stops}; {differ}. Stop number i of each is paired with stop number i of the other (the same random streams), so the differences include the change of stops.",
        "Figyelem: a(z) „{name}” változatnak {stops} megállója van, a(z) „{baseline}” változatnak {baseline_stops}; {differ}. A párosítás mindkettő i-edik megállóját ugyanazokkal a véletlen számokkal szimulálja, így az eltérésekben a megállók változása is benne van.";
    StopMismatchOnlyIn => "only in “{name}”: {list}", "csak a(z) „{name}” változatban: {list}";
    StopMismatchMore => "and {count} more", "és még {count}";
    DifferencesTitle => "Paired differences to “{baseline}”", "Páros eltérések a(z) „{baseline}” változattól";
    DifferencesSubtitle => "Season totals, the same simulated clients in each alternative (common random numbers)",
        "Szezonösszesítők, minden változatban ugyanazokkal a szimulált ügyfelekkel (közös véletlen számok)";
    DifferencesBetter => "better", "jobb";
    DifferencesWorse => "worse", "rosszabb";
    DifferencesUnclear => "no clear difference (the interval contains 0)", "nincs egyértelmű eltérés (az intervallum tartalmazza a 0-t)";
    DifferencesWhisker => "95% interval, adjusted for {comparisons} comparisons", "95%-os intervallum, {comparisons} összehasonlításra igazítva";
    ComparePageTitleScenarios => "Scenarios compared: {names}", "A forgatókönyvek összehasonlítása: {names}";
    ComparePageTitleSweep => "Sweep of {scenario}: {keys}", "{scenario} paraméterrácsa: {keys}";
    ComparePageTitlePolicies => "Dwell policies compared: {scenario}", "A tartózkodási szabályok összehasonlítása: {scenario}";
    ComparePageMeta => "{replications} simulated seasons of each alternative, seed {seed}, the same simulated clients in every alternative (common random numbers) · ablakbusz {version}",
        "Változatonként {replications} szimulált szezon, véletlenszám-mag {seed}, minden változatban ugyanazokkal a szimulált ügyfelekkel (közös véletlen számok) · ablakbusz {version}";
    SectionAnswer => "The answer", "A válasz";
    MeasureWaitMean => "Mean wait (min)", "Átlagos várakozás (perc)";
    MeasureShortServed => "clients served", "kiszolgált ügyfelek";
    MeasureShortLost => "clients lost", "elvesztett ügyfelek";
    MeasureShortWait => "mean wait", "átlagos várakozás";
    MeasureShortClerkHours => "clerk-hours", "ügyintézői órák";
    OverallHead => "“{name}” against “{baseline}”:", "A(z) „{name}” a(z) „{baseline}” változathoz képest:";
    OverallBetter => "better on {list}", "jobb: {list}";
    OverallWorse => "worse on {list}", "rosszabb: {list}";
    OverallUnclear => "no clear difference on {list}", "nincs egyértelmű eltérés: {list}";
    SentenceNoDifference => "No difference: “{name}” gives exactly the results of “{baseline}” in every simulated season.",
        "Nincs eltérés: a(z) „{name}” minden szimulált szezonban pontosan ugyanazt az eredményt adja, mint a(z) „{baseline}”.";
    SentenceDiffBetter => "{measure}: “{name}” is better than “{baseline}”, {amount} (95% interval adjusted for {comparisons} comparisons: {low} to {high}).",
        "{measure}: a(z) „{name}” jobb, mint a(z) „{baseline}”, {amount} ({comparisons} összehasonlításra igazított 95%-os intervallum: {low} – {high}).";
    SentenceDiffWorse => "{measure}: “{name}” is worse than “{baseline}”, {amount} (95% interval adjusted for {comparisons} comparisons: {low} to {high}).",
        "{measure}: a(z) „{name}” rosszabb, mint a(z) „{baseline}”, {amount} ({comparisons} összehasonlításra igazított 95%-os intervallum: {low} – {high}).";
    SentenceDiffUnclear => "{measure}: no clear difference between “{name}” and “{baseline}” ({amount}; the 95% interval adjusted for {comparisons} comparisons, {low} to {high}, contains 0).",
        "{measure}: nincs egyértelmű eltérés a(z) „{name}” és a(z) „{baseline}” között ({amount}; a {comparisons} összehasonlításra igazított 95%-os intervallum, {low} – {high}, tartalmazza a 0-t).";
    AmountPerSeason => "{value} {unit} a season", "szezononként {value} {unit}";
    SentenceSeasonRanges => "One season varies more than these means: in 90% of the simulated seasons “{name}” serves {low} to {high} clients and loses {lost_low} to {lost_high}.",
        "Egy szezon ennél jobban ingadozik: a szimulált szezonok 90%-ában a(z) „{name}” {low}–{high} ügyfelet szolgál ki, és {lost_low}–{lost_high} ügyfél távozik kiszolgálás nélkül.";
    SentenceCost => "At its scenario's rates (the simulated clerk-hours of opening and overtime, the km driven, the bus-days), a season of “{name}” costs {cost} HUF.",
        "A forgatókönyv díjtételeivel (a szimulált nyitvatartási és túlórás ügyintézői órák, a megtett km, a busznapok) a(z) „{name}” egy szezonja {cost} Ft.";
    SentenceCostDifference => "At its scenario's rates, a season of “{name}” costs {cost} HUF: {difference} HUF against “{baseline}” (95% interval adjusted for {comparisons} comparisons: {low} to {high}).",
        "A forgatókönyv díjtételeivel a(z) „{name}” egy szezonja {cost} Ft: a(z) „{baseline}” változathoz képest {difference} Ft ({comparisons} összehasonlításra igazított 95%-os intervallum: {low} – {high}).";
    CaptionDifferences => "Each alternative against the first, on the same simulated clients: the dot is the mean paired difference of a season total, the whiskers its 95% interval adjusted for {comparisons} comparisons (Bonferroni); green is better, vermillion worse, grey no clear difference (the interval contains 0).",
        "Minden változat az elsőhöz képest, ugyanazokkal a szimulált ügyfelekkel: a pont egy szezonösszesítő átlagos páros eltérése, a vonal a {comparisons} összehasonlításra igazított 95%-os intervalluma (Bonferroni); zöld: jobb, narancsvörös: rosszabb, szürke: nincs egyértelmű eltérés (az intervallum tartalmazza a 0-t).";
    CaptionScenarios => "The scenarios simulated with the same clients (common random numbers): season totals; the bar is the mean, the shaded band one season's range (5–95% of the simulated seasons: what one real season may bring) and the whiskers the precision of the mean (its 95% confidence interval).",
        "A forgatókönyvek ugyanazokkal az ügyfelekkel szimulálva (közös véletlen számok): szezonösszesítők; az oszlop az átlag, a sáv egy szezon tartománya (a szimulált szezonok 5–95%-a: amit egy valódi szezon hozhat), a vonal az átlag pontossága (95%-os megbízhatósági intervallum).";
    TableAlternatives => "Season totals of each alternative", "Az egyes változatok szezonösszesítői";
    TableDifferences => "Paired differences to “{baseline}”", "Páros eltérések a(z) „{baseline}” változattól";
    PageColAlternative => "Alternative", "Változat";
    PageColPrecision => "(mean ± precision)", "(átlag ± pontosság)";
    PageColOneSeason => "(one season, 5–95%)", "(egy szezon, 5–95%)";
    PageColCost => "Cost at the rates (HUF)", "Költség a díjtételekkel (Ft)";
    PageColMeasure => "Measure", "Mutató";
    PageColDifference => "Difference (mean)", "Eltérés (átlag)";
    PageColAdjusted => "95% interval, adjusted for {comparisons} comparisons", "95%-os intervallum, {comparisons} összehasonlításra igazítva";
    PageColUnadjusted => "95% half-width, one comparison", "95%-os fél szélesség, egy összehasonlítás";
    PageColVrf => "Variance divided by pairing", "A párosítás ennyiszer kisebb varianciát ad";
    PageColVerdict => "What it says", "Értékelés";
    VerdictNoDifference => "no difference", "nincs eltérés";
    VerdictUnclearShort => "no clear difference", "nincs egyértelmű eltérés";
    NoteDwellExport => "The demand-driven dwells “{policy}” chose are written as a scenario that run takes: {toml} (with its stops in {csv}); for example ablakbusz run {toml}.",
        "A(z) „{policy}” szabály választotta tartózkodási idők egy a run paranccsal futtatható forgatókönyvbe íródtak: {toml} (a megállók: {csv}); például: ablakbusz run {toml}.";
    // --- Season optimiser ---------------------------------------------------------------------------
    OptimiseScreening => "Screening {settlements} settlements at {dwells} dwells ({replications} simulated days each)…",
        "{settlements} település szűrése {dwells} tartózkodási idővel (egyenként {replications} szimulált nap)…";
    OptimisePlanning => "Planning candidate season {call}…", "{call}. jelölt szezon megtervezése…";
    OptimiseHeading => "Season optimiser: budget {budget} bus-days{clerk}; the chosen plan uses {used} bus-days, {stops} stops in {settlements} settlements, {clerk_hours} clerk-hours at the stops; {calls} plans checked by the itinerary planner.",
        "Szezonoptimalizáló: keret {budget} busznap{clerk}; a választott terv {used} busznapot, {settlements} település {stops} megállóját és a megállókon {clerk_hours} ügyintézői órát használ; az útvonaltervező {calls} tervet ellenőrzött.";
    OptimiseClerkBudget => "and {hours} clerk-hours at the stops", "és a megállókon {hours} ügyintézői óra";
    OptimiseBound => "Upper bound of the screening model at this budget (each visit taking its dwell and its days' mean overhead, time shared freely between visits): {bound}, {relation}.",
        "A szűrőmodell felső korlátja ennél a keretnél (minden látogatás a tartózkodását és napjai átlagos többletidejét igényli, az idő szabadon megosztható): {bound}, {relation}.";
    OptimiseBoundAbovePractice => "{gain} % above the scenario's own plan", "{gain} %-kal a forgatókönyv saját terve fölött";
    OptimiseBoundBelowPractice => "{gain} % below the scenario's own plan", "{gain} %-kal a forgatókönyv saját terve alatt";
    OptimiseBoundPassed => "The chosen plan's {value} is beyond this bound: the bound is a guide, not a proof (the screening model shares time between visits otherwise than the planner).",
        "A választott terv {value} értéke túl van ezen a korláton: a korlát iránymutatás, nem bizonyítás (a szűrőmodell másként osztja meg az időt a látogatások között, mint a tervező).";
    OptimiseScreened => "Screening model (expected clients served within {wait} minutes): {value} for the chosen plan, {practice} for the scenario's own plan.",
        "Szűrőmodell (a {wait} percen belül kiszolgált ügyfelek várható száma): a választott tervben {value}, a forgatókönyv saját tervében {practice}.";
    OptimiseCrewsBudget => "Crews, one a bus-day of 1 to {desks} clerks, for the most value within the clerk-hours budget: {days}.",
        "Személyzet: busznaponként egy, 1–{desks} ügyintéző, a legtöbb értékért az ügyintézői órák keretén belül: {days}.";
    OptimiseCrewsFree => "Crews, one a bus-day of 1 to {desks} clerks (no clerk-hours budget: each day the crew of the most value, the smaller on a tie): {days}.",
        "Személyzet: busznaponként egy, 1–{desks} ügyintéző (ügyintézői óra-keret nélkül: minden nap a legtöbb értéket adó, egyenlőségnél a kisebb létszám): {days}.";
    OptimiseCrewsCoarse => "The season is large, so the crews were chosen on a coarser grid of clerk-minutes: they keep to the budget but may fall a little short of the best.",
        "A szezon nagy, ezért a személyzetet durvább ügyintézői perc-rácson választotta: a kereten belül marad, de kissé elmaradhat a legjobbtól.";
    OptimisePracticeOverBusDays => "The scenario's own plan uses {days} bus-days, more than the budget: the comparison with it is not at the same budget.",
        "A forgatókönyv saját terve {days} busznapot használ, többet a keretnél: a vele való összevetés nem azonos kereten belüli.";
    OptimisePracticeOverClerkHours => "The scenario's own plan uses {hours} clerk-hours at the stops, more than the budget: the comparison with it is not at the same budget.",
        "A forgatókönyv saját terve a megállókon {hours} ügyintézői órát használ, többet a keretnél: a vele való összevetés nem azonos kereten belüli.";
    OptimisePracticeKept => "No plan found beats the scenario's own plan on the screening model: the scenario's plan is the answer.",
        "Egyik talált terv sem jobb a szűrőmodellen a forgatókönyv saját tervénél: a válasz a forgatókönyv terve.";
    OptimiseResult => "Served within {wait} minutes, simulated on common random numbers: practice {practice} ± {practice_ci}, optimised {optimised} ± {optimised_ci}; paired difference {difference} ± {ci} clients ({relative} % of the practice, 95 % interval {low} % to {high} %).",
        "A {wait} percen belül kiszolgált ügyfelek, közös véletlen számokkal szimulálva: gyakorlat {practice} ± {practice_ci}, optimalizált {optimised} ± {optimised_ci}; páros különbség {difference} ± {ci} ügyfél (a gyakorlat {relative} %-a, 95 %-os intervallum: {low} % – {high} %).";
    OptimiseTargetReached => "Target reached: at least {target} % more clients served within the wait target, and the interval excludes 0.",
        "A cél teljesül: legalább {target} %-kal több ügyfél a várakozási célon belül, és az intervallum nem tartalmazza a 0-t.";
    OptimiseBetterBelowTarget => "More clients served within the wait target (the interval excludes 0), but less than the {target} % aimed for.",
        "Több ügyfél a várakozási célon belül (az intervallum nem tartalmazza a 0-t), de a kitűzött {target} %-nál kevesebb.";
    OptimiseUnclear => "No clear difference: the interval contains 0 (the {target} % aimed for is not shown).",
        "Nincs egyértelmű különbség: az intervallum tartalmazza a 0-t (a kitűzött {target} % nem igazolható).";
    OptimiseWorse => "Fewer clients served within the wait target than the practice (the {target} % aimed for is not reached).",
        "Kevesebb ügyfél a várakozási célon belül, mint a gyakorlatban (a kitűzött {target} % nem teljesül).";
    OptimiseScreenedLost => "Screening model (expected clients lost at the stops or left unserved, of a demand of {demand} clients: the most visits of the longest dwell): {value} for the chosen plan, {practice} for the scenario's own plan.",
        "Szűrőmodell (a megállókon elvesztett vagy kiszolgálatlanul maradt ügyfelek várható száma a(z) {demand} ügyfélnyi igényből, azaz a legtöbb és leghosszabb látogatás igényéből): a választott tervben {value}, a forgatókönyv saját tervében {practice}.";
    OptimiseBoundLost => "Lower bound of the screening model at this budget (each visit taking its dwell and its days' mean overhead, time shared freely between visits): {bound}, {relation}.",
        "A szűrőmodell alsó korlátja ennél a keretnél (minden látogatás a tartózkodását és napjai átlagos többletidejét igényli, az idő szabadon megosztható): {bound}, {relation}.";
    OptimiseResultLost => "Lost or left unserved (the demand of {demand} clients less those served), simulated on common random numbers: practice {practice} ± {practice_ci}, optimised {optimised} ± {optimised_ci}; paired difference {difference} ± {ci} clients ({relative} % of the practice, 95 % interval {low} % to {high} %).",
        "Elvesztett vagy kiszolgálatlanul maradt ügyfelek (a(z) {demand} ügyfélnyi igény és a kiszolgáltak különbsége), közös véletlen számokkal szimulálva: gyakorlat {practice} ± {practice_ci}, optimalizált {optimised} ± {optimised_ci}; páros különbség {difference} ± {ci} ügyfél (a gyakorlat {relative} %-a, 95 %-os intervallum: {low} % – {high} %).";
    OptimiseLostPart => "Of them lost at the stops (reneged, balked, sent home): practice {practice} ± {practice_ci}, optimised {optimised} ± {optimised_ci}; paired difference {difference} ± {ci} clients.",
        "Ebből a megállókon elvesztett (feladta a várakozást, be sem állt, hazaküldték): gyakorlat {practice} ± {practice_ci}, optimalizált {optimised} ± {optimised_ci}; páros különbség {difference} ± {ci} ügyfél.";
    OptimiseLostFewer => "Fewer clients lost or left unserved than the practice: the interval excludes 0.",
        "Kevesebb elvesztett vagy kiszolgálatlanul maradt ügyfél, mint a gyakorlatban: az intervallum nem tartalmazza a 0-t.";
    OptimiseLostMore => "More clients lost or left unserved than the practice: the interval excludes 0.",
        "Több elvesztett vagy kiszolgálatlanul maradt ügyfél, mint a gyakorlatban: az intervallum nem tartalmazza a 0-t.";
    OptimiseLostUnclear => "No clear difference in clients lost or left unserved: the interval contains 0.",
        "Nincs egyértelmű különbség az elvesztett vagy kiszolgálatlanul maradt ügyfelekben: az intervallum tartalmazza a 0-t.";
    NoteOptimiseExport => "The chosen plan is written as a scenario that run, report and compare take: {toml} (with its stops in {csv}); for example ablakbusz run {toml}.",
        "A választott terv egy a run, report és compare paranccsal futtatható forgatókönyvbe íródott: {toml} (a megállók: {csv}); például: ablakbusz run {toml}.";
    ColOptimiseVisits => "Visits", "Látogatások";
    ColOptimiseValue => "Served within the wait target, expected (screening)", "A várakozási célon belül kiszolgáltak, várható (szűrés)";
    ColOptimiseLost => "Lost or left unserved, expected (screening)", "Elvesztett vagy kiszolgálatlan, várható (szűrés)";
    ColOptimisePracticeLost => "Lost or left unserved in the scenario's plan, expected (screening)", "Elvesztett vagy kiszolgálatlan a forgatókönyv tervében, várható (szűrés)";
    ColOptimisePracticeVisits => "Visits in the scenario's plan", "Látogatások a forgatókönyv tervében";
    ColOptimisePracticeDwell => "Dwell in the scenario's plan (h)", "Tartózkodás a forgatókönyv tervében (óra)";
    ColOptimisePracticeValue => "Served within the wait target in the scenario's plan, expected (screening)", "A várakozási célon belül kiszolgáltak a forgatókönyv tervében, várható (szűrés)";
    // --- Sweep --------------------------------------------------------------------------------------
    SweepTitle => "{figure} at each point of the sweep", "{figure} a változatok egyes pontjain";
    SweepSubtitle => "Season means; whiskers give their precision (95% interval of the mean); the same random numbers at every point",
        "Szezonátlagok; a vonal az átlag pontossága (95%-os intervallum); minden pontban ugyanazok a véletlen számok";
    ColSweepPoint => "Point", "Pont";

    // --- Policy comparison ----------------------------------------------------------------------
    PolicyTitle => "Dwell policies compared", "A tartózkodási szabályok összehasonlítása";
    PolicySubtitle => "Season totals: the bar is the mean, the shaded band one season's range, the whiskers the precision of the mean",
        "Szezon összesen: az oszlop az átlag, a sáv egy szezon tartománya, a vonal az átlag pontossága";
    ScenariosTitle => "Scenarios compared", "A forgatókönyvek összehasonlítása";
    PointsTitle => "The points of the sweep compared", "A paraméterrács pontjainak összehasonlítása";
    LegendMean => "mean over the simulated seasons", "a szimulált szezonok átlaga";
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
    BandSeasonRange => "one season's range (5–95% of seasons)", "egy szezon tartománya (a szezonok 5–95%-a)";
    StaffingBorderline => "ring: too close to call (fewer clerks might do)", "gyűrű: túl szoros a döntéshez (kevesebb ügyintéző is elég lehet)";
    SeasonPrecisionWhiskers => "precision of the mean (95% interval)", "az átlag pontossága (95%-os intervallum)";
    SeasonNoStops => "week without stops (line broken)", "megálló nélküli hét (a vonal megszakad)";

    // --- Calibration ----------------------------------------------------------------------------
    CalibrationTitle => "Calibration: model against the 2019 figures", "Kalibráció: a modell és a 2019-es adatok";
    CalibrationCountAxis => "Count", "Darabszám";
    CalibrationModel => "Model mean; whisker: precision", "Modellátlag; bajusz: pontosság";
    CalibrationModelNoWhisker => "Model: expected total", "Modell: várt összeg";
    CalibrationSeasonRange => "Band: one season (95 %)", "Sáv: egy szezon (95%)";
    CalibrationStopLogRange => "Band: 95 % range of the total under the model", "Sáv: az összeg 95%-os tartománya a modell szerint";
    CalibrationTarget => "2019 figure", "2019-es adat";
    CalibrationTargetLowerBound => "2019 figure (“more than”)", "2019-es adat („több mint”)";
    CalibrationStopLog => "Stop log", "Megállónapló";
    CalibrationTitleStopLog => "Calibration: model against the stop log", "Kalibráció: a modell és a megállónapló";
    CalibrationTargetStopLog => "Observed in the stop log", "A megállónaplóban megfigyelt";
    CalibrationBacktestSubtitle => "back-test: {replications} simulated seasons, seed {seed}",
        "visszamérés: {replications} szimulált szezon, véletlenszám-mag {seed}";
    CalibrationStopLogSubtitle => "stop log {file}: {stops} stops, grouped by fitted mean",
        "megállónapló ({file}): {stops} megálló, az illesztett átlag szerint csoportosítva";
    CalibrationStopLogGroup => "{group} ({stops} stops)", "{group} ({stops} megálló)";
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
    ColServedWithinTarget => "Served within the wait target", "A várakozási célon belül kiszolgált ügyfelek";
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
    ColCases => "Cases handled", "Elintézett ügyek";
    ColWaitingAtClose => "Waiting at closing time (clients)", "Záráskor várakozók (fő)";
    ColDelayed => "Clients who had to queue", "Sorban állni kényszerült ügyfelek";
    ColCiHalfWidth => "± 95% CI", "± 95%-os megbízhatósági intervallum";

    // --- Report sentences -----------------------------------------------------------------------
    SentenceAnswer => "With {clerks} clerks and the policy “{policy}”, {share} of clients wait under {target_min} minutes.",
        "{clerks} ügyintézővel és „{policy}” szabállyal az ügyfelek {share}-a {target_min} percnél rövidebb ideig vár.";
    SentenceSentHome => "About {lost} clients a season leave unserved, mostly at these stops: {stops}.",
        "Szezononként mintegy {lost} ügyfél távozik kiszolgálás nélkül, főleg ezeken a megállókon: {stops}.";
    SentenceNoneSentHome => "Practically no client leaves unserved.", "Gyakorlatilag egyetlen ügyfél sem távozik kiszolgálás nélkül.";
    SentenceParameterUncertainty => "Parameter uncertainty: the demand itself is known only to within the calibration's interval. With the demand parameters drawn from that uncertainty ({draws} draws), between about {low} and {high} clients come in a season like this one, and {lost_low} to {lost_high} are lost; {share}% of the spread in clients comes from not knowing the demand exactly.",
        "Paraméter-bizonytalanság: magát a keresletet is csak a kalibráció intervallumán belül ismerjük. Ebből a bizonytalanságból húzott keresleti paraméterekkel ({draws} húzás) egy ilyen szezonban nagyjából {low} és {high} közötti ügyfél érkezik, és {lost_low}–{lost_high} távozik kiszolgálás nélkül; az ügyfélszám ingadozásának {share}%-a abból ered, hogy a keresletet nem ismerjük pontosan.";
    SentenceUncertainty => "Figures are expected values: means over {replications} simulated seasons. ± and “precise to” give the simulation's precision (the 95% confidence interval of that mean, which more replications narrow); “in a season like this one” gives the range of 90% of the simulated seasons (5th to 95th percentile), which is how much a real season can differ from the expected value under these assumptions.",
        "Az értékek várható értékek: {replications} szimulált szezon átlagai. A ± és a „pontossága” a szimuláció pontosságát adja meg (az átlag 95%-os megbízhatósági intervallumát, amelyet több replikáció szűkít); az „egy ilyen szezonban” a szimulált szezonok 90%-ának tartománya (5. és 95. percentilis között): ennyivel térhet el egy valódi szezon a várható értéktől e feltevések mellett.";
    SentenceFontCredit => "Charts use the DejaVu Sans font (Bitstream Vera licence).",
        "Az ábrák betűtípusa DejaVu Sans (Bitstream Vera licenc).";
    SentenceDataCredit => "Settlement data: Hungarian Central Statistical Office (KSH), gazetteer of 1 January 2019.",
        "Településadatok: Központi Statisztikai Hivatal (KSH), helységnévtár, 2019. január 1.";

    // --- Management report: header and summary --------------------------------------------------
    ReportMeta => "Scenario “{scenario}” · {replications} simulated seasons · seed {seed} · ablakbusz {version} · scenario digest {digest}",
        "„{scenario}” forgatókönyv · {replications} szimulált szezon · véletlenszám-mag: {seed} · ablakbusz {version} · a forgatókönyv ujjlenyomata: {digest}";
    ReportContents => "Contents", "Tartalom";
    SentenceWaitAnswer => "With {clerks} and {dwell}, {share} of the clients served wait less than {target_min} minutes (in a season like this one between {season_low} and {season_high}; the estimate is precise to {low}–{high}); the average wait is {mean_wait} minutes.",
        "{clerks} és {dwell} a kiszolgált ügyfelek {share}-a {target_min} percnél rövidebb ideig vár (egy ilyen szezonban {season_low} és {season_high} között; a becslés pontossága: {low}–{high}); az átlagos várakozás {mean_wait} perc.";
    ClerksWithOne => "1 clerk", "1 ügyintézővel";
    ClerksWithMany => "{count} clerks", "{count} ügyintézővel";
    ClerksWithRange => "{low}–{high} clerks (by stop)", "megállónként {low}–{high} ügyintézővel";
    DwellPhraseFixed => "a stay of {hours} hours at every stop", "minden megállóban {hours} órás tartózkodással";
    DwellPhraseBySize => "stays of {low}–{high} hours, longer in larger settlements", "a település méretével növekvő, {low}–{high} órás tartózkodással";
    DwellPhraseVaried => "stays of {low}–{high} hours", "{low}–{high} órás tartózkodással";
    SentenceSeasonVolume => "The season has {stops} on {days}. Between about {low} and {high} clients come in a season like this one (the expected {clients} is precise to ± {ci}), and about {served} of them are served.",
        "A szezonban {days} {stops} van. Egy ilyen szezonban nagyjából {low}–{high} ügyfél érkezik (a várható {clients} fő pontossága ± {ci}), közülük mintegy {served} főt szolgálnak ki.";
    DayOne => "1 day", "1 napon";
    DayMany => "{count} days", "{count} napon";
    SentenceLost => "About {lost} clients a season ({share} of those who come; between {low} and {high} in a season like this one) leave unserved: {reneged} give up waiting, {balked} do not join a long queue and {turned_away} are sent home at closing.",
        "Szezononként mintegy {lost} ügyfél (az érkezők {share}-a; egy ilyen szezonban {low}–{high} fő) távozik kiszolgálás nélkül: {reneged} fő feladja a várakozást, {balked} fő a hosszú sor láttán be sem áll, {turned_away} főt pedig záráskor hazaküldenek.";
    SentenceLostWhere => "Most are lost at {stops}.", "A legtöbben ezeken a megállókon maradnak ki: {stops}.";
    SentenceQueuePeak => "At the stop with the most clients ({stop}), the queue is longest about {minutes} minutes after opening: {mean} clients wait on average, and {p90} or more on the busiest tenth of days.",
        "A legtöbb ügyfelet fogadó megállóban ({stop}) a sor a nyitás után mintegy {minutes} perccel a leghosszabb: átlagosan {mean} ügyfél vár, a legforgalmasabb napok tizedén {p90} vagy több.";
    SentenceQueuePeakChosen => "At the chosen stop ({stop}), the queue is longest about {minutes} minutes after opening: {mean} clients wait on average, and {p90} or more on the busiest tenth of days.",
        "A kiválasztott megállóban ({stop}) a sor a nyitás után mintegy {minutes} perccel a leghosszabb: átlagosan {mean} ügyfél vár, a legforgalmasabb napok tizedén {p90} vagy több.";
    SentenceStaffing => "The fewest clerks meeting every target ({targets}): {counts}.",
        "A legkevesebb ügyintéző, amellyel minden cél teljesül ({targets}): {counts}.";
    StaffingCountItem => "{clerks} at {stops}", "{clerks}: {stops}";
    StaffingNotEnoughItem => "more than {desks} clerks at {stops}", "több mint {desks} ügyintéző: {stops}";
    SentenceStaffingShort => "Even {desks} clerks cannot meet the targets at {stops}.",
        "Még {desks} ügyintézővel sem teljesülnek a célok ezeken a megállókon: {stops}.";
    SentenceClerkHours => "The season takes about {hours} clerk-hours (± {ci}); the bus stays open after closing time for {overtime} hours in all.",
        "A szezon mintegy {hours} ügyintézői munkaórát igényel (± {ci}); a busz összesen {overtime} órát marad nyitva a zárás után.";
    TargetWait => "at least {share} wait at most {wait_min} min", "legalább {share} legfeljebb {wait_min} percet vár";
    TargetLost => "at most {share} leave unserved", "legfeljebb {share} távozik kiszolgálás nélkül";
    TargetOvertime => "mean overtime at most {overtime_min} min", "az átlagos túlóra legfeljebb {overtime_min} perc";
    TargetQueue => "mean queue at most {clients} clients", "az átlagos sorhossz legfeljebb {clients} fő";
    ClerkOne => "1 clerk", "1 ügyintéző";
    ClerkMany => "{count} clerks", "{count} ügyintéző";
    StopOne => "1 stop", "1 megálló";
    StopMany => "{count} stops", "{count} megálló";
    ListAnd => "and", "és";

    // --- Management report: figures -------------------------------------------------------------
    CaptionMap => "Marker area: expected clients per visit (for visited settlements the season's mean; for the others a {hours}-hour visit at the municipality). Ringed: visited in the season. Squares: permanent government windows. Grey lines: the bus-days' routes from the depot.",
        "A jelek területe: a látogatásonként várható ügyfélszám (a meglátogatott településeken a szezon átlaga, a többin egy {hours} órás látogatás a polgármesteri hivatalnál). Gyűrű: a szezonban meglátogatott település. Négyzet: állandó kormányablak. Szürke vonal: a busznapok útvonala a telephelytől.";
    CaptionQueue => "Clients waiting (not yet at a desk) at {stop}, over {replications} simulated days: the line is the mean, the band holds the middle 80% of days, the dashed line is closing time. {why}",
        "Várakozó (még nem a pultnál lévő) ügyfelek: {stop}, {replications} szimulált napon. A vonal az átlag, a sáv a napok középső 80%-a, a szaggatott vonal a zárás időpontja. {why}";
    CaptionQueueBusiest => "This is the stop with the most clients; another can be chosen with --stop N (N: the stop's number in stops.csv).",
        "Ez a legtöbb ügyfelet fogadó megálló; másikat a --stop N kapcsolóval lehet választani (N: a megálló sorszáma a stops.csv fájlban).";
    CaptionQueueChosen => "The stop was chosen with --stop {number}.", "A megállót a --stop {number} kapcsoló választotta ki.";
    CaptionWait => "Waiting times of every client served in the season, pooled over the simulated seasons. Bars: share per time band; curve: share who waited less than the time on the axis; vertical line: the target.",
        "A szezonban kiszolgált összes ügyfél várakozási ideje, a szimulált szezonokat összevonva. Oszlopok: arány időszakaszonként; görbe: az adott időnél rövidebb ideig várók aránya; függőleges vonal: a cél.";
    CaptionSeason => "Clients arriving per week: the line is the mean over the simulated seasons, the band one season's range (5–95% of seasons), the whiskers the precision of the mean (its 95% interval). Weeks without stops show 0.",
        "Hetente érkező ügyfelek: a vonal a szimulált szezonok átlaga, a sáv egy szezon tartománya (a szezonok 5–95%-a), a függőleges vonalak az átlag pontossága (95%-os intervallum). A megálló nélküli hetek 0-val szerepelnek.";
    CaptionStaffing => "Each point is a stop: the fewest clerks meeting every target ({targets}), against the settlement's population. Points above the dashed line cannot be staffed within the bus's desks. A ring marks a stop too close to call: fewer clerks might meet the targets, but the simulation cannot tell.",
        "Minden pont egy megálló: a legkevesebb ügyintéző, amellyel minden cél teljesül ({targets}), a település lakosságszámának függvényében. A szaggatott vonal feletti pontok a busz pultjaival nem oldhatók meg. A gyűrű a határeset megállókat jelöli: kevesebb ügyintéző is teljesítheti a célokat, de a szimuláció ezt nem tudja eldönteni.";
    MapSubtitle => "{scenario}: {stops} stops, {from} – {to}", "{scenario}: {stops} megálló, {from} – {to}";
    WaitSubtitle => "{scenario}: every served client of {replications} simulated seasons",
        "{scenario}: {replications} szimulált szezon összes kiszolgált ügyfele";
    StaffingSeriesScenario => "The scenario's dwell ({dwell})", "A forgatókönyv tartózkodási ideje ({dwell})";
    HoursRange => "{low}–{high} h", "{low}–{high} óra";
    HoursOne => "{hours} h", "{hours} óra";

    // --- Management report: dwell policies ---------------------------------------------------------
    PolicyFixedHours => "Fixed {hours}-hour dwell", "Rögzített {hours} órás tartózkodás";
    SentencePolicyDifference => "“{policy}” instead of “{baseline}” (the same simulated clients): clients served {served}, clients lost {lost}, clerk-hours {hours} (differences with 95% intervals).",
        "„{policy}” szabállyal „{baseline}” helyett (ugyanazokkal a szimulált ügyfelekkel): kiszolgált ügyfelek {served}, kiszolgálás nélkül távozók {lost}, ügyintézői órák {hours} (eltérések 95%-os intervallummal).";
    SentenceDemandDrivenUnmet => "Under “{policy}”, even the longest dwell tried ({hours} h) does not meet the targets at {settlements}.",
        "„{policy}” szabállyal még a leghosszabb kipróbált tartózkodás ({hours} óra) sem teljesíti a célokat itt: {settlements}.";
    CaptionPolicy => "The scenario re-planned under each dwell policy and simulated with the same clients (common random numbers): season totals; the bar is the mean, the shaded band one season's range (5–95% of the simulated seasons: what one real season may bring) and the whiskers the precision of the mean (its 95% confidence interval).",
        "A forgatókönyv minden tartózkodási szabállyal újratervezve és ugyanazokkal az ügyfelekkel szimulálva (közös véletlen számok): szezonösszesítők; az oszlop az átlag, a sáv egy szezon tartománya (a szimulált szezonok 5–95%-a: amit egy valódi szezon hozhat), a vonal az átlag pontossága (95%-os megbízhatósági intervallum).";
    ColPolicy => "Dwell policy", "Tartózkodási szabály";
    ColClerkHoursPerServed => "Clerk-hours per client served", "Ügyintézői óra kiszolgált ügyfelenként";
    ColWithinTarget => "Served within the wait target", "A várakozási célon belül sorra kerül";

    // --- Management report: tables ----------------------------------------------------------------
    TableSeasonTotals => "Season totals", "A szezon összesen";
    TableBusiest => "Busiest stops (most clients)", "A legforgalmasabb megállók (legtöbb ügyfél)";
    TableMostLosing => "Stops where most clients leave unserved", "Megállók, ahonnan a legtöbben távoznak kiszolgálás nélkül";
    TableNoneLost => "No stop loses clients in the simulated seasons.", "A szimulált szezonokban egyik megállóból sem távozik kiszolgálatlan ügyfél.";
    TableStaffing => "Clerks needed by settlement size", "Szükséges ügyintézők a település mérete szerint";
    TableDistricts => "By district", "Járásonként";
    ColMeasure => "Measure", "Mutató";
    ColMean => "Mean", "Átlag";
    ColStop => "Stop", "Megálló";
    ColStops => "Stops", "Megállók";
    ColResidents => "Residents", "Lakosok (fő)";
    ColNotEnough => "Not enough with {desks} desks", "{desks} pulttal sem elég";
    RowInformationUses => "Information-only uses", "Csak tájékoztatás (igénybevétel)";
    RowShareWithinTarget => "Served within {target_min} min", "{target_min} percen belül sorra kerül";
    RowLostShare => "Share leaving unserved", "Kiszolgálás nélkül távozók aránya";
    RowOvertimeHours => "Open after closing time (h)", "Nyitva tartás zárás után (óra)";
    RowGivenDemand => "Other (demand given)", "Egyéb (megadott ügyfélszám)";
    SizeClassRange => "{low}–{high}", "{low}–{high} fő";
    SizeClassFrom => "{low} or more", "{low} fő vagy több";

    // --- Management report: assumptions -----------------------------------------------------------
    AssumeDemand => "Demand", "Ügyfélforgalom";
    AssumeFormula => "Expected clients of a stop = base rate × (population / 1000)^elasticity × venue multiplier × month multiplier × exp(distance coefficient × km to the nearest permanent office) × (dwell / reference dwell)^dwell exponent.",
        "Egy megálló várható ügyfélszáma = alapráta × (lakosság / 1000)^rugalmasság × helyszínszorzó × hónapszorzó × exp(távolság-együttható × km a legközelebbi állandó kormányablakig) × (tartózkodás / referencia-tartózkodás)^tartózkodási kitevő.";
    ParamBaseRate => "Base rate (clients of a reference visit)", "Alapráta (egy referencialátogatás ügyfelei)";
    ParamElasticity => "Population elasticity", "Lakosságrugalmasság";
    ParamDistance => "Distance coefficient (per km)", "Távolság-együttható (kilométerenként)";
    ParamReferenceDwell => "Reference dwell (h)", "Referencia-tartózkodás (óra)";
    ParamDwellExponent => "Dwell exponent (0: a fixed pool per visit, 1: proportional to the hours)",
        "Tartózkodási kitevő (0: látogatásonként rögzített ügyfélkör, 1: az órák számával arányos)";
    ParamVenue => "Venue multipliers", "Helyszínszorzók";
    ParamMonth => "Month multipliers", "Hónapszorzók";
    ValueAllOne => "all 1 (no seasonal change)", "mind 1 (nincs évszakos változás)";
    ParamCounts => "Clients per stop", "Ügyfélszám megállónként";
    ValuePoisson => "Poisson (pure chance around the expected number)", "Poisson-eloszlású (a várható érték körüli tiszta véletlen)";
    ValueNegativeBinomial => "negative binomial with shape k = {k} (more variable than Poisson)",
        "negatív binomiális, k = {k} alakparaméterrel (szórtabb a Poisson-eloszlásnál)";
    ParamArrivalShape => "Arrivals within the stay", "Érkezések a tartózkodás alatt";
    ValueFlat => "evenly spread", "egyenletesen";
    ValueFrontLoaded => "front-loaded: the first hour's intensity is {weight} times the later hours'",
        "az elejére torlódva: az első óra relatív intenzitása {weight}, a későbbi óráké 1";
    ValuePiecewise => "piecewise (hour after opening: relative intensity) {pieces}",
        "szakaszonként (óra a nyitás után: relatív intenzitás) {pieces}";
    AssumeClients => "Clients and cases", "Ügyfelek és ügyek";
    ParamErrands => "Errands per client (mean)", "Ügyek ügyfelenként (átlag)";
    ParamPatience => "Patience (waiting before giving up)", "Türelem (várakozás a feladásig)";
    ValueUnlimited => "unlimited", "korlátlan";
    ValueDuration => "{distribution}, mean {mean_min} min", "{distribution}, átlag {mean_min} perc";
    ValueDurationCv => "{distribution}, mean {mean_min} min, CV {cv}", "{distribution}, átlag {mean_min} perc, CV {cv}";
    ParamBalking => "Not joining a long queue", "A hosszú sorba be nem állás";
    ValueBalking => "with {threshold} or more waiting, {share} of newcomers leave", "{threshold} vagy több várakozónál az újonnan érkezők {share}-a elmegy";
    ValueNoBalking => "everyone joins the queue", "mindenki beáll a sorba";
    CaseMixHeading => "Case mix", "Az ügyek összetétele";
    ColErrand => "Case type", "Ügytípus";
    ColErrandShare => "Share of errands", "Arány az ügyek között";
    ColDeskTime => "Desk time", "Ügyintézési idő";
    ColInformationOnly => "Information only", "Csak tájékoztatás";
    ValueYes => "yes", "igen";
    ValueNo => "no", "nem";
    DistExponential => "exponential", "exponenciális";
    DistLogNormal => "lognormal", "lognormális";
    DistGamma => "gamma", "gamma-eloszlású";
    DistFixed => "fixed", "rögzített";
    ErrandIdCard => "ID card", "Személyazonosító igazolvány";
    ErrandAddressCard => "Address card", "Lakcímkártya";
    ErrandStudentCard => "Student card", "Diákigazolvány";
    ErrandParkingCard => "Parking card for the disabled", "Parkolási igazolvány mozgáskorlátozottaknak";
    ErrandPassport => "Passport", "Útlevél";
    ErrandDrivingLicence => "Driving licence", "Vezetői engedély";
    ErrandSocialHealth => "Social administration and health insurance", "Szociális és egészségbiztosítási ügyek";
    ErrandInformation => "Information only", "Csak tájékoztatás";
    AssumeBus => "Bus and service", "Busz és kiszolgálás";
    ParamDesks => "Desks (workstations)", "Pultok (munkaállomások)";
    ParamClerks => "Clerks on duty", "Szolgálatban lévő ügyintézők";
    ParamClosing => "At closing time", "Záráskor";
    ParamWaitTarget => "Wait target (min)", "Várakozási cél (perc)";
    ParamTargets => "Staffing targets", "Létszámcélok";
    ParamDwell => "Dwell (stops)", "Tartózkodás (megállók)";
    AssumeItinerary => "Itinerary", "Útiterv";
    ParamDepot => "Depot", "Telephely";
    ParamBusDays => "Bus-days", "Busznapok";
    ParamRoadKm => "Road distance (km)", "Közúti távolság (km)";
    ParamDriving => "Driving (h)", "Vezetés (óra)";
    ParamUnplaced => "Wanted visits that did not fit", "Be nem fért látogatások";
    ValueExplicitStops => "The stops are listed in the scenario (no generated itinerary).",
        "A megállókat a forgatókönyv sorolja fel (nincs generált útiterv).";
    AssumeSimulation => "Simulation", "Szimuláció";
    ParamScenario => "Scenario", "Forgatókönyv";
    ParamReplications => "Simulated seasons", "Szimulált szezonok";
    ParamSeed => "Seed", "Véletlenszám-mag";
    ParamVersion => "ablakbusz version", "ablakbusz-verzió";
    ParamDigest => "Scenario digest", "A forgatókönyv ujjlenyomata";

    // --- Management report: sources ---------------------------------------------------------------
    SourceKsh => "Settlements (names, districts, legal status and resident population on 1 January 2019): Hungarian Central Statistical Office (KSH), Gazetteer of Hungary 2019 (Magyarország helységnévkönyve). Coordinates and permanent government windows: scenarios/data/README.md lists their sources.",
        "Települések (név, járás, jogállás, lakónépesség 2019. január 1-jén): Központi Statisztikai Hivatal (KSH), Magyarország helységnévkönyve 2019. A koordináták és az állandó kormányablakok forrását a scenarios/data/README.md sorolja fel.";
    SourceFacts => "The bus programme (2019: 196 stops and more than 3,600 uses; August–November 2019: 71 stops, more than 1,000 clients, 2–5 hours per settlement depending on its size): press releases of the Bács-Kiskun County Government Office, each listed with its source in scenarios/data/bus-programme-facts.md.",
        "A buszprogram adatai (2019: 196 megálló és több mint 3600 igénybevétel; 2019. augusztus–november: 71 megálló, több mint 1000 ügyfél, településenként a mérettől függően 2–5 óra): a Bács-Kiskun Vármegyei Kormányhivatal sajtóközleményei, forrásukkal együtt a scenarios/data/bus-programme-facts.md fájlban.";
    SourceAssumptions => "Everything else (desk times, patience, the demand model's parameters) is an assumption of the scenario, listed under Assumptions.",
        "Minden más (ügyintézési idők, türelem, a keresleti modell paraméterei) a forgatókönyv feltevése, ezeket a Feltevések fejezet sorolja fel.";
    SourceReproduce => "Computed with ablakbusz {version}; running the same scenario with the same seed gives the same figures.",
        "Készült az ablakbusz {version} programmal; ugyanaz a forgatókönyv ugyanazzal a véletlenszám-maggal ugyanezeket az eredményeket adja.";
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
            if lang == Lang::En && value == "1" {
                text = singular_after(&text, name);
            }
            text = text.replace(&format!("{{{name}}}"), value);
        }
        Ok(text)
    }
}

/// English nouns that follow a count in the label table, plural and singular. Hungarian needs none:
/// a noun after a numeral is singular ("1 megálló", "5 megálló").
const ENGLISH_PLURALS: [(&str, &str); 13] = [
    ("stops", "stop"),
    ("hours", "hour"),
    ("clerks", "clerk"),
    ("replications", "replication"),
    ("bus-days", "bus-day"),
    ("seasons", "season"),
    ("days", "day"),
    ("visits", "visit"),
    ("settlements", "settlement"),
    ("clients", "client"),
    ("errands", "errand"),
    ("minutes", "minute"),
    ("desks", "desk"),
];

/// `template` with the plural noun right after placeholder `name` made singular (its value is 1).
fn singular_after(template: &str, name: &str) -> String {
    let mut text = template.to_string();
    for (plural, singular) in ENGLISH_PLURALS {
        for end in [" ", ",", ".", ")", ":", ";"] {
            text = text.replace(
                &format!("{{{name}}} {plural}{end}"),
                &format!("{{{name}}} {singular}{end}"),
            );
        }
        if let Some(stem) = text.strip_suffix(&format!("{{{name}}} {plural}")) {
            text = format!("{stem}{{{name}}} {singular}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn one_takes_the_singular_in_english_and_hungarian_needs_no_plural() {
        let one = Label::RunHeading.fill(Lang::En, &[("name", "x"), ("stops", "1"), ("replications", "1")]);
        assert_eq!(one.unwrap(), "Scenario x: 1 stop, 1 replication");
        let many = Label::RunHeading.fill(Lang::En, &[("name", "x"), ("stops", "11"), ("replications", "21")]);
        assert_eq!(many.unwrap(), "Scenario x: 11 stops, 21 replications");
        let plan = [
            ("name", "x"),
            ("stops", "1"),
            ("bus_days", "1"),
            ("km", "1"),
            ("driving", "1"),
            ("unplaced", "1"),
        ];
        let text = Label::PlanSummary.fill(Lang::En, &plan).unwrap();
        assert!(
            text.contains("1 stop on 1 bus-day") && text.contains("1 visit did not fit"),
            "{text}"
        );
        let hu = Label::CalibrationStopLogGroup.fill(Lang::Hu, &[("group", "Q1"), ("stops", "1")]);
        assert_eq!(hu.unwrap(), "Q1 (1 megálló)");
    }

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
        assert_eq!(Lang::Hu.month_abbreviation(3), "márc.");
        assert_eq!(Lang::En.month_abbreviation(12), "Dec");
        assert_eq!(Lang::En.month_abbreviation(13), "");
    }

    #[test]
    fn parses_language_codes() {
        assert_eq!("hu".parse::<Lang>(), Ok(Lang::Hu));
        assert_eq!(" EN ".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("de".parse::<Lang>(), Err(UnknownLang("de".into())));
        assert_eq!(Lang::Hu.to_string(), "hu");
    }
}
