//! The default catalogue: who decides what in law. Each row cites the ground
//! that gives the agency the task; docs/action-catalogue.md is generated from
//! this table (`opcentrum actions --markdown`) and a test keeps it current.
//!
//! In short: decisions, detention and supervision are Migrationsverket's
//! (UtlL 10 kap. 12 §; police custody, kvarhållande, the Police's); the Police
//! locate the person, obtain travel documents and the destination's acceptance
//! and request transport (UtlL 12 kap. 14 §); NTE carries out the trip and
//! records execution and failed attempts (förordning (2007:1172) med
//! instruktion för Kriminalvården 6 §); only the deciding agency records that
//! an impediment or stay is lifted, and a stay or an international interim
//! measure is lifted only once a legal officer has approved (two persons);
//! `planned`/`unplanned` come only from an approved trip proposal.

use super::{
    ActionKind::{self, *},
    ActionRow, Channel,
    Condition::{self, *},
    Grant, SecondPerson,
    fields::{Field, FieldKind::*, field},
};
use crate::{
    category::FieldCategory::{self, *},
    identity::Role::{self, *},
};
use opcentrum_domain::Agency::{self, *};

const MV: Agency = Migrationsverket;
const NTE: Agency = Nte;

const fn g(agency: Agency, roles: &'static [Role]) -> Grant {
    Grant { agency, roles }
}

#[allow(clippy::too_many_arguments)]
const fn row(
    id: &'static str,
    kind: ActionKind,
    event: Option<&'static str>,
    name_sv: &'static str,
    name_en: &'static str,
    who: &'static [Grant],
    legal_ground: &'static str,
    writes: &'static [FieldCategory],
    reveals: &'static [FieldCategory],
    conditions: &'static [Condition],
    fields: &'static [Field],
) -> ActionRow {
    ActionRow {
        id,
        kind,
        event,
        name_sv,
        name_en,
        who,
        legal_ground,
        writes,
        reveals,
        second_person: None,
        conditions,
        channel: Channel::ByHand,
        operator: false,
        background: false,
        fields,
    }
}

const fn operator(mut r: ActionRow) -> ActionRow {
    r.operator = true;
    r
}

const fn background(mut r: ActionRow) -> ActionRow {
    r.background = true;
    r
}

const fn two_persons(mut r: ActionRow, role: Role) -> ActionRow {
    r.second_person = Some(SecondPerson { role });
    r
}

const fn by_proposal(mut r: ActionRow) -> ActionRow {
    r.channel = Channel::ApprovedProposal;
    r
}

// Who, by agency. Operations leads of the operational agencies act for their
// agency's tasks; legal officers and auditors do not record case events.
const MV_CASE: &[Grant] = &[g(MV, &[CaseOfficer, OperationsLead])];
// Migrationsverket or the Police makes sure who receives an unaccompanied
// child, at any stage before the trip (a family record, like `family_left`).
const RECEPTION: &[Grant] = &[
    g(MV, &[CaseOfficer, OperationsLead]),
    g(Police, &[CaseOfficer, OperationsLead]),
];
const MV_DETENTION: &[Grant] = &[g(MV, &[CaseOfficer, DetentionStaff, OperationsLead])];
const POLICE_CASE: &[Grant] = &[g(Police, &[CaseOfficer, OperationsLead])];
const POLICE_CUSTODY: &[Grant] = &[g(Police, &[CaseOfficer, DetentionStaff, OperationsLead])];
const NTE_TRIP: &[Grant] = &[g(NTE, &[CaseOfficer, TripPlanner, OperationsLead])];
const NTE_PLANNERS: &[Grant] = &[g(NTE, &[TripPlanner, OperationsLead])];
const MANIFEST_READERS: &[Grant] = &[
    g(NTE, &[TripPlanner, OperationsLead]),
    g(Police, &[TripPlanner]),
];
const REGISTRARS: &[Grant] = &[
    g(MV, &[CaseOfficer, OperationsLead]),
    g(Police, &[CaseOfficer, OperationsLead]),
];
const DECIDERS: &[Grant] = REGISTRARS;
// The agency taking a coercive step checks the copied date of finality.
const CONFIRMERS: &[Grant] = &[
    g(MV, &[CaseOfficer, OperationsLead]),
    g(Police, &[CaseOfficer, OperationsLead]),
];
// Registering writes the criminal-record category: case officers, who read it.
const REGISTERERS: &[Grant] = &[g(MV, &[CaseOfficer]), g(Police, &[CaseOfficer])];
// Accepting a transport request writes the decision category (the handover).
const NTE_RECEIVERS: &[Grant] = &[g(NTE, &[TripPlanner, OperationsLead])];
const NTE_FAILURES: &[Grant] = &[g(NTE, &[CaseOfficer, TripPlanner])];
const LODGERS: &[Grant] = &[
    g(MV, &[CaseOfficer, OperationsLead]),
    g(Police, &[CaseOfficer, OperationsLead]),
    g(NTE, &[TripPlanner, OperationsLead]),
];
const ABSCONDING: &[Grant] = &[
    g(MV, &[CaseOfficer, DetentionStaff, OperationsLead]),
    g(Police, &[CaseOfficer, OperationsLead]),
];
const FITNESS: &[Grant] = &[
    g(MV, &[CaseOfficer, DetentionStaff]),
    g(NTE, &[CaseOfficer, TripPlanner]),
];
const TRANSPORT_PLACEMENT: &[Grant] = &[
    g(MV, &[CaseOfficer, OperationsLead]),
    g(Police, &[CaseOfficer, DetentionStaff, OperationsLead]),
];
const EVERYONE: &[Grant] = &[
    g(MV, &Role::ALL),
    g(Police, &Role::ALL),
    g(NTE, &Role::ALL),
    g(Oversight, &Role::ALL),
];
const CASE_READERS: &[Grant] = &[
    g(
        MV,
        &[
            CaseOfficer,
            DetentionStaff,
            TripPlanner,
            OperationsLead,
            LegalOfficer,
        ],
    ),
    g(
        Police,
        &[
            CaseOfficer,
            DetentionStaff,
            TripPlanner,
            OperationsLead,
            LegalOfficer,
        ],
    ),
    g(
        NTE,
        &[
            CaseOfficer,
            DetentionStaff,
            TripPlanner,
            OperationsLead,
            LegalOfficer,
        ],
    ),
    g(Oversight, &Role::ALL),
];
const ANALYSTS: &[Grant] = &[
    g(MV, &[OperationsLead, LegalOfficer, Auditor]),
    g(Police, &[OperationsLead, LegalOfficer, Auditor]),
    g(NTE, &[OperationsLead, LegalOfficer, Auditor]),
    g(Oversight, &[OperationsLead, LegalOfficer, Auditor]),
];
const LEGAL: &[Grant] = &[
    g(MV, &[LegalOfficer]),
    g(Police, &[LegalOfficer]),
    g(NTE, &[LegalOfficer]),
];
const ADMINISTRATORS: &[Grant] = &[
    g(MV, &[LegalOfficer]),
    g(Police, &[LegalOfficer]),
    g(NTE, &[LegalOfficer]),
    g(Oversight, &[LegalOfficer]),
];
const MATRIX_READERS: &[Grant] = &[
    g(MV, &[LegalOfficer, Auditor, OperationsLead]),
    g(Police, &[LegalOfficer, Auditor, OperationsLead]),
    g(NTE, &[LegalOfficer, Auditor, OperationsLead]),
    g(Oversight, &[LegalOfficer, Auditor, OperationsLead]),
];
const AUDIT_READERS: &[Grant] = &[
    g(MV, &[LegalOfficer, Auditor]),
    g(Police, &[LegalOfficer, Auditor]),
    g(NTE, &[LegalOfficer, Auditor]),
    g(Oversight, &[LegalOfficer, Auditor]),
];
const IMPORTERS: &[Grant] = &[g(MV, &[CaseOfficer, OperationsLead])];
const EXPORTERS: &[Grant] = &[
    g(MV, &[LegalOfficer, OperationsLead]),
    g(Police, &[LegalOfficer, OperationsLead]),
    g(NTE, &[LegalOfficer, OperationsLead]),
    g(Oversight, &[LegalOfficer, OperationsLead]),
];

// Grounds.
const UTLL_8_DECISIONS: &str = "UtlL (2005:716) 8 kap. 2, 3, 7, 8 §§, 8 a kap. 1 § (beslut om avvisning och utvisning); 8 kap. 17 § (Polismyndighetens avvisning)";
const FINALITY: &str = "FL (2017:900) 44 §; UtlL (2005:716) 14 kap., 16 kap. 9 § (laga kraft)";
const FINALITY_CHECK: &str = "JO 8824-2019 (kontroll av laga kraft mot beslutet före tvångsåtgärd); FL (2017:900) 36 § (rättelse)";
const COUNSEL: &str = "UtlL (2005:716) 18 kap. 1 § (offentligt biträde vid förvar över tre dagar)";
const CHILD_GUARDIANS: &str = "UtlL (2005:716) 10 kap. 3 §; UtlL 1 kap. 10 § (barnets bästa)";
const CHILD_RECEPTION: &str = "direktiv 2008/115/EG art. 10.2; UtlL (2005:716) 12 kap. 3 a §";
const FAMILY_GROUND: &str =
    "UtlL (2005:716) 1 kap. 10 §; återvändandedirektivet (2008/115/EG) art. 5 (familjens enhet)";
const HANDOVER_POLICE: &str = "UtlL (2005:716) 12 kap. 14 § tredje stycket";
const TRANSPORT: &str = "UtlL (2005:716) 12 kap. 14 §; förordning (2007:1172) med instruktion för Kriminalvården 6 §; polislagen (1984:387) 29 a §";
const IMPEDIMENTS: &str = "UtlL (2005:716) 12 kap. 18–19 §§ (verkställighetshinder, inhibition)";
const INTERIM: &str =
    "UtlL (2005:716) 12 kap. 18 §; Europadomstolens regel 39; FN:s tortyrkonvention art. 22";
const DETENTION: &str = "UtlL (2005:716) 10 kap. 1–5, 12 §§ (förvar; Migrationsverket beslutar i verkställighetsärenden)";
const DETENTION_REVIEW: &str = "UtlL (2005:716) 10 kap. 9–11 §§ (omprövning, nytt beslut)";
const CUSTODY: &str =
    "UtlL (2005:716) 10 kap. 17 § (kvarhållande; Polismyndigheten), 10 kap. 20 § (placering)";
const SUPERVISION: &str = "UtlL (2005:716) 10 kap. 6–8, 12 §§ (uppsikt)";
const LOCATING: &str = "UtlL (2005:716) 12 kap. 14 §; polislagen (1984:387) 2 §";
const DOCUMENTS: &str =
    "UtlL (2005:716) 12 kap. 14 §; UtlF (2006:97) 8 kap. (resehandlingar, mottagande land)";
const FITNESS_GROUND: &str =
    "UtlF (2006:97) 8 kap.; hälso- och sjukvårdslagen (2017:30) (bedömning av flygduglighet)";
const CREW: &str = "Förordning (2007:1172) med instruktion för Kriminalvården 6 §; direktiv 2008/115/EG art. 8.6 (kontroll av verkställighet med tvång)";
const PLANNING: &str = "Förordning (2007:1172) med instruktion för Kriminalvården 6 §; DESIGN: en namngiven planerare godkänner planen (inget automatiserat beslut, FL 28 §)";
const EXECUTION: &str =
    "Förordning (2007:1172) med instruktion för Kriminalvården 6 §; UtlL (2005:716) 12 kap. 14 §";
const VOLUNTARY: &str = "UtlL (2005:716) 8 kap. 21 § (frivillig avresa), 12 kap. 15 §";
const LAPSE: &str = "UtlL (2005:716) 12 kap. 22 §";
const PERMITS: &str = "UtlL (2005:716) 12 kap. 18 § andra stycket, 5 kap. (uppehållstillstånd)";
const CLOSING: &str = "FL (2017:900) 37–39 §§ (ändring av beslut); UtlL (2005:716) 12 kap.";
const SECRECY: &str = "OSL (2009:400) 10 kap. 28 §, 37 kap. 1 §; lag (2016:27) 2 kap. 1 §";
const ADMIN_GROUND: &str =
    "Myndighetens behörighetsstyrning (GDPR art. 32; lag (2016:27) 2 kap. 8 §)";
const AUDIT_GROUND: &str = "Lag (2016:27) 2 kap. 8 § (logg); GDPR art. 5.2, 30";
const REPORTS: &str = "Regleringsbrev (återrapportering); förordning (EU) 862/2007 (statistik)";

// Fields.
const D_ON: Field = field("on", Date, true, "Dag (ÅÅÅÅ-MM-DD).", "Day (YYYY-MM-DD).");
const T_AT: Field = field(
    "at",
    Timestamp,
    true,
    "Tidpunkt (RFC 3339, t.ex. 2026-12-01T08:00:00Z).",
    "Time (RFC 3339, e.g. 2026-12-01T08:00:00Z).",
);
const TRIP: Field = field(
    "trip",
    Id,
    true,
    "Resans id (charter eller reguljärt flyg).",
    "The trip's id (charter or scheduled flight).",
);
const HANDOVER: Field = field(
    "handover",
    Id,
    true,
    "Överlämnandets id.",
    "The handover's id.",
);
const IMPEDIMENT: Field = field(
    "impediment",
    Id,
    true,
    "Hindrets id (t.ex. IMP-1).",
    "The impediment's id (e.g. IMP-1).",
);

const REGISTER_FIELDS: &[Field] = &[
    field("person.id", Id, true, "Personens id.", "The person's id."),
    field("person.given_name", Text, true, "Förnamn.", "Given name."),
    field(
        "person.family_name",
        Text,
        true,
        "Efternamn.",
        "Family name.",
    ),
    field(
        "person.birth_date",
        Date,
        true,
        "Födelsedatum.",
        "Date of birth.",
    ),
    field(
        "person.sex",
        Choice(&["F", "M"]),
        true,
        "Kön enligt resehandlingen.",
        "Sex as in the travel document.",
    ),
    field(
        "person.citizenship",
        Country,
        true,
        "Medborgarskap.",
        "Citizenship.",
    ),
    field(
        "person.dossier_number",
        Text,
        true,
        "Dossiernummer.",
        "Dossier number.",
    ),
    field(
        "decision.kind",
        Choice(&["refusal_of_entry", "expulsion", "expulsion_for_crime"]),
        true,
        "Avvisning, utvisning eller utvisning på grund av brott.",
        "Refusal of entry, expulsion, or expulsion for a crime.",
    ),
    field(
        "decision.decided_by",
        Choice(&[
            "migrationsverket",
            "police",
            "migration_court",
            "migration_court_of_appeal",
            "general_court",
        ]),
        true,
        "Vem fattade beslutet.",
        "Who took the decision.",
    ),
    field(
        "decision.decided_on",
        Date,
        true,
        "Beslutsdag.",
        "Day of the decision.",
    ),
    field(
        "decision.notified_on",
        Date,
        false,
        "Delgivningsdag (överklagandetiden räknas från den).",
        "Day of notification (the appeal period runs from it).",
    ),
    field(
        "destination",
        Country,
        true,
        "Mottagarland.",
        "Destination.",
    ),
    field(
        "family",
        Id,
        false,
        "Familjens id, om personen reser med familj.",
        "The family's id, if the person travels with family.",
    ),
    field(
        "absconding_risk",
        Bool,
        false,
        "Risk för avvikande (8 kap. 22 §): ingen tidsfrist för frivillig avresa.",
        "Risk of absconding (8 kap. 22 §): no voluntary-departure period.",
    ),
];

/// The rows, as a constant (so every nested slice is `'static`).
const ROWS: &[ActionRow] = &[
    // Registration and the decision.
    row(
        "registered",
        Event,
        Some("registered"),
        "Registrera ärende",
        "Register a case",
        REGISTERERS,
        UTLL_8_DECISIONS,
        &[Identity, Decision, Family, SecurityRisk, CriminalRecord],
        &[Identity, Decision, Family, SecurityRisk, CriminalRecord],
        &[RegistersOwnDecision],
        REGISTER_FIELDS,
    ),
    row(
        "decision_final",
        Event,
        Some("decision_final"),
        "Registrera laga kraft",
        "Record the decision as final",
        DECIDERS,
        FINALITY,
        &[Decision],
        &[Decision],
        &[DecidingAgency],
        &[
            field(
                "final_on",
                Date,
                true,
                "Dag då beslutet vann laga kraft.",
                "Day the decision became final.",
            ),
            field(
                "appeal_waived",
                Bool,
                false,
                "Personen har avstått från att överklaga (nöjdförklaring).",
                "The person waived appeal.",
            ),
        ],
    ),
    row(
        "finality_confirmed",
        Event,
        Some("finality_confirmed"),
        "Kontrollera dagen för laga kraft",
        "Confirm the date of finality",
        CONFIRMERS,
        FINALITY_CHECK,
        &[Decision],
        &[Decision],
        &[],
        &[field(
            "final_on",
            Date,
            true,
            "Dagen för laga kraft, kontrollerad mot beslutet (en annan person än den som registrerade den).",
            "The date of finality, checked against the decision (by someone other than who recorded it).",
        )],
    ),
    row(
        "finality_corrected",
        Event,
        Some("finality_corrected"),
        "Rätta dagen för laga kraft",
        "Correct the date of finality",
        DECIDERS,
        FINALITY_CHECK,
        &[Decision],
        &[Decision],
        &[DecidingAgency],
        &[field(
            "final_on",
            Date,
            true,
            "Rätt dag för laga kraft enligt beslutet.",
            "The right date of finality according to the decision.",
        )],
    ),
    row(
        "departure_period_extended",
        Event,
        Some("departure_period_extended"),
        "Förlänga tidsfristen för frivillig avresa",
        "Extend the voluntary-departure period",
        MV_CASE,
        VOLUNTARY,
        &[Decision],
        &[Decision],
        &[DecidingAgency],
        &[field(
            "until",
            Date,
            true,
            "Ny sista dag för frivillig avresa.",
            "New last day of voluntary departure.",
        )],
    ),
    // Handovers.
    row(
        "handover_proposed.police",
        Event,
        Some("handover_proposed"),
        "Lämna över till polisen",
        "Hand over to the police",
        MV_CASE,
        HANDOVER_POLICE,
        &[Decision, SecurityRisk],
        &[Decision],
        &[Responsible],
        &[
            HANDOVER,
            field(
                "to.reason",
                Choice(&["absconded", "coercion_needed"]),
                true,
                "Personen har avvikit, eller tvång behövs.",
                "The person absconded, or coercion is needed.",
            ),
        ],
    ),
    row(
        "handover_proposed.nte",
        Event,
        Some("handover_proposed"),
        "Begära transport (NTE)",
        "Request transport (NTE)",
        POLICE_CASE,
        TRANSPORT,
        &[Decision, SecurityRisk],
        &[Decision],
        &[Responsible],
        &[
            HANDOVER,
            field(
                "to.escorted",
                Bool,
                true,
                "Bevakning (eskort) behövs.",
                "Escorts are needed.",
            ),
        ],
    ),
    row(
        "handover_accepted.police",
        Event,
        Some("handover_accepted"),
        "Ta emot överlämnande",
        "Accept the handover",
        POLICE_CASE,
        HANDOVER_POLICE,
        &[Decision],
        &[Decision],
        &[ReceivingAgency],
        &[HANDOVER],
    ),
    row(
        "handover_returned.police",
        Event,
        Some("handover_returned"),
        "Returnera överlämnande",
        "Return the handover",
        POLICE_CASE,
        HANDOVER_POLICE,
        &[Decision],
        &[Decision],
        &[ReceivingAgency],
        &[
            HANDOVER,
            field(
                "reason",
                Text,
                true,
                "Varför överlämnandet returneras.",
                "Why the handover is returned.",
            ),
        ],
    ),
    row(
        "handover_accepted.nte",
        Event,
        Some("handover_accepted"),
        "Ta emot transportbegäran",
        "Accept the transport request",
        NTE_RECEIVERS,
        TRANSPORT,
        &[Decision],
        &[Decision],
        &[ReceivingAgency],
        &[HANDOVER],
    ),
    row(
        "handover_returned.nte",
        Event,
        Some("handover_returned"),
        "Returnera transportbegäran",
        "Return the transport request",
        NTE_RECEIVERS,
        TRANSPORT,
        &[Decision],
        &[Decision],
        &[ReceivingAgency],
        &[
            HANDOVER,
            field(
                "reason",
                Text,
                true,
                "Varför begäran returneras.",
                "Why the request is returned.",
            ),
        ],
    ),
    // Impediments and stays.
    row(
        "impediment_lodged",
        Event,
        Some("impediment_lodged"),
        "Registrera hinder",
        "Lodge an impediment",
        LODGERS,
        IMPEDIMENTS,
        &[Decision],
        &[Decision],
        &[],
        &[
            IMPEDIMENT,
            field(
                "kind",
                Choice(&["impediment", "stay", "international_interim_measure"]),
                true,
                "Verkställighetshinder, inhibition eller interimistisk åtgärd.",
                "Impediment, stay or international interim measure.",
            ),
            field(
                "lodged_on",
                Date,
                true,
                "Dag då hindret uppkom.",
                "Day the impediment arose.",
            ),
        ],
    ),
    row(
        "impediment_lifted",
        Event,
        Some("impediment_lifted"),
        "Häva hinder",
        "Lift the impediment",
        DECIDERS,
        IMPEDIMENTS,
        &[Decision],
        &[Decision],
        &[DecidingAgency],
        &[
            IMPEDIMENT,
            field(
                "lifted_on",
                Date,
                true,
                "Dag då hindret hävdes.",
                "Day the impediment was lifted.",
            ),
        ],
    ),
    two_persons(
        row(
            "impediment_lifted.stay",
            Event,
            Some("impediment_lifted"),
            "Häva inhibition",
            "Lift the stay",
            DECIDERS,
            IMPEDIMENTS,
            &[Decision],
            &[Decision],
            &[DecidingAgency],
            &[
                IMPEDIMENT,
                field(
                    "lifted_on",
                    Date,
                    true,
                    "Dag då inhibitionen hävdes.",
                    "Day the stay was lifted.",
                ),
            ],
        ),
        LegalOfficer,
    ),
    two_persons(
        row(
            "impediment_lifted.international_interim_measure",
            Event,
            Some("impediment_lifted"),
            "Häva interimistisk åtgärd",
            "Lift the international interim measure",
            DECIDERS,
            INTERIM,
            &[Decision],
            &[Decision],
            &[DecidingAgency],
            &[
                IMPEDIMENT,
                field(
                    "lifted_on",
                    Date,
                    true,
                    "Dag då det internationella organet hävde åtgärden.",
                    "Day the international body lifted the measure.",
                ),
            ],
        ),
        LegalOfficer,
    ),
    // Detention and supervision.
    row(
        "detention_started",
        Event,
        Some("detention_started"),
        "Verkställa förvar",
        "Start detention",
        MV_DETENTION,
        DETENTION,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            field("facility", Id, true, "Förvarsenhet.", "Detention unit."),
            field(
                "basis",
                Choice(&["identity", "investigation", "likely_removal", "enforcement"]),
                true,
                "Grund för förvaret (10 kap. 1–2 §§).",
                "Ground of detention (ch. 10 §§ 1–2).",
            ),
            field(
                "started_at",
                Timestamp,
                true,
                "När förvaret började.",
                "When detention began.",
            ),
            field(
                "exceptional_reasons",
                Text,
                false,
                "Synnerliga skäl för förvar av ett ensamkommande barn (10 kap. 3 §); krävs då.",
                "Exceptional reasons for detaining an unaccompanied child (ch. 10 § 3); required then.",
            ),
        ],
    ),
    row(
        "detention_started.police_custody",
        Event,
        Some("detention_started"),
        "Kvarhålla (polisen)",
        "Hold in police custody",
        POLICE_CUSTODY,
        CUSTODY,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            field(
                "facility",
                Id,
                true,
                "Arrest eller lokal.",
                "Cell or premises.",
            ),
            field(
                "basis",
                Choice(&["police_custody"]),
                true,
                "Kvarhållande (10 kap. 17 §).",
                "Police custody (ch. 10 § 17).",
            ),
            field(
                "started_at",
                Timestamp,
                true,
                "När kvarhållandet började.",
                "When custody began.",
            ),
        ],
    ),
    row(
        "detention_started.transport_placement",
        Event,
        Some("detention_started"),
        "Placera av transportskäl",
        "Place for transport reasons",
        TRANSPORT_PLACEMENT,
        CUSTODY,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            field(
                "facility",
                Id,
                true,
                "Anstalt, häkte eller arrest.",
                "Prison, remand centre or police cell.",
            ),
            field(
                "basis",
                Choice(&["transport_placement"]),
                true,
                "Placering av transportskäl (10 kap. 20 §).",
                "Placement for transport reasons (ch. 10 § 20).",
            ),
            field(
                "started_at",
                Timestamp,
                true,
                "När placeringen började.",
                "When the placement began.",
            ),
        ],
    ),
    row(
        "detention_extended",
        Event,
        Some("detention_extended"),
        "Förlänga förvar",
        "Extend detention",
        MV_CASE,
        DETENTION_REVIEW,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            field(
                "reason",
                Choice(&[
                    "exceptional_reasons",
                    "non_cooperation",
                    "document_delay",
                    "child_exceptional_reasons",
                ]),
                true,
                "Skäl för förlängningen.",
                "Ground of the extension.",
            ),
            T_AT,
        ],
    ),
    row(
        "detention_extended.police_custody",
        Event,
        Some("detention_extended"),
        "Förlänga kvarhållande",
        "Extend police custody",
        POLICE_CASE,
        CUSTODY,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            field(
                "reason",
                Choice(&["custody_special_reasons"]),
                true,
                "Särskilda skäl.",
                "Special reasons.",
            ),
            T_AT,
        ],
    ),
    row(
        "detention_reviewed",
        Event,
        Some("detention_reviewed"),
        "Registrera omprövning",
        "Record a detention review",
        MV_CASE,
        DETENTION_REVIEW,
        &[Location],
        &[Location],
        &[Responsible],
        &[T_AT],
    ),
    row(
        "detention_ended",
        Event,
        Some("detention_ended"),
        "Avsluta förvar",
        "End detention",
        MV_DETENTION,
        DETENTION,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            T_AT,
            field(
                "reason",
                Choice(&[
                    "released_at_limit",
                    "released",
                    "transferred",
                    "executed",
                    "absconded",
                    "case_closed",
                ]),
                true,
                "Varför förvaret upphör.",
                "Why detention ends.",
            ),
        ],
    ),
    row(
        "detention_ended.police_custody",
        Event,
        Some("detention_ended"),
        "Avsluta kvarhållande eller placering",
        "End police custody or placement",
        POLICE_CUSTODY,
        CUSTODY,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            T_AT,
            field(
                "reason",
                Choice(&[
                    "released_at_limit",
                    "released",
                    "transferred",
                    "executed",
                    "absconded",
                    "case_closed",
                ]),
                true,
                "Varför kvarhållandet upphör.",
                "Why custody ends.",
            ),
        ],
    ),
    row(
        "detention_redecided",
        Event,
        Some("detention_redecided"),
        "Fatta nytt förvarsbeslut",
        "Take a new detention decision",
        MV_CASE,
        DETENTION_REVIEW,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            field(
                "basis",
                Choice(&["identity", "investigation", "likely_removal", "enforcement"]),
                true,
                "Grund för det nya beslutet (t.ex. när ett barn fyller 18).",
                "Ground of the new decision (e.g. when a child turns 18).",
            ),
            T_AT,
        ],
    ),
    row(
        "counsel_appointed",
        Event,
        Some("counsel_appointed"),
        "Registrera offentligt biträde",
        "Record public counsel",
        MV_CASE,
        COUNSEL,
        &[Location],
        &[Location],
        &[],
        &[T_AT],
    ),
    row(
        "supervision_ordered",
        Event,
        Some("supervision_ordered"),
        "Besluta om uppsikt",
        "Order supervision",
        MV_CASE,
        SUPERVISION,
        &[Location],
        &[Location],
        &[Responsible],
        &[D_ON],
    ),
    row(
        "supervision_ended",
        Event,
        Some("supervision_ended"),
        "Avsluta uppsikt",
        "End supervision",
        MV_CASE,
        SUPERVISION,
        &[Location],
        &[Location],
        &[Responsible],
        &[D_ON],
    ),
    row(
        "absconded",
        Event,
        Some("absconded"),
        "Registrera avvikande",
        "Record absconding",
        ABSCONDING,
        LOCATING,
        &[Location],
        &[Location],
        &[Responsible],
        &[D_ON],
    ),
    row(
        "located",
        Event,
        Some("located"),
        "Registrera anträffad",
        "Record the person as located",
        POLICE_CASE,
        LOCATING,
        &[Location],
        &[Location],
        &[Responsible],
        &[D_ON],
    ),
    // Travel documents, acceptance, fitness.
    row(
        "travel_document_issued",
        Event,
        Some("travel_document_issued"),
        "Registrera resehandling",
        "Record a travel document",
        POLICE_CASE,
        DOCUMENTS,
        &[TravelDocuments],
        &[TravelDocuments],
        &[Responsible],
        &[
            field(
                "document",
                Choice(&[
                    "passport",
                    "emergency_travel_document",
                    "eu_travel_document",
                ]),
                true,
                "Slag av handling.",
                "Kind of document.",
            ),
            field(
                "valid_until",
                Date,
                true,
                "Giltig till och med.",
                "Valid until.",
            ),
        ],
    ),
    row(
        "destination_accepted",
        Event,
        Some("destination_accepted"),
        "Registrera mottagarlandets godkännande",
        "Record the destination's acceptance",
        POLICE_CASE,
        DOCUMENTS,
        &[TravelDocuments],
        &[TravelDocuments],
        &[Responsible],
        &[D_ON],
    ),
    row(
        "fitness_assessed",
        Event,
        Some("fitness_assessed"),
        "Registrera flygduglighet",
        "Record fitness to fly",
        FITNESS,
        FITNESS_GROUND,
        &[Health],
        &[Health],
        &[],
        &[
            field(
                "fit",
                Bool,
                true,
                "Flygduglig enligt bedömningen.",
                "Fit to fly according to the assessment.",
            ),
            D_ON,
        ],
    ),
    // Trips.
    by_proposal(row(
        "planned",
        Event,
        Some("planned"),
        "Planera på resa",
        "Plan the person on a trip",
        NTE_PLANNERS,
        PLANNING,
        &[Trip],
        &[Trip],
        &[],
        &[],
    )),
    by_proposal(row(
        "unplanned",
        Event,
        Some("unplanned"),
        "Ta bort från resa",
        "Take the person off the trip",
        NTE_PLANNERS,
        PLANNING,
        &[Trip],
        &[Trip],
        &[],
        &[],
    )),
    row(
        "attempt_failed",
        Event,
        Some("attempt_failed"),
        "Registrera misslyckat försök",
        "Record a failed attempt",
        NTE_FAILURES,
        EXECUTION,
        &[Trip, Health, SecurityRisk],
        &[Trip],
        &[Responsible],
        &[
            TRIP,
            field(
                "failure",
                Choice(&[
                    "refused_boarding",
                    "resistance",
                    "medical",
                    "destination_refused",
                ]),
                true,
                "Varför försöket misslyckades.",
                "Why the attempt failed.",
            ),
        ],
    ),
    row(
        "executed",
        Event,
        Some("executed"),
        "Registrera verkställighet",
        "Record the enforcement",
        NTE_TRIP,
        EXECUTION,
        &[Trip],
        &[Trip],
        &[Responsible, TripDeparted],
        &[TRIP, D_ON],
    ),
    // Other ends.
    row(
        "departed_voluntarily",
        Event,
        Some("departed_voluntarily"),
        "Registrera frivillig avresa",
        "Record voluntary departure",
        REGISTRARS,
        VOLUNTARY,
        &[Decision],
        &[Decision],
        &[Responsible],
        &[D_ON],
    ),
    row(
        "expired",
        Event,
        Some("expired"),
        "Registrera preskription",
        "Record the decision as lapsed",
        DECIDERS,
        LAPSE,
        &[Decision],
        &[Decision],
        &[DecidingAgency],
        &[D_ON],
    ),
    row(
        "permit_granted",
        Event,
        Some("permit_granted"),
        "Registrera beviljat tillstånd",
        "Record a granted permit",
        MV_CASE,
        PERMITS,
        &[Decision],
        &[Decision],
        &[],
        &[D_ON],
    ),
    row(
        "cancelled",
        Event,
        Some("cancelled"),
        "Avsluta ärendet",
        "Cancel the case",
        DECIDERS,
        CLOSING,
        &[Decision],
        &[Decision],
        &[DecidingAgency],
        &[],
    ),
    row(
        "family_left",
        Event,
        Some("family_left"),
        "Registrera att personen lämnar familjen",
        "Record that the person leaves the family",
        MV_CASE,
        FAMILY_GROUND,
        &[Family],
        &[Family],
        &[],
        &[field(
            "decision",
            Text,
            true,
            "Beslutet som skiljer personen från familjen (t.ex. beviljat tillstånd).",
            "The decision that parts the person from the family (e.g. a granted permit).",
        )],
    ),
    row(
        "guardians_recorded",
        Event,
        Some("guardians_recorded"),
        "Registrera barnets vårdnadshavare",
        "Record the child's guardians",
        MV_CASE,
        CHILD_GUARDIANS,
        &[Family],
        &[Family],
        &[],
        &[
            field(
                "guardians",
                CaseIds,
                false,
                "Ärendenumren för barnets vårdnadshavare i Sverige (i barnets familj), högst två.",
                "The case numbers of the child's guardians in Sweden (in the child's family), at most two.",
            ),
            field(
                "unaccompanied",
                Bool,
                true,
                "Ensamkommande: barnet har ingen vårdnadshavare i Sverige.",
                "Unaccompanied: the child has no guardian in Sweden.",
            ),
            field(
                "guardian_without_case",
                Bool,
                false,
                "En vårdnadshavare till i Sverige utan ärende här (t.ex. en förälder med uppehållstillstånd): barnet kan stanna hos hen.",
                "Another guardian in Sweden with no case here (e.g. a parent with a residence permit): the child can stay with them.",
            ),
        ],
    ),
    row(
        "reception_arranged",
        Event,
        Some("reception_arranged"),
        "Registrera barnets mottagande i återvändandelandet",
        "Record the child's reception in the State of return",
        RECEPTION,
        CHILD_RECEPTION,
        &[Family],
        &[Family],
        &[],
        &[
            field(
                "receiver",
                Choice(&["family_member", "guardian", "reception_facility"]),
                true,
                "Vem som tar emot barnet: familjemedlem, utsedd förmyndare eller mottagningsenhet.",
                "Who receives the child: a family member, a nominated guardian or a reception facility.",
            ),
            field(
                "description",
                Text,
                true,
                "Vem som tar emot barnet och hur det har bekräftats.",
                "Who receives the child and how it was confirmed.",
            ),
            field(
                "confirmed_on",
                Date,
                true,
                "Dagen då mottagandet bekräftades.",
                "The day the reception was confirmed.",
            ),
        ],
    ),
    // Reads.
    row(
        "cases.read",
        Read,
        None,
        "Läsa ärenden",
        "Read cases",
        CASE_READERS,
        SECRECY,
        &[],
        &FieldCategory::ALL,
        &[],
        &[],
    ),
    row(
        "picture.read",
        Read,
        None,
        "Läsa lägesbilden",
        "Read the operational picture",
        EVERYONE,
        SECRECY,
        &[],
        &[],
        &[],
        &[],
    ),
    operator(row(
        "rules.read",
        Read,
        None,
        "Läsa regeltabellen och handlingskatalogen",
        "Read the rule table and the action catalogue",
        EVERYONE,
        "Offentlighetsprincipen (TF 2 kap.)",
        &[],
        &[],
        &[],
        &[],
    )),
    operator(row(
        "reports.read",
        Read,
        None,
        "Läsa rapporter",
        "Read reports",
        ANALYSTS,
        REPORTS,
        &[],
        &[],
        &[],
        &[],
    )),
    row(
        "simulation.run",
        Read,
        None,
        "Köra simulering",
        "Run a simulation",
        ANALYSTS,
        REPORTS,
        &[],
        &[],
        &[],
        &[],
    ),
    row(
        "matrix.read",
        Read,
        None,
        "Läsa delningsmatrisen",
        "Read the sharing matrix",
        MATRIX_READERS,
        SECRECY,
        &[],
        &[],
        &[],
        &[],
    ),
    operator(row(
        "audit.read",
        Read,
        None,
        "Läsa granskningsloggen",
        "Read the audit trail",
        AUDIT_READERS,
        AUDIT_GROUND,
        &[],
        &[],
        &[],
        &[],
    )),
    operator(row(
        "cases.export",
        Read,
        None,
        "Exportera ärenden",
        "Export cases",
        EXPORTERS,
        SECRECY,
        &[],
        &FieldCategory::ALL,
        &[],
        &[],
    )),
    // Administration.
    operator(row(
        "cases.import",
        Admin,
        None,
        "Importera ärenden",
        "Import cases",
        IMPORTERS,
        UTLL_8_DECISIONS,
        &FieldCategory::ALL,
        &[],
        &[],
        &[],
    )),
    background(row(
        "trips.plan",
        Admin,
        None,
        "Planera resor (erbjudanden, bemanning, förslag)",
        "Plan trips (offers, roster, proposals)",
        NTE_PLANNERS,
        PLANNING,
        &[],
        &[Identity, Location, SecurityRisk, Family, Trip],
        &[],
        &[],
    )),
    row(
        "trips.approve",
        Admin,
        None,
        "Godkänna eller avslå en reseplan",
        "Approve or reject a trip plan",
        NTE_PLANNERS,
        PLANNING,
        &[Trip],
        &[Trip],
        &[],
        &[],
    ),
    // A trip's crew besides the escorts: the forced-return monitor (the
    // monitoring body notified, who attends or that it declined; direktiv
    // 2008/115/EG art. 8.6) and the medical staff on board. NTE plans and
    // leads the trip, so NTE's trip planners and operations lead record it.
    row(
        "trips.crew",
        Admin,
        None,
        "Registrera resans observatör och sjukvårdspersonal",
        "Record a trip's monitor and medical staff",
        NTE_PLANNERS,
        CREW,
        &[Trip],
        &[Trip],
        &[],
        &[],
    ),
    // The manifest of a trip in the plan in force: for those who plan the
    // trip and lead its escort (NTE's trip planners and operations lead) and
    // the police's trip planners who hand the person over at the airport.
    // Each category still per the sharing matrix.
    row(
        "trips.manifest",
        Admin,
        None,
        "Läsa en resas passagerarförteckning",
        "Read a trip's manifest",
        MANIFEST_READERS,
        PLANNING,
        &[],
        &[Identity, Health, SecurityRisk, TravelDocuments, Trip],
        &[],
        &[],
    ),
    operator(row(
        "users.manage",
        Admin,
        None,
        "Administrera användare",
        "Administer users",
        ADMINISTRATORS,
        ADMIN_GROUND,
        &[],
        &[],
        &[SameAgency, NotSelf],
        &[],
    )),
    two_persons(
        row(
            "users.grant_legal_officer",
            Admin,
            None,
            "Ge rollen jurist",
            "Make someone a legal officer",
            ADMINISTRATORS,
            ADMIN_GROUND,
            &[],
            &[],
            &[SameAgency, NotSelf],
            &[],
        ),
        LegalOfficer,
    ),
    operator(row(
        "tokens.issue",
        Admin,
        None,
        "Utfärda API-nyckel för ett systemkonto",
        "Issue an API token for a service account",
        ADMINISTRATORS,
        ADMIN_GROUND,
        &[],
        &[],
        &[SameAgency, NotSelf],
        &[],
    )),
    two_persons(
        row(
            "matrix.edit",
            Admin,
            None,
            "Ändra delningsmatrisen",
            "Change the sharing matrix",
            LEGAL,
            SECRECY,
            &[],
            &[],
            &[],
            &[],
        ),
        LegalOfficer,
    ),
];

pub fn default_rows() -> Vec<ActionRow> {
    ROWS.to_vec()
}
