use super::*;
use opcentrum_domain::{Stage, detention, readiness::readiness};

fn pop(n: usize, seed: u64) -> Population {
    generate(&SynthOptions::new(
        n,
        seed,
        "2026-11-22T10:00:00+01:00".parse().unwrap(),
    ))
}

#[test]
fn every_history_is_legal_and_replays() {
    let p = pop(5_000, 7);
    assert!(
        p.refused.is_empty(),
        "{} refused, e.g. {:?}",
        p.refused.len(),
        &p.refused[..p.refused.len().min(5)]
    );
    assert_eq!(p.cases.len(), 5_000);
    for c in &p.cases {
        assert_eq!(Case::replay(&c.events).unwrap(), c.case);
        assert!(
            c.events
                .iter()
                .all(|e| e.recorded_at <= "2026-11-22T10:00:00+01:00".parse().unwrap())
        );
    }
}

#[test]
fn deterministic_by_seed() {
    let a = pop(800, 3);
    let b = pop(800, 3);
    let c = pop(800, 4);
    let json = |p: &Population| {
        p.cases
            .iter()
            .map(|c| format!("{:?}", c.events))
            .collect::<String>()
    };
    assert_eq!(json(&a), json(&b));
    assert_ne!(json(&a), json(&c));
    assert_eq!(format!("{:?}", a.trips), format!("{:?}", b.trips));
}

#[test]
fn occupancy_within_capacity_and_limits_not_passed() {
    let p = pop(20_000, 1);
    assert!(
        p.refused.is_empty(),
        "{:?}",
        &p.refused[..p.refused.len().min(5)]
    );
    let rules = RuleTable::default();
    let now: Timestamp = "2026-11-22T10:00:00+01:00".parse().unwrap();
    let occ = occupancy(&p);
    let mut total = 0;
    for f in &p.facilities {
        let n = occ.get(&f.id).copied().unwrap_or(0);
        assert!(n <= f.capacity, "{} holds {n} of {}", f.id, f.capacity);
        total += n;
    }
    assert!(total > 200, "only {total} detained");
    let mut soon = 0;
    for c in &p.cases {
        if let Some(pl) = &c.case.detention {
            let Some(l) = detention::limit(&c.case, &rules) else {
                unreachable!("{} is detained", c.case.id)
            };
            let st = detention::status(&l, now, &rules);
            assert_ne!(
                st,
                detention::LimitStatus::MustRelease,
                "{} is past its limit: {:?} {:?} born {}",
                c.case.id,
                pl,
                l,
                c.case.person.birth_date
            );
            if st == detention::LimitStatus::Soon {
                soon += 1;
            }
        }
    }
    assert!(soon > 0, "no detained person near a limit");
}

#[test]
fn realistic_shape() {
    let p = pop(20_000, 2);
    let today = jiff::civil::date(2026, 11, 22);
    let rules = RuleTable::default();
    let mut by_dest: BTreeMap<String, usize> = BTreeMap::new();
    for c in &p.cases {
        *by_dest.entry(c.case.destination.to_string()).or_default() += 1;
    }
    let top = by_dest.values().max().copied().unwrap_or(0) as f64 / 20_000.0;
    assert!((0.08..0.2).contains(&top), "top destination share {top}");
    assert!(by_dest.len() >= 30);
    let families: Vec<_> = p.cases.iter().filter(|c| c.case.family.is_some()).collect();
    assert!(families.len() > 3_000, "{} in families", families.len());
    assert!(families.iter().any(|c| c.case.person.is_child_on(today)));
    let mut fam: BTreeMap<_, Vec<_>> = BTreeMap::new();
    for c in &families {
        fam.entry(c.case.family.clone()).or_default().push(&c.case);
    }
    for members in fam.values() {
        assert!(
            members
                .iter()
                .all(|m| m.destination == members[0].destination)
        );
    }
    let ready = p
        .cases
        .iter()
        .filter(|c| readiness(&c.case, today, &rules).is_ready())
        .count();
    assert!(ready >= 300, "{ready} ready");
    let count = |s: Stage| p.cases.iter().filter(|c| c.case.stage == s).count();
    assert!(count(Stage::HandedOver) > count(Stage::TransportRequested));
    assert!(count(Stage::Executed) > 500);
    assert!(count(Stage::Expired) > 50);
    assert!(p.cases.iter().any(|c| c.case.is_suspended()));
    assert!(p.cases.iter().any(|c| c.case.absconded_since.is_some()));
    let charters = p
        .trips
        .iter()
        .filter(|t| t.kind == TripKind::Charter && t.date > today)
        .count();
    let scheduled = p
        .trips
        .iter()
        .filter(|t| t.kind == TripKind::Scheduled && t.date > today)
        .count();
    assert!(
        charters >= 10 && scheduled >= 200,
        "{charters} charters, {scheduled} scheduled"
    );
    assert!(p.escorts.len() >= 60);
}

#[test]
fn chunks_number_on_and_keep_within_capacity() {
    let now: Timestamp = "2026-11-22T10:00:00+01:00".parse().unwrap();
    let a = generate(&SynthOptions::new(3_000, 5, now));
    let b = generate(&SynthOptions {
        first_index: 3_000,
        detain: false,
        ..SynthOptions::new(3_000, 5, now)
    });
    assert_eq!(b.cases[0].case.id.as_str(), "UT-2026-003001");
    assert!(b.cases.iter().all(|c| c.case.detention.is_none()));
    let ids: std::collections::HashSet<_> = a
        .cases
        .iter()
        .chain(&b.cases)
        .map(|c| c.case.id.clone())
        .collect();
    assert_eq!(ids.len(), 6_000);
}

/// Early in the morning most of today's working hours lie ahead: an event time
/// inside an event (a release today, a detention started today) must still not
/// be later than now. Found at 1,000,000 cases; many seeds find it at once here.
#[test]
fn no_event_time_lies_after_now_early_in_the_day() {
    let now: Timestamp = "2026-11-23T08:01:00+01:00".parse().unwrap();
    for seed in 1..=6 {
        let p = generate(&SynthOptions::new(20_000, seed, now));
        assert!(
            p.refused.is_empty(),
            "seed {seed}: {:?}",
            &p.refused[..p.refused.len().min(3)]
        );
    }
}

/// UtlL 1 kap. 10 §: every generated family stands together (planned, failed and
/// executed as one), so an export imports again.
#[test]
fn generated_families_stand_together() {
    let p = pop(5_000, 11);
    let cases: Vec<Case> = p.cases.iter().map(|c| c.case.clone()).collect();
    let rules = RuleTable::default();
    assert_eq!(
        opcentrum_domain::family::check_families(&cases, &rules).map_err(|e| e.reason),
        Ok(())
    );
}
