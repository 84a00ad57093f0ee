//! Reading cases, histories, counts, inboxes and the log.

use crate::{
    codec::{self, get},
    connect::{Backend, Store},
    error::{Result, StoreError},
};
use jiff::civil::Date;
use opcentrum_domain::{
    Actor, Agency, Case, Country, Event, EventKind, Stage,
    ids::{CaseId, FamilyId, UserName},
};
use sqlx::any::AnyRow;

/// An event with its global position in the log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredEvent {
    pub seq: u64,
    #[serde(flatten)]
    pub event: Event,
}

/// Which cases a list returns. Every filter is optional; all given ones must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub stage: Option<Stage>,
    pub responsible: Option<Agency>,
    pub destination: Option<Country>,
    /// Ready for planning (`Some(true)`) or not (`Some(false)`) on `today`.
    pub ready: Option<bool>,
    pub detained: Option<bool>,
    pub suspended: Option<bool>,
    pub family: Option<FamilyId>,
    /// Planned persons taken off a trip by an event.
    pub replan_needed: Option<bool>,
    /// Case id prefix.
    pub id_prefix: Option<String>,
}

/// Keyset pagination: cases after `after` (by id), at most `limit`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    pub after: Option<CaseId>,
    pub limit: u32,
}

pub const MAX_PAGE: u32 = 1000;

#[derive(Debug, Clone)]
pub struct CasePage {
    pub cases: Vec<Case>,
    /// Pass as `after` for the next page; `None` on the last page.
    pub next: Option<CaseId>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StageCount {
    pub stage: Stage,
    pub responsible: Agency,
    pub destination: Country,
    pub suspended: bool,
    pub count: u64,
}

/// Numbered placeholders for either backend.
pub(crate) struct Sql {
    pub(crate) text: String,
    binds: Vec<Bind>,
}

pub(crate) enum Bind {
    Text(String),
    Int(i64),
}

impl Sql {
    pub(crate) fn new(text: &str) -> Self {
        Sql {
            text: text.to_owned(),
            binds: vec![],
        }
    }
    pub(crate) fn bind(&mut self, b: Bind) -> String {
        self.binds.push(b);
        format!("${}", self.binds.len())
    }
    pub(crate) fn query(&self) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments> {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(self.text.clone()));
        for b in &self.binds {
            q = match b {
                Bind::Text(s) => q.bind(s.clone()),
                Bind::Int(i) => q.bind(*i),
            };
        }
        q
    }
}

pub(crate) fn event_from_row(row: &AnyRow) -> Result<StoredEvent> {
    let kind: EventKind = codec::from_json(&get::<String>(row, "payload")?)?;
    let agency = get::<String>(row, "actor_agency")?;
    Ok(StoredEvent {
        seq: codec::u64_of(get::<i64>(row, "seq")?),
        event: Event {
            case: CaseId::parse(get::<String>(row, "case_id")?).map_err(StoreError::corrupt)?,
            version: codec::u64_of(get::<i64>(row, "version")?),
            kind,
            actor: Actor {
                user: UserName::parse(get::<String>(row, "actor_user")?)
                    .map_err(StoreError::corrupt)?,
                agency: Agency::parse(&agency)
                    .ok_or_else(|| StoreError::corrupt(format!("agency {agency}")))?,
            },
            recorded_at: codec::from_ts(get::<i64>(row, "recorded_at")?)?,
            reason: get::<Option<String>>(row, "reason")?,
        },
    })
}

const EVENT_COLUMNS: &str =
    "seq, case_id, version, event_type, payload, actor_user, actor_agency, recorded_at, reason";

/// The first text after every text that starts with `prefix` (bytewise): the
/// prefix with its last character's successor. None if there is none.
fn prefix_upper(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    let last = chars.pop()?;
    let next = char::from_u32(u32::from(last) + 1)?;
    chars.push(next);
    Some(chars.into_iter().collect())
}

/// The case list's SQL: the filters, the page's start after the cursor, by
/// case id. Every single filter is answered by an index range in case-id
/// order (see migration 0008 and `list_plans` below).
fn list_sql(backend: Backend, filter: &CaseFilter, page: &PageRequest, today: Date) -> Sql {
    let mut sql = Sql::new("SELECT case_id, state FROM cases WHERE 1 = 1");
    let mut conds = filter_conds(backend, filter, today, &mut sql);
    if let Some(after) = &page.after {
        let p = sql.bind(Bind::Text(after.to_string()));
        conds += &format!(" AND case_id > {p}");
    }
    let lim = sql.bind(Bind::Int(i64::from(page.limit) + 1));
    sql.text += &conds;
    sql.text += &format!(" ORDER BY case_id LIMIT {lim}");
    sql
}

/// The filters' conditions (each ` AND …`), their values bound to `sql`.
pub(crate) fn filter_conds(
    backend: Backend,
    filter: &CaseFilter,
    today: Date,
    sql: &mut Sql,
) -> String {
    let mut conds = String::new();
    if let Some(s) = filter.stage {
        let p = sql.bind(Bind::Text(s.code().into()));
        conds += &format!(" AND stage = {p}");
    }
    if let Some(a) = filter.responsible {
        let p = sql.bind(Bind::Text(a.code().into()));
        conds += &format!(" AND responsible = {p}");
    }
    if let Some(d) = filter.destination {
        let p = sql.bind(Bind::Text(d.to_string()));
        conds += &format!(" AND destination = {p}");
    }
    if let Some(ready) = filter.ready {
        let a = sql.bind(Bind::Text(codec::date(today)));
        let b = sql.bind(Bind::Text(codec::date(today)));
        let window = format!(
            "(ready_from IS NOT NULL AND ready_from <= {a} AND (ready_until IS NULL OR ready_until >= {b}))"
        );
        conds += &if ready {
            format!(" AND {window}")
        } else {
            format!(" AND NOT {window}")
        };
    }
    if let Some(d) = filter.detained {
        let p = sql.bind(Bind::Int(i64::from(d)));
        conds += &format!(" AND detained = {p}");
    }
    if let Some(s) = filter.suspended {
        let p = sql.bind(Bind::Int(i64::from(s)));
        conds += &format!(" AND suspended = {p}");
    }
    if let Some(f) = &filter.family {
        let p = sql.bind(Bind::Text(f.to_string()));
        conds += &format!(" AND family_id = {p}");
    }
    if let Some(r) = filter.replan_needed {
        let p = sql.bind(Bind::Int(i64::from(r)));
        conds += &format!(" AND replan_needed = {p}");
    }
    if let Some(prefix) = &filter.id_prefix {
        let len = sql.bind(Bind::Int(
            i64::try_from(prefix.chars().count()).unwrap_or(0),
        ));
        let p = sql.bind(Bind::Text(prefix.clone()));
        conds += &format!(" AND substr(case_id, 1, CAST({len} AS INTEGER)) = {p}");
        // SQLite compares text bytewise, so the ids with a prefix are one
        // range of the primary key: searched, not scanned. (PostgreSQL's
        // collation need not be bytewise; there the substr test alone.)
        if backend == Backend::Sqlite
            && let Some(upper) = prefix_upper(prefix)
        {
            let lo = sql.bind(Bind::Text(prefix.clone()));
            let hi = sql.bind(Bind::Text(upper));
            conds += &format!(" AND case_id >= {lo} AND case_id < {hi}");
        }
    }
    conds
}

impl Store {
    pub async fn case(&self, id: &CaseId) -> Result<Option<Case>> {
        let state: Option<String> =
            sqlx::query_scalar("SELECT state FROM cases WHERE case_id = $1")
                .bind(id.as_str().to_owned())
                .fetch_optional(&self.read)
                .await?;
        state.map(|s| codec::from_json(&s)).transpose()
    }

    /// Every event of a case, oldest first.
    pub async fn history(&self, id: &CaseId) -> Result<Vec<StoredEvent>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE case_id = $1 ORDER BY version"
        )))
        .bind(id.as_str().to_owned())
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// Events after `seq` in log order, at most `limit` (the live feed).
    pub async fn events_since(&self, seq: u64, limit: u32) -> Result<Vec<StoredEvent>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE seq > $1 ORDER BY seq LIMIT $2"
        )))
        .bind(codec::i64_of(seq))
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// The position of the newest event (0 for an empty log).
    pub async fn head_seq(&self) -> Result<u64> {
        let v: i64 = sqlx::query_scalar("SELECT value FROM counters WHERE name = 'event_seq'")
            .fetch_one(&self.read)
            .await?;
        Ok(codec::u64_of(v))
    }

    pub async fn list_cases(
        &self,
        filter: &CaseFilter,
        page: &PageRequest,
        today: Date,
    ) -> Result<CasePage> {
        if page.limit == 0 || page.limit > MAX_PAGE {
            return Err(StoreError::invalid_in(
                "limit",
                "gate.store.limit",
                &[("max", &MAX_PAGE)],
            ));
        }
        let sql = list_sql(self.backend, filter, page, today);
        let rows = sql.query().fetch_all(&self.read).await?;
        let mut cases = rows
            .iter()
            .map(|r| codec::from_json::<Case>(&get::<String>(r, "state")?))
            .collect::<Result<Vec<_>>>()?;
        let next = if cases.len() > page.limit as usize {
            cases.truncate(page.limit as usize);
            cases.last().map(|c| c.id.clone())
        } else {
            None
        };
        Ok(CasePage { cases, next })
    }

    /// Counts per stage, responsible agency, destination and suspension.
    pub async fn stage_counts(&self) -> Result<Vec<StageCount>> {
        let rows = sqlx::query("SELECT stage, responsible, destination, suspended, n FROM stage_counts WHERE n > 0 ORDER BY stage, responsible, destination, suspended")
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|r| {
                let stage = get::<String>(r, "stage")?;
                let resp = get::<String>(r, "responsible")?;
                Ok(StageCount {
                    stage: Stage::parse(&stage)
                        .ok_or_else(|| StoreError::corrupt(format!("stage {stage}")))?,
                    responsible: Agency::parse(&resp)
                        .ok_or_else(|| StoreError::corrupt(format!("agency {resp}")))?,
                    destination: Country::parse(&get::<String>(r, "destination")?)
                        .map_err(StoreError::corrupt)?,
                    suspended: get::<i64>(r, "suspended")? != 0,
                    count: codec::u64_of(get::<i64>(r, "n")?),
                })
            })
            .collect()
    }

    /// The handover inbox of an agency: cases with a handover addressed to it, oldest first.
    pub async fn inbox(&self, agency: Agency, limit: u32) -> Result<Vec<Case>> {
        let rows = sqlx::query("SELECT state FROM cases WHERE pending_to = $1 ORDER BY pending_since, case_id LIMIT $2")
            .bind(agency.code())
            .bind(i64::from(limit.min(MAX_PAGE)))
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|r| codec::from_json(&get::<String>(r, "state")?))
            .collect()
    }

    /// Detained persons, nearest their limit first.
    pub async fn detained(&self, limit: u32) -> Result<Vec<Case>> {
        let rows = sqlx::query("SELECT state FROM cases WHERE detained = 1 ORDER BY detention_limit IS NULL, detention_limit, case_id LIMIT $1")
            .bind(i64::from(limit.min(MAX_PAGE)))
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|r| codec::from_json(&get::<String>(r, "state")?))
            .collect()
    }

    /// Every member of a family.
    pub async fn family(&self, family: &FamilyId) -> Result<Vec<Case>> {
        let rows = sqlx::query("SELECT state FROM cases WHERE family_id = $1 ORDER BY case_id")
            .bind(family.as_str().to_owned())
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|r| codec::from_json(&get::<String>(r, "state")?))
            .collect()
    }

    pub async fn count_cases(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
            .fetch_one(&self.read)
            .await?;
        Ok(codec::u64_of(n))
    }

    pub async fn count_events(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events")
            .fetch_one(&self.read)
            .await?;
        Ok(codec::u64_of(n))
    }
}

#[cfg(test)]
mod list_plans;
