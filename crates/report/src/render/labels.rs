//! Every label of the rendered report, in Swedish and English, in one place.
//! Keys are the codes the JSON and CSV use, so a page and a file say the same.

use super::Lang;

/// (key, Swedish, English).
const LABELS: &[(&str, &str, &str)] = &[
    (
        "title",
        "Rapport om verkställighet av avvisnings- och utvisningsbeslut",
        "Report on the enforcement of return decisions",
    ),
    ("period", "Period", "Period"),
    ("cases_read", "Ärenden lästa", "Cases read"),
    (
        "internal_note",
        "Intern rapport: alla uppgifter visas. Får inte lämnas ut utan röjandekontroll.",
        "Internal report: every figure is shown. Not for release without disclosure control.",
    ),
    (
        "public_note",
        "Röjandekontrollerad rapport: antal under 3 personer visas som ”<3”; uppgifter som annars skulle gå att räkna fram ur en summa visas som ”..”.",
        "Disclosure-controlled report: counts below 3 persons are shown as \"<3\"; figures that would let them be recomputed from a total are shown as \"..\".",
    ),
    ("symbols", "Teckenförklaring", "Symbols"),
    ("primary", "färre än 3 personer", "fewer than 3 persons"),
    (
        "secondary",
        "undertryckt för att skydda en annan uppgift",
        "withheld to protect another figure",
    ),
    ("key_figures", "Nyckeltal", "Key figures"),
    ("figure", "Uppgift", "Figure"),
    ("value", "Värde", "Value"),
    ("total", "Totalt", "Total"),
    // Executions
    ("executions", "Verkställigheter", "Executions"),
    (
        "executions_caption",
        "Verkställda personer efter resetyp och eskort",
        "Persons executed by kind of trip and escort",
    ),
    (
        "executions_total",
        "Verkställda personer",
        "Persons executed",
    ),
    ("kind", "Resetyp", "Kind of trip"),
    ("charter", "Charter", "Charter"),
    ("scheduled", "Reguljärflyg", "Scheduled flight"),
    ("unknown_trip", "Okänd resa", "Unknown trip"),
    ("escorted", "Med eskort", "Escorted"),
    ("not_escorted", "Utan eskort", "Not escorted"),
    ("charter_share", "Andel med charter", "Charter share"),
    // Charters
    ("charters", "Charterresor", "Charters"),
    (
        "charters_caption",
        "Personer per charterresa",
        "Persons per charter",
    ),
    (
        "charters_flown",
        "Charterresor genomförda",
        "Charters flown",
    ),
    (
        "persons_per_charter",
        "Personer per charter",
        "Persons per charter",
    ),
    ("trip", "Resa", "Trip"),
    ("destination", "Destination", "Destination"),
    ("date", "Datum", "Date"),
    ("persons", "Personer", "Persons"),
    ("cost_sek", "Kostnad (kr)", "Cost (SEK)"),
    (
        "cost_per_person_sek",
        "Kostnad per person (kr)",
        "Cost per person (SEK)",
    ),
    // Lead times
    ("lead_times", "Ledtider", "Lead times"),
    (
        "lead_times_caption",
        "Ledtider per överlämning, kalenderdagar",
        "Lead times per handover, calendar days",
    ),
    ("handover", "Överlämning", "Handover"),
    (
        "final_to_police",
        "Laga kraft → överlämnat till polisen",
        "Final → handed over to the police",
    ),
    (
        "police_to_transport_request",
        "Överlämnat till polisen → transport begärd",
        "Handed over → transport requested",
    ),
    (
        "transport_request_to_execution",
        "Transport begärd → verkställt",
        "Transport requested → executed",
    ),
    ("n", "Antal", "Number"),
    ("median_days", "Median (dagar)", "Median (days)"),
    (
        "p90_days",
        "90:e percentil (dagar)",
        "90th percentile (days)",
    ),
    // Detention
    ("detention", "Förvar", "Detention"),
    (
        "detention_caption",
        "Beläggning per förvarsenhet",
        "Occupancy per detention unit",
    ),
    (
        "detention_summary_caption",
        "Förvar: beläggning, vistelser och frigivningar",
        "Detention: occupancy, stays and releases",
    ),
    ("facility", "Förvarsenhet", "Detention unit"),
    ("places", "Platser", "Places"),
    (
        "mean_occupied",
        "Belagda platser, medel",
        "Places occupied, mean",
    ),
    ("occupancy", "Beläggningsgrad", "Occupancy"),
    (
        "peak_occupied",
        "Belagda platser, högst",
        "Places occupied, peak",
    ),
    ("occupied", "Belagda platser", "Places occupied"),
    ("stays_started", "Vistelser som började", "Stays begun"),
    ("stays_ended", "Vistelser som avslutades", "Stays ended"),
    (
        "stay_mean_days",
        "Vistelsens längd, medel (dagar)",
        "Length of stay, mean (days)",
    ),
    (
        "stay_median_days",
        "Vistelsens längd, median (dagar)",
        "Length of stay, median (days)",
    ),
    (
        "released_at_limit",
        "Frigivna vid lagstadgad tidsgräns",
        "Released at a legal time limit",
    ),
    (
        "released_at_limit_children",
        "varav barn",
        "of whom children",
    ),
    // Cost
    ("cost", "Kostnad", "Cost"),
    (
        "cost_caption",
        "Resekostnad per förflyttad person (charter fördelad på personerna ombord, reguljärflyg: biljetten; eskorternas kostnader ingår inte)",
        "Trip cost per person moved (a charter spread over the persons on it, scheduled: the ticket; escorts' costs not included)",
    ),
    ("total_sek", "Kostnad totalt (kr)", "Total cost (SEK)"),
    (
        "persons_costed",
        "Personer med känd resa",
        "Persons on a known trip",
    ),
    (
        "persons_without_offer",
        "Personer utan känd resa",
        "Persons without a known trip",
    ),
    (
        "per_person_sek",
        "Kostnad per förflyttad person (kr)",
        "Cost per person moved (SEK)",
    ),
    (
        "per_charter_person_sek",
        "per person med charter (kr)",
        "per charter person (SEK)",
    ),
    (
        "per_scheduled_person_sek",
        "per person med reguljärflyg (kr)",
        "per scheduled-flight person (SEK)",
    ),
    // Eurostat
    (
        "eurostat",
        "EU:s återvändandestatistik (Eurostat)",
        "EU return statistics (Eurostat)",
    ),
    (
        "eurostat_note",
        "Tredjelandsmedborgare per medborgarskap och kvartal, som i Eurostats migr_eiord och migr_eirtn. Medborgare i EU- och Efta-länder ingår inte.",
        "Third-country nationals by citizenship and quarter, as in Eurostat's migr_eiord and migr_eirtn. Citizens of EU and EFTA states are not included.",
    ),
    (
        "ordered_to_leave",
        "Tredjelandsmedborgare som ålagts att lämna landet",
        "Third-country nationals ordered to leave",
    ),
    (
        "returned",
        "Tredjelandsmedborgare som återvänt efter beslut",
        "Third-country nationals returned following an order to leave",
    ),
    ("citizenship", "Medborgarskap", "Citizenship"),
    (
        "excluded_eu_efta",
        "EU- och Efta-medborgare (ingår inte)",
        "EU and EFTA citizens (not included)",
    ),
    (
        "partial",
        "kvartalet ingår bara delvis i perioden",
        "the quarter is only partly in the period",
    ),
    ("XX", "Statslös eller okänt", "Stateless or unknown"),
    // Plots
    (
        "plot_executions",
        "Verkställda personer efter resetyp och eskort (stapeldiagram)",
        "Persons executed by kind of trip and escort (bar chart)",
    ),
    (
        "plot_lead_times",
        "Ledtider per överlämning, median och 90:e percentil i dagar (stapeldiagram)",
        "Lead times per handover, median and 90th percentile in days (bar chart)",
    ),
    (
        "plot_occupancy",
        "Belagda förvarsplatser vid dygnets slut, och antalet platser (linjediagram)",
        "Detention places occupied at the end of each day, and the number of places (line chart)",
    ),
    (
        "plot_returned",
        "Tredjelandsmedborgare som ålagts att lämna och som återvänt, per kvartal (stapeldiagram)",
        "Third-country nationals ordered to leave and returned, per quarter (bar chart)",
    ),
    ("not_shown", "ej visad", "not shown"),
    ("no_data", "Inga uppgifter att visa", "No data to show"),
    ("median", "Median", "Median"),
    ("p90", "90:e percentil", "90th percentile"),
];

/// The label of a key; the key itself when there is none (a trip id, a country code).
pub fn label(key: &str, lang: Lang) -> &str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |(_, sv, en)| match lang {
            Lang::Sv => sv,
            Lang::En => en,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_has_both_languages() {
        let mut keys: Vec<&str> = LABELS.iter().map(|l| l.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate label keys");
        assert!(
            LABELS
                .iter()
                .all(|(_, sv, en)| !sv.is_empty() && !en.is_empty())
        );
        assert_eq!(label("charter_share", Lang::Sv), "Andel med charter");
        assert_eq!(label("charter_share", Lang::En), "Charter share");
        assert_eq!(label("C-IQ-202601", Lang::En), "C-IQ-202601");
    }
}
