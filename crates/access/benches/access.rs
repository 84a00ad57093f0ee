//! Authorization and audit per case read; a page of 1,000 cases filtered.

use criterion::{Criterion, criterion_group, criterion_main};
use opcentrum_access::{
    Policy, Principal, Role,
    audit::{AuditAction, AuditEntry, seal},
    filter::filter_case,
    matrix::default_matrix,
};
use opcentrum_domain::{Agency, RuleTable, ids::UserName};
use opcentrum_synth::{SynthOptions, generate};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let now: jiff::Timestamp = "2026-11-22T10:00:00+01:00"
        .parse()
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let pop = generate(&SynthOptions::new(1_000, 1, now));
    let policy = match Policy::compile(default_matrix(now)) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    let rules = RuleTable::default();
    let reader = Principal {
        user: UserName::parse("polis.gransen1").unwrap_or_else(|e| panic!("{e}")),
        agency: Agency::Police,
        role: Role::CaseOfficer,
    };
    let case = &pop.cases[0].case;
    c.bench_function("filter one case + seal its audit record", |b| {
        let mut prev: (u64, String) = (0, opcentrum_access::audit::GENESIS.to_owned());
        b.iter(|| {
            let f = filter_case(&policy, &reader, black_box(case), now, &rules);
            let rec = seal(
                AuditEntry {
                    at: now,
                    request_id: "bench".into(),
                    user: reader.user.to_string(),
                    agency: reader.agency.code().into(),
                    role: reader.role.code().into(),
                    action: AuditAction::Read,
                    case: Some(f.id.clone()),
                    categories: f.disclosed.iter().map(|d| d.0).collect(),
                    legal_basis: f.disclosed.iter().map(|d| d.1.clone()).collect(),
                    purpose: "case handling".into(),
                },
                Some((prev.0, &prev.1)),
            );
            prev = (rec.seq, rec.hash);
        })
    });
    c.bench_function("filter a page of 1,000 cases", |b| {
        b.iter(|| {
            let page: Vec<_> = pop
                .cases
                .iter()
                .map(|g| filter_case(&policy, &reader, &g.case, now, &rules))
                .collect();
            black_box(page.len())
        })
    });
    c.bench_function("compile the default matrix with Cedar", |b| {
        b.iter(|| Policy::compile(default_matrix(now)).is_ok())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
