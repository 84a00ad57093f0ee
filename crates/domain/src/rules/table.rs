//! The rows of the default rule table. One row is one period of one rule: a rule
//! whose text or limit changed has one row per period, and the periods of one id
//! never overlap (`RuleTable::validate`). docs/legal-rules.md records what was
//! confirmed against the statute text and what remains for a legal officer.

use super::{LegalRule, Limit, RuleId, RuleKind};
use jiff::civil::Date;

/// Utlänningslagen (2005:716) in force.
const UTLL_IN_FORCE: Date = jiff::civil::date(2006, 3, 31);
/// SFS 2012:129 (the Return Directive) set the 3- and 12-month caps and the
/// voluntary-departure period.
const RETURN_DIRECTIVE_IN_FORCE: Date = jiff::civil::date(2012, 5, 1);
/// The new lapse rule of UtlL 12 kap. 22 §.
pub const NEW_LAPSE_RULE_FROM: Date = jiff::civil::date(2025, 4, 1);
const OLD_LAPSE_RULE_TO: Date = jiff::civil::date(2025, 3, 31);
/// Förvaltningslagen (2017:900) replaced förvaltningslagen (1986:223).
const NEW_FL_FROM: Date = jiff::civil::date(2018, 7, 1);
const OLD_FL_TO: Date = jiff::civil::date(2018, 6, 30);
/// The EU Pact on Migration and Asylum applies (Regulation (EU) 2024/1349 art. 8).
pub const PACT_IN_FORCE: Date = jiff::civil::date(2026, 6, 12);

macro_rules! rule {
    ($id:ident, $kind:ident, $statute:literal, $from:expr, $to:expr, $limit:expr, sv: $sv:literal, en: $en:literal) => {
        LegalRule {
            id: RuleId::$id,
            kind: RuleKind::$kind,
            statute: $statute,
            text_sv: $sv,
            text_en: $en,
            in_force_from: $from,
            in_force_to: $to,
            limit: $limit,
        }
    };
}

/// The default rule table.
pub fn default_rules() -> Vec<LegalRule> {
    use Limit::*;
    let utl = Some(UTLL_IN_FORCE);
    let rd = Some(RETURN_DIRECTIVE_IN_FORCE);
    let pact = Some(PACT_IN_FORCE);
    vec![
        // --- Finality and periods -------------------------------------------------
        rule!(AppealPeriod, Statute, "FL (1986:223) 23 §", None, Some(OLD_FL_TO), Some(Weeks(3)),
            sv: "Ett beslut överklagas inom tre veckor från den dag klaganden fick del av beslutet; det vinner laga kraft när tiden gått ut eller klaganden avstått.",
            en: "A decision is appealed within three weeks of the day the person was notified; it becomes final when that time has run out or appeal was waived."),
        rule!(AppealPeriod, Statute, "FL (2017:900) 44 §", Some(NEW_FL_FROM), None, Some(Weeks(3)),
            sv: "Ett beslut överklagas inom tre veckor från den dag klaganden fick del av beslutet; det vinner laga kraft dagen efter den sista dagen för överklagande eller när klaganden avstått.",
            en: "A decision is appealed within three weeks of the day the person was notified; it becomes final the day after the last day of appeal, or when appeal was waived."),
        rule!(PeriodEndsOnWorkingDay, Statute, "lag (1930:173) om beräkning av lagstadgad tid 1–2 §§; lag (1989:253) om allmänna helgdagar", None, None, None,
            sv: "En frist i veckor eller månader slutar den dag som till namn eller tal motsvarar startdagen; infaller sista dagen på lördag, söndag, annan allmän helgdag, midsommarafton, julafton eller nyårsafton får åtgärden vidtas nästa vardag.",
            en: "A period in weeks or months ends on the day matching the start day by name or number; if that last day is a Saturday, Sunday, public holiday, Midsummer Eve, Christmas Eve or New Year's Eve, the action may be taken on the next working day."),
        rule!(FinalAtOnceCourtOfAppeal, Statute, "UtlL (2005:716) 16 kap. 9 §; lag (1971:291) om allmänna förvaltningsdomstolar", utl, None, None,
            sv: "Migrationsöverdomstolens avgörande kan inte överklagas och vinner laga kraft när det meddelas.",
            en: "A decision of the Migration Court of Appeal cannot be appealed and is final when it is given."),
        rule!(FinalityConfirmed, Practice, "JO 8824-2019; FL (2017:900) 9 §", None, None, None,
            sv: "Dagen för laga kraft ska ha kontrollerats mot beslutet av en andra person (annan än den som registrerade den) innan förvar för verkställighet, överlämnande för tvång eller planering av en resa.",
            en: "The date of finality must have been checked against the decision by a second person (not the one who recorded it) before detention for enforcement, a handover for coercion or planning a trip."),
        rule!(EnforcementRequiresFinal, Statute, "UtlL (2005:716) 12 kap. 14 §", utl, None, None,
            sv: "Ett beslut om avvisning eller utvisning verkställs först när det har vunnit laga kraft.",
            en: "A decision on refusal of entry or expulsion is enforced only once it has become final."),
        // --- Voluntary departure ---------------------------------------------------
        rule!(VoluntaryDepartureRefusal, Statute, "UtlL (2005:716) 8 kap. 21 §", rd, None, Some(Weeks(2)),
            sv: "Vid avvisning ska tidsfristen för frivillig avresa vara två veckor från det att beslutet vann laga kraft.",
            en: "For refusal of entry the period for voluntary departure is two weeks from the day the decision became final."),
        rule!(VoluntaryDepartureExpulsion, Statute, "UtlL (2005:716) 8 kap. 21 §", rd, None, Some(Weeks(4)),
            sv: "Vid utvisning ska tidsfristen för frivillig avresa vara fyra veckor från det att beslutet vann laga kraft.",
            en: "For expulsion the period for voluntary departure is four weeks from the day the decision became final."),
        rule!(VoluntaryDepartureLonger, Statute, "UtlL (2005:716) 8 kap. 21 § andra stycket", rd, None, None,
            sv: "Om det finns särskilda skäl får tidsfristen bestämmas till en längre tid, och en bestämd tidsfrist får förlängas.",
            en: "With special reasons the period may be set longer, and a period set may be extended."),
        rule!(NoDeparturePeriodOnAbscondingRisk, Statute, "UtlL (2005:716) 8 kap. 22 §", rd, None, None,
            sv: "Ingen tidsfrist för frivillig avresa ges om det finns risk att utlänningen avviker, om utlänningen är en fara för allmän ordning och säkerhet eller rikets säkerhet, eller om utlänningen medvetet lämnat oriktiga uppgifter.",
            en: "No period for voluntary departure is given where there is a risk that the person absconds, the person is a danger to public order, public security or national security, or the person knowingly gave false information."),
        rule!(ReturnBorderVoluntaryDeparture, Statute, "förordning (EU) 2024/1349 art. 4.5", pact, None, Some(Days(15)),
            sv: "I gränsförfarandet för återvändande är tidsfristen för frivillig avresa högst 15 dagar.",
            en: "In the return border procedure the period for voluntary departure is at most 15 days."),
        // --- Handover and transport ------------------------------------------------
        rule!(HandoverToPolice, Statute, "UtlL (2005:716) 12 kap. 14 § tredje stycket", utl, None, None,
            sv: "Migrationsverket får lämna över verkställigheten till Polismyndigheten om utlänningen håller sig undan eller om tvång kan antas behövas.",
            en: "Migrationsverket may hand enforcement over to the Police where the person has absconded or coercion can be assumed to be needed."),
        rule!(TransportRequest, Statute, "UtlL (2005:716) 12 kap. 14 §; UtlF (2006:97) 8 kap.", utl, None, None,
            sv: "Polismyndigheten får begära att Kriminalvården genomför transporten vid verkställigheten.",
            en: "The Police may ask the Prison and Probation Service to carry out the transport for the enforcement."),
        // --- Impediments -----------------------------------------------------------
        rule!(ImpedimentBlocks, Statute, "UtlL (2005:716) 12 kap. 18 §", utl, None, None,
            sv: "Finns det hinder mot verkställighet får verkställighet inte ske så länge hindret består.",
            en: "Where there is an impediment to enforcement, the decision may not be enforced while the impediment remains."),
        rule!(StayBlocks, Statute, "UtlL (2005:716) 12 kap. 19 §", utl, None, None,
            sv: "Vid nya omständigheter får Migrationsverket besluta om inhibition; verkställighet får då inte ske.",
            en: "On new circumstances Migrationsverket may stay enforcement (inhibition); the decision may then not be enforced."),
        rule!(InternationalInterimMeasure, Statute, "UtlL (2005:716) 12 kap. 18 §; Europakonventionen art. 34, EKMR:s regel 39; FN:s tortyrkonvention art. 22", utl, None, None,
            sv: "En interimistisk åtgärd från Europadomstolen eller FN:s kommitté mot tortyr hindrar verkställighet tills den hävts.",
            en: "An interim measure of the European Court of Human Rights or the UN Committee against Torture blocks enforcement until lifted."),
        // --- Detention: caps ---------------------------------------------------------
        rule!(DetentionIdentity, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, None, Some(Weeks(2)),
            sv: "En vuxen får hållas i förvar för att utreda identiteten i högst två veckor, om inte synnerliga skäl föreligger.",
            en: "An adult may be detained to establish identity for at most two weeks, unless there are exceptional reasons."),
        rule!(DetentionInvestigation, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, None, Some(Hours(48)),
            sv: "En vuxen får hållas i förvar för utredning om rätten att stanna i högst 48 timmar.",
            en: "An adult may be detained for an investigation of the right to stay for at most 48 hours."),
        rule!(DetentionLikelyRemoval, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, None, Some(Weeks(2)),
            sv: "En vuxen får hållas i förvar när det är sannolikt att han eller hon kommer att avvisas eller utvisas i högst två veckor, om inte synnerliga skäl föreligger.",
            en: "An adult may be detained where refusal of entry or expulsion is likely for at most two weeks, unless there are exceptional reasons."),
        rule!(DetentionEnforcement, Statute, "UtlL (2005:716) 10 kap. 4 §; MIG 2013:3; MIG 2019:17", utl, None, Some(Months(2)),
            sv: "En vuxen får hållas i förvar för verkställighet i högst två månader, om inte synnerliga skäl föreligger; tiden räknas över hela verkställighetsärendet från laga kraft, tidigare perioder inräknade.",
            en: "An adult may be detained for enforcement for at most two months, unless there are exceptional reasons; the time is counted over the whole enforcement case from finality, earlier periods included."),
        rule!(DetentionExceptional, Statute, "UtlL (2005:716) 10 kap. 4 §", utl, Some(jiff::civil::date(2012, 4, 30)), None,
            sv: "Med synnerliga skäl fick förvaret pågå längre än två månader; lagen satte ingen övre gräns.",
            en: "With exceptional reasons detention could last longer than two months; the law set no upper cap."),
        rule!(DetentionExceptional, Statute, "UtlL (2005:716) 10 kap. 4 § (SFS 2012:129)", rd, None, Some(Months(3)),
            sv: "Även om det finns synnerliga skäl får en vuxen inte hållas i förvar för verkställighet längre än tre månader i hela ärendet.",
            en: "Even with exceptional reasons an adult may not be detained for enforcement longer than three months over the whole case."),
        rule!(DetentionNonCooperation, Statute, "UtlL (2005:716) 10 kap. 4 § (SFS 2012:129); MIG 2019:17", rd, None, Some(Months(12)),
            sv: "Om verkställigheten drar ut på tiden för att utlänningen inte samarbetar eller handlingar dröjer får förvaret vara högst tolv månader i hela verkställighetsärendet.",
            en: "Where enforcement takes longer because the person does not cooperate or documents are delayed, detention may last at most twelve months over the whole enforcement case."),
        rule!(DetentionCriminalCourt, Statute, "UtlL (2005:716) 10 kap. 4 § sista stycket; återvändandedirektivet art. 2.2 b", utl, None, None,
            sv: "Tidsgränserna gäller inte den som har utvisats av allmän domstol på grund av brott.",
            en: "The time caps do not apply to a person expelled by a criminal court."),
        rule!(DetentionAbsoluteCap, Statute, "direktiv 2008/115/EG art. 15.5–15.6; C-357/09 Kadzoev", rd, None, Some(Months(18)),
            sv: "Frihetsberövande för avlägsnande får aldrig överstiga sex månader förlängt med högst tolv månader, alla perioder i ärendet inräknade.",
            en: "Deprivation of liberty for removal may never exceed six months extended by at most twelve months, every period of the case included."),
        rule!(NoReasonableProspect, Statute, "direktiv 2008/115/EG art. 15.4; UtlL (2005:716) 10 kap. 2 §", rd, None, None,
            sv: "När det inte längre finns rimliga utsikter till avlägsnande (ett hinder eller en inhibition är öppen) ska personen omedelbart friges.",
            en: "When a reasonable prospect of removal no longer exists (an impediment or a stay is open), the person is released immediately."),
        rule!(ReturnBorderProcedure, Statute, "förordning (EU) 2024/1349 art. 4.2", pact, None, Some(Weeks(12)),
            sv: "Gränsförfarandet för återvändande pågår högst tolv veckor från den dag personen inte längre har rätt att stanna.",
            en: "The return border procedure lasts at most twelve weeks from the day the person no longer has a right to remain."),
        rule!(ReturnBorderDetention, Statute, "förordning (EU) 2024/1349 art. 5", pact, None, Some(Weeks(12)),
            sv: "Förvar i gränsförfarandet för återvändande får pågå högst tolv veckor och räknas in i direktivets tidsgränser.",
            en: "Detention in the return border procedure lasts at most twelve weeks and counts towards the directive's caps."),
        // --- Detention: reviews --------------------------------------------------------
        rule!(DetentionReviewLikelyRemoval, Statute, "UtlL (2005:716) 10 kap. 9–10 §§; MIG 2013:7", utl, None, Some(Weeks(2)),
            sv: "Ett beslut om förvar när avvisning eller utvisning är sannolik ska prövas på nytt inom två veckor från den dag det började verkställas; annars upphör det att gälla.",
            en: "A detention decision on likely removal is reviewed within two weeks of taking effect; otherwise it lapses."),
        rule!(DetentionReviewEnforcement, Statute, "UtlL (2005:716) 10 kap. 9–10 §§; MIG 2013:7", utl, None, Some(Months(2)),
            sv: "Ett beslut om förvar för verkställighet ska prövas på nytt inom två månader och därefter inom samma tid; annars upphör det att gälla.",
            en: "An enforcement detention decision is reviewed within two months, and again within the same period after each review; otherwise it lapses."),
        rule!(PublicCounsel, Statute, "UtlL (2005:716) 18 kap. 1 §", utl, None, Some(Hours(72)),
            sv: "Offentligt biträde ska förordnas för den som hållits i förvar mer än tre dagar.",
            en: "Public counsel is appointed for a person held in detention for more than three days."),
        // --- Children -------------------------------------------------------------------
        rule!(ChildDetention, Statute, "UtlL (2005:716) 10 kap. 5 §", utl, None, Some(Hours(72)),
            sv: "Ett barn får inte hållas i förvar längre än 72 timmar, alla perioder i ärendet inräknade.",
            en: "A child may not be detained for longer than 72 hours, every period of the case included."),
        rule!(ChildDetentionExtension, Statute, "UtlL (2005:716) 10 kap. 5 §", utl, None, Some(Hours(72)),
            sv: "Om det finns synnerliga skäl får förvaret av ett barn förlängas en gång med högst 72 timmar.",
            en: "With exceptional reasons the detention of a child may be extended once by at most 72 hours."),
        rule!(ChildDetentionGrounds, Statute, "UtlL (2005:716) 10 kap. 2 §", utl, None, None,
            sv: "Ett barn får tas i förvar endast för att förbereda eller genomföra verkställighet, eller när avvisning med omedelbar verkställighet är sannolik, om risken är uppenbar att barnet håller sig undan och uppsikt inte är tillräckligt.",
            en: "A child may be detained only to prepare or carry out enforcement, or where refusal of entry with immediate enforcement is likely, where there is an obvious risk of absconding and supervision is not enough."),
        rule!(ChildNotSeparated, Statute, "UtlL (2005:716) 10 kap. 3 §", utl, None, None,
            sv: "Ett barn får inte skiljas från båda sina vårdnadshavare genom förvar; ett ensamkommande barn får tas i förvar endast om det finns synnerliga skäl.",
            en: "A child may not be separated from both guardians by detention; an unaccompanied child may be detained only for exceptional reasons."),
        rule!(ChildReception, Statute, "direktiv 2008/115/EG art. 10.2", rd, None, None,
            sv: "Ett ensamkommande barn avlägsnas endast om det är säkerställt att barnet återsänds till en familjemedlem, en utsedd förmyndare eller ett lämpligt mottagande i återvändandelandet.",
            en: "An unaccompanied child is removed only when it is certain the child will be returned to a family member, a nominated guardian or adequate reception in the State of return."),
        rule!(DetentionNewDecision, Statute, "UtlL (2005:716) 10 kap. 4–5 §§", utl, None, None,
            sv: "Gränser som beror på ålder eller grund ändras genom ett nytt förvarsbeslut, aldrig av sig själva.",
            en: "Limits that depend on age or ground change by a new detention decision, never by themselves."),
        rule!(ChildPlacement, Statute, "UtlL (2005:716) 10 kap. 20 §", utl, None, None,
            sv: "Ett barn får aldrig placeras i kriminalvårdsanstalt, häkte eller polisarrest.",
            en: "A child is never placed in a prison, a remand centre or a police cell."),
        rule!(SupervisionFirst, Statute, "UtlL (2005:716) 10 kap. 1 § och 6–8 §§", utl, None, None,
            sv: "Förvar får användas endast om uppsikt (anmälningsplikt, inlämnat pass) inte är tillräckligt.",
            en: "Detention may be used only where supervision (reporting duty, passport handed in) is not enough."),
        // --- Custody and transport placement ----------------------------------------------
        rule!(PoliceCustody, Statute, "UtlL (2005:716) 10 kap. 17 §", utl, None, Some(Hours(24)),
            sv: "Polismyndigheten får hålla en utlänning kvar för verkställighet i högst 24 timmar.",
            en: "The Police may hold a person in custody for enforcement for at most 24 hours."),
        rule!(PoliceCustodyExtension, Statute, "UtlL (2005:716) 10 kap. 17 §", utl, None, Some(Hours(24)),
            sv: "Om det finns särskilda skäl får kvarhållandet förlängas med högst 24 timmar.",
            en: "With special reasons the custody may be extended by at most 24 hours."),
        rule!(TransportPlacement, Statute, "UtlL (2005:716) 10 kap. 20 §", utl, None, Some(Hours(72)),
            sv: "Den som placeras i kriminalvårdsanstalt, häkte eller polisarrest av transportskäl får hållas där i högst tre dygn (72 timmar).",
            en: "A person placed in a prison, remand centre or police cell for transport reasons may be held there for at most three dygn (72 hours)."),
        // --- Lapse ------------------------------------------------------------------------
        rule!(LapseFourYears, Statute, "UtlL (2005:716) 12 kap. 22 § (i lydelse t.o.m. 2025-03-31)", None, Some(OLD_LAPSE_RULE_TO), Some(Years(4)),
            sv: "Ett beslut om avvisning eller utvisning som inte verkställts upphör att gälla fyra år efter att det vann laga kraft.",
            en: "A decision on refusal of entry or expulsion that has not been enforced lapses four years after it became final."),
        rule!(LapseFiveYearsFromDeparture, Statute, "UtlL (2005:716) 12 kap. 22 § (i lydelse fr.o.m. 2025-04-01)", Some(NEW_LAPSE_RULE_FROM), None, Some(Years(5)),
            sv: "Ett beslut om avvisning eller utvisning gäller i fem år från den dag utlänningen lämnade Sverige, eller längre om ett återreseförbud gäller längre.",
            en: "A decision on refusal of entry or expulsion applies for five years from the day the person left Sweden, or longer while a re-entry ban runs."),
        // --- Families and trips -------------------------------------------------------------
        rule!(FamilyUnity, Statute, "UtlL (2005:716) 1 kap. 10 §; barnkonventionen art. 9; direktiv 2008/115/EG art. 14.1 a", utl, None, None,
            sv: "En familj planeras, tas av en resa och verkställs tillsammans; en medlem lämnar familjen endast genom ett registrerat beslut.",
            en: "A family is planned, taken off a trip and executed together; a member leaves the family only by a recorded decision."),
        rule!(FitnessValidity, Practice, "praxis (Kriminalvården, NTE)", None, None, Some(Days(30)),
            sv: "En bedömning av flygduglighet gäller i 30 dagar; en äldre bedömning görs om före resan.",
            en: "An assessment of fitness to fly is valid for 30 days; an older one is made again before the trip."),
        // Art. 8.6: an effective system for monitoring forced return. Sweden's
        // monitoring body (kontrollorgan) is Migrationsverket since August 2018
        // (docs/legal-rules.md: sources; the instrument's section is for a
        // legal officer to confirm). Enforced on charters by decide::monitor.
        rule!(ForcedReturnMonitor, Statute, "direktiv 2008/115/EG art. 8.6", rd, None, None,
            sv: "Verkställighet med tvång ska kunna kontrolleras av ett kontrollorgan (i Sverige Migrationsverket sedan augusti 2018): en chartrad resa håller en plats för observatören, och verkställighet registreras först när kontrollorganet har underrättats senast avresedagen (det deltar eller har avböjt).",
            en: "Forced return must be open to monitoring by a monitoring body (in Sweden Migrationsverket since August 2018): a charter keeps a seat for the monitor, and execution is recorded only once the body was notified by the day of departure (it attends or declined)."),
        rule!(HumanDecision, Statute, "FL (2017:900) 28 §; dataskyddsförordningen art. 22", None, None, None,
            sv: "En plan är ett förslag; en namngiven tjänsteman fattar varje beslut om en person.",
            en: "A plan is a proposal; a named official takes every decision about a person."),
        rule!(ResponsibleAgency, Statute, "UtlL (2005:716) 12 kap. 14 §", utl, None, None,
            sv: "Endast den myndighet som ansvarar för verkställigheten får vidta åtgärder i ärendet.",
            en: "Only the agency responsible for the enforcement may act on the case."),
        // --- Practice -----------------------------------------------------------------------
        rule!(ClosedCase, Practice, "praxis (opcentrum)", None, None, None,
            sv: "Ett avslutat ärende tar inte emot fler händelser.",
            en: "A closed case takes no further events."),
        rule!(FacilityCapacity, Practice, "praxis (Migrationsverket)", None, None, None,
            sv: "En förvarsenhet tar inte emot fler än sina platser.",
            en: "A detention facility takes no more persons than it has places."),
        rule!(PlausibleData, Practice, "praxis (opcentrum)", None, None, None,
            sv: "Registrerade uppgifter ska vara rimliga: inga datum i framtiden, namn ifyllda.",
            en: "Recorded data must be plausible: no date in the future, names given."),
        rule!(AlertLeadTime, Practice, "praxis (opcentrum)", None, None, Some(Hours(48)),
            sv: "Larm ges 48 timmar innan en tidsgräns nås.",
            en: "An alert fires 48 hours before a limit is reached."),
    ]
}
