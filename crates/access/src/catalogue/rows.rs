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
const D_ON: Field = field("on", Date, true);
const T_AT: Field = field("at", Timestamp, true);
const TRIP: Field = field("trip", Id, true);
const HANDOVER: Field = field("handover", Id, true);
const IMPEDIMENT: Field = field("impediment", Id, true);

const REGISTER_FIELDS: &[Field] = &[
    field("person.id", Id, true),
    field("person.given_name", Text, true),
    field("person.family_name", Text, true),
    field("person.birth_date", Date, true),
    field("person.sex", Choice(&["F", "M"]), true),
    field("person.citizenship", Country, true),
    field("person.dossier_number", Text, true),
    field(
        "decision.kind",
        Choice(&["refusal_of_entry", "expulsion", "expulsion_for_crime"]),
        true,
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
    ),
    field("decision.decided_on", Date, true),
    field("decision.notified_on", Date, false),
    field("destination", Country, true),
    field("family", Id, false),
    field("absconding_risk", Bool, false),
];

/// The rows, as a constant (so every nested slice is `'static`).
const ROWS: &[ActionRow] = &[
    // Registration and the decision.
    row(
        "registered",
        Event,
        Some("registered"),
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
        DECIDERS,
        FINALITY,
        &[Decision],
        &[Decision],
        &[DecidingAgency],
        &[
            field("final_on", Date, true),
            field("appeal_waived", Bool, false),
        ],
    ),
    row(
        "finality_confirmed",
        Event,
        Some("finality_confirmed"),
        CONFIRMERS,
        FINALITY_CHECK,
        &[Decision],
        &[Decision],
        &[],
        &[field("final_on", Date, true)],
    ),
    row(
        "finality_corrected",
        Event,
        Some("finality_corrected"),
        DECIDERS,
        FINALITY_CHECK,
        &[Decision],
        &[Decision],
        &[DecidingAgency],
        &[field("final_on", Date, true)],
    ),
    row(
        "departure_period_extended",
        Event,
        Some("departure_period_extended"),
        MV_CASE,
        VOLUNTARY,
        &[Decision],
        &[Decision],
        &[DecidingAgency],
        &[field("until", Date, true)],
    ),
    // Handovers.
    row(
        "handover_proposed.police",
        Event,
        Some("handover_proposed"),
        MV_CASE,
        HANDOVER_POLICE,
        &[Decision, SecurityRisk],
        &[Decision],
        &[Responsible],
        &[
            HANDOVER,
            field("to.reason", Choice(&["absconded", "coercion_needed"]), true),
        ],
    ),
    row(
        "handover_proposed.nte",
        Event,
        Some("handover_proposed"),
        POLICE_CASE,
        TRANSPORT,
        &[Decision, SecurityRisk],
        &[Decision],
        &[Responsible],
        &[HANDOVER, field("to.escorted", Bool, true)],
    ),
    row(
        "handover_accepted.police",
        Event,
        Some("handover_accepted"),
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
        POLICE_CASE,
        HANDOVER_POLICE,
        &[Decision],
        &[Decision],
        &[ReceivingAgency],
        &[HANDOVER, field("reason", Text, true)],
    ),
    row(
        "handover_accepted.nte",
        Event,
        Some("handover_accepted"),
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
        NTE_RECEIVERS,
        TRANSPORT,
        &[Decision],
        &[Decision],
        &[ReceivingAgency],
        &[HANDOVER, field("reason", Text, true)],
    ),
    // Impediments and stays.
    row(
        "impediment_lodged",
        Event,
        Some("impediment_lodged"),
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
            ),
            field("lodged_on", Date, true),
        ],
    ),
    row(
        "impediment_lifted",
        Event,
        Some("impediment_lifted"),
        DECIDERS,
        IMPEDIMENTS,
        &[Decision],
        &[Decision],
        &[DecidingAgency],
        &[IMPEDIMENT, field("lifted_on", Date, true)],
    ),
    two_persons(
        row(
            "impediment_lifted.stay",
            Event,
            Some("impediment_lifted"),
            DECIDERS,
            IMPEDIMENTS,
            &[Decision],
            &[Decision],
            &[DecidingAgency],
            &[IMPEDIMENT, field("lifted_on", Date, true)],
        ),
        LegalOfficer,
    ),
    two_persons(
        row(
            "impediment_lifted.international_interim_measure",
            Event,
            Some("impediment_lifted"),
            DECIDERS,
            INTERIM,
            &[Decision],
            &[Decision],
            &[DecidingAgency],
            &[IMPEDIMENT, field("lifted_on", Date, true)],
        ),
        LegalOfficer,
    ),
    // Detention and supervision.
    row(
        "detention_started",
        Event,
        Some("detention_started"),
        MV_DETENTION,
        DETENTION,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            field("facility", Id, true),
            field(
                "basis",
                Choice(&["identity", "investigation", "likely_removal", "enforcement"]),
                true,
            ),
            field("started_at", Timestamp, true),
            field("exceptional_reasons", Text, false),
        ],
    ),
    row(
        "detention_started.police_custody",
        Event,
        Some("detention_started"),
        POLICE_CUSTODY,
        CUSTODY,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            field("facility", Id, true),
            field("basis", Choice(&["police_custody"]), true),
            field("started_at", Timestamp, true),
        ],
    ),
    row(
        "detention_started.transport_placement",
        Event,
        Some("detention_started"),
        TRANSPORT_PLACEMENT,
        CUSTODY,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            field("facility", Id, true),
            field("basis", Choice(&["transport_placement"]), true),
            field("started_at", Timestamp, true),
        ],
    ),
    row(
        "detention_extended",
        Event,
        Some("detention_extended"),
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
            ),
            T_AT,
        ],
    ),
    row(
        "detention_extended.police_custody",
        Event,
        Some("detention_extended"),
        POLICE_CASE,
        CUSTODY,
        &[Location],
        &[Location],
        &[Responsible],
        &[
            field("reason", Choice(&["custody_special_reasons"]), true),
            T_AT,
        ],
    ),
    row(
        "detention_reviewed",
        Event,
        Some("detention_reviewed"),
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
            ),
        ],
    ),
    row(
        "detention_ended.police_custody",
        Event,
        Some("detention_ended"),
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
            ),
        ],
    ),
    row(
        "detention_redecided",
        Event,
        Some("detention_redecided"),
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
            ),
            T_AT,
        ],
    ),
    row(
        "counsel_appointed",
        Event,
        Some("counsel_appointed"),
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
            ),
            field("valid_until", Date, true),
        ],
    ),
    row(
        "destination_accepted",
        Event,
        Some("destination_accepted"),
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
        FITNESS,
        FITNESS_GROUND,
        &[Health],
        &[Health],
        &[],
        &[field("fit", Bool, true), D_ON],
    ),
    // Trips.
    by_proposal(row(
        "planned",
        Event,
        Some("planned"),
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
            ),
        ],
    ),
    row(
        "executed",
        Event,
        Some("executed"),
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
        MV_CASE,
        FAMILY_GROUND,
        &[Family],
        &[Family],
        &[],
        &[field("decision", Text, true)],
    ),
    row(
        "guardians_recorded",
        Event,
        Some("guardians_recorded"),
        MV_CASE,
        CHILD_GUARDIANS,
        &[Family],
        &[Family],
        &[],
        &[
            field("guardians", CaseIds, false),
            field("unaccompanied", Bool, true),
            field("guardian_without_case", Bool, false),
        ],
    ),
    row(
        "reception_arranged",
        Event,
        Some("reception_arranged"),
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
            ),
            field("description", Text, true),
            field("confirmed_on", Date, true),
        ],
    ),
    // Reads.
    row(
        "cases.read",
        Read,
        None,
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
